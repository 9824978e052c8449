import { Migration } from '@dentalpin/core';

/**
 * 0.2.0: each clinic's recall intervals (months per reason, only those it changed) and reminder lead time.
 * A clinic without a row, or a reason not in `intervals`, has the defaults (src/status.ts, reminders.ts).
 */
export class Migration20261202190000_recall_settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table recall_settings (
      id uuid primary key,
      clinic_id uuid not null references clinics(id) on delete cascade,
      intervals jsonb not null default '{}',
      reminder_lead_days smallint not null default 14 check (reminder_lead_days between 0 and 90),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint recall_settings_clinic_unique unique (clinic_id))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists recall_settings');
  }
}
