import { Migration } from '@dentalpin/core';

export class Migration20261202130000_periodontogram extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table periodontogram_exams (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null,
      status varchar(6) not null default 'draft' check (status in ('draft', 'closed')),
      started_by uuid not null,
      closed_at timestamptz null,
      closed_by uuid null,
      indices jsonb null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'draft' and closed_at is null and closed_by is null and indices is null)
          or (status = 'closed' and closed_at is not null and closed_by is not null and indices is not null)))`);
    // One draft per patient, enforced here so two concurrent starts cannot both succeed.
    this.addSql(
      `create unique index periodontogram_exams_one_draft_idx on periodontogram_exams (clinic_id, patient_id) where status = 'draft'`,
    );
    this.addSql(
      'create index periodontogram_exams_patient_idx on periodontogram_exams (clinic_id, patient_id, created_at desc)',
    );
    this.addSql(`create table periodontogram_teeth (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      exam_id uuid not null references periodontogram_exams(id),
      tooth_number smallint not null check ((tooth_number / 10) between 1 and 4 and (tooth_number % 10) between 1 and 8),
      mobility smallint null check (mobility between 0 and 3),
      furcation smallint null check (furcation between 0 and 3),
      unique (exam_id, tooth_number))`);
    this.addSql(`create table periodontogram_sites (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      exam_id uuid not null references periodontogram_exams(id),
      tooth_number smallint not null check ((tooth_number / 10) between 1 and 4 and (tooth_number % 10) between 1 and 8),
      site varchar(2) not null check (site in ('mb', 'b', 'db', 'ml', 'l', 'dl')),
      probing_depth smallint null check (probing_depth between 0 and 15),
      recession smallint null check (recession between -5 and 10),
      bleeding boolean not null default false,
      plaque boolean not null default false,
      suppuration boolean not null default false,
      unique (exam_id, tooth_number, site))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists periodontogram_sites');
    this.addSql('drop table if exists periodontogram_teeth');
    this.addSql('drop table if exists periodontogram_exams');
  }
}
