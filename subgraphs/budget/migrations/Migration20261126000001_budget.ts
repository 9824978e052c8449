import { Migration } from '@dentalpin/core';

const MONEY = 'numeric(12,2)';

export class Migration20261126000001_budget extends Migration {
  override async up(): Promise<void> {
    // One counter per clinic and year; createBudget bumps it with an upsert (a row lock), so concurrent
    // budgets never share a number.
    this.addSql(`create table budget_number_counters (
      clinic_id uuid not null references clinics(id),
      year int not null check (year between 2000 and 9999),
      last_number int not null check (last_number >= 1),
      primary key (clinic_id, year))`);
    this.addSql(`create table budgets (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      number varchar(20) not null,
      version int not null default 1 check (version >= 1),
      parent_budget_id uuid references budgets(id),
      status varchar(20) not null default 'draft'
        check (status in ('draft','sent','accepted','rejected','expired','cancelled')),
      patient_id uuid not null,
      professional_id uuid references users(id),
      created_by uuid references users(id),
      valid_from date not null,
      valid_until date not null,
      global_discount_type varchar(20) check (global_discount_type in ('percentage','absolute')),
      global_discount_value ${MONEY} check (global_discount_value >= 0),
      subtotal ${MONEY} not null default 0 check (subtotal >= 0),
      total_discount ${MONEY} not null default 0 check (total_discount >= 0 and total_discount <= subtotal),
      total_tax ${MONEY} not null default 0 check (total_tax >= 0),
      total ${MONEY} not null default 0 check (total >= 0),
      notes text,
      sent_at timestamptz,
      sent_by uuid,
      accepted_at timestamptz,
      accepted_by uuid,
      accepted_via varchar(20) check (accepted_via in ('in_clinic','remote_link','manual')),
      rejected_at timestamptz,
      rejected_by uuid,
      rejection_reason text,
      rejection_note text,
      expired_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by uuid,
      cancellation_reason text,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint budgets_clinic_number_version_unique unique (clinic_id, number, version),
      constraint budgets_validity check (valid_until >= valid_from),
      constraint budgets_discount_pair check ((global_discount_type is null) = (global_discount_value is null)),
      constraint budgets_accepted_has_when check (status <> 'accepted' or accepted_at is not null))`);
    this.addSql(`create index budgets_clinic_patient_idx on budgets (clinic_id, patient_id)`);
    this.addSql(`create index budgets_clinic_status_idx on budgets (clinic_id, status, valid_until)`);
    this.addSql(`create index budgets_clinic_created_idx on budgets (clinic_id, created_at)`);
    this.addSql(`create table budget_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      budget_id uuid not null references budgets(id),
      catalog_item_id uuid not null,
      description varchar(500) not null,
      quantity int not null check (quantity between 1 and 999),
      unit_price ${MONEY} not null check (unit_price >= 0),
      discount_type varchar(20) check (discount_type in ('percentage','absolute')),
      discount_value ${MONEY} check (discount_value >= 0),
      vat_rate numeric(5,2) not null check (vat_rate >= 0 and vat_rate <= 100),
      teeth jsonb not null default '[]',
      surfaces smallint check (surfaces between 1 and 5),
      line_subtotal ${MONEY} not null check (line_subtotal >= 0),
      line_discount ${MONEY} not null check (line_discount >= 0 and line_discount <= line_subtotal),
      net_amount ${MONEY} not null check (net_amount >= 0),
      tax_amount ${MONEY} not null check (tax_amount >= 0),
      total ${MONEY} not null check (total = net_amount + tax_amount),
      display_order int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint budget_items_discount_pair check ((discount_type is null) = (discount_value is null)))`);
    this.addSql(`create index budget_items_budget_idx on budget_items (budget_id, display_order)`);
    this.addSql(`create table budget_history (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      budget_id uuid not null references budgets(id),
      action varchar(30) not null
        check (action in ('created','updated','item_added','item_updated','item_removed','status_changed','duplicated')),
      from_status varchar(20),
      to_status varchar(20),
      changed_by uuid,
      changed_at timestamptz not null,
      note text,
      details jsonb not null default '{}',
      created_at timestamptz not null default now())`);
    this.addSql(`create index budget_history_budget_idx on budget_history (budget_id, changed_at)`);
    // History is append-only: the database refuses to rewrite it.
    this.addSql(`create function budget_history_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`);
    this.addSql(`create trigger budget_history_append_only before update or delete on budget_history
      for each row execute function budget_history_append_only()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists budget_history');
    this.addSql('drop function if exists budget_history_append_only()');
    this.addSql('drop table if exists budget_items');
    this.addSql('drop table if exists budgets');
    this.addSql('drop table if exists budget_number_counters');
  }
}
