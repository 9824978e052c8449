import { Migration } from '@dentalpin/core';

/**
 * The appointments overlapping a window (`start_time < to and end_time > from`: the week view, the list) read only
 * those appointments. The btree on (clinic_id, start_time) bounds the start from above only, so a week read the
 * clinic's whole history before it and dropped it on the heap. A GiST index over (clinic_id, start_time, end_time)
 * (btree_gist, created by 20261202000001) applies both bounds in the index. Its operators are the ordinary `=`, `<`
 * and `>`, which are leakproof, so it also serves requests under the clinic policy (a `tstzrange && tstzrange`
 * condition would not: the range operators are not leakproof).
 */
export class Migration20261203040000_appointments_span_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(
      `create index appointments_clinic_span_idx on appointments using gist (clinic_id, start_time, end_time)`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists appointments_clinic_span_idx`);
  }
}
