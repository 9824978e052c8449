import { Migration } from '@dentalpin/core';

/**
 * 0.2.0: refunds of invoice payments and caller ids on payments.
 * - `kind` payment | refund: a refund is its own row (amounts stay positive); the invoice's paid_amount
 *   goes down by it and the database still refuses paid_amount < 0 or > total.
 * - `source_id`: the id a caller (the payments module) gives the movement; unique per clinic, so a retried
 *   call records nothing twice.
 * - `reason`: why a refund was made.
 */
export class Migration20261202140000_billing_refunds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table invoice_payments
      add column kind varchar(7) not null default 'payment' check (kind in ('payment','refund')),
      add column source_id uuid null,
      add column reason varchar(500) null`);
    this.addSql(`create unique index invoice_payments_source_unique on invoice_payments (clinic_id, source_id)
      where source_id is not null`);
  }

  override async down(): Promise<void> {
    // Refund rows cannot be represented by 0.1.0: the downgrade keeps only payments, and each refunded
    // invoice's paid amount becomes the sum of its payments again (capped by the total).
    this.addSql(`delete from invoice_payments where kind = 'refund'`);
    this.addSql(`update invoices i set paid_amount = least(i.total, coalesce(
      (select sum(p.amount) from invoice_payments p where p.invoice_id = i.id), 0))
      where i.kind = 'invoice'`);
    this.addSql('drop index if exists invoice_payments_source_unique');
    this.addSql('alter table invoice_payments drop column reason, drop column source_id, drop column kind');
  }
}
