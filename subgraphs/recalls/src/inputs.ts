import { z } from 'zod';
import { uuid, isoDate } from '@dentalpin/core';
import { contactChannel, contactOutcome, recallPriority, recallReason, recallStatus } from './status.ts';

/** A stored enum value of one of status.ts's mappings. */
const oneOf = <S extends string>(mapping: { values: readonly S[] }) => z.enum(mapping.values as [S, ...S[]]);

/** YYYY-MM, the month a recall is due in. */
export const dueMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'is not a month (YYYY-MM)');

/** Input rules, shared by the service (which enforces them) and the tools (which describe them). Enums arrive stored. */
export const createRecallInput = z.object({
  patientId: uuid('patient id').describe('The patient to call back.'),
  reason: oneOf(recallReason).describe('Why the patient should come back.'),
  dueDate: isoDate()
    .nullish()
    .describe("The day the patient should come back (YYYY-MM-DD); without one, today plus the reason's interval."),
  priority: oneOf(recallPriority).nullish().describe('low, normal (default) or high.'),
  note: z.string().trim().max(1000, 'is longer than 1000 characters').nullish().describe('What the call is about.'),
  assignedProfessionalId: uuid('professional id').nullish().describe('The professional who should see the patient.'),
});
export type CreateRecallInput = z.infer<typeof createRecallInput>;

/** A clinic's recall settings: the intervals it changes and the reminder lead time. */
export const recallSettingsInput = z.object({
  intervals: z
    .array(
      z.object({
        reason: oneOf(recallReason),
        months: z.number().int('is not a whole number').min(1, 'is less than 1').max(60, 'is more than 60'),
      }),
    )
    .nullish()
    .refine((l) => !l || new Set(l.map((i) => i.reason)).size === l.length, 'names a reason twice'),
  reminderLeadDays: z
    .number()
    .int('is not a whole number')
    .min(0, 'is less than 0')
    .max(90, 'is more than 90')
    .nullish(),
});

export const logContactInput = z.object({
  id: uuid('recall id').describe('The recall.'),
  channel: oneOf(contactChannel).describe('phone, whatsapp, sms or email.'),
  outcome: z
    .enum(contactOutcome.values)
    .describe('no_answer, voicemail, scheduled (an appointment was booked), declined or wrong_number.'),
  note: z.string().trim().max(1000, 'is longer than 1000 characters').nullish().describe('What was said.'),
});

export const snoozeInput = z.object({
  id: uuid('recall id').describe('The recall.'),
  months: z
    .number()
    .int('is not a whole number')
    .min(1, 'is less than 1')
    .max(24, 'is more than 24')
    .describe('Months to move the due month by, 1–24.'),
});

export const listRecallsInput = z.object({
  status: z.array(oneOf(recallStatus)).nullish(),
  dueMonth: dueMonth.nullish().describe('Only recalls due in this month (YYYY-MM).'),
  patientId: uuid('patient id').nullish().describe('Only this patient.'),
});

export const suggestionInput = z.object({
  patientId: uuid('patient id').describe('The patient who had the treatment.'),
  treatmentCategory: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(50, 'is longer than 50 characters')
    .describe('The catalog category code of the completed treatment (preventive, implants, surgery, …).'),
});
