import { Migration } from '@dentalpin/core';

export class Migration20261126000001_agenda extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table cabinets (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      name varchar(50) not null,
      color varchar(7) not null default '#3B82F6' check (color ~ '^#[0-9A-Fa-f]{6}$'),
      display_order integer not null default 0,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint cabinets_clinic_name_unique unique (clinic_id, name))`);
    this.addSql(`create table appointments (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      professional_id uuid not null references users(id),
      cabinet_id uuid references cabinets(id),
      cabinet_assigned_at timestamptz,
      cabinet_assigned_by uuid,
      start_time timestamptz not null,
      end_time timestamptz not null,
      treatment_type varchar(100),
      notes text,
      status varchar(20) not null default 'scheduled'
        check (status in ('scheduled','confirmed','checked_in','in_treatment','completed','cancelled','no_show')),
      current_status_since timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint appointments_time_order check (end_time > start_time))`);
    // The slot guarantee lives in the database, not only in code: two live appointments never share
    // (cabinet, professional, start). Cancelled and no-show appointments free their slot.
    this
      .addSql(`create unique index appointments_slot_unique on appointments (clinic_id, cabinet_id, professional_id, start_time)
      where status not in ('cancelled', 'no_show')`);
    this.addSql(`create index appointments_clinic_start_idx on appointments (clinic_id, start_time)`);
    this.addSql(`create index appointments_patient_idx on appointments (clinic_id, patient_id, start_time)`);
    this.addSql(`create table appointment_status_events (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      appointment_id uuid not null references appointments(id),
      from_status varchar(20),
      to_status varchar(20) not null,
      changed_at timestamptz not null,
      changed_by uuid,
      note text,
      created_at timestamptz not null default now())`);
    this.addSql(
      `create index appointment_status_events_appt_idx on appointment_status_events (appointment_id, changed_at)`,
    );
    this.addSql(`create table appointment_cabinet_events (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      appointment_id uuid not null references appointments(id),
      from_cabinet_id uuid references cabinets(id),
      to_cabinet_id uuid references cabinets(id),
      changed_at timestamptz not null,
      changed_by uuid,
      note text,
      created_at timestamptz not null default now())`);
    this.addSql(
      `create index appointment_cabinet_events_appt_idx on appointment_cabinet_events (appointment_id, changed_at)`,
    );
    // History is append-only: the database refuses to rewrite it.
    this.addSql(`create function agenda_history_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`);
    for (const table of ['appointment_status_events', 'appointment_cabinet_events'])
      this.addSql(`create trigger ${table}_append_only before update or delete on ${table}
        for each row execute function agenda_history_append_only()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists appointment_cabinet_events');
    this.addSql('drop table if exists appointment_status_events');
    this.addSql('drop function if exists agenda_history_append_only()');
    this.addSql('drop table if exists appointments');
    this.addSql('drop table if exists cabinets');
  }
}
