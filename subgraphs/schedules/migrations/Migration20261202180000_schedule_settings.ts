import { Migration } from '@dentalpin/core';

/** 0.2.0: the clinic's scheduling policy; a clinic without a row has the defaults (bookings outside hours allowed). */
export class Migration20261202180000_schedule_settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table schedule_settings (
      id uuid primary key,
      clinic_id uuid not null references clinics(id) on delete cascade,
      refuse_outside_hours boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint schedule_settings_clinic_unique unique (clinic_id))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists schedule_settings');
  }
}
