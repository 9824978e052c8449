import { Migration } from '@mikro-orm/migrations';

/**
 * A module's error keeps its reason and parameters beside the English message (`ModuleStore.markError`), so a
 * client words it in the person's language instead of reading the message.
 */
export class Migration20261203200000_module_error_details extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table core_module add column error_details jsonb`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table core_module drop column error_details`);
  }
}
