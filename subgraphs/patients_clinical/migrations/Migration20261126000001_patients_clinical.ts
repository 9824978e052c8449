import { Migration } from '@dentalpin/core';

/** Columns every removable-by-soft-delete medical record carries. */
const AUDIT_COLUMNS = `
      created_at timestamptz not null default now(),
      created_by uuid not null references users(id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references users(id),
      deleted_at timestamptz,
      deleted_by uuid references users(id),
      deletion_reason text,
      check ((deleted_at is null) = (deleted_by is null) and (deleted_at is null) = (deletion_reason is null))`;

const LIST_TABLES = [
  'patients_clinical_allergies',
  'patients_clinical_medications',
  'patients_clinical_systemic_diseases',
  'patients_clinical_surgical_history',
];
const ONE_TO_ONE_TABLES = [
  'patients_clinical_medical_context',
  'patients_clinical_emergency_contacts',
  'patients_clinical_legal_guardians',
];
const AUDIT_TABLE = 'patients_clinical_audit';
const ALL_TABLES = [...ONE_TO_ONE_TABLES, ...LIST_TABLES, AUDIT_TABLE];

export class Migration20261126000001_patients_clinical extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table patients_clinical_medical_context (
      patient_id uuid primary key references patients(id),
      clinic_id uuid not null references clinics(id),
      is_pregnant boolean not null default false,
      pregnancy_week smallint check (pregnancy_week between 1 and 42),
      is_lactating boolean not null default false,
      is_smoker boolean not null default false,
      smoking_frequency varchar(100),
      alcohol_consumption varchar(100),
      bruxism boolean not null default false,
      anesthesia_adverse_reaction boolean not null default false,
      anesthesia_reaction_details text,
      notes text,
      created_at timestamptz not null default now(),
      created_by uuid not null references users(id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references users(id),
      check (pregnancy_week is null or is_pregnant))`);

    this.addSql(`create table patients_clinical_allergies (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      substance varchar(200) not null,
      type varchar(20) not null default 'other' check (type in ('medication', 'latex', 'food', 'environmental', 'other')),
      severity varchar(10) not null default 'medium' check (severity in ('low', 'medium', 'high', 'critical')),
      reaction text,
      notes text,${AUDIT_COLUMNS})`);

    this.addSql(`create table patients_clinical_medications (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      name varchar(200) not null,
      dosage varchar(100),
      frequency varchar(100),
      start_date date,
      is_anticoagulant boolean not null default false,
      inr_value numeric(4,2) check (inr_value > 0),
      inr_date date,
      notes text,${AUDIT_COLUMNS},
      check (is_anticoagulant or (inr_value is null and inr_date is null)))`);

    this.addSql(`create table patients_clinical_systemic_diseases (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      name varchar(200) not null,
      diagnosis_date date,
      is_controlled boolean,
      is_critical boolean not null default false,
      notes text,${AUDIT_COLUMNS})`);

    this.addSql(`create table patients_clinical_surgical_history (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      procedure varchar(200) not null,
      surgery_date date,
      complications text,
      notes text,${AUDIT_COLUMNS})`);

    for (const table of LIST_TABLES)
      this.addSql(`create index ${table}_patient_idx on ${table} (patient_id) where deleted_at is null`);
    // Alert queries look for severe allergies and critical diseases across a page of patients.
    this.addSql(
      `create index patients_clinical_allergies_severity_idx on patients_clinical_allergies (clinic_id, severity) where deleted_at is null`,
    );
    this.addSql(
      `create index patients_clinical_systemic_diseases_critical_idx on patients_clinical_systemic_diseases (clinic_id, is_critical) where deleted_at is null`,
    );

    this.addSql(`create table patients_clinical_emergency_contacts (
      patient_id uuid primary key references patients(id),
      clinic_id uuid not null references clinics(id),
      name varchar(200) not null,
      relationship varchar(100),
      phone varchar(20) not null,
      email varchar(255),
      is_legal_guardian boolean not null default false,${AUDIT_COLUMNS})`);

    this.addSql(`create table patients_clinical_legal_guardians (
      patient_id uuid primary key references patients(id),
      clinic_id uuid not null references clinics(id),
      name varchar(200) not null,
      relationship varchar(100) not null,
      national_id varchar(50),
      phone varchar(20),
      email varchar(255),
      address text,
      notes text,${AUDIT_COLUMNS})`);

    this.addSql(`create table patients_clinical_audit (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      section varchar(30) not null check (section in ('medical_context', 'allergy', 'medication', 'systemic_disease', 'surgical_procedure', 'emergency_contact', 'legal_guardian')),
      record_id uuid not null,
      action varchar(10) not null check (action in ('create', 'update', 'remove')),
      before jsonb,
      after jsonb,
      reason text,
      summary text not null,
      changed_by uuid not null references users(id),
      changed_at timestamptz not null default now())`);
    this.addSql(
      `create index patients_clinical_audit_patient_idx on patients_clinical_audit (patient_id, changed_at desc)`,
    );

    // The database itself refuses to lose medical history: no row of these tables is ever deleted
    // (removal is a soft delete with a reason) and the audit trail is append-only.
    this.addSql(`create function patients_clinical_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '% on % is refused: medical records are never deleted and their audit trail is append-only', tg_op, tg_table_name
          using errcode = 'restrict_violation';
      end $$`);
    for (const table of ALL_TABLES) {
      this.addSql(
        `create trigger ${table}_no_delete before delete on ${table} for each row execute function patients_clinical_refuse_change()`,
      );
      this.addSql(
        `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function patients_clinical_refuse_change()`,
      );
    }
    this.addSql(
      `create trigger ${AUDIT_TABLE}_no_update before update on ${AUDIT_TABLE} for each row execute function patients_clinical_refuse_change()`,
    );
  }

  override async down(): Promise<void> {
    // Dropping a table does not fire its delete triggers; this runs only when the schema itself is
    // rolled back (the module is not removable, so uninstall never gets here).
    for (const table of [...ALL_TABLES].reverse()) this.addSql(`drop table if exists ${table}`);
    this.addSql('drop function if exists patients_clinical_refuse_change()');
  }
}
