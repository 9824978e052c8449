import { Migration } from '@dentalpin/core';

export class Migration20261126000001_inventory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table inventory_categories (
      id uuid primary key,
      code varchar(50) not null unique,
      name varchar(100) not null)`);
    this.addSql(`create table inventory_items (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      category_id uuid not null references inventory_categories(id),
      name varchar(200) not null,
      sku varchar(64),
      unit varchar(20) not null,
      -- Manual movements never take it below zero (checked atomically by the service); consumption
      -- recorded from completed treatments may, because the treatment happened.
      stock_quantity numeric(12,3) not null default 0,
      minimum_stock numeric(12,3) not null default 0 check (minimum_stock >= 0),
      created_at timestamptz not null default now())`);
    this.addSql(`create unique index inventory_items_clinic_name_unique on inventory_items (clinic_id, lower(name))`);
    this.addSql(`create table inventory_stock_movements (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      item_id uuid not null references inventory_items(id),
      quantity numeric(12,3) not null check (quantity <> 0),
      reason varchar(20) not null check (reason in ('purchase', 'consumption', 'adjustment', 'waste')),
      note text,
      appointment_id uuid,
      created_by uuid,
      created_at timestamptz not null default now())`);
    this.addSql(
      `create index inventory_stock_movements_item_idx on inventory_stock_movements (item_id, created_at desc)`,
    );
    // One consumption per item and appointment: replayed events cannot consume twice.
    this.addSql(
      `create unique index inventory_consumption_once on inventory_stock_movements (item_id, appointment_id) where appointment_id is not null`,
    );
    // How much one completed appointment of a treatment type consumes of an item.
    this.addSql(`create table inventory_consumption_rules (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      item_id uuid not null references inventory_items(id),
      treatment_type varchar(100) not null,
      quantity numeric(12,3) not null check (quantity > 0))`);
    this.addSql(
      `create unique index inventory_consumption_rules_unique on inventory_consumption_rules (item_id, lower(treatment_type))`,
    );
    this.addSql(
      `create index inventory_consumption_rules_type_idx on inventory_consumption_rules (clinic_id, lower(treatment_type))`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists inventory_consumption_rules');
    this.addSql('drop table if exists inventory_stock_movements');
    this.addSql('drop table if exists inventory_items');
    this.addSql('drop table if exists inventory_categories');
  }
}
