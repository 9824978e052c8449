import { Migration } from '@dentalpin/core';

/**
 * Accent- and case-insensitive patient search ("garcia" finds "García") that an index can serve. `unaccent()` is
 * only STABLE (its dictionary could change), so an index cannot use it: `immutable_unaccent` pins the dictionary,
 * schema-qualified so that no search_path can swap it. Search terms never contain whitespace, so one trigram index
 * over the name, phone and email joined by spaces answers "this term in any of them"; the service's search
 * filter uses this exact expression (test/search.test.ts checks, with EXPLAIN, that the index serves it).
 */
export class Migration20261202120000_accent_insensitive_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent with schema public`);
    this.addSql(`create extension if not exists pg_trgm with schema public`);
    this.addSql(`create or replace function immutable_unaccent(text) returns text
      language sql immutable strict parallel safe
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    this.addSql(`create index patients_search_trgm_idx on patients using gin
      ((lower(immutable_unaccent(first_name || ' ' || last_name || ' ' || coalesce(phone, '') || ' ' || coalesce(email, ''))))
      gin_trgm_ops)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists patients_search_trgm_idx`);
    this.addSql(`drop function if exists immutable_unaccent(text)`);
    // The extensions stay: other schemas or modules may use them, and they hold no data.
  }
}
