import { Migration } from '@dentalpin/core';

export class Migration20261202113140 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "media_documents" ("id" uuid not null, "clinic_id" uuid not null, "patient_id" uuid not null, "document_type" text check ("document_type" in ('consent', 'id_scan', 'insurance', 'report', 'referral', 'xray', 'photo', 'other')) not null, "kind" text check ("kind" in ('document', 'image')) not null, "title" varchar(255) not null, "original_filename" varchar(255) null, "storage_key" varchar(500) not null, "mime_type" varchar(100) not null, "size_bytes" int not null, "tags" jsonb not null, "paired_document_id" uuid null, "status" text check ("status" in ('active', 'archived')) not null default 'active', "uploaded_by" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "media_documents_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "media_documents_clinic_id_index" on "media_documents" ("clinic_id");`);
    this.addSql(`create index "media_documents_patient_id_index" on "media_documents" ("patient_id");`);
    this.addSql(
      `alter table "media_documents" add constraint "media_documents_storage_key_unique" unique ("storage_key");`,
    );

    this.addSql(
      `create table "media_attachments" ("id" uuid not null, "clinic_id" uuid not null, "document_id" uuid not null, "owner_type" varchar(40) not null, "owner_id" uuid not null, "display_order" int not null default 0, "created_at" timestamptz not null, constraint "media_attachments_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "media_attachments_owner_id_index" on "media_attachments" ("owner_id");`);
    this.addSql(
      `alter table "media_attachments" add constraint "media_attachments_document_id_owner_type_owner_id_unique" unique ("document_id", "owner_type", "owner_id");`,
    );

    this.addSql(
      `create table "media_owner_types" ("id" uuid not null, "code" varchar(40) not null, "label" varchar(100) not null, constraint "media_owner_types_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "media_owner_types" add constraint "media_owner_types_code_unique" unique ("code");`);

    // Hand-written: what the entities do not say (foreign keys to the core and to patients, checks).
    this.addSql(`alter table "media_documents"
      add constraint "media_documents_clinic_fk" foreign key ("clinic_id") references "clinics" ("id"),
      add constraint "media_documents_patient_fk" foreign key ("patient_id") references "patients" ("id"),
      add constraint "media_documents_paired_fk" foreign key ("paired_document_id") references "media_documents" ("id") on delete set null,
      add constraint "media_documents_not_self_paired" check ("paired_document_id" is null or "paired_document_id" <> "id"),
      add constraint "media_documents_size_positive" check ("size_bytes" > 0);`);
    this.addSql(`alter table "media_attachments"
      add constraint "media_attachments_clinic_fk" foreign key ("clinic_id") references "clinics" ("id"),
      add constraint "media_attachments_document_fk" foreign key ("document_id") references "media_documents" ("id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "media_attachments" cascade;`);

    this.addSql(`drop table if exists "media_documents" cascade;`);

    this.addSql(`drop table if exists "media_owner_types" cascade;`);
  }
}
