import { Migration } from '@mikro-orm/migrations';

/**
 * The running servers (issue 18): each process that follows module changes records which `core_module` state
 * it loaded and which modules it serves with code older than the installed version, so the doctor can name a
 * server left behind by an upgrade and the CLI can wait until every live server has switched.
 */
export class Migration20261202000070_core_server extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_server (
      instance_id uuid primary key,
      host text not null,
      pid integer not null,
      started_at timestamptz not null default now(),
      seen_at timestamptz not null default now(),
      module_state varchar(64) not null,
      outdated_modules jsonb not null default '[]')`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists core_server`);
  }
}
