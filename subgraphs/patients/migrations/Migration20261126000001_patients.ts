import { Migration } from '@dentalpin/core';

export class Migration20261126000001_patients extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table patients (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      first_name varchar(100) not null,
      last_name varchar(100) not null,
      phone varchar(20),
      email varchar(255),
      date_of_birth date,
      notes text,
      status varchar(20) not null default 'active' check (status in ('active', 'archived')),
      do_not_contact boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // The list and search run over a clinic's active patients, ordered by name.
    this.addSql(
      `create index patients_clinic_active_name_idx on patients (clinic_id, last_name, first_name) where status = 'active'`,
    );
    this.addSql(`create index patients_clinic_name_idx on patients (clinic_id, last_name, first_name)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists patients');
  }
}
