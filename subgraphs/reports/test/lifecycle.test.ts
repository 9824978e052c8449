import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const REPORT = `{ schedulingReport(from: "2027-03-01", to: "2027-03-07") { appointmentCount } }`;
/** One read per module reports depends on: each must keep answering without reports. */
const OTHERS = `{ patients { total } cabinets { id } appointments(from: "2027-03-01T00:00", to: "2027-03-08T00:00") { id }
  budgets { total } invoices { total } invoicePayments(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { total } }`;

describe('reports lifecycle: a module without tables goes away and comes back, the others unaffected', () => {
  let t: TestPlatform;
  let admin: CallOptions;
  let backupDir: string;
  const restart = async () =>
    (
      await t.data(
        `mutation { restartModules { processed { module operation status error } activeModules } }`,
        {},
        admin,
      )
    ).restartModules;
  // Every table but the module's own (empty) migration history, which the core drops with the module.
  const tables = async () =>
    (await t.platform.db
      .knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .whereNot({ table_name: 'mikro_orm_migrations_reports' })
      .orderBy('table_name')
      .pluck('table_name')) as string[];

  beforeAll(async () => {
    backupDir = mkdtempSync(join(tmpdir(), 'dp-reports-backups-'));
    process.env.DENTALPIN_BACKUP_DIR = backupDir;
    t = await startTestPlatform();
    admin = await t.setup();
    await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Ruiz" }) { id } }`, {}, admin);
  });
  afterAll(async () => {
    await t.close();
    rmSync(backupDir, { recursive: true, force: true });
    delete process.env.DENTALPIN_BACKUP_DIR;
  });

  it('uninstalls without touching any table; the other modules keep answering; re-install works', async () => {
    expect((await t.data(REPORT, {}, admin)).schedulingReport.appointmentCount).toBe(0);
    const others = await t.data(OTHERS, {}, admin);
    const before = await tables();

    await t.data(`mutation { uninstallModule(name: "reports") { scheduled } }`, {}, admin);
    const removal = await restart();
    expect(removal.processed).toEqual([
      { module: 'reports', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(removal.activeModules).not.toContain('reports');
    expect(await tables()).toEqual(before);
    expect(await t.data(OTHERS, {}, admin)).toEqual(others);
    expect((await t.gql(REPORT, {}, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const me = await t.data(`{ me { permissions } } `, {}, admin);
    expect((me.me.permissions as string[]).filter((p) => p.startsWith('reports.'))).toEqual([]);
    const modules = (await t.data(`{ activeModules { name navigation { to } } }`, {}, admin)).activeModules;
    expect(modules.map((m: { name: string }) => m.name)).not.toContain('reports');

    await t.data(`mutation { installModule(name: "reports") { scheduled } }`, {}, admin);
    expect((await restart()).processed).toEqual([
      { module: 'reports', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual(before);
    expect((await t.data(REPORT, {}, admin)).schedulingReport.appointmentCount).toBe(0);
    expect(await t.data(OTHERS, {}, admin)).toEqual(others);
  });
});
