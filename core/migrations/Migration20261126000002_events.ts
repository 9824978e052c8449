import { Migration } from '@mikro-orm/migrations';

/** The transactional outbox of domain events and the per-handler delivery progress. */
export class Migration20261126000002_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_event_outbox (
      id bigserial primary key,
      event_id uuid not null unique,
      type varchar(100) not null,
      clinic_id uuid not null,
      payload jsonb not null,
      occurred_at timestamptz not null default now(),
      dispatched_at timestamptz)`);
    this.addSql(
      `create index core_event_outbox_undispatched_idx on core_event_outbox (id) where dispatched_at is null`,
    );
    this.addSql(`create table core_event_delivery (
      outbox_id bigint not null references core_event_outbox(id) on delete cascade,
      module_name varchar(100) not null,
      status varchar(20) not null default 'pending' check (status in ('pending','delivered','dead','skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (outbox_id, module_name))`);
    this.addSql(
      `create index core_event_delivery_due_idx on core_event_delivery (next_attempt_at) where status = 'pending'`,
    );
    this.addSql(`create index core_event_delivery_dead_idx on core_event_delivery (module_name) where status = 'dead'`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists core_event_delivery');
    this.addSql('drop table if exists core_event_outbox');
  }
}
