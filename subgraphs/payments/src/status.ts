import { graphqlEnum } from '@dentalpin/core';

/** How money was paid (the same names as billing's PaymentMethod). */
export const paymentMethod = graphqlEnum(
  ['cash', 'card', 'bank_transfer', 'direct_debit', 'insurance', 'other'],
  'a payment method',
);
export type PaymentMethod = (typeof paymentMethod.values)[number];

/** Where part of a payment goes. */
export const allocationTarget = graphqlEnum(['budget', 'invoice', 'on_account'], 'an allocation target');
export type AllocationTarget = (typeof allocationTarget.values)[number];

/** Why money went back. */
export const refundReason = graphqlEnum(
  ['duplicate', 'overpaid', 'treatment_cancelled', 'dispute', 'other'],
  'a refund reason',
);
export type RefundReason = (typeof refundReason.values)[number];

/** account: taken on the patient's account; billing: taken on an invoice in billing and mirrored here. */
export const paymentOrigin = graphqlEnum(['account', 'billing'], 'a payment origin');
export type PaymentOrigin = (typeof paymentOrigin.values)[number];

/** What booked an earned row: a treatment performed on the chart, or a plan item completed. */
export const earnedSource = graphqlEnum(['treatment', 'plan_item'], 'an earned source');
export type EarnedSource = (typeof earnedSource.values)[number];

/** The order a refund takes money back from a payment's parts: what is least tied to a document first. */
export const REFUND_ORDER: readonly AllocationTarget[] = ['on_account', 'budget', 'invoice'];
