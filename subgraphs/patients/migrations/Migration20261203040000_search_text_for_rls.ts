import { Migration } from '@dentalpin/core';

/**
 * Patient search that an index serves on the request path. Requests read `patients` as `dentalpin_app` under the
 * clinic policy, and PostgreSQL then uses a condition as an index condition only when its operator is leakproof:
 * `LIKE` is not, so the trigram index of 20261202120000 served only the owner, and at 5,000 patients a clinic
 * every search unaccented and matched all of the clinic's rows on the heap, twice (page and count).
 *
 * `search_text` holds the unaccented, lower-cased name, phone and email, stored (generated, so no writer can
 * forget it), and `patients_clinic_search_idx` covers (clinic_id, search_text) with status, id and the names: a
 * search reads only its clinic's index entries (`clinic_id =` is leakproof), matches each term against them and
 * counts and sorts the matches without visiting the table (index-only scans), and fetches by primary key only the
 * page's patients. The trigram index, which no request could use, is dropped.
 */
export class Migration20261203040000_search_text_for_rls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table patients add column search_text text generated always as
      (lower(immutable_unaccent(first_name || ' ' || last_name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')))) stored`);
    this.addSql(
      `create index patients_clinic_search_idx on patients (clinic_id, search_text) include (status, id, last_name, first_name)`,
    );
    this.addSql(`drop index if exists patients_search_trgm_idx`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index if not exists patients_search_trgm_idx on patients using gin
      ((lower(immutable_unaccent(first_name || ' ' || last_name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, ''))))
      gin_trgm_ops)`);
    this.addSql(`drop index if exists patients_clinic_search_idx`);
    this.addSql(`alter table patients drop column if exists search_text`);
  }
}
