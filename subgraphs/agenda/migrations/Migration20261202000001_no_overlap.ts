import { Migration } from '@dentalpin/core';

const LIVE = `status not in ('cancelled', 'no_show')`;

/**
 * The agenda never double-books: two live appointments may not overlap in time for the same professional,
 * nor for the same cabinet. Exclusion constraints hold under any concurrency (a second transaction waits for
 * the first and then fails with 23P01); `[)` ranges let one appointment end as the next starts. They replace
 * the unique index on an identical start, which they cover.
 */
export class Migration20261202000001_no_overlap extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(`drop index if exists appointments_slot_unique`);
    this.addSql(`alter table appointments add constraint appointments_professional_no_overlap
      exclude using gist (clinic_id with =, professional_id with =, tstzrange(start_time, end_time, '[)') with &&)
      where (${LIVE})`);
    this.addSql(`alter table appointments add constraint appointments_cabinet_no_overlap
      exclude using gist (clinic_id with =, cabinet_id with =, tstzrange(start_time, end_time, '[)') with &&)
      where (${LIVE} and cabinet_id is not null)`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table appointments drop constraint if exists appointments_cabinet_no_overlap`);
    this.addSql(`alter table appointments drop constraint if exists appointments_professional_no_overlap`);
    // btree_gist stays: other schemas may use it, and it holds no data.
    this.addSql(`create unique index appointments_slot_unique on appointments
      (clinic_id, cabinet_id, professional_id, start_time) where ${LIVE}`);
  }
}
