import { Migration } from '@dentalpin/core';

export class Migration20261126000001_notifications extends Migration {
  override async up(): Promise<void> {
    // clinic_id NULL = a system template (YAML seeds); a clinic row with the same key/locale/channel overrides it.
    this.addSql(`create table notification_templates (
      id uuid primary key,
      clinic_id uuid references clinics(id),
      template_key varchar(100) not null,
      locale varchar(5) not null,
      channel varchar(20) not null default 'email' check (channel in ('email')),
      subject varchar(300) not null,
      body_text text not null,
      body_html text,
      description text,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create unique index notification_templates_clinic_unique
      on notification_templates (clinic_id, template_key, locale, channel) where clinic_id is not null`);
    this.addSql(`create unique index notification_templates_system_unique
      on notification_templates (template_key, locale, channel) where clinic_id is null`);

    this.addSql(`create table notification_preferences (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null,
      email_enabled boolean not null default true,
      opt_outs jsonb not null default '[]',
      preferred_locale varchar(5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint notification_preferences_patient_unique unique (clinic_id, patient_id))`);

    this.addSql(`create table notification_settings (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      enabled boolean not null default true,
      auto_send jsonb not null default '{}',
      sender_name varchar(200),
      reply_to varchar(255),
      default_locale varchar(5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint notification_settings_clinic_unique unique (clinic_id))`);

    // The outbox and the audit of every message, sent or not.
    this.addSql(`create table notification_messages (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      channel varchar(20) not null default 'email' check (channel in ('email')),
      to_address varchar(255),
      patient_id uuid,
      template_key varchar(100) not null,
      locale varchar(5) not null,
      subject varchar(300) not null default '',
      body_text text not null default '',
      body_html text,
      status varchar(10) not null check (status in ('queued','sending','sent','failed','skipped')),
      skip_reason varchar(50),
      attempts int not null default 0 check (attempts >= 0),
      max_attempts int not null default 5 check (max_attempts > 0),
      next_attempt_at timestamptz,
      claimed_at timestamptz,
      last_error text,
      provider varchar(50),
      provider_message_id varchar(255),
      dedup_key varchar(255),
      triggered_by_event varchar(100),
      triggered_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      sent_at timestamptz,
      constraint notification_messages_dedup_unique unique (clinic_id, dedup_key),
      constraint notification_messages_skip_reason check ((status = 'skipped') = (skip_reason is not null)),
      constraint notification_messages_address check (status = 'skipped' or to_address is not null))`);
    this.addSql(`create index notification_messages_clinic_created_idx
      on notification_messages (clinic_id, created_at desc)`);
    this.addSql(`create index notification_messages_patient_idx on notification_messages (clinic_id, patient_id)`);
    // What the dispatcher scans: due messages only.
    this.addSql(`create index notification_messages_due_idx on notification_messages (next_attempt_at)
      where status in ('queued','failed','sending')`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'notification_messages',
      'notification_settings',
      'notification_preferences',
      'notification_templates',
    ])
      this.addSql(`drop table if exists ${table}`);
  }
}
