import { z } from 'zod';
import { eventPayload, type EventDeclaration } from '@dentalpin/core';
import { noteOwnerType } from './status.ts';

const uuid = z.string().uuid();
/** Owner types in payloads are the GraphQL values (`APPOINTMENT`). */
const ownerType = z.enum(noteOwnerType.values.map(noteOwnerType.toGraphQL));
const note = { note_id: uuid, patient_id: uuid, owner_type: ownerType, owner_id: uuid };

/** Both carry clinical detail (the excerpt, the tooth): only holders of notes.read see them. */
export const events: Record<string, EventDeclaration> = {
  'clinical_note.created': {
    payload: eventPayload({
      ...note,
      tooth_number: z.number().int().nullable(),
      author_id: uuid,
      body_excerpt: z.string().max(200),
    }),
    permission: 'notes.read',
  },
  'clinical_note.deleted': {
    payload: eventPayload({ ...note, deleted_by: uuid }),
    permission: 'notes.read',
  },
};
