import { z } from 'zod';
import { uuid, isoDate } from '@dentalpin/core';
import { allergySeverity, allergyType } from './status.ts';

export const patientId = uuid('patient id');
export const recordId = uuid('record id');

const required = (max: number) => z.string().trim().min(1, 'is required').max(max, `is longer than ${max} characters`);
/** Optional text: an empty string clears it (stored as null). */
const optionalText = (max: number, extra?: (s: z.ZodString) => z.ZodString) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .pipe(extra ? extra(z.string()).nullable() : z.string().nullable())
    .nullish();
const phone = (s: z.ZodString) => s.regex(/^\+?[0-9 ()./-]{6,20}$/, 'is not a phone number');
const pastDate = isoDate()
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'cannot be in the future')
  .nullish();
const inrValue = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be a decimal string such as "2.5"')
  .refine((v) => Number(v) >= 0.5 && Number(v) <= 15, 'must be between 0.5 and 15')
  // As numeric(4,2) returns it, so that an unchanged value compares equal in the audit trail.
  .transform((v) => Number(v).toFixed(2))
  .nullish();
export const removalReason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(1000);

// Input schemas carry no defaults: the update schemas are their partial forms, and an omitted field
// there must mean "unchanged". Defaults are applied on create (CREATE_DEFAULTS).
export const allergyInput = z.object({
  substance: required(200),
  // Stored values: GraphQL maps MEDICATION… to them, the agent tools convert their parameters.
  type: z.enum(allergyType.values).optional(),
  severity: z.enum(allergySeverity.values).optional(),
  reaction: optionalText(2000),
  notes: optionalText(5000),
});
export const medicationInput = z.object({
  name: required(200),
  dosage: optionalText(100),
  frequency: optionalText(100),
  startDate: pastDate,
  isAnticoagulant: z.boolean().optional(),
  inrValue,
  inrDate: pastDate,
  notes: optionalText(5000),
});
export const systemicDiseaseInput = z.object({
  name: required(200),
  diagnosisDate: pastDate,
  isControlled: z.boolean().nullish(),
  isCritical: z.boolean().optional(),
  notes: optionalText(5000),
});
export const surgicalProcedureInput = z.object({
  procedure: required(200),
  surgeryDate: pastDate,
  complications: optionalText(5000),
  notes: optionalText(5000),
});
export const medicalContextInput = z.object({
  isPregnant: z.boolean().optional(),
  pregnancyWeek: z.number().int().min(1, 'must be between 1 and 42').max(42, 'must be between 1 and 42').nullish(),
  isLactating: z.boolean().optional(),
  isSmoker: z.boolean().optional(),
  smokingFrequency: optionalText(100),
  alcoholConsumption: optionalText(100),
  bruxism: z.boolean().optional(),
  anesthesiaAdverseReaction: z.boolean().optional(),
  anesthesiaReactionDetails: optionalText(2000),
  notes: optionalText(5000),
});
export const emergencyContactInput = z.object({
  name: required(200),
  relationship: optionalText(100),
  phone: z.string().trim().pipe(phone(z.string())),
  email: optionalText(255, (s) => s.email('is not an email address')),
  isLegalGuardian: z.boolean().optional(),
});
export const legalGuardianInput = z.object({
  name: required(200),
  relationship: required(100),
  nationalId: optionalText(50),
  phone: optionalText(20, phone),
  email: optionalText(255, (s) => s.email('is not an email address')),
  address: optionalText(1000),
  notes: optionalText(5000),
});
