import { Migration } from '@mikro-orm/migrations';

/**
 * Composed supergraphs, one per distinct set of subgraphs (the hash of their names, URLs and SDL): the
 * process that meets a set first composes it, the others load it from here instead of composing again.
 */
export class Migration20261202000050_supergraph extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_supergraph (
      subgraphs_hash char(64) primary key,
      subgraphs jsonb not null,
      supergraph_sdl text,
      supergraph_hash char(64),
      errors jsonb,
      composed_by varchar(300) not null,
      composition_ms integer not null,
      created_at timestamptz not null default now(),
      used_at timestamptz not null default now(),
      check ((supergraph_sdl is not null and supergraph_hash is not null) <> (errors is not null)))`);
    this.addSql(`create index core_supergraph_used_at on core_supergraph (used_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists core_supergraph`);
  }
}
