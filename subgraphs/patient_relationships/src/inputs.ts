import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { relationshipType } from './status.ts';

const type = z.enum(relationshipType.values as unknown as [string, ...string[]]) as z.ZodType<
  (typeof relationshipType.values)[number]
>;
const notes = z.string().trim().max(1000, 'is longer than 1000 characters');

/** Input rules, shared by the service (which enforces them) and the tools (which describe them). Enums arrive stored. */
export const addRelationshipInput = z.object({
  patientId: uuid('patient id').describe('The patient whose family is being recorded.'),
  relatedPatientId: uuid('patient id').describe('The other patient of the same clinic.'),
  type: type.describe(
    'What the related patient is to the patient: parent, child, guardian, ward, grandparent, grandchild, spouse, sibling or other.',
  ),
  notes: notes
    .nullish()
    .describe('Anything worth knowing about the link (who pays, who to call), up to 1000 characters.'),
});

export const updateRelationshipInput = z.object({
  id: uuid('relationship id').describe('The link to change.'),
  patientId: uuid('patient id').describe('The side the type is read from (one of the two patients of the link).'),
  type: type.nullish().describe('The new type, as seen from patientId; unchanged when left out.'),
  notes: notes.nullish().describe('New notes; an empty string or null clears them; unchanged when left out.'),
});

export const removeRelationshipInput = z.object({
  id: uuid('relationship id').describe('The link to remove (it is kept in history, not deleted).'),
});
