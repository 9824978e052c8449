import { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import type { ClinicalNote, NoteTemplate } from './entities.ts';
import { createClinicalNoteInput } from './inputs.ts';
import { ClinicalNoteService, NoteTemplateService } from './service.ts';
import { noteOwnerType } from './status.ts';

const { toGraphQL, fromGraphQL } = noteOwnerType;
const OWNER_TYPES = noteOwnerType.values.map(toGraphQL);

/** How a note looks to an agent (owner types as GraphQL names). */
const view = (n: ClinicalNote) => ({
  id: n.id,
  patientId: n.patientId,
  ownerType: toGraphQL(n.ownerType),
  ownerId: n.ownerId,
  toothNumber: n.toothNumber ?? null,
  body: n.body,
  authorId: n.authorId,
  createdAt: n.createdAt,
});
const NOTE_SHAPE = '{ id, patientId, ownerType, ownerId, toothNumber, body, authorId, createdAt }';
const templateView = (t: NoteTemplate) => ({ id: t.id, name: t.name, body: t.body });

const patientId = createClinicalNoteInput.shape.patientId.describe(
  'The patient id (patients.search_patients finds it).',
);
const ownerType = z
  .enum(OWNER_TYPES, { error: `must be one of ${OWNER_TYPES.join(', ')}` })
  .describe('What the note is written on: PATIENT, TREATMENT, PLAN or APPOINTMENT.');
const ownerId = createClinicalNoteInput.shape.ownerId;

const listClinicalNotes = defineTool({
  name: 'list_clinical_notes',
  description:
    'The clinical notes of one patient of the current clinic, newest first (deleted notes are not shown), ' +
    `optionally only those on one owner type and owner. Returns [${NOTE_SHAPE}]. ` +
    'Errors: BAD_USER_INPUT (malformed id or owner type).',
  parameters: z.strictObject({
    patientId,
    ownerType: ownerType.optional(),
    ownerId: ownerId.describe('Only the notes on this record (an appointment id, a treatment id…).'),
  }),
  permissions: ['clinical_notes.notes.read'],
  category: 'READ',
  async handler(ctx, params) {
    const notes = await new ClinicalNoteService(ctx).list({
      patientId: params.patientId,
      ownerType: params.ownerType ? fromGraphQL(params.ownerType) : null,
      ownerId: params.ownerId ?? null,
    });
    return notes.map(view);
  },
});

const createClinicalNote = defineTool({
  name: 'create_clinical_note',
  description:
    'Write a clinical note, authored by the caller, on a patient of the current clinic, or on one of their ' +
    'appointments, treatments or plans (ownerType + ownerId), optionally about one tooth (FDI number: ' +
    '11–18, 21–28, 31–38, 41–48 permanent, 51–55, 61–65, 71–75, 81–85 deciduous). For ownerType PATIENT ' +
    'leave ownerId out. list_note_templates offers texts to start from. Returns the note ' +
    `${NOTE_SHAPE}. Errors: NOT_FOUND (patient or appointment), BAD_USER_INPUT (empty body, tooth not FDI, ` +
    'missing ownerId, an appointment of another patient).',
  parameters: z.strictObject({
    patientId,
    ownerType,
    ownerId: ownerId.describe('The appointment, treatment or plan id (not for PATIENT).'),
    toothNumber: createClinicalNoteInput.shape.toothNumber.describe('FDI tooth number, when about one tooth.'),
    body: createClinicalNoteInput.shape.body.describe('The note text.'),
  }),
  permissions: ['clinical_notes.notes.write'],
  category: 'WRITE',
  graphqlMutations: ['createClinicalNote'],
  async handler(ctx, params) {
    return view(await new ClinicalNoteService(ctx).create({ ...params, ownerType: fromGraphQL(params.ownerType) }));
  },
});

const deleteClinicalNote = defineTool({
  name: 'delete_clinical_note',
  description:
    'Delete a clinical note of the current clinic (soft: it is kept in the record, hidden from every list). ' +
    'Only its author or an administrator may. Returns the deleted note ' +
    `${NOTE_SHAPE}. Errors: NOT_FOUND (no such live note), FORBIDDEN (not the author), BAD_USER_INPUT.`,
  parameters: z.strictObject({ noteId: z.string().describe('The note id (from list_clinical_notes).') }),
  permissions: ['clinical_notes.notes.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['deleteClinicalNote'],
  async handler(ctx, params) {
    return view(await new ClinicalNoteService(ctx).delete(params.noteId));
  },
});

const listNoteTemplates = defineTool({
  name: 'list_note_templates',
  description:
    'The note templates of the current clinic, by name: texts to start a clinical note from. ' +
    'Returns [{ id, name, body }].',
  parameters: z.strictObject({}),
  permissions: ['clinical_notes.notes.read'],
  category: 'READ',
  async handler(ctx) {
    return (await new NoteTemplateService(ctx).list()).map(templateView);
  },
});

export const tools: Tool[] = [listClinicalNotes, createClinicalNote, deleteClinicalNote, listNoteTemplates] as Tool[];

const TEMPLATE_SETUP =
  'Note templates are clinic set-up (clinical_notes.templates.write, dentists and admins): the wording a ' +
  'clinic writes its notes in is decided by its clinicians in the settings, not by an agent.';

/** Mutations deliberately left to people (checked by tests/integration/agent-contract.test.ts). */
export const toolExemptions: Readonly<Record<string, string>> = {
  createNoteTemplate: TEMPLATE_SETUP,
  updateNoteTemplate: TEMPLATE_SETUP,
  deleteNoteTemplate: TEMPLATE_SETUP,
};
