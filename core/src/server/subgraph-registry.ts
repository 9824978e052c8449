import { createHash } from 'node:crypto';
import { parse, print, type DocumentNode } from 'graphql';
import type { Database } from '../db/database.ts';

/**
 * Distributed mode: what each `serve --subgraph` process actually serves (`core_subgraph_registry`).
 * A gateway composes remote modules from these rows, so its own copy of a module's code can never
 * silently differ from the subgraph it calls.
 */
export interface RegisteredSubgraph {
  name: string;
  version: string;
  /** The URL the subgraph process reported (its listening address; operators may route differently). */
  url: string;
  typeDefs: DocumentNode;
  sdlHash: string;
}

const TABLE = 'core_subgraph_registry';

/** Records the SDL a subgraph process serves; true when it differs from what was registered before. */
export async function registerSubgraph(
  db: Database,
  subgraph: { name: string; version: string; url: string; typeDefs: DocumentNode },
): Promise<boolean> {
  const sdl = print(subgraph.typeDefs);
  const sdlHash = createHash('sha256').update(sdl).digest('hex');
  const previous = await db.knex(TABLE).where({ module_name: subgraph.name }).first('sdl_hash');
  await db
    .knex(TABLE)
    .insert({ module_name: subgraph.name, version: subgraph.version, url: subgraph.url, sdl, sdl_hash: sdlHash })
    .onConflict('module_name')
    .merge({ version: subgraph.version, url: subgraph.url, sdl, sdl_hash: sdlHash, registered_at: db.knex.fn.now() });
  return previous?.sdl_hash !== sdlHash;
}

/** The registered subgraphs among `names` (all when omitted). */
export async function registeredSubgraphs(
  db: Database,
  names?: readonly string[],
): Promise<Map<string, RegisteredSubgraph>> {
  const query = db.knex(TABLE).select('module_name', 'version', 'url', 'sdl', 'sdl_hash');
  if (names) query.whereIn('module_name', [...names]);
  const rows = (await query) as { module_name: string; version: string; url: string; sdl: string; sdl_hash: string }[];
  return new Map(
    rows.map((r) => [
      r.module_name,
      { name: r.module_name, version: r.version, url: r.url, typeDefs: parse(r.sdl), sdlHash: r.sdl_hash },
    ]),
  );
}
