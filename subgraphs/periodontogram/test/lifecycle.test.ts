import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const TABLES = ['periodontogram_exams', 'periodontogram_sites', 'periodontogram_teeth'];
const EXAMS = `query($p: ID!) { periodontalExams(patientId: $p) { id status sites { toothNumber site probingDepth }
  indices { bleedingPercent meanProbingDepth } } }`;

describe('periodontogram lifecycle: opt-in install, uninstall with backup, re-install, restore', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const tables = () => lifecycle.tables((n) => n.startsWith('periodontogram') && !n.endsWith('_migrations'));
  const otherTables = () =>
    lifecycle.tables((n) => !n.startsWith('periodontogram') && n !== 'mikro_orm_migrations_periodontogram');

  beforeAll(async () => {
    backups = temporaryBackupDir('periodontogram');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('is not installed with the clinic, and its exams survive an uninstall through the backup', async () => {
    expect(await tables()).toEqual([]);
    const others = await otherTables();
    await lifecycle.install('periodontogram');
    expect(await tables()).toEqual(TABLES);

    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Iris", lastName: "Vega" }) { id } }`, {}, admin)
    ).createPatient.id;
    const id = (
      await t.data(`mutation($p: ID!) { startPeriodontalExam(patientId: $p) { id } }`, { p: patientId }, admin)
    ).startPeriodontalExam.id;
    await t.data(
      `mutation($id: ID!, $s: [PeriodontalSiteInput!]!) { recordPeriodontalSites(examId: $id, sites: $s) { id } }`,
      { id, s: [{ toothNumber: 36, site: 'DB', probingDepth: 6, bleeding: true }] },
      admin,
    );
    await t.data(`mutation($id: ID!) { closePeriodontalExam(id: $id) { id } }`, { id }, admin);
    const kept = (await t.data(EXAMS, { p: patientId }, admin)).periodontalExams;

    const removal = await lifecycle.uninstall('periodontogram');
    expect(removal.processed).toEqual([
      { module: 'periodontogram', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual([]);
    expect(await otherTables()).toEqual(others);
    const perms = (await t.data(`{ me { permissions } }`, {}, admin)).me.permissions as string[];
    expect(perms.filter((p) => p.startsWith('periodontogram.'))).toEqual([]);
    expect((await t.gql(EXAMS, { p: patientId }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ops = await t.data(
      `{ moduleOperations(name: "periodontogram", limit: 20) { step status details } }`,
      {},
      admin,
    );
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );

    await lifecycle.install('periodontogram');
    expect((await t.data(EXAMS, { p: patientId }, admin)).periodontalExams).toEqual([]);
    await lifecycle.restore(backup.details.path);
    expect((await t.data(EXAMS, { p: patientId }, admin)).periodontalExams).toEqual(kept);
    expect(kept).toEqual([
      {
        id,
        status: 'CLOSED',
        sites: [{ toothNumber: 36, site: 'DB', probingDepth: 6 }],
        indices: { bleedingPercent: 100, meanProbingDepth: 6 },
      },
    ]);
  });
});
