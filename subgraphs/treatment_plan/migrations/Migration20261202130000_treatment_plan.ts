import { Migration } from '@dentalpin/core';

export class Migration20261202130000_treatment_plan extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table treatment_plans (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null,
      number varchar(20) not null,
      title varchar(200) null,
      status varchar(9) not null default 'draft',
      closure_reason varchar(19) null,
      closure_note text null,
      closed_at timestamptz null,
      confirmed_at timestamptz null,
      budget_id uuid null unique,
      created_by uuid null,
      deleted_at timestamptz null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (clinic_id, number),
      check ((status = 'closed') = (closure_reason is not null)))`);
    this.addSql('create index treatment_plans_status_idx on treatment_plans (clinic_id, status)');
    this.addSql('create index treatment_plans_patient_idx on treatment_plans (clinic_id, patient_id)');
    this.addSql(`create table treatment_plan_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      plan_id uuid not null references treatment_plans(id),
      treatment_id uuid not null,
      sequence int not null check (sequence > 0),
      status varchar(9) not null default 'pending',
      completed_at timestamptz null,
      completed_by uuid null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (plan_id, treatment_id))`);
    this.addSql('create index treatment_plan_items_treatment_idx on treatment_plan_items (clinic_id, treatment_id)');
    this.addSql(`create table treatment_plan_number_counters (
      clinic_id uuid not null references clinics(id),
      year int not null,
      last_number int not null,
      primary key (clinic_id, year))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists treatment_plan_items');
    this.addSql('drop table if exists treatment_plans');
    this.addSql('drop table if exists treatment_plan_number_counters');
  }
}
