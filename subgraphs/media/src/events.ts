import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { MediaService } from './service/index.ts';

const id = z.string().uuid();
const document = { document_id: id, patient_id: id };
const link = { attachment_id: id, document_id: id, owner_type: z.string(), owner_id: id, patient_id: id };

/** Events this module owns; the patient timeline shows them to readers of the permission. */
export const events: Record<string, EventDeclaration> = {
  'document.uploaded': {
    payload: eventPayload({ ...document, document_type: z.string(), kind: z.string(), title: z.string() }),
    permission: 'documents.read',
  },
  /** `changes`: the names of the fields that changed. */
  'document.updated': {
    payload: eventPayload({ ...document, changes: z.array(z.string()) }),
    permission: 'documents.read',
  },
  'document.archived': { payload: eventPayload(document), permission: 'documents.read' },
  'media.pair_created': {
    payload: eventPayload({ patient_id: id, document_a_id: id, document_b_id: id }),
    permission: 'documents.read',
  },
  'media.pair_removed': {
    payload: eventPayload({ ...document, former_partner_id: id }),
    permission: 'documents.read',
  },
  'media.attachment_linked': { payload: eventPayload(link), permission: 'attachments.read' },
  'media.attachment_unlinked': { payload: eventPayload(link), permission: 'attachments.read' },
};

/** An archived patient's documents are archived with them (kept, out of every list). */
export const eventHandlers: Record<string, EventHandler> = {
  'patient.archived': async (event, ctx) => {
    const { patient_id } = event.payload as { patient_id: string };
    await new MediaService(ctx).archiveForPatient(patient_id);
  },
};
