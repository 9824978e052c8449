import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { pino } from 'pino';
import odontogram from '../src/index.ts';

/** The demo hook as `serve --demo` runs it: in its own transaction, as the demo clinic's admin. */
describe('odontogram demo data', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  const patientIds: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    for (const firstName of ['Ana', 'Bruno', 'Carla'])
      patientIds.push(
        (
          await t.data(
            `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
            { input: { firstName, lastName: 'Demo' } },
            admin,
          )
        ).createPatient.id,
      );
    const auth = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const identity = auth.user();
    await t.eventsSettled(); // the catalog fills the new clinic's defaults on its clinic event
    const orm = await t.platform.kernel.orm('odontogram');
    await orm.em.fork().transactional((em) =>
      odontogram.demo!({
        moduleName: 'odontogram',
        em,
        logger: pino({ level: 'silent' }),
        clinicId: admin.clinicId,
        users: { admin: admin.userId },
        admin: identity,
        identity,
        query: t.platform.supergraph.forAuth(auth),
      }),
    );
  });
  afterAll(() => t.close());

  it('gives the first patients realistic mouths, priced from the catalog', async () => {
    const r = await t.data(
      `{ patients(pageSize: 3) { items { id odontogram { teeth { toothNumber condition }
         treatments { clinicalType status price teeth { toothNumber role } } } } } }`,
      {},
      admin,
    );
    const charts = r.patients.items.map((p: { odontogram: unknown }) => p.odontogram);
    const all = charts.flatMap(
      (c: { treatments: { clinicalType: string; status: string; price: string | null }[] }) => c.treatments,
    );
    expect(all).toHaveLength(7);
    expect(all.some((x: { status: string }) => x.status === 'PERFORMED')).toBe(true);
    expect(all.find((x: { clinicalType: string }) => x.clinicalType === 'implant')?.price).toBe('1200.00');
    const bridge = all.find((x: { clinicalType: string }) => x.clinicalType === 'bridge') as {
      teeth: { toothNumber: number; role: string }[];
    };
    expect(bridge.teeth.map((x) => x.role)).toEqual(['PILLAR', 'PONTIC', 'PILLAR']);
    const teeth = charts.flatMap((c: { teeth: { toothNumber: number }[] }) => c.teeth.map((x) => x.toothNumber));
    expect(teeth).toContain(55); // the child's deciduous teeth
  });
});
