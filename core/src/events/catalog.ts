import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { logger } from '../logger.ts';
import type { EventDeclaration } from '../modules/contract.ts';

export type { DomainEvent, EventDeclaration } from '../modules/contract.ts';

export interface CatalogEntry {
  type: string;
  /** `core` or the owning module. */
  owner: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** Namespaced permission needed to see events of this type. */
  permission: string;
  /** Handlers only; no subscriber ever sees it (see EventDeclaration.internal). */
  internal: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EVENT_CHANNEL = 'dentalpin_events';

/** Every catalogued event type of this process: the core's and every discovered module's. */
export class EventCatalog {
  private readonly entries = new Map<string, CatalogEntry>();

  /** Registers the events `owner` declares; a type already owned by another owner is refused. */
  register(owner: string, declarations: Record<string, EventDeclaration>, namespace = owner): string[] {
    const problems: string[] = [];
    for (const [type, declaration] of Object.entries(declarations)) {
      const existing = this.entries.get(type);
      if (existing && existing.owner !== owner) {
        problems.push(`event "${type}" is declared by both ${existing.owner} and ${owner}`);
        continue;
      }
      this.entries.set(type, {
        type,
        owner,
        schema: declaration.payload,
        permission: namespace === 'core' ? declaration.permission : `${namespace}.${declaration.permission}`,
        internal: declaration.internal ?? false,
      });
    }
    for (const p of problems) logger.error(p);
    return problems;
  }

  get(type: string): CatalogEntry | undefined {
    return this.entries.get(type);
  }

  /** The entry of a type subscribers may see; internal types are as unknown to them as uncatalogued ones. */
  visible(type: string): CatalogEntry | undefined {
    const entry = this.entries.get(type);
    return entry?.internal ? undefined : entry;
  }

  all(): CatalogEntry[] {
    return [...this.entries.values()];
  }
}

/** The process-wide catalog (the platform registers the core's and the modules' declarations). */
export const eventCatalog = new EventCatalog();

/** Base payload every event carries; module schemas extend it. */
export const eventPayload = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ clinic_id: z.string().regex(UUID, 'must be a clinic id (uuid)'), ...shape });

/**
 * Writes a domain event to the outbox inside the caller's transaction: it is delivered only if that
 * transaction commits. Throws for an uncatalogued type, a payload that does not match its schema, or
 * an EntityManager that is not inside a transaction (`em.transactional(...)`).
 * Returns the event id.
 */
export async function publish(em: EntityManager, type: string, payload: Record<string, unknown>): Promise<string> {
  const entry = eventCatalog.get(type);
  if (!entry) throw new Error(`Cannot publish "${type}": no active module or the core declares this event type.`);
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success)
    throw new Error(
      `Cannot publish "${type}": the payload does not match its schema: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || 'payload'} ${i.message}`)
        .join('; ')}`,
    );
  const clinicId = parsed.data.clinic_id;
  if (typeof clinicId !== 'string' || !UUID.test(clinicId))
    throw new Error(`Cannot publish "${type}": every event payload needs clinic_id (a uuid).`);
  const trx = em.getTransactionContext();
  if (!trx)
    throw new Error(
      `Cannot publish "${type}" outside a transaction: run the write and publish() inside em.transactional(...).`,
    );
  const id = randomUUID();
  const connection = em.getConnection();
  await connection.execute(
    `insert into core_event_outbox (event_id, type, clinic_id, payload) values (?, ?, ?, ?::jsonb)`,
    [id, type, clinicId, JSON.stringify(parsed.data)],
    'run',
    trx,
  );
  // NOTIFY is transactional too: relays wake up only once (and only if) the write commits.
  await connection.execute(`select pg_notify(?, '')`, [EVENT_CHANNEL], 'run', trx);
  return id;
}
