import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthState } from '@dentalpin/core';
import { moduleLifecycle, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import { seedDemoPeriodontalExams } from '../src/demo.ts';

const EXAM = `id status closedAt allowedTransitions patient { id }
  sites { toothNumber site probingDepth recession attachmentLoss bleeding plaque suppuration }
  teeth { toothNumber mobility furcation }
  indices { sitesExamined bleedingPercent plaquePercent meanProbingDepth meanAttachmentLoss pocketsOver5mm }`;
const START = `mutation($p: ID!) { startPeriodontalExam(patientId: $p) { ${EXAM} } }`;
const RECORD = `mutation($id: ID!, $sites: [PeriodontalSiteInput!]!, $teeth: [PeriodontalToothInput!]) {
  recordPeriodontalSites(examId: $id, sites: $sites, teeth: $teeth) { ${EXAM} } }`;
const CLOSE = `mutation($id: ID!) { closePeriodontalExam(id: $id) { ${EXAM} } }`;
const GET = `query($id: ID!) { periodontalExam(id: $id) { ${EXAM} } }`;
const LIST = `query($p: ID!) { periodontalExams(patientId: $p) { id status } }`;
const COMPARE = `query($a: ID!, $b: ID!) { comparePeriodontalExams(baseId: $a, otherId: $b) {
  base { id } other { id } sites { toothNumber site probingDepthDelta recessionDelta attachmentLossDelta bleedingBefore bleedingAfter } } }`;

/**
 * Hand-computed: 6 sites; bleeding on 3 → 50 %; plaque on 2 → 33.33 %; probing depths 3+5+6+3+4 = 21 over 5
 * recorded → 4.2; attachment loss (PD + recession, both recorded) 4, 7, 3, 2 = 16 over 4 → 4; PD ≥ 5 at 2 sites.
 */
const FIRST_SITES = [
  { toothNumber: 16, site: 'MB', probingDepth: 3, recession: 1, bleeding: true, plaque: true },
  { toothNumber: 16, site: 'B', probingDepth: 5, recession: 2, bleeding: true },
  { toothNumber: 16, site: 'DB', probingDepth: 6, plaque: true },
  { toothNumber: 11, site: 'MB', probingDepth: 3, recession: 0 },
  { toothNumber: 11, site: 'B', recession: 1, suppuration: true },
  { toothNumber: 11, site: 'DB', probingDepth: 4, recession: -2, bleeding: true },
];

describe('periodontogram', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let dentist: CallOptions;
  let hygienist: CallOptions;
  let assistant: CallOptions;
  let receptionist: CallOptions;
  let patientId: string;
  let examId: string;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const count = async (table: string) => Number((await sql(`select count(*) as n from ${table}`))[0].n);
  const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
  const createPatient = async (firstName: string, caller: CallOptions = admin) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Perio' } },
        caller,
      )
    ).createPatient.id as string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    expect((await moduleLifecycle(t, admin).install('periodontogram')).processed).toEqual([
      { module: 'periodontogram', operation: 'install', status: 'completed', error: null },
    ]);
    dentist = await t.userWithRole(admin, 'dentist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    assistant = await t.userWithRole(admin, 'assistant');
    receptionist = await t.userWithRole(admin, 'receptionist');
    patientId = await createPatient('Ana');
  });
  afterAll(() => t.close());

  it('opens one draft per patient; a second draft is a CONFLICT and writes nothing', async () => {
    const exam = (await t.data(START, { p: patientId }, dentist)).startPeriodontalExam;
    examId = exam.id;
    expect(exam).toMatchObject({ status: 'DRAFT', closedAt: null, allowedTransitions: ['CLOSED'], sites: [] });
    expect(exam.patient.id).toBe(patientId);
    const second = await t.gql(START, { p: patientId }, hygienist);
    expect(code(second)).toBe('CONFLICT');
    expect(second.errors?.[0].message).toMatch(/already has a draft/);
    expect(await count('periodontogram_exams')).toBe(1);
    expect(code(await t.gql(START, { p: '00000000-0000-4000-8000-000000000000' }, dentist))).toBe('NOT_FOUND');
    expect(code(await t.gql(START, { p: 'nope' }, dentist))).toBe('BAD_USER_INPUT');
  });

  it('refuses bad sites with BAD_USER_INPUT and writes none of the batch', async () => {
    const good = FIRST_SITES[0];
    for (const [bad, message] of [
      [{ toothNumber: 19, site: 'B' }, /FDI permanent tooth/],
      [{ toothNumber: 55, site: 'B' }, /FDI permanent tooth/],
      [{ toothNumber: 21, site: 'B', probingDepth: 16 }, /above 15 mm/],
      [{ toothNumber: 21, site: 'B', recession: -6 }, /below -5 mm/],
      [good, /repeats tooth 16\/mb/],
    ] as const) {
      const r = await t.gql(RECORD, { id: examId, sites: [good, bad] }, dentist);
      expect(code(r)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(message);
    }
    const mobility = await t.gql(
      RECORD,
      { id: examId, sites: [good], teeth: [{ toothNumber: 16, mobility: 4 }] },
      dentist,
    );
    expect(code(mobility)).toBe('BAD_USER_INPUT');
    expect(await count('periodontogram_sites')).toBe(0);
    expect(await count('periodontogram_teeth')).toBe(0);
  });

  it('records sites (a site sent again replaces its values) with live indices while a draft', async () => {
    await t.data(RECORD, { id: examId, sites: [{ toothNumber: 16, site: 'MB', probingDepth: 9 }] }, dentist);
    const exam = (
      await t.data(
        RECORD,
        { id: examId, sites: FIRST_SITES, teeth: [{ toothNumber: 16, mobility: 1, furcation: 2 }] },
        hygienist,
      )
    ).recordPeriodontalSites;
    expect(exam.sites).toHaveLength(6);
    expect(exam.sites[0]).toEqual({
      toothNumber: 11,
      site: 'MB',
      probingDepth: 3,
      recession: 0,
      attachmentLoss: 3,
      bleeding: false,
      plaque: false,
      suppuration: false,
    });
    expect(exam.teeth).toEqual([{ toothNumber: 16, mobility: 1, furcation: 2 }]);
    expect(exam.indices).toEqual({
      sitesExamined: 6,
      bleedingPercent: 50,
      plaquePercent: 33.33,
      meanProbingDepth: 4.2,
      meanAttachmentLoss: 4,
      pocketsOver5mm: 2,
    });
  });

  it('closes with frozen indices; a closed exam never changes and publishes its event once', async () => {
    const closed = (await t.data(CLOSE, { id: examId }, dentist)).closePeriodontalExam;
    expect(closed).toMatchObject({ status: 'CLOSED', allowedTransitions: [] });
    expect(closed.closedAt).toBeTruthy();
    const indices = {
      sitesExamined: 6,
      bleedingPercent: 50,
      plaquePercent: 33.33,
      meanProbingDepth: 4.2,
      meanAttachmentLoss: 4,
      pocketsOver5mm: 2,
    };
    expect(closed.indices).toEqual(indices);
    expect((await sql(`select indices from periodontogram_exams where id = ?`, [examId]))[0].indices).toEqual(indices);

    const edit = await t.gql(RECORD, { id: examId, sites: [{ toothNumber: 21, site: 'B', probingDepth: 2 }] }, dentist);
    expect(code(edit)).toBe('CONFLICT');
    expect(edit.errors?.[0].message).toMatch(/closed/);
    expect(code(await t.gql(CLOSE, { id: examId }, dentist))).toBe('ALREADY_IN_STATE');
    expect(await count('periodontogram_sites')).toBe(6);

    const events = await sql(`select payload from core_event_outbox where type = 'periodontogram.exam.closed'`);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ exam_id: examId, patient_id: patientId, indices });
  });

  it('compares two exams of the patient site by site', async () => {
    const next = (await t.data(START, { p: patientId }, dentist)).startPeriodontalExam.id;
    await t.data(
      RECORD,
      {
        id: next,
        sites: [
          { toothNumber: 16, site: 'B', probingDepth: 3, recession: 2 },
          { toothNumber: 16, site: 'DB', probingDepth: 4, recession: 1, bleeding: true },
          { toothNumber: 21, site: 'B', probingDepth: 2 },
        ],
      },
      dentist,
    );
    const cmp = (await t.data(COMPARE, { a: examId, b: next }, assistant)).comparePeriodontalExams;
    expect(cmp.base.id).toBe(examId);
    expect(cmp.sites).toEqual([
      {
        toothNumber: 16,
        site: 'B',
        probingDepthDelta: -2,
        recessionDelta: 0,
        attachmentLossDelta: -2,
        bleedingBefore: true,
        bleedingAfter: false,
      },
      {
        toothNumber: 16,
        site: 'DB',
        probingDepthDelta: -2,
        recessionDelta: null,
        attachmentLossDelta: null,
        bleedingBefore: false,
        bleedingAfter: true,
      },
    ]);
    const other = await createPatient('Bea');
    const otherExam = (await t.data(START, { p: other }, dentist)).startPeriodontalExam.id;
    expect(code(await t.gql(COMPARE, { a: examId, b: otherExam }, dentist))).toBe('BAD_USER_INPUT');
    const viaPatient = await t.data(
      `query($id: ID!) { patient(id: $id) { periodontalExams { id status } } }`,
      { id: patientId },
      dentist,
    );
    expect(viaPatient.patient.periodontalExams).toEqual([
      { id: next, status: 'DRAFT' },
      { id: examId, status: 'CLOSED' },
    ]);
  });

  it('lets the assistant read but not write, and the receptionist neither', async () => {
    expect((await t.data(LIST, { p: patientId }, assistant)).periodontalExams).toHaveLength(2);
    expect(code(await t.gql(START, { p: await createPatient('Cris') }, assistant))).toBe('FORBIDDEN');
    expect(code(await t.gql(LIST, { p: patientId }, receptionist))).toBe('FORBIDDEN');
    expect(code(await t.gql(GET, { id: examId }, receptionist))).toBe('FORBIDDEN');
  });

  it('shows another clinic nothing and lets it touch nothing', async () => {
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    const other = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB);
    const before = await count('periodontogram_exams');
    expect((await t.data(GET, { id: examId }, other)).periodontalExam).toBeNull();
    expect((await t.data(LIST, { p: patientId }, other)).periodontalExams).toEqual([]);
    expect(code(await t.gql(START, { p: patientId }, other))).toBe('NOT_FOUND');
    const draft = (await t.data(LIST, { p: patientId }, dentist)).periodontalExams[0].id;
    expect(
      code(await t.gql(RECORD, { id: draft, sites: [{ toothNumber: 11, site: 'L', probingDepth: 3 }] }, other)),
    ).toBe('NOT_FOUND');
    expect(code(await t.gql(CLOSE, { id: draft }, other))).toBe('NOT_FOUND');
    expect(await count('periodontogram_exams')).toBe(before);
  });

  it('offers the same rules to agents through its tools', async () => {
    const { identity } = await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId);
    const draft = (await t.data(LIST, { p: patientId }, dentist)).periodontalExams[0].id;
    const recorded = await t.platform.agents.call({ identity: identity! }, 'periodontogram.record_periodontal_sites', {
      examId: draft,
      sites: [{ toothNumber: 47, site: 'DL', probingDepth: 5, bleeding: true }],
    });
    expect(recorded).toMatchObject({ status: 'SUCCESS', result: { status: 'DRAFT', indices: { pocketsOver5mm: 1 } } });
    const bad = await t.platform.agents.call({ identity: identity! }, 'periodontogram.record_periodontal_sites', {
      examId: draft,
      sites: [{ toothNumber: 49, site: 'DL' }],
    });
    expect(bad).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    const conflict = await t.platform.agents.call({ identity: identity! }, 'periodontogram.start_periodontal_exam', {
      patientId,
    });
    expect(conflict).toMatchObject({ status: 'FAILED', errorCode: 'CONFLICT' });
  });
  it('fills a demo clinic with a closed full-mouth exam and a re-evaluation draft', async () => {
    const clinicC = (await t.data('mutation { createClinic(input: { name: "Demo" }) { id } }', {}, admin)).createClinic
      .id;
    const inC = { token: admin.token, clinicId: clinicC };
    const first = await createPatient('Demo', inC);
    await createPatient('Other', inC);
    const identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, clinicC)).user();
    const orm = await t.platform.kernel.orm('periodontogram');
    await orm.em.fork().transactional((em) =>
      seedDemoPeriodontalExams({
        moduleName: 'periodontogram',
        em,
        logger: console as never,
        clinicId: clinicC,
        users: { admin: admin.userId },
        admin: identity,
        identity,
        query: t.platform.supergraph.forAuth(new AuthState(identity)),
      }),
    );
    const exams = (
      await t.data(
        `query($p: ID!) { periodontalExams(patientId: $p) { status sites { toothNumber } indices { sitesExamined pocketsOver5mm } } }`,
        { p: first },
        inC,
      )
    ).periodontalExams;
    expect(exams.map((e: { status: string }) => e.status)).toEqual(['DRAFT', 'CLOSED']);
    expect(exams[1].indices.sitesExamined).toBe(192);
    expect(exams[1].indices.pocketsOver5mm).toBeGreaterThan(0);
    expect(exams[0].sites).toHaveLength(96);
  });
});
