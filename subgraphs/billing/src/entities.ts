import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import type { InvoiceStatus } from './status.ts';

/** Money columns are numeric(12,2) read as strings: exact, never floats. */

export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const InvoiceSeries = defineEntity({
  name: 'InvoiceSeries',
  tableName: 'invoice_series',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    prefix: p.string().length(20),
    kind: p.enum([...INVOICE_KINDS]),
    description: p.string().length(200).nullable(),
    isDefault: p.boolean(),
    resetYearly: p.boolean(),
    isActive: p.boolean(),
    ...timestamps(p),
  }),
});
export type InvoiceSeries = InferEntity<typeof InvoiceSeries>;

export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoices',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    kind: p.enum([...INVOICE_KINDS]),
    // A string column (no database enum): the status machine in status.ts is the rule.
    status: p.string().$type<InvoiceStatus>().length(20),
    patientId: p.uuid(),
    professionalId: p.uuid().nullable(),
    budgetId: p.uuid().nullable(),
    creditNoteForId: p.uuid().nullable(),
    seriesId: p.uuid().nullable(),
    numberYear: p.integer().nullable(),
    sequentialNumber: p.integer().nullable(),
    number: p.string().length(40).nullable(),
    issueDate: p.date().nullable(),
    dueDate: p.date().nullable(),
    paymentTermDays: p.integer(),
    billingName: p.string().length(200).nullable(),
    billingTaxId: p.string().length(50).nullable(),
    billingAddress: p.text().nullable(),
    billingEmail: p.string().length(255).nullable(),
    subtotal: p.decimal('string').precision(12).scale(2),
    totalDiscount: p.decimal('string').precision(12).scale(2),
    totalTax: p.decimal('string').precision(12).scale(2),
    total: p.decimal('string').precision(12).scale(2),
    paidAmount: p.decimal('string').precision(12).scale(2),
    notes: p.text().nullable(),
    voidReason: p.text().nullable(),
    createdBy: p.uuid().nullable(),
    issuedBy: p.uuid().nullable(),
    issuedAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    ...timestamps(p),
  }),
});
export type Invoice = InferEntity<typeof Invoice>;

export const InvoiceItem = defineEntity({
  name: 'InvoiceItem',
  tableName: 'invoice_items',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    invoiceId: p.uuid(),
    budgetItemId: p.uuid().nullable(),
    catalogItemId: p.uuid().nullable(),
    description: p.string().length(500),
    quantity: p.integer(),
    unitPrice: p.decimal('string').precision(12).scale(2),
    discount: p.decimal('string').precision(12).scale(2),
    vatRate: p.decimal('string').precision(5).scale(2),
    netAmount: p.decimal('string').precision(12).scale(2),
    taxAmount: p.decimal('string').precision(12).scale(2),
    total: p.decimal('string').precision(12).scale(2),
    displayOrder: p.integer(),
  }),
});
export type InvoiceItem = InferEntity<typeof InvoiceItem>;

export const PAYMENT_METHODS = ['cash', 'card', 'bank_transfer', 'direct_debit', 'insurance', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const INVOICE_PAYMENT_KINDS = ['payment', 'refund'] as const;
export type InvoicePaymentKind = (typeof INVOICE_PAYMENT_KINDS)[number];

export const InvoicePayment = defineEntity({
  name: 'InvoicePayment',
  tableName: 'invoice_payments',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    invoiceId: p.uuid(),
    /** payment adds to the invoice's paid amount, refund takes from it; amount is always positive. */
    kind: p.enum([...INVOICE_PAYMENT_KINDS]).default('payment'),
    amount: p.decimal('string').precision(12).scale(2),
    method: p.enum([...PAYMENT_METHODS]),
    paidAt: p.datetime(),
    /** The caller's own id for this movement (the payments module's payment or refund): recorded once. */
    sourceId: p.uuid().nullable(),
    /** Why a refund was made. */
    reason: p.string().length(500).nullable(),
    reference: p.string().length(200).nullable(),
    recordedBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type InvoicePayment = InferEntity<typeof InvoicePayment>;

export const InvoiceHistory = defineEntity({
  name: 'InvoiceHistory',
  tableName: 'invoice_history',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    invoiceId: p.uuid(),
    action: p.string().length(40),
    fromStatus: p.string().$type<InvoiceStatus>().length(20).nullable(),
    toStatus: p.string().$type<InvoiceStatus>().length(20).nullable(),
    details: p.json<Record<string, unknown>>(),
    actorId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type InvoiceHistory = InferEntity<typeof InvoiceHistory>;

export const entities = [InvoiceSeries, Invoice, InvoiceItem, InvoicePayment, InvoiceHistory];
