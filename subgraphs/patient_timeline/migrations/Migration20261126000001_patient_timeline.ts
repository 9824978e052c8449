import { Migration } from '@dentalpin/core';

export class Migration20261126000001_patient_timeline extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table patient_timeline (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      event_id uuid not null,
      event_type varchar(100) not null,
      category varchar(30) not null
        check (category in ('visit','treatment','financial','communication','medical','document','note')),
      source_id uuid,
      title varchar(200) not null,
      description text,
      event_data jsonb not null default '{}',
      occurred_at timestamptz not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      constraint patient_timeline_event_unique unique (event_id))`);
    this.addSql(
      `create index patient_timeline_patient_idx on patient_timeline (clinic_id, patient_id, occurred_at desc)`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists patient_timeline');
  }
}
