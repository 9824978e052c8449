import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TemporaryBackupDir,
  type TestPlatform,
} from '@dentalpin/core/testing';

/** Seven system templates (data/templates.yaml), each in en and es. */
const SYSTEM_TEMPLATES = 14;
const TABLES = ['notification_messages', 'notification_preferences', 'notification_settings', 'notification_templates'];

describe('notifications lifecycle: seeds, uninstall with backup, re-install', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const tables = () => lifecycle.tables((n) => n.startsWith('notification') && !n.endsWith('_migrations'));
  const systemTemplates = async () =>
    Number((await t.platform.db.knex('notification_templates').whereNull('clinic_id').count('* as n').first())?.n);
  const otherTables = () =>
    lifecycle.tables((n) => !n.startsWith('notification') && n !== 'mikro_orm_migrations_notifications');

  beforeAll(async () => {
    backups = temporaryBackupDir('notifications');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('seeds the system templates once, however often the seeds load', async () => {
    expect(await tables()).toEqual(TABLES);
    expect(await systemTemplates()).toBe(SYSTEM_TEMPLATES);
    const keys = await t.platform.db
      .knex('notification_templates')
      .whereNull('clinic_id')
      .orderBy(['template_key', 'locale'])
      .select('template_key', 'locale');
    expect(keys.map((k: { template_key: string; locale: string }) => `${k.template_key}:${k.locale}`)).toEqual([
      'appointment_completed:en',
      'appointment_completed:es',
      'appointment_confirmation:en',
      'appointment_confirmation:es',
      'appointment_reminder:en',
      'appointment_reminder:es',
      'budget_sent:en',
      'budget_sent:es',
      'invoice_issued:en',
      'invoice_issued:es',
      'manual:en',
      'manual:es',
      'password_reset:en',
      'password_reset:es',
    ]);
    // A clinic's own copy of a template is not seed data: reloading the seeds leaves it alone.
    await t.data(
      `mutation { upsertNotificationTemplate(input: { templateKey: "manual", locale: "es", subject: "{{subject}}",
         bodyText: "{{message}}" }) { id } }`,
      {},
      admin,
    );
    // An upgrade (from an older installed version) loads the seeds again: nothing is duplicated.
    await t.platform.db.knex('core_module').where({ name: 'notifications' }).update({ version: '0.0.1' });
    await t.data(`mutation { upgradeModule(name: "notifications") { scheduled } }`, {}, admin);
    expect((await lifecycle.restart()).processed).toEqual([
      { module: 'notifications', operation: 'upgrade', status: 'completed', error: null },
    ]);
    expect(await systemTemplates()).toBe(SYSTEM_TEMPLATES);
    const own = await t.platform.db.knex('notification_templates').whereNotNull('clinic_id').select('body_text');
    expect(own).toEqual([{ body_text: '{{message}}' }]);
  });

  it('uninstalls with a backup of its tables only, and comes back empty on re-install', async () => {
    const patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Iris", lastName: "Vega", email: "iris@example.com" }) { id } }`,
        {},
        admin,
      )
    ).createPatient.id;
    await t.data(
      `mutation($p: ID!) { sendNotification(input: { patientId: $p, subject: "Bienvenida", body: "Hola" }) { id } }`,
      { p: patientId },
      admin,
    );
    const others = await otherTables();

    const removal = await lifecycle.uninstall('notifications');
    expect(removal.processed).toEqual([
      { module: 'notifications', operation: 'uninstall', status: 'completed', error: null },
    ]);
    expect(removal.activeModules).not.toContain('notifications');
    expect(await tables()).toEqual([]);
    expect(await otherTables()).toEqual(others);
    expect(
      Number(
        (await t.platform.db.knex('core_external_id').where({ module_name: 'notifications' }).count('* as n').first())
          ?.n,
      ),
    ).toBe(0);
    const perms = (await t.data(`{ me { permissions } }`, {}, admin)).me.permissions as string[];
    expect(perms.filter((p) => p.startsWith('notifications.'))).toEqual([]);
    const ops = await t.data(
      `{ moduleOperations(name: "notifications", limit: 20) { step status details } }`,
      {},
      admin,
    );
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    expect(readFileSync(lifecycle.backupFile(backup.details.path), 'utf8')).toMatch(/Bienvenida/);
    // Without the module, booking still works (nothing listens) and the job is gone.
    await expect(t.platform.jobs.run('notifications.dispatch')).rejects.toThrow(/No active job/);

    expect((await lifecycle.install('notifications')).processed).toEqual([
      { module: 'notifications', operation: 'install', status: 'completed', error: null },
    ]);
    expect(await tables()).toEqual(TABLES);
    expect(await systemTemplates()).toBe(SYSTEM_TEMPLATES);
    expect((await t.data(`{ notificationMessages { total } }`, {}, admin)).notificationMessages.total).toBe(0);

    // The backup brings the message log and the clinic's own template back onto the re-seeded system templates.
    await lifecycle.restore(backup.details.path);
    const log = (await t.data(`{ notificationMessages { items { subject status } } }`, {}, admin)).notificationMessages;
    expect(log.items).toEqual([{ subject: 'Bienvenida', status: 'QUEUED' }]);
    expect(await systemTemplates()).toBe(SYSTEM_TEMPLATES);
    const templates = (
      await t.data(`{ notificationTemplates(templateKey: "manual", locale: "es") { isSystem } }`, {}, admin)
    ).notificationTemplates;
    expect(templates).toEqual([{ isSystem: true }, { isSystem: false }]);
    // …and the outbox carries on from there.
    await t.platform.jobs.run('notifications.dispatch');
    const sent = (await t.data(`{ notificationMessages { items { status provider } } }`, {}, admin))
      .notificationMessages;
    expect(sent.items).toEqual([{ status: 'SENT', provider: 'console' }]);
  });
});
