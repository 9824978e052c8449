import type { Knex } from 'knex';
import { config } from '../config.ts';
import type { ModuleJob } from '../jobs/runner.ts';

/** Outbox rows deleted per statement: each batch is a short transaction that never holds the relay up long. */
const PRUNE_BATCH = 1_000;

/**
 * Deletes the outbox events older than `retentionSeconds` that every handler is done with (delivered or
 * skipped), with their delivery rows, in batches. An event with a pending or dead-lettered delivery stays
 * whatever its age: its handler still owes it (`dentalpin events retry` needs the row). Returns the count.
 */
export async function pruneEvents(knex: Knex, retentionSeconds: number, batch = PRUNE_BATCH): Promise<number> {
  let pruned = 0;
  for (;;) {
    const { rowCount } = await knex.raw(
      `delete from core_event_outbox where id in (
         select o.id from core_event_outbox o
         where o.occurred_at < now() - make_interval(secs => ?) and o.dispatched_at is not null
           and not exists (select 1 from core_event_delivery d
                           where d.outbox_id = o.id and d.status in ('pending', 'dead'))
         limit ? for update skip locked)`,
      [retentionSeconds, batch],
    );
    pruned += rowCount ?? 0;
    if ((rowCount ?? 0) < batch) return pruned;
  }
}

/** The core's job (`core.event_retention`): keeps the outbox to DENTALPIN_EVENT_RETENTION. */
export const eventRetentionJob = (knex: Knex): ModuleJob => ({
  description: 'Deletes delivered domain events older than DENTALPIN_EVENT_RETENTION (default 7 days).',
  everySeconds: 3_600,
  async run(ctx) {
    const pruned = await pruneEvents(knex, config().events.retentionSeconds);
    if (pruned) ctx.logger.info(`event retention: ${pruned} delivered event(s) past retention deleted`);
  },
});
