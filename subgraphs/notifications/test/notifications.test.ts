import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  pdfText,
  startTestPlatform,
  systemIdentity,
  type CallOptions,
  type TestPlatform,
} from '@dentalpin/core/testing';
import notifications from '../src/index.ts';
import { backoffSeconds, dispatchDue } from '../src/service/dispatch.ts';
import type { Channel, OutgoingEmail } from '../src/service/channels.ts';
import { SmtpSink } from './smtp-sink.ts';

const MESSAGE = `id status skipReason toAddress templateKey locale subject bodyText attempts maxAttempts
  nextAttemptAt lastError provider triggeredByEvent canRetry patient { id firstName } triggeredBy { id } sentAt`;
const MESSAGES = `query($status: [NotificationStatus!], $patientId: ID) {
  notificationMessages(status: $status, patientId: $patientId, pageSize: 100) { total items { ${MESSAGE} } } }`;
const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { ${MESSAGE} } }`;
const RETRY = `mutation($id: ID!) { retryNotification(id: $id) { ${MESSAGE} } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;
const TRANSITION = `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id status } }`;
const PREFS = `mutation($p: ID!, $input: PatientNotificationPreferencesInput!) {
  updatePatientNotificationPreferences(patientId: $p, input: $input) { patientId emailEnabled optOuts preferredLocale } }`;
const SETTINGS = `mutation($input: NotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { enabled senderName replyTo defaultLocale autoSend { eventType templateKey enabled } } }`;
const UPSERT = `mutation($input: UpsertNotificationTemplateInput!) {
  upsertNotificationTemplate(input: $input) { id templateKey locale subject bodyText isSystem isActive } }`;

interface Msg {
  id: string;
  status: string;
  skipReason: string | null;
  toAddress: string | null;
  templateKey: string;
  locale: string;
  subject: string;
  bodyText: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  provider: string | null;
  triggeredByEvent: string | null;
  canRetry: boolean;
  patient: { id: string; firstName: string } | null;
}

describe('notifications module', () => {
  let t: TestPlatform;
  let sink: SmtpSink;
  let admin: { token: string; clinicId: string; userId: string };
  let dentist: { token: string; userId: string };
  let receptionist: { token: string; userId: string };
  let hygienist: { token: string; userId: string };
  let lucia: string;
  let quiet: string;
  let cabinetId: string;
  let day = 1;
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const dispatch = () => t.platform.jobs.run('notifications.dispatch');
  const messages = async (vars: Record<string, unknown> = {}, caller: CallOptions = admin): Promise<Msg[]> =>
    (await t.data(MESSAGES, vars, caller)).notificationMessages.items;
  const createPatient = async (input: Record<string, unknown>, caller: CallOptions = admin) =>
    (await t.data(`mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, { input }, caller))
      .createPatient.id as string;
  /** Books an appointment on its own day (no slot clashes) and waits for the handlers. */
  const book = async (patientId: string) => {
    const date = `2026-12-${String(day++).padStart(2, '0')}`;
    const id = (
      await t.data(
        SCHEDULE,
        {
          input: {
            patientId,
            professionalId: dentist.userId,
            cabinetId,
            startTime: `${date}T10:00:00`,
            endTime: `${date}T10:30:00`,
            treatmentType: 'Limpieza',
          },
        },
        admin,
      )
    ).scheduleAppointment.id as string;
    await t.eventsSettled();
    return id;
  };
  /** Runs an event handler of the module directly, as the relay would (own transaction, system identity). */
  const handle = async (
    type: string,
    payload: Record<string, unknown>,
    eventId = randomUUID(),
    clinicId = admin.clinicId,
  ) => {
    const orm = await t.platform.kernel.orm('notifications');
    const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    await orm.em.fork().transactional((em) =>
      notifications.eventHandlers![type](
        { id: eventId, type, occurredAt: new Date(), clinicId, payload: { clinic_id: clinicId, ...payload } },
        {
          moduleName: 'notifications',
          clinicId,
          em,
          logger: silent as never,
          identity: systemIdentity(clinicId, 'notifications'),
          query: t.platform.supergraph.forClinic(clinicId, 'notifications'),
          eventPermission: '*',
        },
      ),
    );
  };

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    process.env.DENTALPIN_SMTP_URL = sink.url;
    process.env.DENTALPIN_SMTP_FROM = 'citas@clinica.test';
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    lucia = await createPatient({ firstName: 'Lucía', lastName: 'García', email: 'lucia@example.com' });
    quiet = await createPatient({
      firstName: 'Pedro',
      lastName: 'Ruiz',
      email: 'pedro@example.com',
      doNotContact: true,
    });
    cabinetId = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0].id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
    delete process.env.DENTALPIN_SMTP_URL;
    delete process.env.DENTALPIN_SMTP_FROM;
  });

  it('is installed by default with its navigation and the original grants (hygienists none)', async () => {
    const r = await t.data(
      `{ activeModules { name navigation { to permission order } } me { permissions } }`,
      {},
      dentist,
    );
    expect(r.activeModules.find((m: { name: string }) => m.name === 'notifications').navigation).toEqual([
      { to: '/notifications', permission: 'notifications.logs.read', order: 80 },
    ]);
    const own = (p: string[]) => p.filter((x) => x.startsWith('notifications.')).sort();
    expect(own(r.me.permissions)).toEqual([
      'notifications.logs.read',
      'notifications.preferences.read',
      'notifications.preferences.write',
      'notifications.send',
    ]);
    expect(own((await t.data(`{ me { permissions } }`, {}, hygienist)).me.permissions)).toEqual([]);
    const templates = (await t.data(`{ notificationTemplates { templateKey locale isSystem } }`, {}, admin))
      .notificationTemplates;
    expect(templates).toHaveLength(14);
    expect(templates).toContainEqual({ templateKey: 'password_reset', locale: 'es', isSystem: true });
    expect(templates.every((x: { isSystem: boolean }) => x.isSystem)).toBe(true);
  });

  it('queues a confirmation when an appointment is booked, and the dispatcher sends it over SMTP', async () => {
    await book(lucia);
    const [queued] = await messages({ patientId: lucia });
    expect(queued).toMatchObject({
      status: 'QUEUED',
      templateKey: 'appointment_confirmation',
      locale: 'es',
      toAddress: 'lucia@example.com',
      triggeredByEvent: 'appointment.scheduled',
      attempts: 0,
      patient: { id: lucia, firstName: 'Lucía' },
    });
    // Rendered at enqueue time, in the clinic's time zone (Europe/Madrid) and the patient's language (es).
    expect(queued.subject).toBe('Su cita en Clínica Norte el martes, 1 de diciembre de 2026');
    expect(queued.bodyText).toContain('Hola Lucía:');
    expect(queued.bodyText).toContain('martes, 1 de diciembre de 2026, 10:00');
    expect(queued.bodyText).toContain('Tratamiento: Limpieza');
    expect(sink.mails).toHaveLength(0); // nothing is sent from a request or a handler

    await dispatch();
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0];
    expect(mail.to).toEqual(['lucia@example.com']);
    expect(mail.from).toBe('citas@clinica.test');
    expect(mail.subject).toBe(queued.subject);
    expect(mail.text).toContain('Hola Lucía:');
    expect(mail.text).toContain('martes, 1 de diciembre de 2026, 10:00');
    const [sent] = await messages({ patientId: lucia });
    expect(sent).toMatchObject({ id: queued.id, status: 'SENT', attempts: 1, provider: 'smtp', lastError: null });
    const types = (
      await sql(`select type from core_event_outbox where payload->>'message_id' = ? order by id`, [queued.id])
    ).map((r: { type: string }) => r.type);
    expect(types).toEqual(['notification.queued', 'notification.sent']);
    // A second run finds nothing due.
    await dispatch();
    expect(sink.mails).toHaveLength(1);
  });

  it('thanks the patient after a completed visit, in the patient’s language', async () => {
    await t.data(PREFS, { p: lucia, input: { preferredLocale: 'en' } }, receptionist);
    const appointment = await book(lucia);
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(TRANSITION, { id: appointment, to }, admin);
    await t.eventsSettled();
    const completed = (await messages({ patientId: lucia })).find((m) => m.templateKey === 'appointment_completed')!;
    expect(completed).toMatchObject({ status: 'QUEUED', locale: 'en', triggeredByEvent: 'appointment.completed' });
    const before = sink.mails.length;
    await dispatch();
    const mails = sink.mails.slice(before);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Thank you for your visit to Clínica Norte',
      'Your appointment at Clínica Norte on Wednesday, December 2, 2026',
    ]);
    expect(mails.find((m) => m.subject.startsWith('Thank'))!.text).toContain(
      'Thank you for visiting us on Wednesday, December 2, 2026',
    );
    await t.data(PREFS, { p: lucia, input: { preferredLocale: null } }, receptionist);
  });

  it('falls back to the Spanish template for a language without one, dates and amounts in Spanish too', async () => {
    await t.data(PREFS, { p: lucia, input: { preferredLocale: 'pt' } }, receptionist);
    await handle('budget.sent', {
      budget_id: randomUUID(),
      patient_id: lucia,
      budget_number: 'PRES-2026-0100',
      total: '99.90',
      sent_by: admin.userId,
    });
    const [budget] = await messages({ patientId: lucia });
    expect(budget).toMatchObject({ locale: 'es', subject: 'Su presupuesto PRES-2026-0100 de Clínica Norte' });
    expect(budget.bodyText).toMatch(/por un total de 99,90\s€/);
    await t.data(PREFS, { p: lucia, input: { preferredLocale: null } }, receptionist);
    await dispatch();
  });

  it('records do-not-contact and address-less patients as skipped and sends them nothing', async () => {
    await book(quiet);
    const noEmail = await createPatient({ firstName: 'Ana', lastName: 'Sin Correo' });
    await book(noEmail);
    expect((await messages({ patientId: quiet }))[0]).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'do_not_contact',
    });
    expect((await messages({ patientId: noEmail }))[0]).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'no_address',
      toAddress: null,
    });
    // Even a person cannot write to a do-not-contact patient.
    const manual = (await t.data(SEND, { input: { patientId: quiet, subject: 'Hola', body: 'Prueba' } }, receptionist))
      .sendNotification;
    expect(manual).toMatchObject({ status: 'SKIPPED', skipReason: 'do_not_contact', canRetry: false });
    const before = sink.mails.length;
    await dispatch();
    expect(sink.mails.length).toBe(before);
  });

  it('handles the same event twice (at-least-once delivery) with one message', async () => {
    const eventId = randomUUID();
    const payload = {
      appointment_id: randomUUID(),
      patient_id: lucia,
      professional_id: dentist.userId,
      start_time: '2026-12-20T09:00:00.000Z',
      end_time: '2026-12-20T09:30:00.000Z',
      treatment_type: null,
      cabinet: null,
      cabinet_id: null,
    };
    await handle('appointment.scheduled', payload, eventId);
    await handle('appointment.scheduled', payload, eventId);
    await Promise.all([
      handle('appointment.scheduled', payload, eventId),
      handle('appointment.scheduled', payload, eventId),
    ]);
    const rows = await sql(`select count(*)::int as n from notification_messages where dedup_key = ?`, [
      `appointment.scheduled:${eventId}`,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('renders budget.sent and invoice.issued with amounts in the clinic currency', async () => {
    await handle('budget.sent', {
      budget_id: randomUUID(),
      patient_id: lucia,
      budget_number: 'PRES-2026-0007',
      total: '1234.50',
      sent_by: admin.userId,
    });
    await handle('invoice.issued', {
      invoice_id: randomUUID(),
      patient_id: lucia,
      invoice_number: 'FAC-2026-0003',
      total: '80.00',
      issued_by: admin.userId,
    });
    const list = await messages({ patientId: lucia, status: ['QUEUED'] });
    const budget = list.find((m) => m.templateKey === 'budget_sent')!;
    expect(budget.subject).toBe('Su presupuesto PRES-2026-0007 de Clínica Norte');
    expect(budget.bodyText).toMatch(/por un total de 1234,50\s€/);
    const invoice = list.find((m) => m.templateKey === 'invoice_issued')!;
    expect(invoice.subject).toBe('Factura FAC-2026-0003 de Clínica Norte');
    expect(invoice.bodyText).toMatch(/por un total de 80,00\s€/);
    await dispatch();
  });

  it('attaches the invoice\'s PDF to "invoice issued", rendered by billing in the message\'s language', async () => {
    const { createInvoice } = await t.data(
      `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
      {
        input: {
          patientId: lucia,
          items: [{ description: 'Limpieza dental', quantity: 1, unitPrice: '60.00', vatRate: '0' }],
        },
      },
      admin,
    );
    const { issueInvoice } = await t.data(
      `mutation($id: ID!) { issueInvoice(id: $id) { number } }`,
      { id: createInvoice.id },
      admin,
    );
    await t.eventsSettled();
    const before = sink.mails.length;
    await dispatch();
    const mail = sink.mails.slice(before).find((m) => m.subject.includes(issueInvoice.number))!;
    expect(mail.text).toContain(issueInvoice.number);
    expect(mail.attachments).toHaveLength(1);
    const [file] = mail.attachments;
    expect(file.contentType).toBe('application/pdf');
    expect(file.filename).toBe(`Factura-${issueInvoice.number}.pdf`);
    const { text } = await pdfText(file.content);
    expect(text).toContain(issueInvoice.number);
    expect(text).toContain('Limpieza dental');
    // Spanish, as the message: the document's own words and the clinic's money format.
    expect(text).toContain('Factura');
    expect(text).toMatch(/60,00\s€/);
  });

  it('fails with backoff while the mail server is down, and sends on a later run', async () => {
    expect([1, 2, 3, 6, 7, 12].map(backoffSeconds)).toEqual([60, 120, 240, 1920, 3600, 3600]);
    await sink.stop();
    const { id } = (
      await t.data(
        SEND,
        { input: { patientId: lucia, subject: 'Recordatorio', body: 'Traiga su informe.' } },
        receptionist,
      )
    ).sendNotification;
    const started = Date.now();
    await dispatch();
    const [failed] = await messages({ status: ['FAILED'] });
    expect(failed).toMatchObject({ id, status: 'FAILED', attempts: 1, canRetry: true });
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    const wait = (new Date(failed.nextAttemptAt!).getTime() - started) / 1000;
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThan(70);
    // Not due yet: the next run leaves it alone.
    await dispatch();
    expect(
      (await t.data(`query($id: ID!) { notificationMessage(id: $id) { attempts } }`, { id }, admin)).notificationMessage
        .attempts,
    ).toBe(1);

    await sink.start();
    await sql(`update notification_messages set next_attempt_at = now() - interval '1 second' where id = ?`, [id]);
    const before = sink.mails.length;
    await dispatch();
    expect(sink.mails.slice(before).map((m) => m.subject)).toEqual(['Recordatorio']);
    expect(sink.mails.at(-1)!.text).toContain('Traiga su informe.');
    expect((await messages({ status: ['SENT'] })).find((m) => m.id === id)).toMatchObject({
      attempts: 2,
      lastError: null,
    });
  });

  it('gives up after max attempts; a person retries it (receptionist), a sent one cannot be retried', async () => {
    await sink.stop();
    const { id } = (await t.data(SEND, { input: { patientId: lucia, subject: 'Último', body: 'Intento' } }, admin))
      .sendNotification;
    await sql(`update notification_messages set attempts = 4 where id = ?`, [id]);
    await dispatch();
    const gaveUp = (await messages({ status: ['FAILED'] })).find((m) => m.id === id)!;
    expect(gaveUp).toMatchObject({ attempts: 5, nextAttemptAt: null });
    const [failedEvent] = await sql(
      `select payload from core_event_outbox where type = 'notification.failed' and payload->>'message_id' = ?`,
      [id],
    );
    expect(failedEvent.payload).toMatchObject({ will_retry: false, attempts: 5 });
    await dispatch(); // stays failed
    expect((await messages({ status: ['FAILED'] })).find((m) => m.id === id)!.attempts).toBe(5);

    expect((await t.gql(RETRY, { id }, hygienist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const retried = (await t.data(RETRY, { id }, receptionist)).retryNotification;
    expect(retried).toMatchObject({ status: 'QUEUED', attempts: 0 });
    await sink.start();
    await dispatch();
    expect((await messages({ status: ['SENT'] })).some((m) => m.id === id)).toBe(true);
    expect((await t.gql(RETRY, { id }, receptionist)).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('never sends a message twice when two dispatchers run at once, and takes over a stale claim', async () => {
    await dispatch(); // nothing left over from earlier tests
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (await t.data(SEND, { input: { patientId: lucia, subject: `Lote ${i}`, body: 'x' } }, receptionist))
          .sendNotification.id,
      );
    // A message claimed by a process that died 11 minutes ago.
    await sql(
      `update notification_messages set status = 'sending', claimed_at = now() - interval '11 minutes' where id = ?`,
      [ids[5]],
    );
    const delivered: string[] = [];
    const slow: Channel = {
      provider: 'fake',
      async send(m: OutgoingEmail) {
        delivered.push(m.subject);
        await new Promise((r) => setTimeout(r, 15));
        return { provider: 'fake', providerMessageId: null };
      },
      close() {},
    };
    const orm = await t.platform.kernel.orm('notifications');
    const now = new Date();
    const runs = await Promise.all([dispatchDue(orm.em.fork(), slow, now), dispatchDue(orm.em.fork(), slow, now)]);
    expect(runs[0].sent + runs[1].sent).toBe(6);
    expect(delivered.sort()).toEqual(['Lote 0', 'Lote 1', 'Lote 2', 'Lote 3', 'Lote 4', 'Lote 5']);
    const rows = await sql(`select status, provider from notification_messages where id = any(?::uuid[])`, [ids]);
    expect(rows.every((r: { status: string; provider: string }) => r.status === 'sent' && r.provider === 'fake')).toBe(
      true,
    );
  });

  it('lets the clinic override a system template, turn automatic messages off, and patients opt out', async () => {
    // Receptionists may not edit templates or settings.
    const override = {
      templateKey: 'appointment_confirmation',
      locale: 'es',
      subject: 'Cita confirmada: {{appointment.date}}',
      bodyText: '{{patient.fullName}}, le esperamos el {{appointment.start}} en {{clinic.name}}.',
    };
    expect((await t.gql(UPSERT, { input: override }, receptionist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const broken = await t.gql(UPSERT, { input: { ...override, bodyText: 'Hola {{#if patient}}' } }, admin);
    expect(broken.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(broken.errors?.[0].message).toMatch(/bodyText is not a valid template/);
    const copy = (await t.data(UPSERT, { input: override }, admin)).upsertNotificationTemplate;
    expect(copy).toMatchObject({ isSystem: false, isActive: true, subject: override.subject });
    // Upserting again edits the same copy; the system template is untouched.
    const again = (await t.data(UPSERT, { input: { ...override, subject: 'Su cita: {{appointment.date}}' } }, admin))
      .upsertNotificationTemplate;
    expect(again.id).toBe(copy.id);
    const both = (
      await t.data(
        `{ notificationTemplates(templateKey: "appointment_confirmation", locale: "es") { subject isSystem } }`,
        {},
        admin,
      )
    ).notificationTemplates;
    expect(both).toEqual([
      { subject: 'Su cita en {{clinic.name}} el {{appointment.date}}', isSystem: true },
      { subject: 'Su cita: {{appointment.date}}', isSystem: false },
    ]);
    await book(lucia);
    const latest = (await messages({ patientId: lucia }))[0];
    expect(latest.subject).toMatch(/^Su cita: \S+, \d+ de diciembre de 2026$/);
    expect(latest.bodyText).toMatch(/^Lucía García, le esperamos el .* en Clínica Norte\.$/);

    // The patient opts out of appointment confirmations.
    expect(
      (await t.gql(PREFS, { p: lucia, input: { emailEnabled: false } }, hygienist)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const prefs = (await t.data(PREFS, { p: lucia, input: { optOuts: ['appointment.scheduled'] } }, receptionist))
      .updatePatientNotificationPreferences;
    expect(prefs).toEqual({
      patientId: lucia,
      emailEnabled: true,
      optOuts: ['appointment.scheduled'],
      preferredLocale: null,
    });
    expect(
      (await t.gql(PREFS, { p: lucia, input: { optOuts: ['patient.birthday'] } }, receptionist)).errors?.[0].extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    await book(lucia);
    expect((await messages({ patientId: lucia }))[0]).toMatchObject({ status: 'SKIPPED', skipReason: 'opted_out' });
    const fed = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName notificationPreferences { optOuts } } }`,
      { id: lucia },
      receptionist,
    );
    expect(fed.patient).toEqual({
      fullName: 'Lucía García',
      notificationPreferences: { optOuts: ['appointment.scheduled'] },
    });
    await t.data(PREFS, { p: lucia, input: { optOuts: [] } }, receptionist);

    // The clinic turns automatic confirmations off.
    expect((await t.gql(SETTINGS, { input: { enabled: false } }, receptionist)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const settings = (
      await t.data(
        SETTINGS,
        { input: { autoSend: [{ eventType: 'appointment.scheduled', enabled: false }], senderName: 'Dra. Pérez' } },
        admin,
      )
    ).updateNotificationSettings;
    expect(settings.autoSend.find((a: { eventType: string }) => a.eventType === 'appointment.scheduled').enabled).toBe(
      false,
    );
    await book(lucia);
    expect((await messages({ patientId: lucia }))[0]).toMatchObject({ status: 'SKIPPED', skipReason: 'auto_send_off' });
    // Manual sends are not automatic: they still go, signed with the sender name.
    const manual = (await t.data(SEND, { input: { patientId: lucia, subject: 'Hola', body: 'Mensaje' } }, dentist))
      .sendNotification;
    expect(manual.status).toBe('QUEUED');
    expect(manual.bodyText).toBe('Hola Lucía:\n\nMensaje\n\nDra. Pérez\n');
    await t.data(
      SETTINGS,
      { input: { autoSend: [{ eventType: 'appointment.scheduled', enabled: true }], senderName: '' } },
      admin,
    );
    await dispatch();
  });

  it('refuses templates that cannot render, and records an event whose template breaks instead of retrying it', async () => {
    const shout = {
      templateKey: 'invoice_issued',
      locale: 'es',
      subject: 'Factura',
      bodyText: '{{shout patient.firstName}}',
    };
    const refused = await t.gql(UPSERT, { input: shout }, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/Missing helper: "shout"/);
    // A broken template written before this check existed (straight to the table).
    await sql(
      `insert into notification_templates (id, clinic_id, template_key, locale, channel, subject, body_text, is_active)
       values (gen_random_uuid(), ?, 'invoice_issued', 'es', 'email', 'Factura', '{{shout patient.firstName}}', true)`,
      [admin.clinicId],
    );
    await handle('invoice.issued', {
      invoice_id: randomUUID(),
      patient_id: lucia,
      invoice_number: 'FAC-2026-0009',
      total: '10.00',
      issued_by: admin.userId,
    });
    const [broken] = await messages({ patientId: lucia });
    expect(broken).toMatchObject({ status: 'SKIPPED', skipReason: 'template_error', templateKey: 'invoice_issued' });
    expect(broken.bodyText).toMatch(/Missing helper/);
    const manual = await t.gql(SEND, { input: { patientId: lucia, templateKey: 'invoice_issued' } }, admin);
    expect(manual.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await sql(`delete from notification_templates where clinic_id = ? and template_key = 'invoice_issued'`, [
      admin.clinicId,
    ]);
  });

  it('refuses bad input and unknown patients without writing anything', async () => {
    const count = async () => (await sql(`select count(*)::int as n from notification_messages`))[0].n;
    const before = await count();
    const missing = await t.gql(SEND, { input: { patientId: lucia } }, receptionist);
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await t.gql(SEND, { input: { patientId: randomUUID(), subject: 'a', body: 'b' } }, receptionist);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const noTemplate = await t.gql(SEND, { input: { patientId: lucia, templateKey: 'nope' } }, receptionist);
    expect(noTemplate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(MESSAGES, {}, hygienist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('keeps clinic B away from clinic A’s messages, patients, preferences and templates', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id;
    const bAdmin = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
    const aMessage = (await messages({}, admin))[0];
    expect((await t.data(MESSAGES, {}, bAdmin)).notificationMessages.total).toBe(0);
    expect(
      (await t.data(`query($id: ID!) { notificationMessage(id: $id) { id } }`, { id: aMessage.id }, bAdmin))
        .notificationMessage,
    ).toBeNull();
    expect((await t.gql(RETRY, { id: aMessage.id }, bAdmin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      (await t.gql(SEND, { input: { patientId: lucia, subject: 'x', body: 'y' } }, bAdmin)).errors?.[0].extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await t.gql(
          `query($p: ID!) { patientNotificationPreferences(patientId: $p) { optOuts } }`,
          { p: lucia },
          bAdmin,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await t.gql(PREFS, { p: lucia, input: { emailEnabled: false } }, bAdmin)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    // B sees the system templates but not A's override.
    const templates = (await t.data(`{ notificationTemplates { isSystem } }`, {}, bAdmin)).notificationTemplates;
    expect(templates.every((x: { isSystem: boolean }) => x.isSystem)).toBe(true);
    // An event of clinic A never lands in clinic B.
    await handle(
      'appointment.scheduled',
      {
        appointment_id: randomUUID(),
        patient_id: lucia,
        professional_id: dentist.userId,
        start_time: '2026-12-28T09:00:00.000Z',
        end_time: '2026-12-28T09:30:00.000Z',
        treatment_type: null,
        cabinet: null,
        cabinet_id: null,
      },
      randomUUID(),
      clinicB,
    );
    const [row] = await sql(`select status, skip_reason from notification_messages where clinic_id = ?`, [clinicB]);
    expect(row).toEqual({ status: 'skipped', skip_reason: 'patient_not_found' });
  });
});
