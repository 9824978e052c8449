import { Migration } from '@dentalpin/core';

export class Migration20261202134344_patient_relationships extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "patient_relationships" (
      "id" uuid not null,
      "clinic_id" uuid not null references clinics(id),
      "patient_id" uuid not null references patients(id),
      "related_patient_id" uuid not null references patients(id),
      "type" text check ("type" in ('parent', 'child', 'guardian', 'ward', 'grandparent', 'grandchild', 'spouse', 'sibling', 'other')) not null,
      "notes" text null,
      "created_by" uuid null,
      "removed_at" timestamptz null,
      "removed_by" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "patient_relationships_pkey" primary key ("id"),
      constraint "patient_relationships_not_self" check ("patient_id" <> "related_patient_id"))`);
    // One current link per pair, whichever way round it was entered (removed links stay as history).
    this.addSql(`create unique index "patient_relationships_pair_uq" on "patient_relationships"
      ("clinic_id", least("patient_id", "related_patient_id"), greatest("patient_id", "related_patient_id"))
      where "removed_at" is null`);
    this.addSql(
      `create index "patient_relationships_patient_idx" on "patient_relationships" ("clinic_id", "patient_id")`,
    );
    this.addSql(
      `create index "patient_relationships_related_idx" on "patient_relationships" ("clinic_id", "related_patient_id")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "patient_relationships"`);
  }
}
