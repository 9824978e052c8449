import { z } from 'zod';
import { uuid } from '@dentalpin/core';
import { ARCHES, BRIDGE_ROLES, TREATMENT_SCOPES } from './entities.ts';
import { treatmentStatus } from './status.ts';
import { CONDITIONS, SURFACES, isFdiTooth } from './service/teeth.ts';

/** Enum values are the stored lowercase ones (GraphQL and the tools map their UPPER names to them). */

export const patientId = uuid('patient id');
export const treatmentId = uuid('treatment id');
export const toothNumber = z
  .number()
  .int('must be a whole number')
  .refine(isFdiTooth, 'is not an FDI tooth number (11–18, 21–28, 31–38, 41–48; deciduous 51–55, 61–65, 71–75, 81–85)');
const notes = z
  .string()
  .trim()
  .max(5000, 'is longer than 5000 characters')
  .transform((s) => s || null)
  .nullish();

export const surfaceConditionInput = z.object({ surface: z.enum(SURFACES), condition: z.enum(CONDITIONS) });

export const setToothConditionInput = z
  .object({
    patientId,
    toothNumber,
    condition: z.enum(CONDITIONS).nullish(),
    surfaces: z
      .array(surfaceConditionInput)
      .max(5, 'lists at most the five surfaces')
      .refine((s) => new Set(s.map((x) => x.surface)).size === s.length, 'lists a surface twice')
      .nullish(),
    notes,
  })
  .refine((i) => i.condition != null || i.surfaces?.length || i.notes !== undefined, {
    message: 'needs a condition, surfaces or notes to change',
  });

export const treatmentToothInput = z.object({
  toothNumber,
  role: z.enum(BRIDGE_ROLES).nullish(),
  surfaces: z
    .array(z.enum(SURFACES))
    .refine((s) => new Set(s).size === s.length, 'lists a surface twice')
    .nullish(),
});

export const addTreatmentInput = z.object({
  patientId,
  catalogItemId: uuid('catalog item id').nullish(),
  clinicalType: z.string().trim().min(1, 'is required').max(40, 'is longer than 40 characters').nullish(),
  scope: z.enum(TREATMENT_SCOPES).nullish(),
  arch: z.enum(ARCHES).nullish(),
  teeth: z
    .array(treatmentToothInput)
    .max(32, 'lists more than 32 teeth')
    .refine((t) => new Set(t.map((x) => x.toothNumber)).size === t.length, 'lists the same tooth twice')
    .nullish(),
  status: z
    .enum(treatmentStatus.values)
    .nullish()
    .transform((s) => s ?? 'planned'),
  notes,
});
export type AddTreatmentInput = z.output<typeof addTreatmentInput>;
