import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  composeSupergraph,
  subgraphsHash,
  supergraphHash,
  type CompositionResult,
  type SubgraphDescriptor,
} from '@dentalpin/gateway';
import { withAdvisoryLock, type Database } from '../db/database.ts';
import { logger } from '../logger.ts';

/** Subgraph sets remembered in this process: the current one and those a reload may go back to. */
const REMEMBERED = 16;
/** Rows kept in core_supergraph; those used longest ago beyond these are deleted when one is added. */
const STORED = 20;

interface StoredRow {
  used_at: Date;
  supergraph_sdl: string | null;
  supergraph_hash: string | null;
  errors: string[] | null;
  composed_by: string;
}

const short = (hash: string) => hash.slice(0, 12);
const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Supergraph compositions shared by every process on one database. Each distinct set of subgraphs (its
 * `subgraphsHash`) is composed once, by the first process that needs it, under an advisory lock on that hash
 * (so processes told of the same change at once wait for it instead of composing too), and stored in
 * `core_supergraph`; the others load the stored result, checked against its own hash. A set that does not
 * compose is stored with its errors, so the others skip it without composing either. When the database cannot
 * be used, the process composes by itself.
 */
export class SupergraphCompositions {
  /** By hash; a composition still running is shared by every caller that asks for it meanwhile. */
  private readonly remembered = new Map<string, Promise<CompositionResult>>();
  private composed = 0;
  private readonly composedBy = `${hostname()}:${process.pid}`;

  constructor(private readonly db: Database) {}

  /** Compositions this process ran itself (not found in memory or the database). */
  get composedHere(): number {
    return this.composed;
  }

  compose(subgraphs: readonly SubgraphDescriptor[]): Promise<CompositionResult> {
    const hash = subgraphsHash(subgraphs);
    let result = this.remembered.get(hash);
    if (!result) {
      result = this.loadOrCompose(hash, subgraphs);
      this.remembered.set(hash, result);
      result.catch(() => this.remembered.delete(hash));
      if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    }
    return result;
  }

  private async loadOrCompose(hash: string, subgraphs: readonly SubgraphDescriptor[]): Promise<CompositionResult> {
    const stored = await this.load(hash).catch((e: unknown) => this.unusable(hash, e));
    if (stored) return stored;
    const attempt: { composed?: CompositionResult } = {};
    try {
      return await withAdvisoryLock(this.db, `dentalpin.supergraph.${hash}`, async () => {
        // Another process may have composed it while this one waited for the lock.
        const raced = await this.load(hash).catch((e: unknown) => this.unusable(hash, e));
        if (raced) return raced;
        const { result, ms } = this.composeHere(hash, subgraphs);
        attempt.composed = result;
        await this.store(hash, subgraphs, result, ms).catch((e: unknown) =>
          logger.warn(`supergraph ${short(hash)}: not stored for other processes: ${errorMessage(e)}`),
        );
        return result;
      });
    } catch (e) {
      // The lock's connection failed (before or after composing): serve what this process can compose.
      if (attempt.composed) return attempt.composed;
      this.unusable(hash, e);
      return this.composeHere(hash, subgraphs).result;
    }
  }

  private unusable(hash: string, e: unknown): null {
    logger.warn(`supergraph ${short(hash)}: the stored compositions could not be read (${errorMessage(e)})`);
    return null;
  }

  private composeHere(
    hash: string,
    subgraphs: readonly SubgraphDescriptor[],
  ): { result: CompositionResult; ms: number } {
    const started = performance.now();
    const result = composeSupergraph(subgraphs);
    const ms = Math.round(performance.now() - started);
    this.composed++;
    const summary = `supergraph ${short(hash)} composed in ${ms} ms (${subgraphs.length} subgraphs)`;
    if (result.ok) logger.info(summary);
    else logger.warn(`${summary}: it does not compose (${result.errors.length} errors)`);
    return { result, ms };
  }

  /** The stored result for `hash` (marked as used); null when there is none or its SDL does not match its hash. */
  private async load(hash: string): Promise<CompositionResult | null> {
    const [row] = await this.db
      .knex<StoredRow>('core_supergraph')
      .where({ subgraphs_hash: hash })
      .update({ used_at: this.db.knex.fn.now() }, ['supergraph_sdl', 'supergraph_hash', 'errors', 'composed_by']);
    if (!row) return null;
    if (row.errors) {
      logger.info(`supergraph ${short(hash)} loaded from the database: it does not compose (${row.composed_by})`);
      return { ok: false, errors: row.errors };
    }
    if (!row.supergraph_sdl || supergraphHash(row.supergraph_sdl) !== row.supergraph_hash) {
      logger.warn(`supergraph ${short(hash)}: the stored copy does not match its hash; composing it again`);
      return null;
    }
    logger.info(`supergraph ${short(hash)} loaded from the database (composed by ${row.composed_by})`);
    return { ok: true, supergraphSdl: row.supergraph_sdl };
  }

  private async store(
    hash: string,
    subgraphs: readonly SubgraphDescriptor[],
    result: CompositionResult,
    compositionMs: number,
  ): Promise<void> {
    const knex = this.db.knex;
    await knex('core_supergraph')
      .insert({
        subgraphs_hash: hash,
        subgraphs: JSON.stringify(subgraphs.map((s) => ({ name: s.name, url: s.url }))),
        supergraph_sdl: result.ok ? result.supergraphSdl : null,
        supergraph_hash: result.ok ? supergraphHash(result.supergraphSdl) : null,
        errors: result.ok ? null : JSON.stringify(result.errors),
        composed_by: this.composedBy,
        composition_ms: compositionMs,
      })
      // A row replaced here had failed its check in load().
      .onConflict('subgraphs_hash')
      .merge();
    await knex.raw(
      `delete from core_supergraph where used_at < (
         select used_at from core_supergraph order by used_at desc offset ? limit 1)`,
      [STORED - 1],
    );
  }
}
