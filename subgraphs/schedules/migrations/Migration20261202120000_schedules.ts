import { Migration } from '@dentalpin/core';

export class Migration20261202120000_schedules extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table schedule_templates (
      id uuid primary key,
      clinic_id uuid not null references clinics(id) on delete cascade,
      user_id uuid null references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    // One template per owner: the clinic's (user_id null) and one per professional.
    this.addSql(
      'create unique index schedule_templates_owner_unique on schedule_templates (clinic_id, user_id) nulls not distinct',
    );
    this.addSql(`create table schedule_weekly_shifts (
      id uuid primary key,
      clinic_id uuid not null references clinics(id) on delete cascade,
      template_id uuid not null references schedule_templates(id) on delete cascade,
      weekday smallint not null check (weekday between 1 and 7),
      start_minute smallint not null check (start_minute >= 0),
      end_minute smallint not null check (end_minute <= 1440),
      check (end_minute > start_minute))`);
    this.addSql('create index schedule_weekly_shifts_template_id_index on schedule_weekly_shifts (template_id)');
    this.addSql(`create table schedule_overrides (
      id uuid primary key,
      clinic_id uuid not null references clinics(id) on delete cascade,
      scope varchar(12) not null check (scope in ('clinic', 'professional')),
      user_id uuid null references users(id),
      kind varchar(12) not null check (kind in ('closed', 'custom_hours')),
      start_date date not null,
      end_date date not null,
      shifts jsonb not null,
      reason varchar(200) null,
      created_by uuid null,
      removed_at timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (end_date >= start_date),
      check ((scope = 'professional') = (user_id is not null)),
      check ((kind = 'custom_hours') = (jsonb_array_length(shifts) > 0)))`);
    this.addSql(
      'create index schedule_overrides_live_index on schedule_overrides (clinic_id, start_date, end_date) where removed_at is null',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists schedule_overrides');
    this.addSql('drop table if exists schedule_weekly_shifts');
    this.addSql('drop table if exists schedule_templates');
  }
}
