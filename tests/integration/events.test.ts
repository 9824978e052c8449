import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { Platform } from '../../core/src/platform.ts';
import { publish } from '../../core/src/events/catalog.ts';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const PING = `mutation($n: Int!, $fail: Boolean) { ping(n: $n, failAfterPublish: $fail) }`;

describe('event bus: transactional outbox and relay', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  const sql = async (query: string, params: unknown[] = []) =>
    (await t.platform.db.knex.raw(query, params as never)).rows as Record<string, any>[];
  const seen = async () => (await t.data(`{ pingsSeen }`, {}, admin)).pingsSeen as number[];

  beforeAll(async () => {
    t = await startTestPlatform({
      moduleDirs: [join(fixtures, 'fixture_events')],
      events: { maxAttempts: 3, backoffMs: 30 },
    });
    admin = await t.setup();
    await t.data(`mutation { installModule(name: "fixture_events") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
  });
  afterAll(() => t.close());

  it('delivers a committed event to the subscribed handler of an active module', async () => {
    await t.data(PING, { n: 1 }, admin);
    expect(await eventually(async () => (await seen()).includes(1))).toBe(true);
    const [row] = await sql(
      `select d.status, d.attempts from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
       where o.type = 'fixture.pinged' and (o.payload->>'n')::int = 1`,
    );
    expect(row).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('delivers nothing for a rolled-back change', async () => {
    const r = await t.gql(PING, { n: 2, fail: true }, admin);
    expect(r.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    await t.data(PING, { n: 3 }, admin);
    await eventually(async () => (await seen()).includes(3));
    expect(await seen()).not.toContain(2);
    expect(await sql(`select 1 from core_event_outbox where (payload->>'n')::int = 2`)).toHaveLength(0);
  });

  it('retries a failing handler with backoff, then dead-letters it; doctor reports it; others keep flowing', async () => {
    await t.data(PING, { n: 13 }, admin);
    await t.data(PING, { n: -1 }, admin);
    await t.data(PING, { n: 5 }, admin);
    await eventually(async () => (await seen()).includes(13) && (await seen()).includes(5));
    const [retried] = await sql(
      `select a.attempts from fixture_events_attempts a join core_event_outbox o on o.event_id = a.event_id
       where (o.payload->>'n')::int = 13`,
    );
    expect(retried.attempts).toBe(2);
    const doctor = await eventually(async () => {
      const d = (await t.data(`{ moduleDoctor { ok deadEvents { type module attempts error eventId } } }`, {}, admin))
        .moduleDoctor;
      return d.deadEvents.length ? d : null;
    });
    expect(doctor.ok).toBe(false);
    expect(doctor.deadEvents).toEqual([
      {
        type: 'fixture.pinged',
        module: 'fixture_events',
        attempts: 3,
        error: 'Error: unlucky ping -1',
        eventId: expect.any(String),
      },
    ]);
    expect(await seen()).not.toContain(-1);
    // After a fix an operator queues them again (`dentalpin events retry`); this handler still fails.
    expect(await t.platform.events.retryDead('fixture_events')).toBe(1);
    await eventually(async () => {
      const [row] = await sql(
        `select status, attempts from core_event_delivery where status <> 'delivered' and module_name = 'fixture_events'`,
      );
      return row?.status === 'dead' && row.attempts === 3;
    });
  });

  it('refuses uncatalogued types, bad payloads and publishing outside a transaction', async () => {
    const em = t.platform.coreOrm.em.fork();
    await expect(
      em.transactional((tx) => publish(tx, 'nobody.declared', { clinic_id: admin.clinicId })),
    ).rejects.toThrow(/no active module or the core declares/);
    await expect(
      em.transactional((tx) => publish(tx, 'fixture.pinged', { clinic_id: admin.clinicId, n: 'x' })),
    ).rejects.toThrow(/does not match its schema/);
    await expect(em.transactional((tx) => publish(tx, 'fixture.pinged', { n: 1 }))).rejects.toThrow(/clinic_id/);
    await expect(publish(em, 'fixture.pinged', { clinic_id: admin.clinicId, n: 1 })).rejects.toThrow(
      /outside a transaction/,
    );
  });

  it('publishes clinic.created when a clinic is created, in the same transaction', async () => {
    const created = await t.data(
      `mutation { createClinic(input: { name: "Clínica Sur", timezone: "Atlantic/Canary" }) { id } }`,
      {},
      admin,
    );
    const clinicId = created.createClinic.id;
    const rows = await eventually(async () => {
      const r = await sql(`select type from fixture_events_seen where clinic_id = ?`, [clinicId]);
      return r.length ? r : null;
    });
    expect(rows).toEqual([{ type: 'clinic.created' }]);
    const [event] = await sql(`select payload from core_event_outbox where type = 'clinic.created' and clinic_id = ?`, [
      clinicId,
    ]);
    expect(event.payload).toMatchObject({ clinic_id: clinicId, timezone: 'Atlantic/Canary', source: 'create_clinic' });
  });

  it('shares deliveries between several processes (each delivery once) and feeds every process every event', async () => {
    const second = await Platform.open({
      databaseUrl: t.databaseUrl,
      secret: t.secret,
      moduleDirs: [join(fixtures, 'fixture_events')],
      events: { pollMs: 100, backoffMs: 30 },
    });
    try {
      await second.boot();
      const fedHere: string[] = [];
      const fedThere: string[] = [];
      const offHere = t.platform.events.onEvent((e) => e.type === 'fixture.pinged' && fedHere.push(e.id));
      const offThere = second.events.onEvent((e) => e.type === 'fixture.pinged' && fedThere.push(e.id));
      await Promise.all(Array.from({ length: 20 }, (_, i) => t.data(PING, { n: 100 + i }, admin)));
      await eventually(async () => (await seen()).filter((n) => n >= 100).length === 20);
      await eventually(async () => fedHere.length === 20 && fedThere.length === 20);
      expect(new Set(fedThere)).toEqual(new Set(fedHere));
      const attempts = await sql(
        `select a.attempts from fixture_events_attempts a join core_event_outbox o on o.event_id = a.event_id
         where (o.payload->>'n')::int >= 100`,
      );
      expect(attempts.map((a) => a.attempts)).toEqual(Array(20).fill(1));
      offHere();
      offThere();
    } finally {
      await second.close();
    }
  });

  it('feeds each event on its commit notice, also when the notice lands during a pass (never waits for the poll)', async () => {
    // Polling an hour apart: every event below must reach the feed through its NOTIFY alone.
    const second = await Platform.open({
      databaseUrl: t.databaseUrl,
      secret: t.secret,
      moduleDirs: [join(fixtures, 'fixture_events')],
      events: { pollMs: 3_600_000 },
    });
    try {
      await second.boot();
      const fed = new Map<number, () => void>();
      const off = second.events.onEvent((e) => {
        if (e.type === 'fixture.pinged') fed.get(e.payload.n as number)?.();
      });
      const slowest: number[] = [];
      // Back to back, so most notices arrive while the pass that fed the previous event is still running.
      for (let n = 700; n < 740; n++) {
        const arrived = new Promise<void>((resolve) => fed.set(n, resolve));
        const t0 = Date.now();
        await t.platform.coreOrm.em
          .fork()
          .transactional((tx) => publish(tx, 'fixture.pinged', { clinic_id: admin.clinicId, n }));
        const late = new Promise<'late'>((r) => setTimeout(() => r('late'), 2_000).unref());
        expect(await Promise.race([arrived, late]), `event ${n} not fed within 2 s of its commit`).toBeUndefined();
        slowest.push(Date.now() - t0);
      }
      expect(Math.max(...slowest)).toBeLessThan(2_000);
      off();
    } finally {
      await second.close();
    }
  });

  it('feeds events committed out of id order: a long transaction neither loses its event nor holds others back', async () => {
    const fed: number[] = [];
    const off = t.platform.events.onEvent((e) => {
      if (e.type === 'fixture.pinged') fed.push(e.payload.n as number);
    });
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let published!: () => void;
    const took = new Promise<void>((r) => (published = r));
    const slow = t.platform.coreOrm.em.fork().transactional(async (tx) => {
      await publish(tx, 'fixture.pinged', { clinic_id: admin.clinicId, n: 501 });
      published();
      await hold;
    });
    await took;
    await t.platform.coreOrm.em
      .fork()
      .transactional((tx) => publish(tx, 'fixture.pinged', { clinic_id: admin.clinicId, n: 502 }));
    await eventually(async () => fed.includes(502));
    expect(fed).not.toContain(501);
    release();
    await slow;
    await eventually(async () => fed.includes(501));
    expect(fed.filter((n) => n === 501 || n === 502)).toEqual([502, 501]);
    off();
  });

  it('gives a disabled module nothing', async () => {
    await sql(`update core_module set state = 'disabled' where name = 'fixture_events'`);
    await t.platform.reload();
    const em = t.platform.coreOrm.em.fork();
    const id = await em.transactional((tx) => publish(tx, 'fixture.pinged', { clinic_id: admin.clinicId, n: 999 }));
    await eventually(
      async () =>
        (await sql(`select 1 from core_event_outbox where event_id = ? and dispatched_at is not null`, [id])).length,
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(await sql(`select 1 from fixture_events_seen where event_id = ?`, [id])).toHaveLength(0);
    expect(
      await sql(
        `select 1 from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id where o.event_id = ? and d.status = 'delivered'`,
        [id],
      ),
    ).toHaveLength(0);
  });
});
