import { Migration } from '@dentalpin/core';

/** FDI tooth numbers: permanent 11–18, 21–28, 31–38, 41–48; deciduous 51–55, 61–65, 71–75, 81–85. */
const FDI_TOOTH = `tooth_number between 11 and 85 and tooth_number % 10 between 1 and (case when tooth_number < 50 then 8 else 5 end)`;

export class Migration20261202112950_clinical_notes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "clinical_notes" (
      "id" uuid not null,
      "clinic_id" uuid not null references clinics(id),
      "patient_id" uuid not null,
      "owner_type" text check ("owner_type" in ('patient', 'treatment', 'plan', 'appointment')) not null,
      "owner_id" uuid not null,
      "tooth_number" smallint null check (${FDI_TOOTH}),
      "body" text not null check (length(btrim("body")) > 0),
      "author_id" uuid not null references users(id),
      "deleted_at" timestamptz null,
      "deleted_by" uuid null references users(id),
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "clinical_notes_pkey" primary key ("id"),
      constraint "clinical_notes_deleted_by_check" check (("deleted_at" is null) = ("deleted_by" is null)))`);
    // Every read is a clinic's live notes of one patient (optionally one owner), newest first.
    this
      .addSql(`create index "clinical_notes_patient_idx" on "clinical_notes" ("clinic_id", "patient_id", "created_at" desc)
      where "deleted_at" is null`);
    this.addSql(`create index "clinical_notes_owner_idx" on "clinical_notes" ("clinic_id", "owner_type", "owner_id")
      where "deleted_at" is null`);

    this.addSql(`create table "clinical_note_templates" (
      "id" uuid not null,
      "clinic_id" uuid not null references clinics(id),
      "name" varchar(120) not null,
      "body" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "clinical_note_templates_pkey" primary key ("id"))`);
    // Template names are unique per clinic (the service turns a clash into CONFLICT).
    this.addSql(
      `create unique index "clinical_note_templates_name_key" on "clinical_note_templates" ("clinic_id", "name")`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "clinical_note_templates"`);
    this.addSql(`drop table if exists "clinical_notes"`);
  }
}
