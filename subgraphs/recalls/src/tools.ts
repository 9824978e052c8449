import { z } from 'zod';
import { defineTool, notFound, type Tool } from '@dentalpin/core';
import type { Recall } from './entities.ts';
import { createRecallInput, listRecallsInput, logContactInput, snoozeInput } from './inputs.ts';
import { isoDay, RecallsService } from './service/index.ts';
import { contactChannel, contactOutcome, recallPriority, recallReason, recallStatus } from './status.ts';

/** How a recall looks to an agent (GraphQL enum names, due month YYYY-MM). */
const view = (r: Recall) => ({
  id: r.id,
  patientId: r.patientId,
  reason: recallReason.toGraphQL(r.reason),
  reasonNote: r.reasonNote ?? null,
  priority: recallPriority.toGraphQL(r.priority),
  status: recallStatus.toGraphQL(r.status),
  allowedNextStatuses: recallStatus.allowedFrom(r.status),
  dueMonth: isoDay(r.dueMonth).slice(0, 7),
  dueDate: r.dueDate ? isoDay(r.dueDate) : null,
  contactAttemptCount: r.contactAttemptCount,
  lastContactAttemptAt: r.lastContactAttemptAt ?? null,
  linkedAppointmentId: r.linkedAppointmentId ?? null,
  completedAt: r.completedAt ?? null,
});

/** The transition table in prose, from the one table (never a copy). */
const transitionsProse = () =>
  recallStatus.values
    .map((from) =>
      recallStatus.isFinal(from)
        ? `${recallStatus.toGraphQL(from)} is final`
        : `${recallStatus.toGraphQL(from)} → ${recallStatus.allowedFrom(from).join(' | ')}`,
    )
    .join('; ');

/** A GraphQL enum name parameter (HYGIENE) read into its stored value (hygiene). */
const enumParam = <S extends string>(
  m: { values: readonly S[]; toGraphQL(s: S): string; fromGraphQL(s: string): S },
  what: string,
) =>
  z
    .enum(m.values.map((v) => m.toGraphQL(v)) as [string, ...string[]])
    .transform((v) => m.fromGraphQL(v))
    .describe(what);

const recallId = logContactInput.shape.id.describe('The recall id (from list_due_recalls).');

const listDueRecalls = defineTool({
  name: 'list_due_recalls',
  description:
    'The call-back list of the current clinic: open recalls (PENDING, CONTACTED_NO_ANSWER, CONTACTED_SCHEDULED, ' +
    'CONTACTED_DECLINED, NEEDS_REVIEW) unless `status` says otherwise, ordered by due month then priority. ' +
    'Filter by dueMonth (YYYY-MM) or patientId. Returns [{ id, patientId, reason, reasonNote, priority, status, ' +
    'allowedNextStatuses, dueMonth, dueDate, contactAttemptCount, lastContactAttemptAt, linkedAppointmentId, ' +
    'completedAt }]. Patient names are not included (use patients.get_patient). Errors: BAD_USER_INPUT.',
  parameters: z.strictObject({
    status: z.array(enumParam(recallStatus, 'A recall status.')).optional().describe('Only these statuses.'),
    dueMonth: listRecallsInput.shape.dueMonth.optional(),
    patientId: listRecallsInput.shape.patientId.optional(),
  }),
  permissions: ['recalls.read'],
  category: 'READ',
  async handler(ctx, params) {
    return (await new RecallsService(ctx).list(params)).map(view);
  },
});

const getRecall = defineTool({
  name: 'get_recall',
  description:
    'One recall of the current clinic with its contact attempts (newest first: channel, outcome, note, ' +
    "attemptedAt). Errors: NOT_FOUND for an unknown id or another clinic's recall.",
  parameters: z.strictObject({ id: recallId }),
  permissions: ['recalls.read'],
  category: 'READ',
  async handler(ctx, params) {
    const service = new RecallsService(ctx);
    const recall = await service.get(params.id);
    if (!recall) throw notFound('Recall', params.id);
    const [attempts = []] = await service.attemptsOf([recall.id]);
    return {
      ...view(recall),
      contactAttempts: attempts.map((a) => ({
        channel: contactChannel.toGraphQL(a.channel),
        outcome: contactOutcome.toGraphQL(a.outcome),
        note: a.note ?? null,
        attemptedAt: a.attemptedAt,
      })),
    };
  },
});

