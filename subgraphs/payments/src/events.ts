import { z } from 'zod';
import { eventPayload, type EventDeclaration, type EventHandler } from '@dentalpin/core';
import { PaymentsService } from './service/index.ts';

const uuid = z.string().uuid();
const amount = z.string().regex(/^\d+\.\d{2}$/);
const method = z.enum(['CASH', 'CARD', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'INSURANCE', 'OTHER']);
const base = { payment_id: uuid, patient_id: uuid };
const read = 'record.read';

/** Events this module owns (snake_case payloads, enums as GraphQL names; seen by holders of payments.record.read). */
export const events: Record<string, EventDeclaration> = {
  'payment.recorded': {
    payload: eventPayload({
      ...base,
      amount,
      currency: z.string().length(3),
      method,
      payment_date: z.string(),
      /** ACCOUNT: taken on the account; BILLING: taken on an invoice in billing and mirrored. */
      origin: z.enum(['ACCOUNT', 'BILLING']),
      recorded_by: uuid.nullable(),
    }),
    permission: read,
  },
  /** One per part of a payment. */
  'payment.allocated': {
    payload: eventPayload({
      ...base,
      allocation_id: uuid,
      target_type: z.enum(['BUDGET', 'INVOICE', 'ON_ACCOUNT']),
      target_id: uuid.nullable(),
      amount,
    }),
    permission: read,
  },
  'payment.refunded': {
    payload: eventPayload({
      ...base,
      refund_id: uuid,
      amount,
      currency: z.string().length(3),
      method,
      reason_code: z.enum(['DUPLICATE', 'OVERPAID', 'TREATMENT_CANCELLED', 'DISPUTE', 'OTHER']),
      refunded_by: uuid.nullable(),
    }),
    permission: read,
  },
};

/**
 * The earned ledger from odontogram's performed treatments and treatment_plan's completed items (both
 * keyed on the treatment: one row each), and billing's own invoice payments and refunds mirrored onto
 * the account (by event name only: this module imports no other module).
 */
export const eventHandlers: Record<string, EventHandler> = {
  'odontogram.treatment.performed': async (event, ctx) => {
    const p = event.payload as { treatment_id: string };
    await new PaymentsService(ctx).bookEarned(p.treatment_id, 'treatment', event.type);
  },
  'treatment_plan.item_completed': async (event, ctx) => {
    const p = event.payload as { treatment_id: string };
    await new PaymentsService(ctx).bookEarned(p.treatment_id, 'plan_item', event.type);
  },
  'invoice.payment_recorded': async (event, ctx) => {
    const p = event.payload as {
      invoice_id: string;
      patient_id: string;
      payment_id: string;
      source_id?: string | null;
      amount: string;
      method: string;
    };
    await new PaymentsService(ctx).mirrorInvoicePayment({ ...p, occurredAt: event.occurredAt });
  },
  'invoice.payment_refunded': async (event, ctx) => {
    const p = event.payload as {
      invoice_id: string;
      refund_id: string;
      source_id?: string | null;
      amount: string;
      method: string;
    };
    await new PaymentsService(ctx).mirrorInvoiceRefund(p);
  },
};
