import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { makeThumbnail } from './thumbnails.ts';
import {
  DomainError,
  groupedBy,
  inOrder,
  isUuid,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  uuidArg,
  withEm,
  type ServiceContext,
} from '@dentalpin/core';
import { Document, MediaAttachment, MediaOwnerType } from '../entities.ts';
import { attachDocumentInput, updateDocumentInput, uploadFields } from '../inputs.ts';
import { MediaPatientDocument } from '../generated/operations.ts';
import { documentType, type DocumentType } from '../status.ts';
import type { SniffedType } from './sniff.ts';
import type { MediaStore } from './store.ts';

/** A file received in full, checked (size, sniffed type) and waiting in the store's temporary folder. */
export interface ReceivedFile {
  temporaryPath: string;
  sizeBytes: number;
  type: SniffedType;
  originalFilename: string | null;
}

export interface DocumentFilter {
  documentType?: DocumentType | null;
  tag?: string | null;
  includeArchived?: boolean | null;
}

/** Patient documents and images of the caller's clinic: metadata, pairing and attachments. */
export class MediaService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  async list(patientId: string, filter: DocumentFilter = {}): Promise<Document[]> {
    uuidArg('patientId', patientId, 'patient id');
    const tag = filter.tag?.trim().toLowerCase();
    return this.ctx.em.find(
      Document,
      {
        clinicId: this.clinicId,
        patientId,
        ...(filter.includeArchived ? {} : { status: 'active' as const }),
        ...(filter.documentType ? { documentType: filter.documentType } : {}),
        ...(tag ? { tags: { $contains: [tag] } } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
  }

  async get(id: string): Promise<Document | null> {
    uuidArg('id', id, 'document id');
    return this.ctx.em.findOne(Document, { id, clinicId: this.clinicId });
  }

  async require(id: string): Promise<Document> {
    const document = await this.get(id);
    if (!document) throw notFound('Document', id);
    return document;
  }

  async getMany(ids: readonly string[]): Promise<(Document | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.ctx.em.find(Document, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    return inOrder(ids, rows, (d) => d.id);
  }

  /** Active documents per patient, newest first (Patient.documents). */
  async forPatients(patientIds: readonly string[]): Promise<Document[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          Document,
          { clinicId: this.clinicId, patientId: { $in: valid }, status: 'active' },
          { orderBy: { createdAt: 'desc', id: 'asc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (d) => d.patientId);
  }

  async attachmentsOf(documentIds: readonly string[]): Promise<MediaAttachment[][]> {
    const rows = await this.ctx.em.find(
      MediaAttachment,
      { clinicId: this.clinicId, documentId: { $in: [...documentIds] } },
      { orderBy: { displayOrder: 'asc', createdAt: 'asc' } },
    );
    return groupedBy(documentIds, rows, (a) => a.documentId);
  }

  /** Active documents attached to one record of another module, in display order. */
  async attachedTo(ownerType: string, ownerId: string): Promise<Document[]> {
    uuidArg('ownerId', ownerId, 'owner id');
    const links = await this.ctx.em.find(
      MediaAttachment,
      { clinicId: this.clinicId, ownerType, ownerId },
      { orderBy: { displayOrder: 'asc', createdAt: 'asc' } },
    );
    if (!links.length) return [];
    const documents = await this.ctx.em.find(Document, {
      clinicId: this.clinicId,
      id: { $in: links.map((l) => l.documentId) },
      status: 'active',
    });
    return links.flatMap((l) => documents.find((d) => d.id === l.documentId) ?? []);
  }

  ownerTypes(): Promise<MediaOwnerType[]> {
    return this.ctx.em.find(MediaOwnerType, {}, { orderBy: { code: 'asc' } });
  }

  /**
   * Files an upload: the patient must be an active patient of the clinic; the content moves into the
   * store under its key, then the row and its event are written in one transaction. If that write
   * fails, the stored content is removed again, so no file outlives a refusal.
   */
  async registerUpload(fields: Record<string, unknown>, file: ReceivedFile, store: MediaStore): Promise<Document> {
    const input = parseInput(uploadFields, fields);
    await this.requireActivePatient(input.patientId);
    const id = randomUUID();
    const month = new Date().toISOString().slice(0, 7);
    const storageKey = `${this.clinicId}/${input.patientId}/${month}/${id}.${file.type.extension}`;
    // Images get a preview; an image the library cannot decode (HEIC without its codec) is kept without one.
    const thumbnailPath = file.type.kind === 'image' ? await store.temporaryPath(`${id}.thumb.jpg`) : null;
    const thumbnailKey =
      thumbnailPath && (await makeThumbnail(file.temporaryPath, thumbnailPath)) ? `${storageKey}.thumb.jpg` : null;
    const adopted: string[] = [];
    try {
      await store.adopt(file.temporaryPath, storageKey);
      adopted.push(storageKey);
      if (thumbnailKey && thumbnailPath) {
        await store.adopt(thumbnailPath, thumbnailKey);
        adopted.push(thumbnailKey);
      }
      return await this.ctx.em.transactional(async (em) => {
        const document = em.create(Document, {
          id,
          clinicId: this.clinicId,
          patientId: input.patientId,
          documentType: documentType.fromGraphQL(input.documentType),
          kind: file.type.kind,
          title: input.title ?? file.originalFilename ?? `${input.documentType.toLowerCase()} ${month}`,
          originalFilename: file.originalFilename,
          storageKey,
          thumbnailKey,
          mimeType: file.type.mimeType,
          sizeBytes: file.sizeBytes,
          tags: [],
          status: 'active',
          uploadedBy: this.ctx.identity.userId,
        });
        await em.flush();
        await publish(em, 'document.uploaded', {
          clinic_id: this.clinicId,
          document_id: document.id,
          patient_id: document.patientId,
          document_type: documentType.toGraphQL(document.documentType),
          kind: document.kind,
          title: document.title,
        });
        return document;
      });
    } catch (e) {
      // Nothing stays in the store for a document that was not recorded.
      for (const key of adopted) await store.remove(key).catch(() => undefined);
      throw e;
    } finally {
      if (thumbnailPath) await rm(thumbnailPath, { force: true });
    }
  }

  private async requireActivePatient(patientId: string): Promise<void> {
    const { patient } = await this.ctx.query(MediaPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    if (patient.status !== 'ACTIVE')
      throw new DomainError('CONFLICT', 'The patient is archived; reactivate the patient before adding documents.');
  }

  async update(id: string, raw: unknown): Promise<Document> {
    const input = parseInput(updateDocumentInput, raw);
    return this.ctx.em.transactional(async (em) => {
      const document = await this.requireActive(em, id);
      const changes: string[] = [];
      if (input.title != null && input.title !== document.title) {
        document.title = input.title;
        changes.push('title');
      }
      if (input.documentType != null && input.documentType !== document.documentType) {
        document.documentType = input.documentType;
        changes.push('documentType');
      }
      if (input.tags != null) {
        document.tags = input.tags;
        changes.push('tags');
      }
      if (changes.length)
        await publish(em, 'document.updated', {
          clinic_id: this.clinicId,
          document_id: document.id,
          patient_id: document.patientId,
          changes,
        });
      await em.flush();
      return document;
    });
  }

  /** Soft delete: out of every list, pair undone, the row and the file kept. */
  async archive(id: string): Promise<Document> {
    return this.ctx.em.transactional(async (em) => {
      const document = await new MediaService(withEm(this.ctx, em)).require(id);
      if (document.status === 'archived')
        throw new DomainError('ALREADY_IN_STATE', 'The document is already archived.');
      await this.archiveRow(em, document);
      return document;
    });
  }

  /** Archives every active document of a patient (the patient was archived). Idempotent. */
  async archiveForPatient(patientId: string): Promise<number> {
    const documents = await this.ctx.em.find(Document, {
      clinicId: this.clinicId,
      patientId,
      status: 'active',
    });
    for (const document of documents) await this.archiveRow(this.ctx.em, document);
    return documents.length;
  }

  private async archiveRow(em: ServiceContext['em'], document: Document): Promise<void> {
    if (document.pairedDocumentId) await this.unpairRow(em, document);
    document.status = 'archived';
    await em.flush();
    await publish(em, 'document.archived', {
      clinic_id: this.clinicId,
      document_id: document.id,
      patient_id: document.patientId,
    });
  }

  /** Pairs two active images of the same patient as before/after; an earlier pair of either is undone. */
  async pair(id: string, otherId: string): Promise<Document> {
    uuidArg('otherId', otherId, 'document id');
    if (id === otherId)
      throw new DomainError('BAD_USER_INPUT', 'A document cannot be paired with itself; pick another.');
    return this.ctx.em.transactional(async (em) => {
      const [a, b] = [await this.requireActive(em, id), await this.requireActive(em, otherId)];
      if (a.patientId !== b.patientId)
        throw new DomainError('BAD_USER_INPUT', 'Only documents of the same patient can be paired.');
      if (a.kind !== 'image' || b.kind !== 'image')
        throw new DomainError('BAD_USER_INPUT', 'Only images can be paired as before/after; PDFs cannot.');
      if (a.pairedDocumentId === b.id) return a;
      for (const d of [a, b]) if (d.pairedDocumentId) await this.unpairRow(em, d);
      a.pairedDocumentId = b.id;
      b.pairedDocumentId = a.id;
      await em.flush();
      await publish(em, 'media.pair_created', {
        clinic_id: this.clinicId,
        patient_id: a.patientId,
        document_a_id: a.id,
        document_b_id: b.id,
      });
      return a;
    });
  }

  async unpair(id: string): Promise<Document> {
    return this.ctx.em.transactional(async (em) => {
      const document = await this.requireActive(em, id);
      if (!document.pairedDocumentId)
        throw new DomainError('ALREADY_IN_STATE', 'The document is not paired with another.');
      await this.unpairRow(em, document);
      return document;
    });
  }

  private async unpairRow(em: ServiceContext['em'], document: Document): Promise<void> {
    const partnerId = document.pairedDocumentId!;
    const partner = await em.findOne(Document, { id: partnerId, clinicId: this.clinicId });
    document.pairedDocumentId = null;
    if (partner?.pairedDocumentId === document.id) partner.pairedDocumentId = null;
    await em.flush();
    await publish(em, 'media.pair_removed', {
      clinic_id: this.clinicId,
      patient_id: document.patientId,
      document_id: document.id,
      former_partner_id: partnerId,
    });
  }

  /**
   * Attaches a document to a record of another module. The owner type must be registered; an owner of
   * type `patient` must be the document's own patient (other owners are other modules' records, which
   * this module cannot read without depending on them).
   */
  async attach(raw: unknown): Promise<MediaAttachment> {
    const input = parseInput(attachDocumentInput, raw);
    return this.ctx.em.transactional(async (em) => {
      const document = await this.requireActive(em, input.documentId);
      if (!(await em.findOne(MediaOwnerType, { code: input.ownerType }))) {
        const known = (await em.find(MediaOwnerType, {}, { orderBy: { code: 'asc' } })).map((t) => t.code);
        throw new DomainError(
          'BAD_USER_INPUT',
          `"${input.ownerType}" is not a registered attachment owner type; use one of ${known.join(', ')}.`,
        );
      }
      if (input.ownerType === 'patient' && input.ownerId !== document.patientId)
        throw new DomainError('BAD_USER_INPUT', "A document can only be attached to its own patient's record.");
      const attachment = em.create(MediaAttachment, {
        clinicId: this.clinicId,
        documentId: document.id,
        ownerType: input.ownerType,
        ownerId: input.ownerId,
        displayOrder: input.displayOrder ?? 0,
      });
      try {
        await em.flush();
      } catch (e) {
        if (pgErrorCode(e) === '23505')
          throw new DomainError('CONFLICT', 'The document is already attached to that record.');
        throw e;
      }
      await publish(em, 'media.attachment_linked', this.linkPayload(attachment, document));
      return attachment;
    });
  }

  /** Removes one attachment link (the document itself stays); returns the document. */
  async detach(attachmentId: string): Promise<Document> {
    uuidArg('id', attachmentId, 'attachment id');
    return this.ctx.em.transactional(async (em) => {
      const attachment = await em.findOne(MediaAttachment, { id: attachmentId, clinicId: this.clinicId });
      if (!attachment) throw notFound('MediaAttachment', attachmentId);
      const document = await new MediaService(withEm(this.ctx, em)).require(attachment.documentId);
      em.remove(attachment);
      await em.flush();
      await publish(em, 'media.attachment_unlinked', this.linkPayload(attachment, document));
      return document;
    });
  }

  private linkPayload(attachment: MediaAttachment, document: Document) {
    return {
      clinic_id: this.clinicId,
      attachment_id: attachment.id,
      document_id: document.id,
      owner_type: attachment.ownerType,
      owner_id: attachment.ownerId,
      patient_id: document.patientId,
    };
  }

  private async requireActive(em: ServiceContext['em'], id: string): Promise<Document> {
    const document = await new MediaService(withEm(this.ctx, em)).require(id);
    if (document.status !== 'active')
      throw new DomainError('CONFLICT', 'The document is archived; archived documents cannot be changed.');
    return document;
  }
}
