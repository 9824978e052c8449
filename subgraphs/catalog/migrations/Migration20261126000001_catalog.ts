import { Migration } from '@dentalpin/core';

export class Migration20261126000001_catalog extends Migration {
  override async up(): Promise<void> {
    // Platform-wide reference data (YAML seeds): copied into each clinic by ensureClinicDefaults.
    this.addSql(`create table catalog_vat_presets (
      id uuid primary key,
      country varchar(2) not null,
      code varchar(30) not null,
      name varchar(100) not null,
      rate numeric(5,2) not null check (rate >= 0 and rate <= 100),
      is_default boolean not null default false,
      display_order int not null default 0,
      constraint catalog_vat_presets_country_code_unique unique (country, code))`);
    this.addSql(`create table catalog_category_templates (
      id uuid primary key,
      code varchar(50) not null unique,
      name varchar(100) not null,
      description text,
      display_order int not null default 0)`);
    this.addSql(`create table catalog_item_templates (
      id uuid primary key,
      code varchar(50) not null unique,
      name varchar(200) not null,
      category_code varchar(50) not null references catalog_category_templates(code),
      vat_code varchar(30),
      pricing_strategy varchar(20) not null check (pricing_strategy in ('flat','per_tooth','per_surface','per_role')),
      price numeric(10,2) not null check (price >= 0),
      surface_prices jsonb not null default '[]',
      role_prices jsonb not null default '[]',
      sessions jsonb not null default '[]',
      duration_minutes int check (duration_minutes > 0),
      display_order int not null default 0)`);

    // Each clinic's own catalog.
    this.addSql(`create table catalog_vat_types (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      code varchar(30) not null,
      name varchar(100) not null,
      rate numeric(5,2) not null check (rate >= 0 and rate <= 100),
      is_default boolean not null default false,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint catalog_vat_types_clinic_code_unique unique (clinic_id, code),
      constraint catalog_vat_types_default_is_active check (not is_default or is_active))`);
    // At most one default VAT type per clinic, whatever races the service loses.
    this.addSql(`create unique index catalog_vat_types_one_default on catalog_vat_types (clinic_id) where is_default`);
    this.addSql(`create table catalog_categories (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      code varchar(50) not null,
      name varchar(100) not null,
      description text,
      display_order int not null default 0,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint catalog_categories_clinic_code_unique unique (clinic_id, code))`);
    this.addSql(`create table catalog_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      code varchar(50) not null,
      name varchar(200) not null,
      description text,
      category_id uuid not null references catalog_categories(id),
      vat_type_id uuid not null references catalog_vat_types(id),
      pricing_strategy varchar(20) not null check (pricing_strategy in ('flat','per_tooth','per_surface','per_role')),
      price numeric(10,2) not null check (price >= 0),
      duration_minutes int check (duration_minutes > 0),
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint catalog_items_clinic_code_unique unique (clinic_id, code))`);
    this.addSql(`create index catalog_items_clinic_category_idx on catalog_items (clinic_id, category_id)`);
    this.addSql(`create table catalog_item_surface_prices (
      id uuid primary key,
      item_id uuid not null references catalog_items(id) on delete cascade,
      surfaces smallint not null check (surfaces between 1 and 5),
      price numeric(10,2) not null check (price >= 0),
      constraint catalog_item_surface_prices_unique unique (item_id, surfaces))`);
    this.addSql(`create table catalog_item_role_prices (
      id uuid primary key,
      item_id uuid not null references catalog_items(id) on delete cascade,
      role varchar(20) not null check (role in ('admin','dentist','hygienist','assistant','receptionist')),
      price numeric(10,2) not null check (price >= 0),
      constraint catalog_item_role_prices_unique unique (item_id, role))`);
    this.addSql(`create table catalog_item_sessions (
      id uuid primary key,
      item_id uuid not null references catalog_items(id) on delete cascade,
      sequence smallint not null check (sequence >= 1),
      label varchar(200) not null,
      amount numeric(10,2) not null check (amount >= 0),
      constraint catalog_item_sessions_unique unique (item_id, sequence))`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'catalog_item_sessions',
      'catalog_item_role_prices',
      'catalog_item_surface_prices',
      'catalog_items',
      'catalog_categories',
      'catalog_vat_types',
      'catalog_item_templates',
      'catalog_category_templates',
      'catalog_vat_presets',
    ])
      this.addSql(`drop table if exists ${table}`);
  }
}
