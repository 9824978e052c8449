import { Migration } from '@mikro-orm/migrations';

/**
 * Distributed mode (issue 13, item 9): each `serve --subgraph <module>` process records the SDL it
 * actually serves, so a gateway composes remote modules from what runs, never from its own copy of
 * their code. One row per module; replicas of one version write the same SDL.
 */
export class Migration20261202000041_core_subgraph_registry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table core_subgraph_registry (
      module_name varchar(100) primary key,
      version varchar(50) not null,
      url text not null,
      sdl text not null,
      sdl_hash varchar(64) not null,
      registered_at timestamptz not null default now())`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists core_subgraph_registry`);
  }
}
