import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const TABLES = ['recall_contact_attempts', 'recall_settings', 'recalls'];

describe('recalls lifecycle: uninstall with backup, re-install, restore', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const tables = () => lifecycle.tables((n) => n.startsWith('recall') && !n.endsWith('_migrations'));
  const otherTables = () => lifecycle.tables((n) => !n.startsWith('recall') && n !== 'mikro_orm_migrations_recalls');

  beforeAll(async () => {
    backups = temporaryBackupDir('recalls');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('is installed with the clinic, uninstalls leaving every other table, and comes back with its rows', async () => {
    expect(await tables()).toEqual(TABLES);
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Iris", lastName: "Vega" }) { id } }`, {}, admin)
    ).createPatient.id;
    const { id } = (
      await t.data(
        `mutation($p: ID!) { createRecall(input: { patientId: $p, reason: CHECKUP, note: "Kept" }) { id } }`,
        { p: patientId },
        admin,
      )
    ).createRecall;
    await t.data(
      `mutation($id: ID!) { logRecallContact(id: $id, channel: PHONE, outcome: NO_ANSWER) { id } }`,
      { id },
      admin,
    );
    await t.data(`mutation { updateRecallSettings(input: { reminderLeadDays: 21 }) { reminderLeadDays } }`, {}, admin);
    const others = await otherTables();

    const removal = await lifecycle.uninstall('recalls');
    expect(removal.processed).toEqual([
      { module: 'recalls', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual([]);
    expect(await otherTables()).toEqual(others);
    const perms = (await t.data(`{ me { permissions } }`, {}, admin)).me.permissions as string[];
    expect(perms.filter((p) => p.startsWith('recalls.'))).toEqual([]);
    // Its API and its job are gone with it.
    expect((await t.gql(`{ recalls { id } }`, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await expect(t.platform.jobs.run('recalls.queue_reminders')).rejects.toThrow(/No active job/);
    const ops = await t.data(`{ moduleOperations(name: "recalls", limit: 20) { step status details } }`, {}, admin);
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );

    expect((await lifecycle.install('recalls')).processed).toEqual([
      { module: 'recalls', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual(TABLES);
    expect((await t.data(`{ recalls { id } }`, {}, admin)).recalls).toEqual([]);
    await lifecycle.restore(backup.details.path);
    const restored = (await t.data(`{ recalls { id reasonNote status contactAttempts { outcome } } }`, {}, admin))
      .recalls;
    expect(restored).toEqual([
      { id, reasonNote: 'Kept', status: 'CONTACTED_NO_ANSWER', contactAttempts: [{ outcome: 'NO_ANSWER' }] },
    ]);
    expect((await t.data(`{ recallSettings { reminderLeadDays } }`, {}, admin)).recallSettings).toEqual({
      reminderLeadDays: 21,
    });
  });
});
