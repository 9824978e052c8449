import { Migration } from '@dentalpin/core';

/**
 * An appointment ends after it starts and lasts at most MAX_APPOINTMENT_HOURS (24). The window query then bounds
 * the start on both sides (`start_time >= from − 24 h and start_time < to and end_time > from`), which the
 * (clinic_id, start_time) btree applies in full. The GiST span index of 20261203040000 goes: the planner, guessing
 * start and end independently, sometimes preferred the btree with the upper bound alone and read the clinic's
 * whole history before the window; now every plan it can choose reads about the window.
 */
export class Migration20261203121103_appointment_span_check extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "appointments" add constraint appointments_span_check check(end_time > start_time and end_time - start_time <= interval '24 hours');`,
    );
    this.addSql(`drop index if exists appointments_clinic_span_idx`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index if not exists appointments_clinic_span_idx on appointments using gist (clinic_id, start_time, end_time)`,
    );
    this.addSql(`alter table "appointments" drop constraint appointments_span_check;`);
  }
}
