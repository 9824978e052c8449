import { z } from 'zod';
import { enumNames, eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { enumResolvers } from './generated/graphql.ts';
import { ensureDefaultSeries } from './service/index.ts';

const uuid = z.string().uuid();
const amount = z.string().regex(/^-?\d+\.\d{2}$/);
const invoice = { invoice_id: uuid, patient_id: uuid, invoice_number: z.string() };
const read = 'read';

/** Events this module owns (snake_case payloads; seen by holders of billing.read). */
export const events: Record<string, EventDeclaration> = {
  'invoice.issued': { payload: eventPayload({ ...invoice, total: amount, issued_by: uuid }), permission: read },
  'invoice.payment_recorded': {
    payload: eventPayload({
      ...invoice,
      payment_id: uuid,
      /** The caller's id for the payment (the payments module's payment), null when taken in billing. */
      source_id: uuid.nullable(),
      amount,
      method: z.enum(enumNames(enumResolvers.PaymentMethod).names),
      balance: amount,
    }),
    permission: read,
  },
  'invoice.payment_refunded': {
    payload: eventPayload({
      ...invoice,
      refund_id: uuid,
      /** The caller's id for the refund (the payments module's refund), null when made in billing. */
      source_id: uuid.nullable(),
      amount,
      method: z.enum(enumNames(enumResolvers.PaymentMethod).names),
      reason: z.string(),
      balance: amount,
    }),
    permission: read,
  },
  'invoice.paid': { payload: eventPayload({ ...invoice, total: amount }), permission: read },
  'invoice.voided': {
    payload: eventPayload({
      ...invoice,
      /** Null when a draft (never numbered) is voided. */
      invoice_number: z.string().nullable(),
      reason: z.string(),
      voided_by: uuid,
    }),
    permission: read,
  },
  'credit_note.issued': {
    payload: eventPayload({
      ...invoice,
      credit_note_id: uuid,
      credit_note_number: z.string(),
      total: amount,
      reason: z.string(),
      issued_by: uuid,
    }),
    permission: read,
  },
};

export const eventHandlers: Record<string, EventHandler> = {
  // New clinics get FAC and RECT (idempotent: a redelivered event creates nothing).
  'clinic.created': async (_event, ctx) => void (await ensureDefaultSeries(ctx.em, ctx.clinicId)),
};
