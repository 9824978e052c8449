import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const CREATE = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;
const LIST = `query($search: String) { patients(search: $search, pageSize: 100) { total items { fullName } } }`;

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
}

describe('patients search: accent- and case-insensitive, served by the trigram index', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  const names = async (search: string) =>
    (await t.data(LIST, { search }, admin)).patients.items.map((p: { fullName: string }) => p.fullName);

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    const people = [
      ['Lucía', 'García Pérez', null, null],
      ['ANTONIO', 'GARCÍA', null, null],
      ['Pablo', 'Gonzalez', '+34 622 000 111', null],
      ['Íñigo', 'Muñoz', null, 'inigo.munoz@example.com'],
      ['Marta', 'Garcés', null, null],
    ];
    for (const [firstName, lastName, phone, email] of people)
      await t.data(CREATE, { input: { firstName, lastName, phone, email } }, admin);
  });
  afterAll(() => t.close());

  it('finds García and GARCÍA for "garcia", "GARCIA" and "García"', async () => {
    const both = ['ANTONIO GARCÍA', 'Lucía García Pérez'];
    expect(await names('garcia')).toEqual(both);
    expect(await names('GARCIA')).toEqual(both);
    expect(await names('García')).toEqual(both);
    expect(await names('garcía')).toEqual(both);
  });

  it('ignores accents typed where the record has none, and in the first name', async () => {
    expect(await names('gonzález')).toEqual(['Pablo Gonzalez']);
    expect(await names('inigo munoz')).toEqual(['Íñigo Muñoz']);
    expect(await names('lucia garcia')).toEqual(['Lucía García Pérez']);
    expect((await names('garc')).sort()).toEqual(['ANTONIO GARCÍA', 'Lucía García Pérez', 'Marta Garcés']);
  });

  it('still matches phone and email, and a term never spans two fields', async () => {
    expect(await names('622 000')).toEqual(['Pablo Gonzalez']);
    expect(await names('munoz@example')).toEqual(['Íñigo Muñoz']);
    expect(await names('gonzalez+34')).toEqual([]);
    expect(await names('100%')).toEqual([]);
  });

  it('the query the service sends uses the trigram index (EXPLAIN, sequential scans disabled)', async () => {
    // Enough rows that the planner has a table worth indexing; the question is only whether the index applies.
    await t.platform.db.knex.raw(
      `insert into patients (id, clinic_id, first_name, last_name)
       select gen_random_uuid(), ?, 'Bulk' || i, 'Apellido' || i from generate_series(1, 2000) i`,
      [admin.clinicId],
    );
    await t.platform.db.knex.raw('analyze patients');
    const knex = (await t.platform.kernel.orm('patients')).em.getConnection().getKnex();
    const seen: KnexQuery[] = [];
    const record = (q: KnexQuery) => void seen.push(q);
    knex.on('query', record);
    try {
      expect(await names('garcía')).toHaveLength(2);
    } finally {
      knex.off('query', record);
    }
    const search = seen.find((q) => q.sql.startsWith('select') && q.sql.includes('immutable_unaccent'));
    expect(search, 'the search query').toBeDefined();
    const plan = await t.platform.db.knex.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      const { rows } = await trx.raw(`explain ${search!.sql}`, (search!.bindings ?? []) as never);
      return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on patients_search_trgm_idx/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
