import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import type { Document, MediaAttachment } from './entities.ts';
import { attachDocumentInput, documentId, documentTypeName, patientId, updateDocumentInput } from './inputs.ts';
import { MediaService } from './service/index.ts';
import { documentStatus, documentType, mediaKind } from './status.ts';

/** How a document looks to an agent: GraphQL names, no storage key, no link (links are for people). */
const summary = (d: Document) => ({
  id: d.id,
  patientId: d.patientId,
  title: d.title,
  documentType: documentType.toGraphQL(d.documentType),
  kind: mediaKind.toGraphQL(d.kind),
  mimeType: d.mimeType,
  sizeBytes: d.sizeBytes,
  tags: d.tags,
  status: documentStatus.toGraphQL(d.status),
  pairedDocumentId: d.pairedDocumentId,
  createdAt: d.createdAt,
});
const attachmentSummary = (a: MediaAttachment) => ({
  id: a.id,
  documentId: a.documentId,
  ownerType: a.ownerType,
  ownerId: a.ownerId,
  displayOrder: a.displayOrder,
});
const id = documentId.describe('The document id (a UUID).');

const listDocuments = defineTool({
  name: 'list_patient_documents',
  description:
    "List a patient's documents and images (consents, X-rays, photos, reports), newest first: id, title, " +
    'documentType, kind (DOCUMENT or IMAGE), mimeType, sizeBytes, tags, status and the paired document. ' +
    'Archived ones only with includeArchived. Read-only; it does not return the files.',
  parameters: z.strictObject({
    patientId: patientId.describe('The patient id (a UUID).'),
    documentType: documentTypeName.optional().describe('Only this type (CONSENT, XRAY, PHOTO…).'),
    tag: z.string().max(40).optional().describe('Only documents carrying this tag.'),
    includeArchived: z.boolean().optional().describe('Also list archived documents.'),
  }),
  permissions: ['media.documents.read'],
  category: 'READ',
  async handler(ctx, params) {
    const rows = await new MediaService(ctx).list(params.patientId, {
      ...params,
      documentType: params.documentType ? documentType.fromGraphQL(params.documentType) : null,
    });
    return rows.map(summary);
  },
});

const updateDocument = defineTool({
  name: 'update_document',
  description:
    "Change a document's title, type or tags (tags replace the current ones; lower-cased, at most 20). " +
    'Archived documents cannot be changed (CONFLICT). Returns the document.',
  parameters: z.strictObject({
    documentId: id,
    title: updateDocumentInput.shape.title.describe('New title, 1-255 characters.'),
    documentType: documentTypeName
      .optional()
      .describe('New type: CONSENT, ID_SCAN, INSURANCE, REPORT, REFERRAL, XRAY, PHOTO or OTHER.'),
    tags: updateDocumentInput.shape.tags.describe('The full list of tags, e.g. ["ortho", "2026"].'),
  }),
  permissions: ['media.documents.write'],
  category: 'WRITE',
  graphqlMutations: ['updateDocument'],
  async handler(ctx, { documentId: target, documentType: type, ...rest }) {
    const input = { ...rest, documentType: type ? documentType.fromGraphQL(type) : null };
    return summary(await new MediaService(ctx).update(target, input));
  },
});

const pairDocuments = defineTool({
  name: 'pair_documents',
  description:
    'Pair two images of the same patient as before/after (e.g. a smile before and after whitening). An earlier ' +
    'pair of either image is undone. PDFs cannot be paired. Returns the first document.',
  parameters: z.strictObject({ documentId: id, otherDocumentId: documentId.describe('The other image (a UUID).') }),
  permissions: ['media.documents.write'],
  category: 'WRITE',
  graphqlMutations: ['pairDocuments'],
  async handler(ctx, params) {
    return summary(await new MediaService(ctx).pair(params.documentId, params.otherDocumentId));
  },
});

const unpairDocument = defineTool({
  name: 'unpair_document',
  description: 'Undo the before/after pair of a document (both sides). Returns the document.',
  parameters: z.strictObject({ documentId: id }),
  permissions: ['media.documents.write'],
  category: 'WRITE',
  graphqlMutations: ['unpairDocument'],
  async handler(ctx, params) {
    return summary(await new MediaService(ctx).unpair(params.documentId));
  },
});

const attachDocument = defineTool({
  name: 'attach_document',
  description:
    'Attach a document to a record of another module (ownerType: patient, appointment, treatment, ' +
    'treatment_plan, clinical_note, or another registered type). Attaching twice is a CONFLICT. Returns the attachment.',
  parameters: z.strictObject({
    documentId: id,
    ownerType: attachDocumentInput.shape.ownerType.describe('The registered owner type, e.g. appointment.'),
    ownerId: attachDocumentInput.shape.ownerId.describe('The id of the record (a UUID).'),
    displayOrder: attachDocumentInput.shape.displayOrder.describe('Position among its attachments, from 0.'),
  }),
  permissions: ['media.attachments.write'],
  category: 'WRITE',
  graphqlMutations: ['attachDocument'],
  async handler(ctx, params) {
    return attachmentSummary(await new MediaService(ctx).attach(params));
  },
});

const detachDocument = defineTool({
  name: 'detach_document',
  description: 'Remove one attachment link (by attachment id); the document itself stays. Returns the document.',
  parameters: z.strictObject({ attachmentId: z.string().describe('The attachment id (a UUID).') }),
  permissions: ['media.attachments.write'],
  category: 'WRITE',
  graphqlMutations: ['detachDocument'],
  async handler(ctx, params) {
    return summary(await new MediaService(ctx).detach(params.attachmentId));
  },
});

export const tools: Tool[] = [
  listDocuments,
  updateDocument,
  pairDocuments,
  unpairDocument,
  attachDocument,
  detachDocument,
] as Tool[];

export const toolExemptions = {
  archiveDocument:
    'Archiving takes a clinical document (a signed consent, an X-ray) out of every list; it stays a human decision in the UI.',
};
