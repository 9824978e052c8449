import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { noteOwnerType } from './status.ts';

/** A clinical note. Never hard-deleted: deleting sets `deletedAt`/`deletedBy` and hides it. */
export const ClinicalNote = defineEntity({
  name: 'ClinicalNote',
  tableName: 'clinical_notes',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    ownerType: p.enum([...noteOwnerType.values]),
    // No foreign key: the owner lives in another module (which may not be installed).
    ownerId: p.uuid(),
    toothNumber: p.smallint().nullable(),
    body: p.text(),
    authorId: p.uuid(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    deletedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type ClinicalNote = InferEntity<typeof ClinicalNote>;

/** A clinic's reusable note text (e.g. an endodontics visit skeleton). */
export const NoteTemplate = defineEntity({
  name: 'NoteTemplate',
  tableName: 'clinical_note_templates',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    name: p.string().length(120),
    body: p.text(),
    ...timestamps(p),
  }),
});
export type NoteTemplate = InferEntity<typeof NoteTemplate>;

export const ENTITIES = [ClinicalNote, NoteTemplate];
