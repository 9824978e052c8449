import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { allocationTarget, earnedSource, paymentMethod, paymentOrigin, refundReason } from './status.ts';

/**
 * Money columns are numeric(12,2) read as strings: exact, never floats. Every amount here is what the
 * patient pays, VAT included (the account's one VAT basis). Nothing is ever deleted: a payment given back
 * is refunded, not voided.
 */

/** Money received from a patient. `refundedAmount` ≤ `amount` is a database check. */
export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payments',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    amount: p.decimal('string').precision(12).scale(2),
    /** The clinic's currency when the payment was taken (ISO 4217). */
    currency: p.string().length(3),
    method: p.enum([...paymentMethod.values]),
    /** Clinic-local day the money was received. */
    paymentDate: p.date(),
    reference: p.string().length(100).nullable(),
    notes: p.text().nullable(),
    origin: p.enum([...paymentOrigin.values]).default('account'),
    /** For origin billing: billing's invoice payment this one mirrors (unique per clinic). */
    billingPaymentId: p.uuid().nullable(),
    refundedAmount: p.decimal('string').precision(12).scale(2).default('0.00'),
    recordedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type Payment = InferEntity<typeof Payment>;

/** Where part of a payment went; the parts of a payment add up to it exactly (a deferred database check). */
export const PaymentAllocation = defineEntity({
  name: 'PaymentAllocation',
  tableName: 'payment_allocations',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    paymentId: p.uuid(),
    targetType: p.enum([...allocationTarget.values]),
    /** The budget or invoice (null on account). */
    targetId: p.uuid().nullable(),
    amount: p.decimal('string').precision(12).scale(2),
    refundedAmount: p.decimal('string').precision(12).scale(2).default('0.00'),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type PaymentAllocation = InferEntity<typeof PaymentAllocation>;

/** Money given back from one payment. */
export const PaymentRefund = defineEntity({
  name: 'PaymentRefund',
  tableName: 'payment_refunds',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    paymentId: p.uuid(),
    patientId: p.uuid(),
    amount: p.decimal('string').precision(12).scale(2),
    method: p.enum([...paymentMethod.values]),
    reasonCode: p.enum([...refundReason.values]),
    reasonNote: p.text().nullable(),
    origin: p.enum([...paymentOrigin.values]).default('account'),
    /** For origin billing: billing's refund this one mirrors. */
    billingRefundId: p.uuid().nullable(),
    refundedAt: p.datetime().onCreate(() => new Date()),
    refundedBy: p.uuid().nullable(),
  }),
});
export type PaymentRefund = InferEntity<typeof PaymentRefund>;

/** Which allocation a refund took money from (its id is the refund's id in billing for an invoice part). */
export const PaymentRefundPart = defineEntity({
  name: 'PaymentRefundPart',
  tableName: 'payment_refund_parts',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    refundId: p.uuid(),
    allocationId: p.uuid(),
    amount: p.decimal('string').precision(12).scale(2),
  }),
});
export type PaymentRefundPart = InferEntity<typeof PaymentRefundPart>;

/**
 * What the clinic earned from the patient: one row per performed treatment (unique per clinic and
 * treatment, so a redelivered event or the plan item completing the same treatment books nothing more).
 * `amount` is VAT included (`netAmount` × (1 + `vatRate`/100)), the basis payments are taken on.
 */
export const EarnedEntry = defineEntity({
  name: 'EarnedEntry',
  tableName: 'patient_earned_entries',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    treatmentId: p.uuid(),
    source: p.enum([...earnedSource.values]),
    catalogItemId: p.uuid().nullable(),
    description: p.string().length(160).nullable(),
    netAmount: p.decimal('string').precision(12).scale(2),
    vatRate: p.decimal('string').precision(5).scale(2),
    amount: p.decimal('string').precision(12).scale(2),
    performedAt: p.datetime(),
    professionalId: p.uuid().nullable(),
    sourceEvent: p.string().length(80),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type EarnedEntry = InferEntity<typeof EarnedEntry>;

export const ENTITIES = [Payment, PaymentAllocation, PaymentRefund, PaymentRefundPart, EarnedEntry];
