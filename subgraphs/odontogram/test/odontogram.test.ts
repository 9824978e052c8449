import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday, type Identity } from '@dentalpin/core';
import { startTestPlatform, type CallOptions, type GraphQLResult, type TestPlatform } from '@dentalpin/core/testing';

const TOOTH = `toothNumber condition deciduous notes surfaces { surface condition }`;
const TREATMENT = `id clinicalType category scope arch status allowedTransitions price durationMinutes vatRate notes performedAt deletedAt
  recordedBy { id } performedBy { id } catalogItem { id } patient { id } teeth { toothNumber role surfaces }`;
const CHART = `query($patientId: ID!, $at: Date, $status: [TreatmentStatus!]) {
  odontogram(patientId: $patientId, at: $at) { patientId at teeth { ${TOOTH} } treatments(status: $status) { ${TREATMENT} } } }`;
const TEETH_ONLY = `query($patientId: ID!) { odontogram(patientId: $patientId) { teeth { ${TOOTH} } } }`;
const SET = `mutation($patientId: ID!, $toothNumber: Int!, $condition: ToothCondition, $surfaces: [SurfaceConditionInput!], $notes: String) {
  setToothCondition(patientId: $patientId, toothNumber: $toothNumber, condition: $condition, surfaces: $surfaces, notes: $notes) { ${TOOTH} } }`;
const ADD = `mutation($input: AddTreatmentInput!) { addTreatment(input: $input) { ${TREATMENT} } }`;
const PERFORM = `mutation($id: ID!) { performTreatment(id: $id) { ${TREATMENT} } }`;
const DELETE = `mutation($id: ID!) { deleteTreatment(id: $id) { ${TREATMENT} } }`;
const HISTORY = `query($patientId: ID!, $toothNumber: Int!) { toothHistory(patientId: $patientId, toothNumber: $toothNumber) {
  toothNumber changeType surface oldCondition newCondition changedBy { id } changedAt } }`;

type Caller = CallOptions & { userId?: string };
interface Treatment {
  id: string;
  status: string;
  price: string | null;
  durationMinutes: number | null;
  vatRate: string | null;
  teeth: { toothNumber: number; role: string | null; surfaces: string[] }[];
  [k: string]: unknown;
}

const code = (r: GraphQLResult) => r.errors?.[0]?.extensions?.code;

