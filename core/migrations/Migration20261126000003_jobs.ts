import { Migration } from '@mikro-orm/migrations';

/** Scheduled jobs of modules: when each runs next, who holds it, and how its last run went. */
export class Migration20261126000003_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_job (
      name varchar(150) primary key,
      module_name varchar(100) not null,
      every_seconds integer not null check (every_seconds > 0),
      next_run_at timestamptz not null default now(),
      running_until timestamptz,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_error text,
      runs integer not null default 0,
      failures integer not null default 0)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists core_job`);
  }
}