const createRecall = defineTool({
  name: 'create_recall',
  description:
    'Put a patient of the current clinic on the call-back list. reason is HYGIENE, CHECKUP, ORTHO_REVIEW, ' +
    'IMPLANT_REVIEW, POST_OP, TREATMENT_FOLLOWUP or OTHER; without dueDate the recall is due today plus the ' +
    "reason's interval in this clinic (its recall settings; by default HYGIENE 6 months, CHECKUP 12, " +
    'ORTHO_REVIEW 1, IMPLANT_REVIEW 6, POST_OP 1, TREATMENT_FOLLOWUP 3, OTHER 3). An open recall for the same patient and reason is updated in place ' +
    'instead of duplicated. The reminder to the patient is queued near the due month, not now. Returns the ' +
    'recall. Errors: NOT_FOUND (patient not in this clinic), BAD_USER_INPUT (archived patient, bad date).',
  parameters: z.strictObject({
    patientId: createRecallInput.shape.patientId,
    reason: enumParam(recallReason, 'Why the patient should come back.'),
    dueDate: createRecallInput.shape.dueDate.optional(),
    priority: enumParam(recallPriority, 'LOW, NORMAL (default) or HIGH.').optional(),
    note: createRecallInput.shape.note.optional(),
  }),
  permissions: ['recalls.write'],
  category: 'WRITE',
  graphqlMutations: ['createRecall'],
  async handler(ctx, params) {
    return view(await new RecallsService(ctx).create(params));
  },
});

const logContactAttempt = defineTool({
  name: 'log_contact_attempt',
  description:
    'Record one call, message or e-mail to the patient about a recall. channel: PHONE, WHATSAPP, SMS, EMAIL; ' +
    'outcome: NO_ANSWER, VOICEMAIL, WRONG_NUMBER (the recall becomes CONTACTED_NO_ANSWER when it was PENDING), ' +
    'SCHEDULED (CONTACTED_SCHEDULED; book the appointment with agenda.book_appointment), DECLINED ' +
    `(CONTACTED_DECLINED). Transitions: ${transitionsProse()}. Returns the recall. Errors: NOT_FOUND, ` +
    'INVALID_TRANSITION (a DONE or CANCELLED recall).',
  parameters: z.strictObject({
    id: recallId,
    channel: enumParam(contactChannel, 'How the patient was contacted.'),
    outcome: enumParam(contactOutcome, 'What came of it.'),
    note: logContactInput.shape.note.optional(),
  }),
  permissions: ['recalls.write'],
  category: 'WRITE',
  graphqlMutations: ['logRecallContact'],
  async handler(ctx, params) {
    return view(await new RecallsService(ctx).logContact(params));
  },
});

const snoozeRecall = defineTool({
  name: 'snooze_recall',
  description:
    "Move a recall's due month later by 1–24 months; it becomes PENDING again (any booking link is dropped) and " +
    'is reminded again near its new month. Returns the recall. Errors: NOT_FOUND, BAD_USER_INPUT (months out ' +
    'of range), INVALID_TRANSITION (DONE or CANCELLED).',
  parameters: z.strictObject({ id: recallId, months: snoozeInput.shape.months }),
  permissions: ['recalls.write'],
  category: 'WRITE',
  graphqlMutations: ['snoozeRecall'],
  async handler(ctx, params) {
    return view(await new RecallsService(ctx).snooze(params));
  },
});

const completeRecall = defineTool({
  name: 'complete_recall',
  description:
    'Mark a recall DONE (the patient came back). Recalls linked to an appointment are completed automatically ' +
    'when it is completed. Returns the recall. Errors: NOT_FOUND, INVALID_TRANSITION (e.g. CANCELLED or ' +
    'CONTACTED_DECLINED: snooze it first).',
  parameters: z.strictObject({ id: recallId }),
  permissions: ['recalls.write'],
  category: 'WRITE',
  graphqlMutations: ['completeRecall'],
  async handler(ctx, params) {
    return view(await new RecallsService(ctx).complete(params.id));
  },
});

const cancelRecall = defineTool({
  name: 'cancel_recall',
  description:
    'Take a recall off the call-back list for good (CANCELLED is final; the record is kept). Use snooze_recall ' +
    'to call later instead. Returns the recall. Errors: NOT_FOUND, INVALID_TRANSITION (already DONE or CANCELLED).',
  parameters: z.strictObject({ id: recallId }),
  permissions: ['recalls.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['cancelRecall'],
  async handler(ctx, params) {
    return view(await new RecallsService(ctx).cancel(params.id));
  },
});

export const tools: Tool[] = [
  listDueRecalls,
  getRecall,
  createRecall,
  logContactAttempt,
  snoozeRecall,
  completeRecall,
  cancelRecall,
] as Tool[];

export const toolExemptions = {
  updateRecallSettings:
    "The recall intervals and reminder lead time are the clinic's policy, which an admin sets on the settings page.",
};
