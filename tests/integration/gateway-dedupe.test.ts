import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

/**
 * DentalPin issue 19: identical in-flight subgraph calls of one caller share one execution (keyed by
 * subgraph, query, variables and the caller's clinic, user, role and grants); other callers, and
 * mutations, never share.
 */
const LIST = `query($n: Int) { patients(pageSize: $n) { total items { id fullName } } }`;

describe('gateway: deduplication of identical in-flight subgraph calls', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let receptionist: { token: string };
  let statements = 0;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    for (let i = 0; i < 5; i++)
      await t.data(
        `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
        {
          i: { firstName: `Dedupe${i}`, lastName: 'Case' },
        },
        admin,
      );
    await t.eventsSettled();
    // The relay's polling would be counted with the requests' statements.
    await t.platform.events.stop();
    t.platform.db.knex.on('query', () => statements++);
  }, 600_000);
  afterAll(() => t?.close());

  const count = async (run: () => Promise<unknown>) => {
    const before = statements;
    await run();
    return statements - before;
  };

  it('runs one subgraph call for identical concurrent reads of one caller, each getting its own full answer', async () => {
    const sequential = await count(async () => {
      for (let i = 0; i < 8; i++) await t.data(LIST, { n: 50 }, admin);
    });
    const answers: { patients: { total: number; items: { fullName: string }[] } }[] = [];
    const concurrent = await count(async () => {
      answers.push(
        ...(await Promise.all([...Array(8)].map(() => t.data<(typeof answers)[number]>(LIST, { n: 50 }, admin)))),
      );
    });
    // Eight token checks either way; the list's own statements ran fewer times together than one by one.
    expect(concurrent).toBeLessThan(sequential);
    for (const a of answers) {
      expect(a.patients.total).toBe(5);
      expect(a.patients.items.map((p) => p.fullName).sort()).toEqual(
        [...Array(5).keys()].map((i) => `Dedupe${i} Case`),
      );
    }
    // Answers are separate objects: one is not the other.
    expect(new Set(answers.map((a) => a.patients.items)).size).toBe(answers.length);
  });

  it('never shares between callers, or between different variables', async () => {
    const asked = await Promise.all(
      [...Array(6)].map((_, i) =>
        t.data<{ me: { role: string } }>(`{ me { role } }`, {}, i % 2 ? receptionist : admin),
      ),
    );
    asked.forEach((a, i) => expect(a.me.role).toBe(i % 2 ? 'receptionist' : 'admin'));
    const sizes = await Promise.all([1, 2, 3, 1, 2, 3].map((n) => t.data(LIST, { n }, admin)));
    sizes.forEach((a, i) => expect(a.patients.items).toHaveLength([1, 2, 3][i % 3]!));
  });

  it('never shares mutations: identical concurrent writes all happen', async () => {
    const created = await Promise.all(
      [...Array(4)].map(() =>
        t.data<{ createPatient: { id: string } }>(
          `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
          { i: { firstName: 'Same', lastName: 'Twin' } },
          admin,
        ),
      ),
    );
    expect(new Set(created.map((c) => c.createPatient.id)).size).toBe(4);
  });
});
