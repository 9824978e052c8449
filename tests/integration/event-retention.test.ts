import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { pruneEvents } from '../../core/src/events/retention.ts';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

/**
 * DentalPin issue 13 item 6d: the core's retention job deletes delivered outbox events (and their delivery
 * rows) older than DENTALPIN_EVENT_RETENTION, in batches; events a handler still owes (pending,
 * dead-lettered) stay whatever their age.
 */
const fixtures = join(findRootDir(), 'tests/fixtures/modules');

describe('event retention', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const ping = (n: number) => t.data(`mutation($n: Int!) { ping(n: $n) }`, { n }, admin);
  /** Makes the pings numbered `ns` look `age` old. */
  const age = (ns: number[], interval: string) =>
    sql(
      `update core_event_outbox set occurred_at = now() - ?::interval
       where type = 'fixture.pinged' and (payload->>'n')::int = any(?)`,
      [interval, ns],
    );
  const kept = async (): Promise<number[]> =>
    (await sql(`select (payload->>'n')::int as n from core_event_outbox where type = 'fixture.pinged' order by 1`)).map(
      (r: { n: number }) => r.n,
    );
  const deliveries = async (): Promise<string[]> =>
    (
      await sql(`select (o.payload->>'n')::int as n, d.status from core_event_delivery d
                 join core_event_outbox o on o.id = d.outbox_id where o.type = 'fixture.pinged' order by 1`)
    ).map((r: { n: number; status: string }) => `${r.n}:${r.status}`);

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(fixtures, 'fixture_events')], events: { maxAttempts: 2 } });
    admin = await t.setup();
    await t.data(`mutation { installModule(name: "fixture_events") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
  });
  afterAll(async () => {
    delete process.env.DENTALPIN_EVENT_RETENTION;
    await t.close();
  });

  it('deletes delivered events past DENTALPIN_EVENT_RETENTION and keeps younger, pending and dead-lettered ones', async () => {
    for (const n of [1, 2, 3, 4, -1]) await ping(n);
    await t.eventsSettled();
    // 3 is owed again (a retry scheduled for later); -1 failed until it was dead-lettered.
    await sql(
      `update core_event_delivery d set status = 'pending', next_attempt_at = now() + interval '1 day'
       from core_event_outbox o where o.id = d.outbox_id and (o.payload->>'n')::int = 3`,
    );
    expect(await deliveries()).toEqual(['-1:dead', '1:delivered', '2:delivered', '3:pending', '4:delivered']);
    process.env.DENTALPIN_EVENT_RETENTION = '1h';
    await age([1, 2, 3, -1], '2 hours');
    await age([4], '30 minutes');

    await t.platform.jobs.run('core.event_retention');
    expect(await kept()).toEqual([-1, 3, 4]);
    expect(await deliveries()).toEqual(['-1:dead', '3:pending', '4:delivered']);
    const [job] = await sql(`select module_name, runs, last_error from core_job where name = 'core.event_retention'`);
    expect(job).toEqual({ module_name: 'core', runs: 1, last_error: null });
    expect((await t.platform.kernel.doctor()).failingJobs).toEqual([]);
  });

  it('prunes in batches until nothing past retention is left', async () => {
    for (const n of [11, 12, 13, 14, 15]) await ping(n);
    // Not eventsSettled(): the first test left one delivery owed on purpose.
    await eventually(async () => (await deliveries()).filter((d) => /^1\d:delivered$/.test(d)).length === 5);
    await age([11, 12, 13, 14, 15], '8 days');
    expect(await pruneEvents(t.platform.db.knex, 7 * 86_400, 2)).toBe(5);
    expect((await kept()).filter((n) => n > 10)).toEqual([]);
  });
});
