import { Migration } from '@dentalpin/core';

/**
 * The patient account. The database keeps the money rules on its own, whatever the code does:
 * amounts > 0; a payment's refunds never above it (refunded_amount ≤ amount, per payment and per part);
 * the parts of a payment add up to it exactly (a constraint trigger checked at commit); one earned row
 * per treatment; payments, refunds and earned rows are never deleted or rewritten (only the refunded
 * counters grow).
 */
export class Migration20261202150000_payments extends Migration {
  override async up(): Promise<void> {
    const methods = `('cash','card','bank_transfer','direct_debit','insurance','other')`;
    this.addSql(`create table payments (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      amount numeric(12,2) not null check (amount > 0),
      currency varchar(3) not null,
      method varchar(13) not null check (method in ${methods}),
      payment_date date not null,
      reference varchar(100) null,
      notes text null,
      origin varchar(7) not null default 'account' check (origin in ('account','billing')),
      billing_payment_id uuid null,
      refunded_amount numeric(12,2) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
      recorded_by uuid null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((origin = 'billing') = (billing_payment_id is not null)))`);
    this.addSql('create index payments_clinic_date_idx on payments (clinic_id, payment_date)');
    this.addSql('create index payments_patient_idx on payments (clinic_id, patient_id)');
    this.addSql(`create unique index payments_billing_unique on payments (clinic_id, billing_payment_id)
      where billing_payment_id is not null`);

    this.addSql(`create table payment_allocations (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      payment_id uuid not null references payments(id) deferrable initially deferred,
      target_type varchar(10) not null check (target_type in ('budget','invoice','on_account')),
      target_id uuid null,
      amount numeric(12,2) not null check (amount > 0),
      refunded_amount numeric(12,2) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
      created_at timestamptz not null,
      check ((target_type = 'on_account') = (target_id is null)))`);
    this.addSql('create index payment_allocations_payment_idx on payment_allocations (payment_id)');
    this.addSql(
      'create index payment_allocations_target_idx on payment_allocations (clinic_id, target_type, target_id)',
    );

    // Σ parts = payment, checked at commit (the payment and its parts are written in one transaction).
    this.addSql(`create function payments_check_balanced(pid uuid) returns void language plpgsql as $$
      declare total numeric; parts numeric;
      begin
        select amount into total from payments where id = pid;
        if total is null then return; end if;
        select coalesce(sum(amount), 0) into parts from payment_allocations where payment_id = pid;
        if parts <> total then
          raise exception 'payment % is allocated % of %', pid, parts, total using errcode = '23514';
        end if;
      end $$`);
    this.addSql(`create function payments_balanced() returns trigger language plpgsql as $$
      begin perform payments_check_balanced(new.id); return null; end $$`);
    this.addSql(`create function payment_allocations_balanced() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then perform payments_check_balanced(old.payment_id);
        else perform payments_check_balanced(new.payment_id); end if;
        return null;
      end $$`);
    this.addSql(`create constraint trigger payments_balanced after insert or update of amount on payments
      deferrable initially deferred for each row execute function payments_balanced()`);
    this.addSql(`create constraint trigger payment_allocations_balanced
      after insert or update or delete on payment_allocations
      deferrable initially deferred for each row execute function payment_allocations_balanced()`);

    this.addSql(`create table payment_refunds (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      payment_id uuid not null references payments(id),
      patient_id uuid not null references patients(id),
      amount numeric(12,2) not null check (amount > 0),
      method varchar(13) not null check (method in ${methods}),
      reason_code varchar(19) not null
        check (reason_code in ('duplicate','overpaid','treatment_cancelled','dispute','other')),
      reason_note text null,
      origin varchar(7) not null default 'account' check (origin in ('account','billing')),
      billing_refund_id uuid null,
      refunded_at timestamptz not null,
      refunded_by uuid null)`);
    this.addSql('create index payment_refunds_payment_idx on payment_refunds (payment_id)');
    this.addSql('create index payment_refunds_clinic_idx on payment_refunds (clinic_id, refunded_at)');
    this
      .addSql(`create unique index payment_refunds_billing_unique on payment_refunds (clinic_id, billing_refund_id, payment_id)
      where billing_refund_id is not null`);

    this.addSql(`create table payment_refund_parts (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      refund_id uuid not null references payment_refunds(id) deferrable initially deferred,
      allocation_id uuid not null references payment_allocations(id),
      amount numeric(12,2) not null check (amount > 0))`);
    this.addSql('create index payment_refund_parts_refund_idx on payment_refund_parts (refund_id)');

    this.addSql(`create table patient_earned_entries (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      patient_id uuid not null references patients(id),
      treatment_id uuid not null,
      source varchar(9) not null check (source in ('treatment','plan_item')),
      catalog_item_id uuid null,
      description varchar(160) null,
      net_amount numeric(12,2) not null,
      vat_rate numeric(5,2) not null check (vat_rate >= 0 and vat_rate <= 100),
      amount numeric(12,2) not null,
      performed_at timestamptz not null,
      professional_id uuid null,
      source_event varchar(80) not null,
      created_at timestamptz not null,
      constraint patient_earned_entries_treatment_unique unique (clinic_id, treatment_id))`);
    this.addSql(
      'create index patient_earned_entries_patient_idx on patient_earned_entries (clinic_id, patient_id, performed_at)',
    );

    // Financial records: never deleted; only the refunded counters of payments and parts may change.
    this.addSql(`create function payments_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then raise exception '% rows are never deleted', tg_table_name; end if;
        if tg_table_name in ('payments','payment_allocations') then
          if (to_jsonb(new) - 'refunded_amount' - 'updated_at') = (to_jsonb(old) - 'refunded_amount' - 'updated_at')
            then return new; end if;
        end if;
        raise exception '% rows are never rewritten', tg_table_name;
      end $$`);
    for (const table of [
      'payments',
      'payment_allocations',
      'payment_refunds',
      'payment_refund_parts',
      'patient_earned_entries',
    ])
      this.addSql(`create trigger ${table}_append_only before delete or update on ${table}
        for each row execute function payments_append_only()`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'payment_refund_parts',
      'payment_refunds',
      'payment_allocations',
      'patient_earned_entries',
      'payments',
    ])
      this.addSql(`drop table if exists ${table}`);
    this.addSql('drop function if exists payments_balanced()');
    this.addSql('drop function if exists payment_allocations_balanced()');
    this.addSql('drop function if exists payments_check_balanced(uuid)');
    this.addSql('drop function if exists payments_append_only()');
  }
}
