import { Migration } from '@dentalpin/core';

/**
 * The sums a billing report asks for (`invoiceTotals`, `paymentTotals`) read indexes only (issue 19 item 4). A
 * clinic's invoices and payments are spread over the pages of a table every clinic writes to, so a year of one
 * clinic (2,000 invoices at 100,000 in the bench) visited ~2,000 heap pages per sum. These indexes hold, after
 * the clinic and the date, every column the sums read, so PostgreSQL answers them with index-only scans (~30
 * pages); the payments' join to their invoice's professional reads (clinic_id, id) with professional_id the same
 * way. The payments index replaces `invoice_payments_clinic_paid_at_idx`, whose key it repeats.
 */
export class Migration20261203041500_report_covering_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index invoices_clinic_issue_totals_idx on invoices (clinic_id, issue_date)
      include (kind, status, professional_id, total, total_tax, paid_amount)`);
    this.addSql(`create index invoices_clinic_professional_idx on invoices (clinic_id, id) include (professional_id)`);
    this.addSql(`create index invoice_payments_clinic_paid_at_totals_idx on invoice_payments (clinic_id, paid_at)
      include (invoice_id, method, kind, amount)`);
    this.addSql(`drop index if exists invoice_payments_clinic_paid_at_idx`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index if not exists invoice_payments_clinic_paid_at_idx on invoice_payments (clinic_id, paid_at)`,
    );
    this.addSql(`drop index if exists invoice_payments_clinic_paid_at_totals_idx`);
    this.addSql(`drop index if exists invoices_clinic_professional_idx`);
    this.addSql(`drop index if exists invoices_clinic_issue_totals_idx`);
  }
}
