import { Migration } from '@dentalpin/core';

/**
 * Billing: invoice series with gap-free yearly counters, invoices and credit notes, their lines, payments
 * and an append-only history. Money is numeric(12,2); the database refuses overpayment on its own.
 */
export class Migration20261126000001_billing extends Migration {
  override async up(): Promise<void> {
    // Foreign keys to invoices are checked at commit: an invoice and its lines are written in one flush
    // whose insert order the ORM does not guarantee (no ORM relations across these entities).
    this.addSql(`create table invoice_series (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      prefix varchar(20) not null,
      kind varchar(20) not null check (kind in ('invoice','credit_note')),
      description varchar(200),
      is_default boolean not null default false,
      reset_yearly boolean not null default true,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint invoice_series_clinic_prefix_unique unique (clinic_id, prefix),
      constraint invoice_series_default_is_active check (not is_default or is_active))`);
    // One default series per clinic and kind.
    this.addSql(`create unique index invoice_series_one_default on invoice_series (clinic_id, kind) where is_default`);
    // year = 0 for a series that never resets.
    this.addSql(`create table invoice_series_counters (
      series_id uuid not null references invoice_series(id),
      year int not null check (year >= 0),
      last_number int not null check (last_number >= 1),
      primary key (series_id, year))`);

    this.addSql(`create table invoices (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      kind varchar(20) not null check (kind in ('invoice','credit_note')),
      status varchar(20) not null check (status in ('draft','issued','partial','paid','cancelled','voided')),
      patient_id uuid not null,
      professional_id uuid,
      budget_id uuid,
      credit_note_for_id uuid references invoices(id) deferrable initially deferred,
      series_id uuid references invoice_series(id),
      number_year int,
      sequential_number int,
      number varchar(40),
      issue_date date,
      due_date date,
      payment_term_days int not null default 30 check (payment_term_days between 0 and 365),
      billing_name varchar(200),
      billing_tax_id varchar(50),
      billing_address text,
      billing_email varchar(255),
      subtotal numeric(12,2) not null default 0,
      total_discount numeric(12,2) not null default 0,
      total_tax numeric(12,2) not null default 0,
      total numeric(12,2) not null default 0,
      paid_amount numeric(12,2) not null default 0,
      notes text,
      void_reason text,
      created_by uuid,
      issued_by uuid,
      issued_at timestamptz,
      voided_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint invoices_paid_within_total check (
        kind = 'credit_note' or (total >= 0 and paid_amount >= 0 and paid_amount <= total)),
      constraint invoices_credit_note_shape check (
        kind = 'invoice' or (credit_note_for_id is not null and total <= 0 and paid_amount = 0)),
      constraint invoices_number_when_issued check ((number is null) = (status in ('draft','voided') and issued_at is null)))`);
    this.addSql(
      `create unique index invoices_clinic_number_unique on invoices (clinic_id, number) where number is not null`,
    );
    this
      .addSql(`create unique index invoices_series_sequence_unique on invoices (series_id, number_year, sequential_number)
      where sequential_number is not null`);
    // A budget is invoiced once (a voided invoice frees it).
    this.addSql(`create unique index invoices_one_per_budget on invoices (clinic_id, budget_id)
      where budget_id is not null and kind = 'invoice' and status <> 'voided'`);
    this.addSql(`create index invoices_clinic_patient_idx on invoices (clinic_id, patient_id)`);
    this.addSql(`create index invoices_clinic_status_idx on invoices (clinic_id, status, issue_date)`);

    this.addSql(`create table invoice_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      invoice_id uuid not null references invoices(id) deferrable initially deferred,
      budget_item_id uuid,
      catalog_item_id uuid,
      description varchar(500) not null,
      quantity int not null check (quantity between 1 and 9999),
      unit_price numeric(12,2) not null,
      discount numeric(12,2) not null default 0,
      vat_rate numeric(5,2) not null check (vat_rate >= 0 and vat_rate <= 100),
      net_amount numeric(12,2) not null,
      tax_amount numeric(12,2) not null,
      total numeric(12,2) not null,
      display_order int not null default 0,
      constraint invoice_items_total_adds_up check (total = net_amount + tax_amount))`);
    this.addSql(`create index invoice_items_invoice_idx on invoice_items (invoice_id, display_order)`);

    this.addSql(`create table invoice_payments (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      invoice_id uuid not null references invoices(id) deferrable initially deferred,
      amount numeric(12,2) not null check (amount > 0),
      method varchar(20) not null
        check (method in ('cash','card','bank_transfer','direct_debit','insurance','other')),
      paid_at timestamptz not null,
      reference varchar(200),
      recorded_by uuid,
      created_at timestamptz not null default now())`);
    this.addSql(`create index invoice_payments_invoice_idx on invoice_payments (invoice_id)`);
    this.addSql(`create index invoice_payments_clinic_paid_at_idx on invoice_payments (clinic_id, paid_at)`);

    this.addSql(`create table invoice_history (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      invoice_id uuid not null references invoices(id) deferrable initially deferred,
      action varchar(40) not null,
      from_status varchar(20),
      to_status varchar(20),
      details jsonb not null default '{}',
      actor_id uuid,
      created_at timestamptz not null default now())`);
    this.addSql(`create index invoice_history_invoice_idx on invoice_history (invoice_id, created_at)`);
    // Financial records are never rewritten: the history only grows.
    this.addSql(`create function invoice_history_append_only() returns trigger language plpgsql as $$
      begin raise exception 'invoice_history is append-only'; end $$`);
    this.addSql(`create trigger invoice_history_append_only before delete or update on invoice_history
      for each row execute function invoice_history_append_only()`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'invoice_history',
      'invoice_payments',
      'invoice_items',
      'invoices',
      'invoice_series_counters',
      'invoice_series',
    ])
      this.addSql(`drop table if exists ${table}`);
    this.addSql(`drop function if exists invoice_history_append_only()`);
  }
}
