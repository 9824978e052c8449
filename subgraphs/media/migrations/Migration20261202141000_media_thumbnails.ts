import { Migration } from '@dentalpin/core';

/** Image previews made on upload. */
export class Migration20261202141000_media_thumbnails extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table media_documents add column thumbnail_key varchar(500) null');
  }

  override async down(): Promise<void> {
    this.addSql('alter table media_documents drop column if exists thumbnail_key');
  }
}
