import { Migration } from '@dentalpin/core';

export class Migration20261202120000_recalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table recalls (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null,
      due_month date not null check (extract(day from due_month) = 1),
      due_date date null,
      reason varchar(18) not null,
      reason_note text null,
      priority varchar(6) not null default 'normal',
      status varchar(19) not null default 'pending',
      assigned_professional_id uuid null,
      contact_attempt_count int not null default 0 check (contact_attempt_count >= 0),
      last_contact_attempt_at timestamptz null,
      linked_appointment_id uuid null,
      completed_at timestamptz null,
      reminder_state varchar(7) null,
      reminder_at timestamptz null,
      reminder_message_id uuid null,
      created_by uuid null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create index recalls_clinic_due_idx on recalls (clinic_id, due_month, status)');
    this.addSql('create index recalls_patient_idx on recalls (clinic_id, patient_id, reason, status)');
    this.addSql('create index recalls_appointment_idx on recalls (clinic_id, linked_appointment_id)');
    this.addSql(`create table recall_contact_attempts (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      recall_id uuid not null references recalls(id) on delete cascade,
      channel varchar(8) not null,
      outcome varchar(12) not null,
      note text null,
      attempted_by uuid null,
      attempted_at timestamptz not null)`);
    this.addSql('create index recall_contact_attempts_recall_idx on recall_contact_attempts (recall_id, attempted_at)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists recall_contact_attempts');
    this.addSql('drop table if exists recalls');
  }
}
