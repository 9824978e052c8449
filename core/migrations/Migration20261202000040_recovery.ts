import { Migration } from '@mikro-orm/migrations';

/**
 * Recovery (issue 13): each job run holds its claim under its own id (the heartbeat renews only its own
 * claim, and a run that lost it cannot release another process's), and the event retention job finds old
 * outbox rows by age.
 */
export class Migration20261202000040_recovery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table core_job add column run_id uuid`);
    this.addSql(`create index core_event_outbox_occurred_idx on core_event_outbox (occurred_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists core_event_outbox_occurred_idx`);
    this.addSql(`alter table core_job drop column if exists run_id`);
  }
}
