import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicToday,
  eventually,
  moduleLifecycle,
  startTestPlatform,
  type CallOptions,
  type ModuleLifecycle,
  type TestPlatform,
} from '@dentalpin/core/testing';
import { SmtpSink } from '../../subgraphs/notifications/test/smtp-sink.ts';

/**
 * The issue's cross-module flows, end to end through the gateway: money (budget → invoice → payment →
 * timeline → report), a visit (appointment → notification over SMTP → stock), and removing reports.
 */
describe('clinic flows across modules', () => {
  let t: TestPlatform;
  let sink: SmtpSink;
  let admin: CallOptions & { userId: string };
  let dentist: CallOptions & { userId: string };
  let receptionist: CallOptions;
  let patientId: string;
  let lifecycle: ModuleLifecycle;
  const today = clinicToday().day;

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    process.env.DENTALPIN_SMTP_URL = sink.url;
    process.env.DENTALPIN_SMTP_FROM = 'clinic@dentalpin.test';
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    receptionist = await t.userWithRole(admin, 'receptionist');
    patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Marta", lastName: "Gil", email: "marta@example.test" }) { id } }`,
        {},
        receptionist,
      )
    ).createPatient.id;
    await t.eventsSettled();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    delete process.env.DENTALPIN_SMTP_URL;
    delete process.env.DENTALPIN_SMTP_FROM;
  });

  it('budget accepted → invoice from it → payment → paid; the timeline shows all three and the report counts it', async () => {
    const items = (await t.data(`{ catalogItems(pageSize: 3) { items { id } } }`, {}, receptionist)).catalogItems
      .items as { id: string }[];
    const budget = (
      await t.data(
        `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id number status total } }`,
        {
          input: {
            patientId,
            items: [
              { catalogItemId: items[0]!.id, quantity: 3, unitPrice: '33.33' },
              {
                catalogItemId: items[1]!.id,
                quantity: 1,
                unitPrice: '120.50',
                discountType: 'PERCENTAGE',
                discountValue: '10',
              },
            ],
          },
        },
        receptionist,
      )
    ).createBudget;
    expect(budget.status).toBe('DRAFT');
    await t.data(`mutation($id: ID!) { sendBudget(id: $id) { status } }`, { id: budget.id }, receptionist);
    const accepted = (
      await t.data(
        `mutation($id: ID!) { acceptBudget(id: $id, acceptedVia: "in_clinic") { status total acceptedVia } }`,
        { id: budget.id },
        receptionist,
      )
    ).acceptBudget;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', total: budget.total });

    const draft = (
      await t.data(
        `mutation($id: ID!) { createInvoiceFromBudget(budgetId: $id) { id status total items { description total } } }`,
        { id: budget.id },
        receptionist,
      )
    ).createInvoiceFromBudget;
    expect(draft.status).toBe('DRAFT');
    expect(draft.total).toBe(budget.total);
    const issued = (
      await t.data(
        `mutation($id: ID!) { issueInvoice(id: $id) { id number status balance } }`,
        { id: draft.id },
        receptionist,
      )
    ).issueInvoice;
    expect(issued.number).toMatch(/^FAC-\d{4}-0001$/);
    expect(issued).toMatchObject({ status: 'ISSUED', balance: budget.total });

    // Overpaying is refused and writes nothing; paying in two parts settles it to the cent.
    const over = await t.gql(
      `mutation($id: ID!, $amount: Decimal!) { recordInvoicePayment(invoiceId: $id, amount: $amount, method: CARD) { id } }`,
      { id: draft.id, amount: new Decimal(budget.total).plus('0.01').toFixed(2) },
      receptionist,
    );
    expect(over.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|CONFLICT/);
    const partial = (
      await t.data(
        `mutation($id: ID!) { recordInvoicePayment(invoiceId: $id, amount: "50.00", method: CASH) { status paid balance } }`,
        { id: draft.id },
        receptionist,
      )
    ).recordInvoicePayment;
    expect(partial.status).toBe('PARTIAL');
    const rest = new Decimal(budget.total).minus('50.00');
    const paid = (
      await t.data(
        `mutation($id: ID!, $amount: Decimal!) { recordInvoicePayment(invoiceId: $id, amount: $amount, method: CARD) { status paid balance total } }`,
        { id: draft.id, amount: rest.toFixed(2) },
        receptionist,
      )
    ).recordInvoicePayment;
    expect(paid).toEqual({ status: 'PAID', paid: budget.total, balance: '0.00', total: budget.total });

    await t.eventsSettled();
    const timeline = (
      await t.data(
        `query($id: ID!) { patientTimeline(patientId: $id, category: FINANCIAL, pageSize: 50) { entries { type title } } }`,
        { id: patientId },
        admin,
      )
    ).patientTimeline.entries as { type: string }[];
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['budget.accepted', 'invoice.issued', 'invoice.payment_recorded', 'invoice.paid']),
    );

    const report = (
      await t.data(
        `query($from: Date!, $to: Date!) { billingReport(from: $from, to: $to) { invoiceCount invoiced collected outstanding byPaymentMethod { method amount } } }`,
        { from: today, to: today },
        admin,
      )
    ).billingReport;
    expect(report).toMatchObject({
      invoiceCount: 1,
      invoiced: budget.total,
      collected: budget.total,
      outstanding: '0.00',
    });
    expect(report.byPaymentMethod).toEqual(
      expect.arrayContaining([
        { method: 'CASH', amount: '50.00' },
        { method: 'CARD', amount: rest.toFixed(2) },
      ]),
    );
  });

  it('appointment completed → notification queued and sent over SMTP → inventory stock consumed', async () => {
    await lifecycle.install('inventory');
    const item = (
      await t.data(
        `mutation { createInventoryItem(input: { name: "Composite A2", categoryCode: "consumables", unit: "syringe", initialStock: "4", consumption: [{ treatmentType: "Filling", quantity: "0.5" }] }) { id } }`,
        {},
        admin,
      )
    ).createInventoryItem;
    const cabinetId = (
      await eventually(
        async () => ((await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0] ?? null) as { id: string } | null,
      )
    ).id;
    const appointmentId = (
      await t.data(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        {
          input: {
            patientId,
            professionalId: dentist.userId,
            cabinetId,
            startTime: '2026-12-01T10:00',
            endTime: '2026-12-01T10:30',
            treatmentType: 'Filling',
          },
        },
        receptionist,
      )
    ).scheduleAppointment.id;
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(
        `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id } }`,
        { id: appointmentId, to },
        dentist,
      );
    await t.eventsSettled();

    // Queued by the event handler, not sent yet: nothing leaves during a request or a handler.
    const queued = (
      await t.data(
        `query($id: ID!) { notificationMessages(patientId: $id) { items { templateKey status toAddress } } }`,
        { id: patientId },
        admin,
      )
    ).notificationMessages.items as { templateKey: string; status: string }[];
    expect(queued.find((m) => m.templateKey === 'appointment_completed')?.status).toBe('QUEUED');
    expect(sink.mails.filter((m) => m.to.includes('marta@example.test'))).toHaveLength(0);

    await t.platform.jobs.run('notifications.dispatch');
    const received = sink.mails.filter((m) => m.to.includes('marta@example.test'));
    const sent = (
      await t.data(
        `query($id: ID!) { notificationMessages(patientId: $id) { items { templateKey status } } }`,
        { id: patientId },
        admin,
      )
    ).notificationMessages.items as { templateKey: string; status: string }[];
    // Everything the patient was due: the budget, the invoice, the booking and the visit.
    expect(sent.filter((m) => m.status === 'SENT').map((m) => m.templateKey)).toEqual(
      expect.arrayContaining(['budget_sent', 'invoice_issued', 'appointment_confirmation', 'appointment_completed']),
    );
    expect(received).toHaveLength(sent.filter((m) => m.status === 'SENT').length);
    // The patient's timeline says a message went out, never what it said.
    await t.eventsSettled();
    const communication = (
      await t.data(
        `query($id: ID!) { patientTimeline(patientId: $id, category: COMMUNICATION, pageSize: 50) { entries { title description } } }`,
        { id: patientId },
        admin,
      )
    ).patientTimeline.entries as { title: string; description: string }[];
    expect(communication).toHaveLength(received.length);
    expect(communication).toContainEqual({ title: 'Message sent', description: 'appointment completed · email' });

    const stock = (await t.data(`{ inventoryItems { id stockQuantity } }`, {}, admin)).inventoryItems.find(
      (i: { id: string }) => i.id === item.id,
    );
    expect(stock.stockQuantity).toBe('3.500');
  });

  it('uninstalling reports leaves every other module working, and it comes back', async () => {
    const restart = await lifecycle.uninstall('reports');
    expect(restart.activeModules).not.toContain('reports');
    expect(restart.activeModules).toEqual(
      expect.arrayContaining(['patients', 'agenda', 'catalog', 'budget', 'billing', 'notifications']),
    );
    const gone = await t.gql(
      `query($d: Date!) { billingReport(from: $d, to: $d) { invoiceCount } }`,
      { d: today },
      admin,
    );
    expect(gone.errors?.[0]?.message).toMatch(/billingReport/);
    const still = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName } budgets(patientId: $id) { total } invoices(patientId: $id) { total }
         notificationMessages(patientId: $id) { total } }`,
      { id: patientId },
      admin,
    );
    expect(still).toMatchObject({ patient: { fullName: 'Marta Gil' }, budgets: { total: 1 }, invoices: { total: 1 } });
    await lifecycle.install('reports');
    const back = await t.data(
      `query($d: Date!) { billingReport(from: $d, to: $d) { invoiceCount } }`,
      { d: today },
      admin,
    );
    expect(back.billingReport.invoiceCount).toBe(1);
  });
});
