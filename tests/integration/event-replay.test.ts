import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { findRootDir } from '../../core/src/config.ts';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { collect, wsClient, type SubscriptionCaller } from './support/subscriptions.ts';

/**
 * DentalPin issue 13 item 6c: a subscriber that reconnects passes `after` (the last event id it received)
 * and gets, in outbox order and through the same clinic and permission filter as live delivery, what it
 * missed, then the live events: none lost and none repeated across the switch.
 */
const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const PINGS = `subscription($after: ID) { events(types: ["fixture.pinged"], after: $after) { id payload } }`;
type Ping = { events: { id: string; payload: { n: number } } };

describe('events(after:) replays what a subscriber missed, then goes live', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let bAdmin: { token: string; clinicId: string };
  const clients: Client[] = [];
  const client = (caller: SubscriptionCaller) => {
    const c = wsClient(t.url, caller);
    clients.push(c);
    return c;
  };
  const ping = (n: number, caller = admin) => t.data(`mutation($n: Int!) { ping(n: $n) }`, { n }, caller);
  /** The id of the ping numbered `n` (as DomainEvent.id carries it). */
  const pingId = async (n: number) =>
    (
      await t.platform.db
        .knex('core_event_outbox')
        .where({ type: 'fixture.pinged' })
        .whereRaw(`(payload->>'n')::int = ?`, [n])
        .first('event_id')
    ).event_id as string;
  const numbers = (items: Ping[]) => items.map((i) => i.events.payload.n);

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(fixtures, 'fixture_events')] });
    admin = await t.setup();
    await t.data(`mutation { installModule(name: "fixture_events") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id;
    const b = await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB);
    bAdmin = { token: b.token, clinicId: clinicB };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it('replays the missed events in order, only those the caller may see, then the live ones, each once', async () => {
    const dentist = await t.userWithRole(admin, 'dentist');
    await ping(1);
    await eventually(
      async () => (await t.platform.db.knex('core_event_outbox').where({ type: 'fixture.pinged' })).length,
    );
    const after = await pingId(1);
    // Missed while disconnected: pings of the clinic, one of another clinic, a patient created.
    for (const n of [2, 3, 4]) await ping(n);
    await ping(100, bAdmin);
    const patient = (
      await t.data(`mutation { createPatient(input: { firstName: "Re", lastName: "Play" }) { id } }`, {}, admin)
    ).createPatient;
    await ping(5);

    const resumed = collect<Ping>(client(admin), PINGS, { after });
    // The dentist holds no fixture_events.pings.read: the replay leaves out the pings, as live delivery does.
    const all = collect<{ events: { type: string; payload: Record<string, unknown> } }>(
      client(dentist),
      `subscription($after: ID) { events(after: $after) { type payload } }`,
      { after },
    );
    // The timeline answers a new patient with its own event (entry_recorded), which the dentist may also see.
    const ownEvents = () => all.items.filter((i) => !i.events.type.startsWith('patient_timeline.'));
    await eventually(async () => resumed.items.length === 4 && ownEvents().length === 1);
    await ping(6);
    await eventually(async () => resumed.items.length === 5);
    await new Promise((r) => setTimeout(r, 500));
    expect(resumed.errors).toEqual([]);
    expect(numbers(resumed.items)).toEqual([2, 3, 4, 5, 6]);
    expect(resumed.items[0]!.events.id).toBe(await pingId(2));
    expect(ownEvents()).toEqual([
      { events: { type: 'patient.created', payload: expect.objectContaining({ patient_id: patient.id }) } },
    ]);
    resumed.unsubscribe();
    all.unsubscribe();
  });

  it('hands over from replay (several pages) to live while events keep coming: none lost, none repeated', async () => {
    await ping(1000);
    await eventually(
      async () => (await t.platform.db.knex('core_event_outbox').whereRaw(`(payload->>'n')::int = 1000`)).length,
    );
    const after = await pingId(1000);
    for (let n = 1001; n <= 1250; n++) await ping(n);
    let writing = true;
    const writer = (async () => {
      for (let n = 1251; n <= 1330; n++) await ping(n);
      writing = false;
    })();
    await new Promise((r) => setTimeout(r, 100));
    expect(writing).toBe(true);
    const resumed = collect<Ping>(client(admin), PINGS, { after });
    await writer;
    await eventually(async () => resumed.items.at(-1)?.events.payload.n === 1330, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(resumed.errors).toEqual([]);
    expect(numbers(resumed.items)).toEqual(Array.from({ length: 330 }, (_, i) => 1001 + i));
    resumed.unsubscribe();
  }, 60_000);

  it('answers BAD_USER_INPUT with reason EVENT_EXPIRED for an event past retention, unknown or of another clinic', async () => {
    await ping(2000);
    await ping(2001, bAdmin);
    await eventually(
      async () => (await t.platform.db.knex('core_event_outbox').whereRaw(`(payload->>'n')::int = 2001`)).length,
    );
    const old = await pingId(2000);
    await t.platform.db.knex.raw(
      `update core_event_outbox set occurred_at = now() - interval '8 days' where event_id = ?`,
      [old],
    );
    for (const after of [old, randomUUID(), await pingId(2001)]) {
      const refused = collect(client(admin), PINGS, { after });
      await refused.done;
      expect(refused.items).toEqual([]);
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/reload the data, then subscribe again without "after"/),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'EVENT_EXPIRED', retryable: false }),
        }),
      ]);
    }
    const malformed = collect(client(admin), PINGS, { after: 'not-an-id' });
    await malformed.done;
    expect(malformed.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }),
    ]);
  });
});
