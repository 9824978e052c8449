import { Migration } from '@dentalpin/core';

export class Migration20261202112348_odontogram extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "odontogram_tooth_changes" ("id" uuid not null, "clinic_id" uuid not null, "patient_id" uuid not null, "tooth_number" smallint not null, "change_type" text check ("change_type" in ('created', 'condition', 'surface', 'note')) not null, "surface" text check ("surface" in ('m', 'd', 'o', 'v', 'l')) null, "old_condition" text check ("old_condition" in ('healthy', 'caries', 'filling', 'crown', 'missing', 'root_canal', 'implant', 'extraction_indicated', 'sealant', 'fracture')) null, "new_condition" text check ("new_condition" in ('healthy', 'caries', 'filling', 'crown', 'missing', 'root_canal', 'implant', 'extraction_indicated', 'sealant', 'fracture')) null, "notes" text null, "changed_by" uuid null, "changed_at" timestamptz not null, constraint "odontogram_tooth_changes_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "odontogram_tooth_records" ("id" uuid not null, "clinic_id" uuid not null, "patient_id" uuid not null, "tooth_number" smallint not null, "condition" text check ("condition" in ('healthy', 'caries', 'filling', 'crown', 'missing', 'root_canal', 'implant', 'extraction_indicated', 'sealant', 'fracture')) not null default 'healthy', "surfaces" jsonb not null, "notes" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "odontogram_tooth_records_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "odontogram_treatments" ("id" uuid not null, "clinic_id" uuid not null, "patient_id" uuid not null, "clinical_type" varchar(40) not null, "scope" text check ("scope" in ('tooth', 'multi_tooth', 'global_mouth', 'global_arch')) not null, "arch" text check ("arch" in ('upper', 'lower')) null, "catalog_item_id" uuid null, "status" text check ("status" in ('planned', 'performed')) not null default 'planned', "recorded_at" timestamptz not null, "recorded_by" uuid null, "performed_at" timestamptz null, "performed_by" uuid null, "price" numeric(12,2) null, "duration_minutes" int null, "vat_rate" numeric(5,2) null, "notes" text null, "deleted_at" timestamptz null, "deleted_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "odontogram_treatments_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "odontogram_treatment_teeth" ("id" uuid not null, "clinic_id" uuid not null, "treatment_id" uuid not null, "tooth_number" smallint not null, "role" text check ("role" in ('pillar', 'pontic')) null, "surfaces" jsonb not null, constraint "odontogram_treatment_teeth_pkey" primary key ("id"));`,
    );
    // What the entities cannot say: keys, the FDI and scope rules, and the indexes the chart reads by.
    const fdi = (column: string) =>
      `check (${column} between 11 and 48 and ${column} % 10 between 1 and 8 or ${column} between 51 and 85 and ${column} % 10 between 1 and 5)`;
    this.addSql(`alter table odontogram_tooth_records
      add constraint odontogram_tooth_records_clinic_fk foreign key (clinic_id) references clinics(id),
      add constraint odontogram_tooth_records_patient_fk foreign key (patient_id) references patients(id),
      add constraint odontogram_tooth_records_tooth_check ${fdi('tooth_number')},
      add constraint odontogram_tooth_records_patient_tooth_unique unique (clinic_id, patient_id, tooth_number)`);
    this.addSql(`alter table odontogram_tooth_changes
      add constraint odontogram_tooth_changes_clinic_fk foreign key (clinic_id) references clinics(id),
      add constraint odontogram_tooth_changes_patient_fk foreign key (patient_id) references patients(id),
      add constraint odontogram_tooth_changes_tooth_check ${fdi('tooth_number')}`);
    this.addSql(
      `create index odontogram_tooth_changes_patient_idx on odontogram_tooth_changes (clinic_id, patient_id, changed_at)`,
    );
    this.addSql(`alter table odontogram_treatments
      add constraint odontogram_treatments_clinic_fk foreign key (clinic_id) references clinics(id),
      add constraint odontogram_treatments_patient_fk foreign key (patient_id) references patients(id),
      add constraint odontogram_treatments_catalog_item_fk foreign key (catalog_item_id) references catalog_items(id),
      add constraint odontogram_treatments_arch_scope_check check ((scope = 'global_arch') = (arch is not null)),
      add constraint odontogram_treatments_performed_check check ((status = 'performed') = (performed_at is not null))`);
    this.addSql(
      `create index odontogram_treatments_patient_idx on odontogram_treatments (clinic_id, patient_id, status)`,
    );
    this.addSql(`create index odontogram_treatments_catalog_item_idx on odontogram_treatments (catalog_item_id)`);
    this.addSql(`alter table odontogram_treatment_teeth
      add constraint odontogram_treatment_teeth_treatment_fk foreign key (treatment_id) references odontogram_treatments(id),
      add constraint odontogram_treatment_teeth_tooth_check ${fdi('tooth_number')},
      add constraint odontogram_treatment_teeth_unique unique (treatment_id, tooth_number)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "odontogram_tooth_changes" cascade;`);

    this.addSql(`drop table if exists "odontogram_tooth_records" cascade;`);

    this.addSql(`drop table if exists "odontogram_treatments" cascade;`);

    this.addSql(`drop table if exists "odontogram_treatment_teeth" cascade;`);
  }
}
