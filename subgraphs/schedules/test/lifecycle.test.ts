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

const HOURS = `{ clinicHours { weekday start end } }`;
const SATURDAY = { weekday: 6, start: '09:00', end: '13:00' };

/** Removable: uninstall backs up and drops only its tables, the agenda keeps working, re-install and restore. */
describe('schedules lifecycle', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let lifecycle: ModuleLifecycle;
  let backups: TemporaryBackupDir;
  const tables = () => lifecycle.tables((n) => n.startsWith('schedule'));

  beforeAll(async () => {
    backups = temporaryBackupDir('schedules');
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
  });
  afterAll(async () => {
    await t.close();
    backups.remove();
  });

  it('uninstalls with a backup; the agenda books without it; re-install and restore bring the hours back', async () => {
    const dentist = await t.userWithRole(admin, 'dentist');
    await t.data(
      `mutation($s: [WeeklyShiftInput!]!) { setClinicHours(shifts: $s) { weekday } }`,
      { s: [SATURDAY] },
      admin,
    );
    await t.data(
      `mutation { addScheduleOverride(input: { scope: CLINIC, startDate: "2027-01-06", endDate: "2027-01-06",
        kind: CLOSED, reason: "Reyes" }) { id } }`,
      {},
      admin,
    );

    const removal = await lifecycle.uninstall('schedules');
    expect(removal.processed[0]).toMatchObject({ operation: 'uninstall', status: 'completed' });
    expect(removal.activeModules).not.toContain('schedules');
    expect(removal.activeModules).toContain('agenda');
    expect(await tables()).toEqual([]);
    expect((await t.gql(HOURS, {}, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ops = await t.data(`{ moduleOperations(name: "schedules", limit: 20) { step status details } }`, {}, admin);
    const backup = ops.moduleOperations.find(
      (o: { step: string; status: string }) => o.step === 'backup' && o.status === 'completed',
    );
    expect(readFileSync(lifecycle.backupFile(backup.details.path), 'utf8')).toMatch(/Reyes/);

    // The agenda does not need schedules: booking (on a Sunday, outside any hours) still works.
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Leo", lastName: "Gil" }) { id } }`, {}, admin)
    ).createPatient.id;
    const booked = await t.data(
      `mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { id status } }`,
      { i: { patientId, professionalId: dentist.userId, startTime: '2027-01-10T10:00', endTime: '2027-01-10T10:30' } },
      admin,
    );
    expect(booked.scheduleAppointment.status).toBe('SCHEDULED');

    expect((await lifecycle.install('schedules')).processed[0]).toMatchObject({
      operation: 'install',
      status: 'completed',
    });
    // Back to the default week until the backup is restored.
    expect((await t.data(HOURS, {}, admin)).clinicHours).toHaveLength(10);
    await lifecycle.restore(backup.details.path);
    expect((await t.data(HOURS, {}, admin)).clinicHours).toEqual([SATURDAY]);
    expect(
      (await t.data(`{ scheduleOverrides { reason } }`, {}, admin)).scheduleOverrides.map(
        (o: { reason: string }) => o.reason,
      ),
    ).toEqual(['Reyes']);
  });
});
