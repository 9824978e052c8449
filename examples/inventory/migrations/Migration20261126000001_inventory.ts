import { Migration } from '@dentalpin/core';

export class Migration20261126000001_inventory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table inventory_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      name varchar(120) not null,
      unit varchar(20) not null default 'unit',
      quantity numeric(12,3) not null default 0,
      min_quantity numeric(12,3) not null default 0 check (min_quantity >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint inventory_items_clinic_name_unique unique (clinic_id, name))`);
    this.addSql(`create table inventory_consumption_rules (
      item_id uuid not null references inventory_items(id) on delete cascade,
      clinic_id uuid not null references clinics(id),
      treatment_type varchar(100) not null,
      quantity numeric(12,3) not null check (quantity > 0),
      primary key (item_id, treatment_type))`);
    this.addSql(
      `create index inventory_consumption_rules_type_idx on inventory_consumption_rules (clinic_id, lower(treatment_type))`,
    );
    this.addSql(`create table inventory_movements (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      item_id uuid not null references inventory_items(id),
      quantity numeric(12,3) not null check (quantity <> 0),
      reason varchar(20) not null check (reason in ('purchase','adjustment','consumption')),
      appointment_id uuid,
      note text,
      created_by uuid,
      created_at timestamptz not null default now())`);
    // A completed appointment consumes stock once per item, however often its event is delivered.
    this
      .addSql(`create unique index inventory_movements_consumption_unique on inventory_movements (item_id, appointment_id)
      where reason = 'consumption'`);
    this.addSql(`create index inventory_movements_item_idx on inventory_movements (item_id, created_at desc)`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists inventory_movements');
    this.addSql('drop table if exists inventory_consumption_rules');
    this.addSql('drop table if exists inventory_items');
  }
}
