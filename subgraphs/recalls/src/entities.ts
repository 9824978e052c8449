import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { contactChannel, contactOutcome, recallPriority, recallReason, recallStatus, reminderState } from './status.ts';

/** A patient to call back around `dueMonth`. Never deleted: it ends DONE or CANCELLED. */
export const Recall = defineEntity({
  name: 'Recall',
  tableName: 'recalls',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    /** The first day of the month the patient should come back in ('2027-06-01'). */
    dueMonth: p.date(),
    /** The exact day, when someone chose one. */
    dueDate: p.date().nullable(),
    reason: p.enum([...recallReason.values]),
    reasonNote: p.text().nullable(),
    priority: p.enum([...recallPriority.values]).default('normal'),
    status: p.enum([...recallStatus.values]).default('pending'),
    assignedProfessionalId: p.uuid().nullable(),
    contactAttemptCount: p.integer().default(0),
    lastContactAttemptAt: p.datetime().columnType('timestamptz').nullable(),
    /** The agenda's appointment that answers this recall (by id: agenda owns it). */
    linkedAppointmentId: p.uuid().nullable(),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
    reminderState: p.enum([...reminderState.values]).nullable(),
    reminderAt: p.datetime().columnType('timestamptz').nullable(),
    reminderMessageId: p.uuid().nullable(),
    createdBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type Recall = InferEntity<typeof Recall>;

/** One call, message or e-mail to the patient about a recall; append-only. */
export const RecallContactAttempt = defineEntity({
  name: 'RecallContactAttempt',
  tableName: 'recall_contact_attempts',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    recallId: p.uuid(),
    channel: p.enum([...contactChannel.values]),
    outcome: p.enum([...contactOutcome.values]),
    note: p.text().nullable(),
    attemptedBy: p.uuid().nullable(),
    attemptedAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  }),
});
export type RecallContactAttempt = InferEntity<typeof RecallContactAttempt>;

/** A clinic's recall settings (one row per clinic; none = the defaults). */
export const RecallSettings = defineEntity({
  name: 'RecallClinicSettings',
  tableName: 'recall_settings',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    /** Months until the next visit, for the reasons the clinic changed (others keep the default). */
    intervals: p.json<Partial<Record<string, number>>>(),
    /** A recall is reminded once its due month starts within this many days. */
    reminderLeadDays: p.smallint(),
    ...timestamps(p),
  }),
});
export type RecallSettings = InferEntity<typeof RecallSettings>;

export const ENTITIES = [Recall, RecallContactAttempt, RecallSettings];
