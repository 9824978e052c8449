import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type CallOptions,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

const REPORT = `{ schedulingReport(from: "2027-03-01", to: "2027-03-07") { appointmentCount } }`;
/** One read per module reports depends on: each must keep answering without reports. */
const OTHERS = `{ patients { total } cabinets { id } appointments(from: "2027-03-01T00:00", to: "2027-03-08T00:00") { id }
  budgets { total } invoices { total } invoicePayments(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { total } }`;

describe('reports lifecycle: a module without tables goes away and comes back, the others unaffected', () => {
  let t: TestPlatform;
  let admin: CallOptions;
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  // Every table but the module's own (empty) migration history, which the core drops with the module.
  const tables = () => lifecycle.tables((n) => n !== 'mikro_orm_migrations_reports');

  beforeAll(async () => {
    backups = temporaryBackupDir('reports');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    await t.data(`mutation { createPatient(input: { firstName: "Ana", lastName: "Ruiz" }) { id } }`, {}, admin);
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('uninstalls without touching any table; the other modules keep answering; re-install works', async () => {
    expect((await t.data(REPORT, {}, admin)).schedulingReport.appointmentCount).toBe(0);
    const others = await t.data(OTHERS, {}, admin);
    const before = await tables();

    const removal = await lifecycle.uninstall('reports');
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

    expect((await lifecycle.install('reports')).processed).toEqual([
      { module: 'reports', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual(before);
    expect((await t.data(REPORT, {}, admin)).schedulingReport.appointmentCount).toBe(0);
    expect(await t.data(OTHERS, {}, admin)).toEqual(others);
  });
});
