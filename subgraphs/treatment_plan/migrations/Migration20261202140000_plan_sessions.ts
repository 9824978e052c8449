import { Migration } from '@dentalpin/core';

/** Items take sessions (visits); every existing item gets one, in the item's status. */
export class Migration20261202140000_plan_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table treatment_plan_sessions (
      id uuid primary key,
      clinic_id uuid not null references clinics(id),
      item_id uuid not null references treatment_plan_items(id) deferrable initially deferred,
      sequence int not null check (sequence > 0),
      label varchar(120) null,
      status varchar(9) not null default 'pending',
      appointment_id uuid null,
      completed_at timestamptz null,
      completed_by uuid null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (item_id, sequence),
      check (status in ('pending', 'completed', 'cancelled')),
      check ((status = 'completed') = (completed_at is not null)))`);
    this.addSql(
      'create index treatment_plan_sessions_appointment_idx on treatment_plan_sessions (clinic_id, appointment_id) where appointment_id is not null',
    );
    this.addSql(`insert into treatment_plan_sessions
      (id, clinic_id, item_id, sequence, status, completed_at, completed_by, created_at, updated_at)
      select gen_random_uuid(), clinic_id, id, 1, status, completed_at, completed_by, created_at, updated_at
      from treatment_plan_items`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists treatment_plan_sessions');
  }
}
