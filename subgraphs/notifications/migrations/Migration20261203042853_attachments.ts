import { Migration } from '@dentalpin/core';

/** Documents attached to a message (the invoice of "invoice issued"), rendered when it is sent. */
export class Migration20261203042853_attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "notification_messages" add column "attachments" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification_messages" drop column "attachments";`);
  }
}
