import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicDay, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const CREATE = `mutation($input: CreateRecallInput!) { createRecall(input: $input) { id reminderState } }`;
const RECALL = `query($id: ID!) { recall(id: $id) { reminderState } }`;
const SNOOZE = `mutation($id: ID!, $months: Int!) { snoozeRecall(id: $id, months: $months) { reminderState } }`;
const PREFS = `mutation($p: ID!, $input: PatientNotificationPreferencesInput!) {
  updatePatientNotificationPreferences(patientId: $p, input: $input) { preferredLocale } }`;

/** 'YYYY-MM-DD', day 15 of the month `n` months from the clinic's today. */
const monthsFromNow = (n: number) => `${clinicDay({ months: n }).slice(0, 8)}15`;

describe('recall reminders (job recalls.queue_reminders)', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const remind = () => t.platform.jobs.run('recalls.queue_reminders');
  const messagesOf = (patientId: string): Promise<{ subject: string; body_text: string; status: string }[]> =>
    sql(`select subject, body_text, status from notification_messages where patient_id = ? order by created_at`, [
      patientId,
    ]);
  const patient = async (firstName: string, extra: Record<string, unknown> = {}) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        {
          input: {
            firstName,
            lastName: 'Recall',
            email: `${firstName
              .normalize('NFD')
              .replace(/[^a-z]/gi, '')
              .toLowerCase()}@example.com`,
            ...extra,
          },
        },
        admin,
      )
    ).createPatient.id as string;
  const recall = async (patientId: string, dueDate: string) =>
    (await t.data(CREATE, { input: { patientId, reason: 'HYGIENE', dueDate } }, admin)).createRecall.id as string;
  const stateOf = async (id: string) => (await t.data(RECALL, { id }, admin)).recall.reminderState;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
  });
  afterAll(() => t.close());

  it('reminds near the due month, not at creation, once, in the patient’s language', async () => {
    const english = await patient('Emma');
    await t.data(PREFS, { p: english, input: { preferredLocale: 'en' } }, admin);
    const spanish = await patient('Lucía');
    const later = await patient('Tarde');
    const dueNow = await recall(english, monthsFromNow(0));
    const dueNowEs = await recall(spanish, monthsFromNow(0));
    const dueLater = await recall(later, monthsFromNow(4));
    // Nothing is queued when a recall is created.
    expect(await messagesOf(english)).toEqual([]);
    expect(await stateOf(dueNow)).toBeNull();

    await remind();
    const [en] = await messagesOf(english);
    expect(en).toMatchObject({ subject: 'Time for your next visit', status: 'queued' });
    const month = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${monthsFromNow(0)}T00:00:00Z`),
    );
    expect(en!.body_text).toContain(`your dental cleaning is due in ${month}`);
    const [es] = await messagesOf(spanish);
    expect(es).toMatchObject({ subject: 'Es hora de su próxima visita' });
    expect(es!.body_text).toContain('limpieza dental');
    expect(await stateOf(dueNow)).toBe('QUEUED');
    expect(await stateOf(dueNowEs)).toBe('QUEUED');
    expect(await messagesOf(later)).toEqual([]);
    expect(await stateOf(dueLater)).toBeNull();

    // A rerun queues nothing twice.
    await remind();
    expect(await messagesOf(english)).toHaveLength(1);
    expect(await messagesOf(spanish)).toHaveLength(1);
  });

  it('skips patients who must not be contacted, and reminds a snoozed recall again near its new month', async () => {
    const quiet = await patient('Silencio', { doNotContact: true });
    const quietRecall = await recall(quiet, monthsFromNow(0));
    const moved = await patient('Movido');
    const movedRecall = await recall(moved, monthsFromNow(0));
    await remind();
    expect(await stateOf(quietRecall)).toBe('SKIPPED');
    expect(await messagesOf(quiet)).toEqual([]);
    expect(await stateOf(movedRecall)).toBe('QUEUED');
    expect((await t.data(SNOOZE, { id: movedRecall, months: 3 }, admin)).snoozeRecall.reminderState).toBeNull();
    await remind();
    expect(await messagesOf(moved)).toHaveLength(1);
    expect(await stateOf(movedRecall)).toBeNull();
  });

  it('reminds as early as the clinic’s reminder lead time says', async () => {
    const LEAD = `mutation($days: Int!) { updateRecallSettings(input: { reminderLeadDays: $days }) { reminderLeadDays } }`;
    const early = await patient('Pronto');
    // Due in two months: its month starts more than 14 days from now, so the default lead time waits.
    const id = await recall(early, monthsFromNow(2));
    await remind();
    expect(await stateOf(id)).toBeNull();
    await t.data(LEAD, { days: 90 }, admin);
    await remind();
    expect(await stateOf(id)).toBe('QUEUED');
    expect(await messagesOf(early)).toHaveLength(1);
    await t.data(LEAD, { days: 14 }, admin);
  });
});
