import { Migration } from '@mikro-orm/migrations';

/** Core tables: tenancy, auth and the module system's bookkeeping. */
export class Migration20261126000001_core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table clinics (
      id uuid primary key,
      name varchar(200) not null,
      timezone varchar(64) not null default 'Europe/Madrid',
      currency varchar(3) not null default 'EUR',
      settings jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create table users (
      id uuid primary key,
      email varchar(255) not null,
      password_hash varchar(255) not null,
      first_name varchar(100) not null,
      last_name varchar(100) not null,
      is_active boolean not null default true,
      is_platform_admin boolean not null default false,
      token_version integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create unique index users_email_unique on users (lower(email))`);
    this.addSql(`create table clinic_memberships (
      id uuid primary key,
      user_id uuid not null references users(id),
      clinic_id uuid not null references clinics(id),
      role varchar(20) not null check (role in ('admin','dentist','hygienist','assistant','receptionist')),
      is_professional boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint clinic_memberships_user_clinic_unique unique (user_id, clinic_id))`);
    this.addSql(`create index clinic_memberships_clinic_idx on clinic_memberships (clinic_id)`);
    this.addSql(`create table core_module (
      name varchar(100) primary key,
      version varchar(50) not null,
      state varchar(30) not null check (state in ('uninstalled','to_install','installed','to_upgrade','to_remove','disabled')),
      category varchar(20) not null,
      removable boolean not null,
      auto_install boolean not null,
      installed_at timestamptz,
      last_state_change timestamptz not null default now(),
      manifest_snapshot jsonb not null default '{}',
      run_id uuid,
      error_message text,
      error_at timestamptz)`);
    this.addSql(`create table core_module_operation_log (
      id bigserial primary key,
      module_name varchar(100) not null references core_module(name) on delete cascade,
      run_id uuid not null,
      operation varchar(30) not null,
      step varchar(30) not null,
      status varchar(20) not null check (status in ('started','completed','failed')),
      details jsonb,
      created_at timestamptz not null default now())`);
    this.addSql(
      `create index core_module_operation_log_module_idx on core_module_operation_log (module_name, id desc)`,
    );
    this.addSql(`create index core_module_operation_log_run_idx on core_module_operation_log (run_id)`);
    this.addSql(`create table core_external_id (
      id uuid primary key,
      module_name varchar(100) not null,
      xml_id varchar(255) not null,
      table_name varchar(100) not null,
      record_id uuid not null,
      noupdate boolean not null default false,
      created_at timestamptz not null default now(),
      constraint uq_core_external_id_module_xml unique (module_name, xml_id))`);
    this.addSql(`create index core_external_id_record_idx on core_external_id (table_name, record_id)`);
    this.addSql(`create table core_login_attempt (
      key varchar(320) primary key,
      failures integer not null default 0,
      window_start timestamptz not null default now(),
      locked_until timestamptz)`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'core_login_attempt',
      'core_external_id',
      'core_module_operation_log',
      'core_module',
      'clinic_memberships',
      'users',
      'clinics',
    ])
      this.addSql(`drop table if exists ${table}`);
  }
}
