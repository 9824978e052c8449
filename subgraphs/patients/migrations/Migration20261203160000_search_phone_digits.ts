import { Migration } from '@dentalpin/core';

/**
 * A phone number is found however it is typed: `search_text` also holds the phone's digits alone, so "600123456"
 * (caller ID, or what the caller dictates) finds "+34 600 123 456". The service strips a phone-like term to its
 * digits the same way. A generated column's expression cannot be changed in place before PostgreSQL 17: the
 * column and its covering index are made again, as 20261203040000 made them.
 */
const SEARCH_TEXT = `lower(immutable_unaccent(first_name || ' ' || last_name || ' ' || coalesce(phone, '') || ' ' ||
  coalesce(email, '') || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')))`;
const PREVIOUS = `lower(immutable_unaccent(first_name || ' ' || last_name || ' ' || coalesce(phone, '') || ' ' ||
  coalesce(email, '')))`;

function searchText(migration: Migration, expression: string): void {
  migration.addSql(`drop index if exists patients_clinic_search_idx`);
  migration.addSql(`alter table patients drop column if exists search_text`);
  migration.addSql(`alter table patients add column search_text text generated always as (${expression}) stored`);
  migration.addSql(
    `create index patients_clinic_search_idx on patients (clinic_id, search_text) include (status, id, last_name, first_name)`,
  );
}

export class Migration20261203160000_search_phone_digits extends Migration {
  override async up(): Promise<void> {
    searchText(this, SEARCH_TEXT);
  }

  override async down(): Promise<void> {
    searchText(this, PREVIOUS);
  }
}
