import { Migration } from '@dentalpin/core';

/** Appointment reminders: how many hours before an appointment its reminder is queued (0 = none). */
export class Migration20261126000002_reminders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table notification_settings
      add column reminder_hours_before int not null default 24
      constraint notification_settings_reminder_hours check (reminder_hours_before between 0 and 168)`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table notification_settings drop column if exists reminder_hours_before`);
  }
}
