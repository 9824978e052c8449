import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import { SmtpSink } from './smtp-sink.ts';

const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id startTime } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id status } }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { reminderHoursBefore autoSend { eventType templateKey enabled } } }`;
const PREFS = `mutation($p: ID!, $input: PatientNotificationPreferencesInput!) {
  updatePatientNotificationPreferences(patientId: $p, input: $input) { optOuts } }`;

interface Row {
  id: string;
  clinic_id: string;
  patient_id: string;
  status: string;
  skip_reason: string | null;
  subject: string;
  body_text: string;
  dedup_key: string;
  triggered_by_event: string | null;
}

describe('appointment reminders (job notifications.send_appointment_reminders)', () => {
  let t: TestPlatform;
  let sink: SmtpSink;
  let admin: { token: string; clinicId: string; userId: string };
  let dentist: { token: string; userId: string };
  let cabinetId: string;
  const hour = 3600_000;
  /** The next full hour: bookings land on whole hours, each at its own hour (no clashes). */
  const base = Math.ceil(Date.now() / hour) * hour;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const remind = () => t.platform.jobs.run('notifications.send_appointment_reminders');
  const reminders = async (clinicId = admin.clinicId): Promise<Row[]> =>
    sql(
      `select * from notification_messages where clinic_id = ? and template_key = 'appointment_reminder'
        order by created_at, id`,
      [clinicId],
    );
  const createPatient = async (input: Record<string, unknown>, caller: CallOptions = admin) =>
    (await t.data(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, { input }, caller))
      .createPatient.id as string;
  const book = async (
    patientId: string,
    hoursFromBase: number,
    caller: CallOptions = admin,
    professionalId = dentist.userId,
    cabinet: string | null = cabinetId,
  ) => {
    const start = new Date(base + hoursFromBase * hour);
    const r = await t.data(
      SCHEDULE,
      {
        input: {
          patientId,
          professionalId,
          cabinetId: cabinet,
          startTime: start.toISOString(),
          endTime: new Date(start.getTime() + hour / 2).toISOString(),
          treatmentType: 'Limpieza',
        },
      },
      caller,
    );
    await t.eventsSettled();
    return r.scheduleAppointment.id as string;
  };

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    process.env.DENTALPIN_SMTP_URL = sink.url;
    process.env.DENTALPIN_SMTP_FROM = 'citas@clinica.test';
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    cabinetId = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0].id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
    delete process.env.DENTALPIN_SMTP_URL;
    delete process.env.DENTALPIN_SMTP_FROM;
  });

  it('has a reminder window of 24 h by default, and system templates in en and es', async () => {
    const s = (
      await t.data(`{ notificationSettings { reminderHoursBefore autoSend { eventType templateKey } } }`, {}, admin)
    ).notificationSettings;
    expect(s.reminderHoursBefore).toBe(24);
    expect(s.autoSend).toContainEqual({ eventType: 'appointment_reminder', templateKey: 'appointment_reminder' });
    const templates = (
      await t.data(`{ notificationTemplates(templateKey: "appointment_reminder") { locale isSystem } }`, {}, admin)
    ).notificationTemplates;
    expect(templates).toEqual([
      { locale: 'en', isSystem: true },
      { locale: 'es', isSystem: true },
    ]);
    const bad = await t.gql(SETTINGS, { input: { reminderHoursBefore: -1 } }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('queues one reminder per appointment in the window, once; none outside it, none when cancelled or do-not-contact', async () => {
    const lucia = await createPatient({ firstName: 'Lucía', lastName: 'García', email: 'lucia@example.com' });
    const later = await createPatient({ firstName: 'Marta', lastName: 'Sanz', email: 'marta@example.com' });
    const gone = await createPatient({ firstName: 'Iker', lastName: 'Ortiz', email: 'iker@example.com' });
    const quiet = await createPatient({
      firstName: 'Pedro',
      lastName: 'Ruiz',
      email: 'pedro@example.com',
      doNotContact: true,
    });
    const tomorrow = await book(lucia, 20); // within 24 h
    await book(later, 30); // outside the window
    const cancelled = await book(gone, 21);
    await t.data(TRANSITION, { id: cancelled, to: 'CANCELLED' }, admin);
    await book(quiet, 22);
    await t.eventsSettled();
    expect(await reminders()).toHaveLength(0); // nothing until the job runs

    await remind();
    const rows = await reminders();
    expect(rows.map((r) => [r.patient_id, r.status, r.skip_reason]).sort()).toEqual(
      [
        [lucia, 'queued', null],
        [quiet, 'skipped', 'do_not_contact'],
      ].sort(),
    );
    const lucias = rows.find((r) => r.patient_id === lucia)!;
    const start = new Date(base + 20 * hour);
    expect(lucias.dedup_key).toBe(`appointment_reminder:${tomorrow}:${start.toISOString()}`);
    expect(lucias.triggered_by_event).toBe('appointment_reminder');
    // When and where, in the clinic's time zone and the patient's language (es).
    const madrid = (opts: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('es', { timeZone: 'Europe/Madrid', ...opts }).format(start);
    const time = madrid({ hour: 'numeric', minute: '2-digit' });
    expect(lucias.subject).toContain('Recordatorio: su cita en Clínica Norte');
    expect(lucias.subject).toContain(time);
    expect(lucias.body_text).toContain('Hola Lucía:');
    expect(lucias.body_text).toContain(madrid({ day: 'numeric', month: 'long', year: 'numeric' }));
    expect(lucias.body_text).toMatch(/Gabinete: \S/);
    expect(lucias.body_text).toContain('Con: dentist Tester');
    expect(lucias.body_text).toContain('Tratamiento: Limpieza');

    // Rerunning (or another process) queues nothing more.
    await remind();
    await remind();
    expect(await reminders()).toHaveLength(2);

    // The dispatcher delivers it to the SMTP sink.
    expect(sink.mails.filter((m) => m.subject.startsWith('Recordatorio'))).toHaveLength(0);
    await t.platform.jobs.run('notifications.dispatch');
    const mails = sink.mails.filter((m) => m.subject.startsWith('Recordatorio'));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['lucia@example.com']);
    expect(mails[0].subject).toBe(lucias.subject);
    expect(mails[0].text).toContain('Hola Lucía:');
    expect(mails[0].text).toContain('Tratamiento: Limpieza');
    const [sent] = await sql(`select status, provider from notification_messages where id = ?`, [lucias.id]);
    expect(sent).toEqual({ status: 'sent', provider: 'smtp' });
    // Sent once: a later run queues nothing again.
    await remind();
    expect(await reminders()).toHaveLength(2);
  });

  it('withdraws a reminder not yet sent when its appointment is cancelled, and replaces it when it is moved', async () => {
    const rosa = await createPatient({ firstName: 'Rosa', lastName: 'Vidal', email: 'rosa@example.com' });
    const cancelled = await book(rosa, 7);
    const moved = await book(rosa, 8);
    await remind();
    const mine = async () => (await reminders()).filter((r) => r.patient_id === rosa);
    expect((await mine()).map((r) => r.status)).toEqual(['queued', 'queued']);

    await t.data(`mutation($id: ID!) { cancelAppointment(id: $id) { status } }`, { id: cancelled }, admin);
    const newStart = new Date(base + 9 * hour);
    await t.data(
      `mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleAppointment(id: $id, startTime: $s, endTime: $e) { id } }`,
      { id: moved, s: newStart.toISOString(), e: new Date(newStart.getTime() + hour / 2).toISOString() },
      admin,
    );
    await t.eventsSettled();
    expect((await mine()).map((r) => [r.dedup_key.split(':')[1], r.status, r.skip_reason])).toEqual([
      [cancelled, 'skipped', 'appointment_cancelled'],
      [moved, 'skipped', 'appointment_rescheduled'],
    ]);
    // The next run reminds of the new time, once; nothing for the cancelled one.
    await remind();
    await remind();
    const after = await mine();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({
      status: 'queued',
      dedup_key: `appointment_reminder:${moved}:${newStart.toISOString()}`,
    });
    const sent = sink.mails.length;
    await t.platform.jobs.run('notifications.dispatch');
    const toRosa = sink.mails.slice(sent).filter((m) => m.to.includes('rosa@example.com'));
    expect(toRosa.filter((m) => /recordatorio|reminder/i.test(m.subject))).toHaveLength(1);
  });

  it('respects the patient’s opt-out and the clinic’s auto-send switch, like the other automatic messages', async () => {
    const ana = await createPatient({ firstName: 'Ana', lastName: 'Vidal', email: 'ana@example.com' });
    await t.data(PREFS, { p: ana, input: { optOuts: ['appointment_reminder'] } }, admin);
    await book(ana, 2);
    const bea = await createPatient({ firstName: 'Bea', lastName: 'Gil', email: 'bea@example.com' });
    await remind();
    const anas = (await reminders()).filter((r) => r.patient_id === ana);
    expect(anas.map((r) => [r.status, r.skip_reason])).toEqual([['skipped', 'opted_out']]);

    await t.data(SETTINGS, { input: { autoSend: [{ eventType: 'appointment_reminder', enabled: false }] } }, admin);
    await book(bea, 3);
    await remind();
    const beas = (await reminders()).filter((r) => r.patient_id === bea);
    expect(beas.map((r) => [r.status, r.skip_reason])).toEqual([['skipped', 'auto_send_off']]);
    await t.data(SETTINGS, { input: { autoSend: [{ eventType: 'appointment_reminder', enabled: true }] } }, admin);
  });

  it('keeps clinic B’s reminders in clinic B, and queues none when the window is 0', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id as string;
    const bAdmin = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
    const bDentist = await t.userWithRole(bAdmin, 'dentist', clinicB);
    const bPatient = await createPatient({ firstName: 'Berta', lastName: 'Blanco', email: 'berta@b.test' }, bAdmin);
    await book(bPatient, 5, bAdmin, bDentist.userId, null);
    const aBefore = await reminders(admin.clinicId);

    await remind();
    const b = await reminders(clinicB);
    expect(b.map((r) => [r.patient_id, r.status])).toEqual([[bPatient, 'queued']]);
    expect(b[0].body_text).toContain('Hola Berta:');
    expect(b[0].body_text).toContain('Clínica B');
    expect(b[0].body_text).not.toContain('Gabinete'); // no cabinet assigned
    expect(await reminders(admin.clinicId)).toEqual(aBefore);
    // Clinic A's staff never see B's reminder.
    const aLog = (await t.data(`{ notificationMessages(pageSize: 100) { items { patient { id } } } }`, {}, admin))
      .notificationMessages.items as { patient: { id: string } | null }[];
    expect(aLog.some((m) => m.patient?.id === bPatient)).toBe(false);

    // Window 0 in clinic A: an appointment within the hour gets nothing.
    expect(
      (await t.data(SETTINGS, { input: { reminderHoursBefore: 0 } }, admin)).updateNotificationSettings,
    ).toMatchObject({ reminderHoursBefore: 0 });
    const carla = await createPatient({ firstName: 'Carla', lastName: 'Mora', email: 'carla@example.com' });
    await book(carla, 1);
    await remind();
    expect((await reminders()).filter((r) => r.patient_id === carla)).toHaveLength(0);
    // Clinic B still uses its default window (and had its reminder already).
    expect(await reminders(clinicB)).toHaveLength(1);
  });
});