describe('odontogram module', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let hygienist: Caller;
  let assistant: Caller;
  let receptionist: Caller;
  let patientId: string;
  let otherPatientId: string;
  const items: Record<string, string> = {};

  const newPatient = async (caller: Caller, firstName: string) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Dental' } },
        caller,
      )
    ).createPatient.id as string;
  const add = async (input: Record<string, unknown>, caller: Caller = dentist) =>
    (await t.data(ADD, { input: { patientId, ...input } }, caller)).addTreatment as Treatment;
  const count = async (table: string) => Number((await t.platform.db.knex(table).count('* as n').first())?.n);
  /** This module's events in the outbox (other modules' handlers, e.g. the timeline, publish their own). */
  const ownEvents = async () =>
    Number(
      (await t.platform.db.knex('core_event_outbox').where('type', 'like', 'odontogram.%').count('* as n').first())?.n,
    );
  const counts = async () =>
    Promise.all(
      [
        'odontogram_tooth_records',
        'odontogram_tooth_changes',
        'odontogram_treatments',
        'odontogram_treatment_teeth',
      ].map(count),
    );
  const outbox = async (type: string) =>
    (await t.platform.db.knex.raw(`select payload from core_event_outbox where type = ? order by id`, [type])).rows.map(
      (r: { payload: Record<string, unknown> }) => r.payload,
    );

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    const as = async (role: string) => ({ ...(await t.userWithRole(admin, role)), clinicId: admin.clinicId });
    dentist = await as('dentist');
    hygienist = await as('hygienist');
    assistant = await as('assistant');
    receptionist = await as('receptionist');
    patientId = await newPatient(admin, 'Lucía');
    otherPatientId = await newPatient(admin, 'Pablo');
    const catalog = await t.data(`{ catalogItems(pageSize: 100) { items { id code } } }`, {}, admin);
    for (const i of catalog.catalogItems.items as { id: string; code: string }[]) items[i.code] = i.id;
  });
  afterAll(() => t.close());

  it('charts tooth and surface conditions, keeping one history row per change', async () => {
    const r = await t.data(
      SET,
      {
        patientId,
        toothNumber: 16,
        surfaces: [
          { surface: 'O', condition: 'CARIES' },
          { surface: 'M', condition: 'CARIES' },
        ],
      },
      hygienist,
    );
    expect(r.setToothCondition).toMatchObject({ toothNumber: 16, condition: 'HEALTHY', deciduous: false });
    expect(r.setToothCondition.surfaces).toEqual([
      { surface: 'M', condition: 'CARIES' },
      { surface: 'D', condition: 'HEALTHY' },
      { surface: 'O', condition: 'CARIES' },
      { surface: 'V', condition: 'HEALTHY' },
      { surface: 'L', condition: 'HEALTHY' },
    ]);
    await t.data(
      SET,
      { patientId, toothNumber: 16, condition: 'FRACTURE', surfaces: [{ surface: 'O', condition: 'CARIES' }] },
      dentist,
    );
    await t.data(SET, { patientId, toothNumber: 55, condition: 'MISSING' }, dentist);
    const history = (await t.data(HISTORY, { patientId, toothNumber: 16 }, assistant)).toothHistory;
    // created, two surfaces, then only the condition (O was already CARIES).
    expect(history.map((h: { changeType: string }) => h.changeType).sort()).toEqual([
      'CONDITION',
      'CREATED',
      'SURFACE',
      'SURFACE',
    ]);
    expect(history[0]).toMatchObject({
      changeType: 'CONDITION',
      oldCondition: 'HEALTHY',
      newCondition: 'FRACTURE',
      changedBy: { id: dentist.userId },
    });
    const chart = (await t.data(TEETH_ONLY, { patientId }, assistant)).odontogram;
    expect(
      chart.teeth.map((x: { toothNumber: number; condition: string; deciduous: boolean }) => [
        x.toothNumber,
        x.condition,
        x.deciduous,
      ]),
    ).toEqual([
      [16, 'FRACTURE', false],
      [55, 'MISSING', true],
    ]);
    const events = await outbox('odontogram.tooth.updated');
    expect(events).toHaveLength(3);
    expect(events[1]).toMatchObject({
      patient_id: patientId,
      tooth_number: 16,
      changes: [{ change_type: 'condition', new_condition: 'fracture' }],
    });
  });

  it('prices treatments from the catalog: the price is the total for all the teeth, with duration and VAT', async () => {
    const crowns = await add({
      catalogItemId: items.crown_zirconia,
      teeth: [11, 12, 21, 22].map((toothNumber) => ({ toothNumber })),
    });
    expect(crowns).toMatchObject({
      clinicalType: 'crown',
      category: 'restorative',
      scope: 'MULTI_TOOTH',
      status: 'PLANNED',
      price: '1800.00',
      durationMinutes: 240,
      vatRate: '0.00',
      catalogItem: { id: items.crown_zirconia },
      patient: { id: patientId },
      performedAt: null,
    });
    // PER_SURFACE: each tooth at its own tier (2 surfaces 65.00 + 1 surface 50.00).
    const fillings = await add({
      catalogItemId: items.filling_composite,
      teeth: [
        { toothNumber: 26, surfaces: ['O', 'M'] },
        { toothNumber: 36, surfaces: ['O'] },
      ],
    });
    expect(fillings).toMatchObject({ clinicalType: 'filling_composite', price: '115.00', durationMinutes: 80 });
    expect(fillings.teeth).toEqual([
      {
        toothNumber: 26,
        role: null,
        surfaces: ['M', 'O'].sort((a, b) => ['O', 'M'].indexOf(a) - ['O', 'M'].indexOf(b)),
      },
      { toothNumber: 36, role: null, surfaces: ['O'] },
    ]);
    const whitening = await add({ catalogItemId: items.whitening, scope: 'GLOBAL_MOUTH' });
    expect(whitening).toMatchObject({ scope: 'GLOBAL_MOUTH', teeth: [], vatRate: '21.00' });
    const upper = await add({ clinicalType: 'retainer', scope: 'GLOBAL_ARCH', arch: 'UPPER' });
    expect(upper).toMatchObject({ scope: 'GLOBAL_ARCH', arch: 'UPPER', price: null, vatRate: null });
    // A diagnosis needs no catalog item.
    expect(await add({ clinicalType: 'caries', teeth: [{ toothNumber: 47, surfaces: ['D'] }] })).toMatchObject({
      scope: 'TOOTH',
      category: 'diagnosis',
      price: null,
    });
  });

  it('gives bridges pillars at the ends of the span, across the midline too, and honours explicit roles', async () => {
    const bridge = await add({
      clinicalType: 'bridge',
      teeth: [{ toothNumber: 14 }, { toothNumber: 15 }, { toothNumber: 16 }],
    });
    expect(bridge.teeth.map((x) => [x.toothNumber, x.role])).toEqual([
      [14, 'PILLAR'],
      [15, 'PONTIC'],
      [16, 'PILLAR'],
    ]);
    const front = await add({
      clinicalType: 'bridge',
      teeth: [12, 11, 21, 22].map((toothNumber) => ({ toothNumber })),
    });
    expect(front.teeth.map((x) => [x.toothNumber, x.role])).toEqual([
      [11, 'PONTIC'],
      [12, 'PILLAR'],
      [21, 'PONTIC'],
      [22, 'PILLAR'],
    ]);
    const cantilever = await add({
      clinicalType: 'bridge',
      teeth: [{ toothNumber: 44, role: 'PILLAR' }, { toothNumber: 45, role: 'PILLAR' }, { toothNumber: 46 }],
    });
    expect(cantilever.teeth.map((x) => x.role)).toEqual(['PILLAR', 'PILLAR', 'PONTIC']);
  });

  it('refuses bad input with BAD_USER_INPUT and a message to act on, writing nothing', async () => {
    const before = await counts();
    const eventsBefore = await ownEvents();
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ clinicalType: 'caries', teeth: [{ toothNumber: 19 }] }, /teeth\.0\.toothNumber is not an FDI tooth number/],
      [{ clinicalType: 'caries', teeth: [{ toothNumber: 56 }] }, /not an FDI tooth number/],
      [{ clinicalType: 'caries', teeth: [{ toothNumber: 90 }] }, /not an FDI tooth number/],
      [
        { catalogItemId: items.crown_zirconia, teeth: [{ toothNumber: 11, surfaces: ['O'] }] },
        /crown covers the whole tooth: leave surfaces out/,
      ],
      [
        {
          clinicalType: 'bridge',
          teeth: [
            { toothNumber: 14, role: 'PONTIC' },
            { toothNumber: 15, role: 'PONTIC' },
          ],
        },
        /bridge needs at least one PILLAR/,
      ],
      [{ clinicalType: 'bridge', teeth: [{ toothNumber: 14 }] }, /bridge spans two or more teeth/],
      [{ clinicalType: 'bridge', teeth: [{ toothNumber: 14 }, { toothNumber: 44 }] }, /one arch/],
      [{ clinicalType: 'retainer', scope: 'GLOBAL_ARCH' }, /GLOBAL_ARCH treatment needs its arch: UPPER or LOWER/],
      [{ clinicalType: 'retainer', scope: 'GLOBAL_MOUTH', arch: 'UPPER' }, /arch is only for GLOBAL_ARCH/],
      [{ clinicalType: 'cleaning', scope: 'GLOBAL_MOUTH', teeth: [{ toothNumber: 11 }] }, /leave teeth out/],
      [
        { clinicalType: 'crown', scope: 'TOOTH', teeth: [{ toothNumber: 11 }, { toothNumber: 12 }] },
        /exactly one tooth/,
      ],
      [{ clinicalType: 'crown' }, /Give the teeth/],
      [{ clinicalType: 'crown', teeth: [{ toothNumber: 11 }, { toothNumber: 11 }] }, /same tooth twice/],
      [{ clinicalType: 'polish', teeth: [{ toothNumber: 11 }] }, /not a clinical type/],
      [
        { catalogItemId: items.crown_zirconia, clinicalType: 'implant', teeth: [{ toothNumber: 11 }] },
        /is a crown treatment, not implant/,
      ],
      [{ clinicalType: 'caries', teeth: [{ toothNumber: 11, role: 'PILLAR' }] }, /Only bridges have PILLAR/],
      [{ teeth: [{ toothNumber: 11 }] }, /Give a clinicalType/],
    ];
    for (const [input, message] of refusals) {
      const r = await t.gql(ADD, { input: { patientId, ...input } }, dentist);
      expect(code(r), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(message);
    }
    // Refusals a form shows beside its field name that field (`extensions.fields`).
    const fieldOf = async (input: Record<string, unknown>) =>
      ((await t.gql(ADD, { input: { patientId, ...input } }, dentist)).errors?.[0]?.extensions?.fields as
        { field: string; rule?: string }[] | undefined) ?? [];
    expect(
      await fieldOf({
        catalogItemId: items.filling_composite,
        teeth: [{ toothNumber: 26, surfaces: ['O'] }, { toothNumber: 36 }],
      }),
    ).toMatchObject([{ field: 'teeth.1.surfaces', rule: 'required' }]);
    expect(await fieldOf({ catalogItemId: items.filling_composite, scope: 'GLOBAL_MOUTH' })).toMatchObject([
      { field: 'scope', rule: 'required' },
    ]);
    expect(
      await fieldOf({ catalogItemId: items.crown_zirconia, clinicalType: 'implant', teeth: [{ toothNumber: 11 }] }),
    ).toMatchObject([{ field: 'catalogItemId', rule: 'mismatch' }]);
    expect(
      await fieldOf({ clinicalType: 'crown', teeth: [{ toothNumber: 11 }, { toothNumber: 12, surfaces: ['O'] }] }),
    ).toMatchObject([{ field: 'teeth.1.surfaces', rule: 'not_allowed' }]);
    for (const toothNumber of [0, 10, 19, 49, 50, 56, 66, 76, 86, 100])
      expect(code(await t.gql(SET, { patientId, toothNumber, condition: 'CARIES' }, dentist))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(SET, { patientId, toothNumber: 11 }, dentist))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(CHART, { patientId: 'nope' }, dentist))).toBe('BAD_USER_INPUT');
    expect(code(await t.gql(CHART, { patientId, at: '2026-13-40' }, dentist))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await t.gql(
          ADD,
          { input: { patientId, catalogItemId: '00000000-0000-4000-8000-000000000000', teeth: [{ toothNumber: 11 }] } },
          dentist,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
    expect(await ownEvents()).toBe(eventsBefore);
  });

  it('performs a planned treatment once, and soft-deletes', async () => {
    const implant = await add({ catalogItemId: items.implant, teeth: [{ toothNumber: 46 }] });
    const performed = (await t.data(PERFORM, { id: implant.id }, dentist)).performTreatment as Treatment;
    expect(implant.allowedTransitions).toEqual(['PERFORMED']);
    expect(performed).toMatchObject({
      status: 'PERFORMED',
      allowedTransitions: [],
      performedBy: { id: dentist.userId },
      price: '1200.00',
    });
    const again = await t.gql(PERFORM, { id: implant.id }, dentist);
    expect(code(again)).toBe('ALREADY_IN_STATE');
    const events = await outbox('odontogram.treatment.performed');
    expect(events.filter((e: { treatment_id: string }) => e.treatment_id === implant.id)).toEqual([
      expect.objectContaining({
        previous_status: 'planned',
        tooth_numbers: [46],
        price: '1200.00',
        performed_by: dentist.userId,
      }),
    ]);
    expect(
      (await outbox('odontogram.treatment.planned')).some(
        (e: { treatment_id: string }) => e.treatment_id === implant.id,
      ),
    ).toBe(true);

    const deleted = (await t.data(DELETE, { id: implant.id }, dentist)).deleteTreatment as Treatment;
    expect(deleted.deletedAt).not.toBeNull();
    expect(code(await t.gql(DELETE, { id: implant.id }, dentist))).toBe('NOT_FOUND');
    expect(code(await t.gql(PERFORM, { id: implant.id }, dentist))).toBe('NOT_FOUND');
    const chart = (await t.data(CHART, { patientId }, dentist)).odontogram;
    expect(chart.treatments.map((x: Treatment) => x.id)).not.toContain(implant.id);
    const row = await t.platform.db.knex('odontogram_treatments').where({ id: implant.id }).first();
    expect(row.deleted_at).not.toBeNull();
    expect(
      (await outbox('odontogram.treatment.deleted')).map((e: { treatment_id: string }) => e.treatment_id),
    ).toContain(implant.id);
    const planned = (await t.data(CHART, { patientId, status: ['PLANNED'] }, dentist)).odontogram.treatments;
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((x: Treatment) => x.status === 'PLANNED')).toBe(true);
  });

  it('shows the chart as of a date: teeth replayed from history, treatments with their status then', async () => {
    const pid = await newPatient(admin, 'Historia');
    const tz = 'Europe/Madrid';
    const [fiveDaysAgo, threeDaysAgo, yesterday] = [-5, -3, -1].map((d) => localToday(tz, d));
    const shift = (table: string, column: string, days: number, where: Record<string, unknown>) =>
      t.platform.db
        .knex(table)
        .where(where)
        .update({ [column]: t.platform.db.knex.raw(`${column} - interval '${days} days'`) });

    await t.data(SET, { patientId: pid, toothNumber: 36, surfaces: [{ surface: 'O', condition: 'CARIES' }] }, dentist);
    await shift('odontogram_tooth_changes', 'changed_at', 4, { patient_id: pid });
    await t.data(
      SET,
      { patientId: pid, toothNumber: 36, condition: 'ROOT_CANAL', surfaces: [{ surface: 'O', condition: 'FILLING' }] },
      dentist,
    );
    const rc = (
      await t.data(
        ADD,
        {
          input: {
            patientId: pid,
            catalogItemId: items.root_canal_molar,
            clinicalType: 'root_canal_full',
            teeth: [{ toothNumber: 36 }],
          },
        },
        dentist,
      )
    ).addTreatment;
    await t.data(PERFORM, { id: rc.id }, dentist);
    await t.platform.db
      .knex('odontogram_treatments')
      .where({ id: rc.id })
      .update({
        recorded_at: t.platform.db.knex.raw(`recorded_at - interval '4 days'`),
        performed_at: t.platform.db.knex.raw(`performed_at - interval '2 days'`),
      });

    const at = async (day: string | null) => (await t.data(CHART, { patientId: pid, at: day }, dentist)).odontogram;
    expect((await at(fiveDaysAgo)).teeth).toEqual([]);
    expect((await at(fiveDaysAgo)).treatments).toEqual([]);
    const then = await at(threeDaysAgo);
    expect(then.at).toBe(threeDaysAgo);
    expect(then.teeth).toHaveLength(1);
    expect(then.teeth[0].condition).toBe('HEALTHY');
    expect(then.teeth[0].surfaces.find((s: { surface: string }) => s.surface === 'O').condition).toBe('CARIES');
    expect(then.treatments.map((x: Treatment) => [x.id, x.status, x.performedAt])).toEqual([[rc.id, 'PLANNED', null]]);
    const later = await at(yesterday);
    expect(later.teeth[0].surfaces.find((s: { surface: string }) => s.surface === 'O').condition).toBe('CARIES');
    expect(later.treatments[0].status).toBe('PERFORMED');
    const now = await at(null);
    expect(now.teeth[0]).toMatchObject({ condition: 'ROOT_CANAL' });
    expect(now.teeth[0].surfaces.find((s: { surface: string }) => s.surface === 'O').condition).toBe('FILLING');
    const days = (
      await t.data(
        `query($p: ID!) { odontogramDays(patientId: $p) { date toothChanges treatments } }`,
        { p: pid },
        assistant,
      )
    ).odontogramDays;
    expect(days.map((d: { date: string }) => d.date)).toEqual(
      [localToday(tz, -4), localToday(tz, -2), localToday(tz)].sort(),
    );
  });

  it('lets each role do what it is granted', async () => {
    const forbidden = async (caller: Caller, query: string, variables: Record<string, unknown>) =>
      expect(code(await t.gql(query, variables, caller))).toBe('FORBIDDEN');
    const crown = { input: { patientId, clinicalType: 'crown', teeth: [{ toothNumber: 17 }] } };
    // Hygienist: charts teeth, but treatments are the dentist's (the original leaked them through odontogram.read).
    expect((await t.data(TEETH_ONLY, { patientId }, hygienist)).odontogram.teeth.length).toBeGreaterThan(0);
    await forbidden(hygienist, CHART, { patientId });
    await forbidden(hygienist, ADD, crown);
    // Assistant: reads the chart and treatments, changes nothing.
    expect((await t.data(CHART, { patientId }, assistant)).odontogram.treatments.length).toBeGreaterThan(0);
    await forbidden(assistant, SET, { patientId, toothNumber: 11, condition: 'CARIES' });
    await forbidden(assistant, ADD, crown);
    // Receptionist: nothing of the chart.
    await forbidden(receptionist, TEETH_ONLY, { patientId });
    await forbidden(receptionist, SET, { patientId, toothNumber: 11, condition: 'CARIES' });
    // Dentist and admin: everything.
    expect((await t.data(ADD, crown, dentist)).addTreatment.status).toBe('PLANNED');
    expect((await t.data(ADD, crown, admin)).addTreatment.status).toBe('PLANNED');
  });

  it('adds the chart to Patient through federation, for many patients in one request', async () => {
    await t.data(SET, { patientId: otherPatientId, toothNumber: 85, condition: 'CARIES' }, dentist);
    const r = await t.data(
      `{ patients(pageSize: 50) { items { id odontogram { patientId teeth { toothNumber } treatments { id teeth { toothNumber } } } } } }`,
      {},
      dentist,
    );
    const byId = new Map(r.patients.items.map((p: { id: string; odontogram: unknown }) => [p.id, p.odontogram]));
    const own = byId.get(patientId) as { patientId: string; teeth: { toothNumber: number }[]; treatments: unknown[] };
    expect(own.patientId).toBe(patientId);
    expect(own.teeth.map((x) => x.toothNumber)).toEqual([16, 55]);
    expect(own.treatments.length).toBeGreaterThan(5);
    expect(byId.get(otherPatientId)).toEqual({
      patientId: otherPatientId,
      teeth: [{ toothNumber: 85 }],
      treatments: [],
    });
    // A treatment is an entity other modules reference.
    const tr = own.treatments[0] as { id: string };
    expect(
      (await t.data(`query($id: ID!) { treatment(id: $id) { id patient { id } } }`, { id: tr.id }, dentist)).treatment,
    ).toEqual({
      id: tr.id,
      patient: { id: patientId },
    });
  });

  it('keeps another clinic away from this clinic’s charts', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin))
      .createClinic.id;
    const dentistB = {
      ...(await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB)),
      clinicId: clinicB,
    };
    const before = await counts();
    const treatmentA = (await t.data(CHART, { patientId }, dentist)).odontogram.treatments[0].id;
    expect(code(await t.gql(CHART, { patientId }, dentistB))).toBe('NOT_FOUND');
    expect(code(await t.gql(HISTORY, { patientId, toothNumber: 16 }, dentistB))).toBe('NOT_FOUND');
    expect(code(await t.gql(SET, { patientId, toothNumber: 11, condition: 'CARIES' }, dentistB))).toBe('NOT_FOUND');
    expect(
      code(await t.gql(ADD, { input: { patientId, clinicalType: 'caries', teeth: [{ toothNumber: 11 }] } }, dentistB)),
    ).toBe('NOT_FOUND');
    expect(code(await t.gql(PERFORM, { id: treatmentA }, dentistB))).toBe('NOT_FOUND');
    expect(code(await t.gql(DELETE, { id: treatmentA }, dentistB))).toBe('NOT_FOUND');
    expect(
      (await t.data(`query($id: ID!) { treatment(id: $id) { id } }`, { id: treatmentA }, dentistB)).treatment,
    ).toBeNull();
    expect(await counts()).toEqual(before);
    // B's own patient, priced with B's own catalog only.
    const patientB = await newPatient(dentistB, 'Sur');
    const foreignItem = await t.gql(
      ADD,
      { input: { patientId: patientB, catalogItemId: items.implant, teeth: [{ toothNumber: 11 }] } },
      dentistB,
    );
    expect(code(foreignItem)).toBe('NOT_FOUND');
    expect((await t.data(CHART, { patientId: patientB }, dentistB)).odontogram).toMatchObject({
      teeth: [],
      treatments: [],
    });
  });

  it('offers every mutation as an agent tool, with the same rules', async () => {
    const identityOf = async (caller: Caller) =>
      (await t.platform.auth.authenticate(`Bearer ${caller.token}`, caller.clinicId)).identity as Identity;
    const who = await identityOf(dentist);
    const call = (name: string, args: unknown) => t.platform.agents.call({ identity: who }, `odontogram.${name}`, args);
    const set = await call('set_tooth_condition', {
      patientId,
      toothNumber: 24,
      surfaces: [{ surface: 'V', condition: 'CARIES' }],
    });
    expect(set).toMatchObject({ status: 'SUCCESS', result: { toothNumber: 24, condition: 'HEALTHY' } });
    const added = await call('add_treatment', {
      patientId,
      catalogItemId: items.extraction_simple,
      teeth: [{ toothNumber: 18 }],
    });
    expect(added).toMatchObject({
      status: 'SUCCESS',
      result: { clinicalType: 'extraction', status: 'PLANNED', price: '60.00', scope: 'TOOTH' },
    });
    const id = (added.result as { id: string }).id;
    expect(await call('perform_treatment', { treatmentId: id })).toMatchObject({
      status: 'SUCCESS',
      result: { status: 'PERFORMED', allowedTransitions: [] },
    });
    const bad = await call('add_treatment', { patientId, clinicalType: 'retainer', scope: 'GLOBAL_ARCH' });
    expect(bad).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    const chart = await call('get_odontogram', { patientId });
    expect(chart.status).toBe('SUCCESS');
    expect((chart.result as { teeth: { toothNumber: number }[] }).teeth.map((x) => x.toothNumber)).toContain(24);
    const hygienistCall = await t.platform.agents.call(
      { identity: await identityOf(hygienist) },
      'odontogram.add_treatment',
      {
        patientId,
        clinicalType: 'caries',
        teeth: [{ toothNumber: 11 }],
      },
    );
    expect(hygienistCall).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
  });
});
