import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { closureReason, itemStatus, planStatus } from './status.ts';

/** A patient's treatment plan. Never hard-deleted: it ends CLOSED or ARCHIVED (or soft-deleted). */
export const TreatmentPlan = defineEntity({
  name: 'TreatmentPlan',
  tableName: 'treatment_plans',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    /** PLAN-YYYY-NNNN, from a per clinic and year counter (no count + 1 race). */
    number: p.string().length(20),
    title: p.string().length(200).nullable(),
    status: p.enum([...planStatus.values]).default('draft'),
    closureReason: p.enum([...closureReason.values]).nullable(),
    closureNote: p.text().nullable(),
    closedAt: p.datetime().columnType('timestamptz').nullable(),
    confirmedAt: p.datetime().columnType('timestamptz').nullable(),
    /** The budget module's budget made when the plan was confirmed (by id: budget owns it). */
    budgetId: p.uuid().nullable(),
    createdBy: p.uuid().nullable(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    ...timestamps(p),
  }),
});
export type TreatmentPlan = InferEntity<typeof TreatmentPlan>;

/** One odontogram treatment (by id: odontogram owns it) in a plan. */
export const PlanItem = defineEntity({
  name: 'PlanItem',
  tableName: 'treatment_plan_items',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    planId: p.uuid(),
    treatmentId: p.uuid(),
    sequence: p.integer(),
    status: p.enum([...itemStatus.values]).default('pending'),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
    completedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type PlanItem = InferEntity<typeof PlanItem>;

/**
 * One visit an item takes (an item has 1…N sessions, numbered 1, 2, 3…). A session may be linked to an agenda
 * appointment (by id: agenda owns it); completing that appointment completes the session. When an item's last
 * session is completed the item is completed and its treatment performed.
 */
export const PlanSession = defineEntity({
  name: 'PlanSession',
  tableName: 'treatment_plan_sessions',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    itemId: p.uuid(),
    sequence: p.integer(),
    status: p.enum([...itemStatus.values]).default('pending'),
    appointmentId: p.uuid().nullable(),
    completedAt: p.datetime().columnType('timestamptz').nullable(),
    completedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type PlanSession = InferEntity<typeof PlanSession>;

export const ENTITIES = [TreatmentPlan, PlanItem, PlanSession];
