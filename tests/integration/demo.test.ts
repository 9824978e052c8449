import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, DEMO_PASSWORD } from '../../core/src/demo.ts';
import { clinicToday, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

/** `npm start` on an empty database: a demo clinic a newcomer can click through, across the modules. */
describe('demo data', () => {
  let t: TestPlatform;
  let admin: CallOptions;

  beforeAll(async () => {
    t = await startTestPlatform();
    const logins = await seedDemo(t.platform);
    expect(logins?.map((l) => l.role)).toEqual(['admin', 'dentist', 'receptionist']);
    const login = await t.data(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: logins![0]!.email, p: DEMO_PASSWORD },
    );
    admin = { token: login.login.accessToken };
    await t.eventsSettled();
  });
  afterAll(() => t.close());

  it('fills every official module with believable, consistent data', async () => {
    const today = clinicToday();
    const d = await t.data(
      `query($from: DateTime!, $to: DateTime!) {
        patients { total }
        appointments(from: $from, to: $to) { status }
        catalogItems { total }
        budgets { items { status total } }
        invoices { items { number status total paid balance } }
        notificationMessages { total }
      }`,
      { from: today.from, to: today.to },
      admin,
    );
    expect(d.patients.total).toBeGreaterThanOrEqual(3);
    expect(d.appointments.length).toBeGreaterThan(0);
    expect(d.catalogItems.total).toBeGreaterThan(0);
    expect(d.budgets.items.map((b: { status: string }) => b.status).sort()).toEqual(['ACCEPTED', 'DRAFT', 'SENT']);
    const accepted = d.budgets.items.find((b: { status: string }) => b.status === 'ACCEPTED');
    expect(d.invoices.items).toHaveLength(1);
    const [invoice] = d.invoices.items;
    expect(invoice).toMatchObject({ status: 'PARTIAL', total: accepted.total });
    expect(invoice.number).toMatch(/^FAC-\d{4}-0001$/);
    // Half paid, to the cent: paid + balance is the total.
    expect(new Decimal(invoice.paid).plus(invoice.balance).toFixed(2)).toBe(invoice.total);
    // The sent budget and the issued invoice queued messages to their patients (sent by the worker, not here).
    expect(d.notificationMessages.total).toBeGreaterThanOrEqual(2);
  });

  it("puts the patients with medical alerts on today's agenda, three of them still to be seen", async () => {
    const today = clinicToday();
    const { appointments } = await t.data(
      `query($from: DateTime!, $to: DateTime!) {
        appointments(from: $from, to: $to) { status patient { medicalAlerts { code } } }
      }`,
      { from: today.from, to: today.to },
      admin,
    );
    const withAlerts = appointments.filter(
      (a: { patient: { medicalAlerts: unknown[] } }) => a.patient.medicalAlerts.length,
    );
    expect(withAlerts.map((a: { status: string }) => a.status).sort()).toEqual([
      'CHECKED_IN',
      'COMPLETED',
      'COMPLETED',
      'CONFIRMED',
      'IN_TREATMENT',
    ]);
  });

  it('gives the clinic note templates and the first patients a clinical note by the demo dentist', async () => {
    const d = await t.data(
      `{ noteTemplates { name } patients(pageSize: 3) { items { clinicalNotes { body toothNumber author { id } } } } }`,
      {},
      admin,
    );
    expect(d.noteTemplates.length).toBeGreaterThanOrEqual(4);
    const notes = d.patients.items.flatMap((p: { clinicalNotes: unknown[] }) => p.clinicalNotes);
    expect(notes).toHaveLength(3);
    expect(notes).toContainEqual(expect.objectContaining({ toothNumber: 36 }));
  });

  it('is not added twice: a second run leaves the clinic as it was', async () => {
    const before = (await t.data(`{ budgets { total } invoices { total } }`, {}, admin)) as object;
    await seedDemo(t.platform);
    expect(await t.data(`{ budgets { total } invoices { total } }`, {}, admin)).toEqual(before);
  });
});
