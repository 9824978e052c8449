import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const CREATE = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;
const LIST = `query($search: String) { patients(search: $search, pageSize: 100) { total items { fullName } } }`;

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
}

describe('patients search: accent- and case-insensitive, served by an index under the clinic policy', () => {
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
      ['Ana', 'González Ruiz', null, null],
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
    expect((await names('gonzález')).sort()).toEqual(['Ana González Ruiz', 'Pablo Gonzalez']);
    expect((await names('gonzalez')).sort()).toEqual(['Ana González Ruiz', 'Pablo Gonzalez']);
    expect(await names('GONZALEZ ruiz')).toEqual(['Ana González Ruiz']);
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

  it('finds a phone number however its spaces and signs are typed', async () => {
    for (const typed of ['622000111', '+34622000111', '+34 622 000 111', '622-000-111', '(622) 000111', '000111'])
      expect(await names(typed), typed).toEqual(['Pablo Gonzalez']);
    expect(await names('622000112')).toEqual([]);
  });

  it("pages a search: every page counts all the matches, and the pages follow the list's name order", async () => {
    const all = await names('garc');
    expect(all).toHaveLength(3);
    const PAGE = `query($s: String, $p: Int) { patients(search: $s, page: $p, pageSize: 1) { total items { fullName } } }`;
    const pages = [];
    for (const p of [1, 2, 3, 4]) pages.push((await t.data(PAGE, { s: 'garc', p }, admin)).patients);
    expect(pages.map((pg) => pg.total)).toEqual([3, 3, 3, 3]);
    expect(pages.flatMap((pg) => pg.items.map((i: { fullName: string }) => i.fullName))).toEqual(all);
  });

  it('a search after an edit matches the new name (search_text is generated from the columns)', async () => {
    const { createPatient } = await t.data(CREATE, { input: { firstName: 'Temporal', lastName: 'Ibáñez' } }, admin);
    await t.data(
      `mutation($id: ID!) { updatePatient(id: $id, input: { lastName: "Núñez" }) { id } }`,
      { id: createPatient.id },
      admin,
    );
    expect(await names('ibanez')).toEqual([]);
    expect(await names('nunez temporal')).toEqual(['Temporal Núñez']);
  });

  it("as requests run it (app role, clinic policy), the search reads only the clinic's index entries (EXPLAIN)", async () => {
    // Enough rows, most of them another clinic's (as in a shared database), that an index is worth using.
    const knexOwner = t.platform.db.knex;
    const other = (
      await knexOwner.raw(`insert into clinics (id, name) values (gen_random_uuid(), 'Elsewhere') returning id`)
    ).rows[0].id as string;
    await knexOwner.raw(
      `insert into patients (id, clinic_id, first_name, last_name)
       select gen_random_uuid(), case when i % 8 = 0 then ?::uuid else ?::uuid end, 'Bulk' || i, 'Apellido' || i
         from generate_series(1, 8000) i`,
      [admin.clinicId, other],
    );
    await t.platform.db.knex.raw('vacuum analyze patients');
    const knex = (await t.platform.kernel.orm('patients')).em.getConnection().getKnex();
    const seen: KnexQuery[] = [];
    const record = (q: KnexQuery) => void seen.push(q);
    knex.on('query', record);
    try {
      expect(await names('garcía')).toHaveLength(2);
    } finally {
      knex.off('query', record);
    }
    const searches = seen.filter((q) => /^select/.test(q.sql) && q.sql.includes('search_text'));
    expect(searches.map((q) => (/count\(/.test(q.sql) ? 'count' : 'page')).sort()).toEqual(['count', 'page']);
    for (const search of searches) {
      const plan = await t.platform.db.knex.transaction(async (trx) => {
        await trx.raw('set local role dentalpin_app');
        await trx.raw(`select set_config('dentalpin.clinic_id', ?, true)`, [admin.clinicId]);
        const { rows } = await trx.raw(`explain ${search.sql}`, (search.bindings ?? []) as never);
        return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/Index Only Scan using patients_clinic_search_idx/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });
});
