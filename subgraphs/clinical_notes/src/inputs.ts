import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { noteOwnerType } from './status.ts';

/** FDI numbers: quadrants 1–4 teeth 1–8 (permanent), quadrants 5–8 teeth 1–5 (deciduous); 52 in all. */
export const isFdiTooth = (n: number): boolean => {
  const quadrant = Math.floor(n / 10);
  const tooth = n % 10;
  return Number.isInteger(n) && quadrant >= 1 && quadrant <= 8 && tooth >= 1 && tooth <= (quadrant <= 4 ? 8 : 5);
};

export const noteBody = z.string().trim().min(1, 'is required').max(20000, 'is longer than 20000 characters');

export const createClinicalNoteInput = z.object({
  patientId: uuid('patient id'),
  ownerType: z.enum(noteOwnerType.values, { error: 'must be PATIENT, TREATMENT, PLAN or APPOINTMENT' }),
  ownerId: uuid('owner id').nullish(),
  toothNumber: z
    .number()
    .int('must be a whole number')
    .refine(isFdiTooth, 'is not an FDI tooth number (11–18, 21–28, 31–38, 41–48, 51–55, 61–65, 71–75, 81–85)')
    .nullish(),
  body: noteBody,
});
export type CreateClinicalNoteInput = z.infer<typeof createClinicalNoteInput>;

export const noteTemplateInput = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
  body: noteBody,
});
export type NoteTemplateInput = z.infer<typeof noteTemplateInput>;
