import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicToday,
  eventually,
  startTestPlatform,
  type CallOptions,
  type TestPlatform,
} from '@dentalpin/core/testing';

const PAYMENT = `id amount currency method paymentDate reference origin refunded refundable
  patient { id } allocations { target targetId amount refunded } refunds { amount reasonCode method }`;
const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { ${PAYMENT} } }`;
const REFUND = `mutation($paymentId: ID!, $amount: Decimal!, $reasonCode: RefundReason!, $reasonNote: String) {
  refundPayment(paymentId: $paymentId, amount: $amount, reasonCode: $reasonCode, reasonNote: $reasonNote) {
    id amount reasonCode method payment { id refunded refundable } } }`;
const ACCOUNT = `query($id: ID!) { patientAccount(patientId: $id) { patientId currency earned paid refunded balance credit
  receivable onAccount pendingCharges { treatmentId amount outstanding ageDays description }
  ledger { kind amount paymentId treatmentId earnedSource } } }`;
const INVOICE = `query($id: ID!) { invoice(id: $id) { id status total paid balance payments { kind amount sourceId } } }`;

type Caller = CallOptions & { userId?: string };

describe('payments: the patient account', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };
  let dentist: Caller;
  let hygienist: Caller;
  let receptionist: Caller;
  let otherClinic: Caller;
  let implant: { id: string; price: string; vatRate: string };
  const sql = async (q: string, p: unknown[] = []) => (await t.platform.db.knex.raw(q, p as never)).rows;
  const count = async (table: string) => Number((await sql(`select count(*) as n from ${table}`))[0].n);
  const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
  const newPatient = async (firstName: string, caller: CallOptions = admin) =>
    (
      await t.data(
        `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
        { input: { firstName, lastName: 'Account' } },
        caller,
      )
    ).createPatient.id as string;
  const record = (input: Record<string, unknown>, caller: CallOptions = admin) => t.gql(RECORD, { input }, caller);
  const account = async (id: string, caller: CallOptions = admin) =>
    (await t.data(ACCOUNT, { id }, caller)).patientAccount;
  /** An ISSUED invoice of `total` (VAT 0) for the patient. */
  const issuedInvoice = async (patientId: string, total: string) => {
    const { createInvoice } = await t.data(
      `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
      { input: { patientId, items: [{ description: 'Filling', quantity: 1, unitPrice: total, vatRate: '0' }] } },
      admin,
    );
    await t.data(`mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id: createInvoice.id }, admin);
    return createInvoice.id as string;
  };
  /** Every outbox event delivered to every handler (so a mirror would have happened by now). */
  const settled = () =>
    eventually(async () => {
      const [a] = await sql(`select count(*) as n from core_event_outbox where dispatched_at is null`);
      const [b] = await sql(`select count(*) as n from core_event_delivery where status = 'pending'`);
      return Number(a.n) + Number(b.n) === 0;
    }, 20_000);

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    const as = async (role: string) => ({ ...(await t.userWithRole(admin, role)), clinicId: admin.clinicId });
    dentist = await as('dentist');
    hygienist = await as('hygienist');
    receptionist = await as('receptionist');
    const clinicB = (await t.data('mutation { createClinic(input: { name: "B" }) { id } }', {}, admin)).createClinic.id;
    otherClinic = {
      token: (await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB)).token,
      clinicId: clinicB,
    };
    const catalog = await t.data(
      `{ catalogItems(pageSize: 100) { items { id code price vatType { rate } } } }`,
      {},
      admin,
    );
    const item =
      catalog.catalogItems.items.find((i: { code: string }) => i.code === 'implant') ?? catalog.catalogItems.items[0];
    implant = { id: item.id, price: item.price, vatRate: item.vatType.rate };
  });
  afterAll(() => t.close());

  it('takes a payment on account by default and shows it on the account', async () => {
    const patientId = await newPatient('Ana');
    const r = await record({ patientId, amount: '120.50', method: 'CASH', reference: 'R-1' }, receptionist);
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordPayment).toMatchObject({
      amount: '120.50',
      currency: 'EUR',
      method: 'CASH',
      origin: 'ACCOUNT',
      refunded: '0.00',
      refundable: '120.50',
      allocations: [{ target: 'ON_ACCOUNT', targetId: null, amount: '120.50', refunded: '0.00' }],
    });
    expect(await account(patientId, hygienist)).toMatchObject({
      earned: '0.00',
      paid: '120.50',
      refunded: '0.00',
      balance: '-120.50',
      credit: '120.50',
      receivable: '0.00',
      onAccount: '120.50',
    });
    const events = await sql(`select payload from core_event_outbox where type = 'payment.recorded'`);
    expect(events.map((e: { payload: { patient_id: string } }) => e.payload.patient_id)).toContain(patientId);
  });

  it('refuses a day the calendar does not have (2026-02-31) as BAD_USER_INPUT, writing nothing', async () => {
    const patientId = await newPatient('Dora');
    const before = await count('payments');
    // GraphQL's Date scalar refuses it already; an agent tool's parameters reach the rule itself.
    const tool = async (name: string, args: Record<string, unknown>) =>
      (
        await t.data(
          `mutation($name: String!, $args: JSON!) { callAgentTool(name: $name, args: $args) { status error errorCode } }`,
          { name: `payments.${name}`, args },
          admin,
        )
      ).callAgentTool;
    const r = await tool('record_payment', { patientId, amount: '10.00', method: 'CASH', paymentDate: '2026-02-31' });
    expect(r.status).toBe('FAILED');
    expect(r.errorCode).toBe('BAD_USER_INPUT');
    expect(r.error).toMatch(/paymentDate is not a calendar date: February 2026 has 28 days/);
    const summary = await tool('payments_summary', { from: '2026-04-31', to: '2026-05-01' });
    expect(summary.error).toMatch(/from is not a calendar date: April 2026 has 30 days/);
    expect(await count('payments')).toBe(before);
  });

  it('refuses allocations that do not add up, and bad amounts, writing nothing', async () => {
    const patientId = await newPatient('Beto');
    const before = [
      await count('payments'),
      await count('payment_allocations'),
      await count("core_event_outbox where type like 'payment.%'"),
    ];
    const r = await record({
      patientId,
      amount: '100.00',
      method: 'CARD',
      allocations: [
        { target: 'ON_ACCOUNT', amount: '60.00' },
        { target: 'ON_ACCOUNT', amount: '30.00' },
      ],
    });
    expect(code(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/90\.00.*100\.00/);
    for (const bad of ['0', '-5', '1.001', 'abc'])
      expect(code(await record({ patientId, amount: bad, method: 'CASH' }))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await record({
          patientId,
          amount: '10.00',
          method: 'CASH',
          allocations: [{ target: 'INVOICE', amount: '10.00' }],
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(code(await record({ patientId, amount: '10.00', method: 'CASH', paymentDate: '2999-01-01' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect([
      await count('payments'),
      await count('payment_allocations'),
      await count("core_event_outbox where type like 'payment.%'"),
    ]).toEqual(before);
  });

  it('the database refuses parts that do not add up and refunds above the payment, whatever the code does', async () => {
    const patientId = await newPatient('Ciro');
    const p = (await record({ patientId, amount: '50.00', method: 'CASH' })).data!.recordPayment;
    await expect(sql(`update payments set refunded_amount = 60 where id = ?`, [p.id])).rejects.toThrow(/check/);
    await expect(
      t.platform.db.knex.transaction(async (trx) => {
        await trx.raw(
          `insert into payment_allocations (id, clinic_id, payment_id, target_type, amount, created_at)
           values (gen_random_uuid(), ?, ?, 'on_account', 1, now())`,
          [admin.clinicId, p.id],
        );
      }),
    ).rejects.toThrow(/allocated/);
    await expect(sql(`delete from payments where id = ?`, [p.id])).rejects.toThrow(/never deleted/);
  });

  it('records INVOICE parts on the invoice through billing, once; a paid invoice can be refunded', async () => {
    const patientId = await newPatient('Dora');
    const invoiceId = await issuedInvoice(patientId, '80.00');
    const r = await record(
      {
        patientId,
        amount: '100.00',
        method: 'CARD',
        allocations: [
          { target: 'INVOICE', targetId: invoiceId, amount: '80.00' },
          { target: 'ON_ACCOUNT', amount: '20.00' },
        ],
      },
      receptionist,
    );
    expect(r.errors).toBeUndefined();
    const payment = r.data!.recordPayment;
    let invoice = (await t.data(INVOICE, { id: invoiceId }, admin)).invoice;
    expect(invoice).toMatchObject({ status: 'PAID', paid: '80.00', balance: '0.00' });
    const part = payment.allocations.find((a: { target: string }) => a.target === 'INVOICE');
    expect(invoice.payments).toEqual([{ kind: 'PAYMENT', amount: '80.00', sourceId: expect.any(String) }]);
    await settled();
    // billing's invoice.payment_recorded carries our id: the account does not count it twice.
    expect(await account(patientId)).toMatchObject({ paid: '100.00', onAccount: '20.00' });
    expect(Number((await sql(`select count(*) as n from payments where patient_id = ?`, [patientId]))[0].n)).toBe(1);
    void part;

    // Over the invoice's balance: refused before anything is written.
    const again = await issuedInvoice(patientId, '10.00');
    const over = await record({
      patientId,
      amount: '15.00',
      method: 'CASH',
      allocations: [{ target: 'INVOICE', targetId: again, amount: '15.00' }],
    });
    expect(code(over)).toBe('BAD_USER_INPUT');

    // A refund of 50: 20 off the ON_ACCOUNT part, 30 off the invoice (billing gives it back: PAID → PARTIAL).
    const refund = await t.gql(
      REFUND,
      { paymentId: payment.id, amount: '50.00', reasonCode: 'TREATMENT_CANCELLED' },
      dentist,
    );
    expect(refund.errors).toBeUndefined();
    expect(refund.data!.refundPayment).toMatchObject({
      amount: '50.00',
      method: 'CARD',
      payment: { refundable: '50.00' },
    });
    invoice = (await t.data(INVOICE, { id: invoiceId }, admin)).invoice;
    expect(invoice).toMatchObject({ status: 'PARTIAL', paid: '50.00', balance: '30.00' });
    expect(invoice.payments.map((p: { kind: string; amount: string }) => [p.kind, p.amount])).toEqual(
      expect.arrayContaining([
        ['PAYMENT', '80.00'],
        ['REFUND', '30.00'],
      ]),
    );
    // The rest: the invoice is ISSUED again with nothing paid.
    await t.data(REFUND, { paymentId: payment.id, amount: '50.00', reasonCode: 'TREATMENT_CANCELLED' }, dentist);
    invoice = (await t.data(INVOICE, { id: invoiceId }, admin)).invoice;
    expect(invoice).toMatchObject({ status: 'ISSUED', paid: '0.00', balance: '80.00' });
    await settled();
    expect(await account(patientId)).toMatchObject({ paid: '100.00', refunded: '100.00', balance: '0.00' });
  });

  it('mirrors a payment taken in billing onto the account once', async () => {
    const patientId = await newPatient('Elsa');
    const invoiceId = await issuedInvoice(patientId, '40.00');
    await t.data(
      `mutation($id: ID!) { recordInvoicePayment(invoiceId: $id, amount: "40.00", method: CARD) { id } }`,
      { id: invoiceId },
      admin,
    );
    const mirrored = await eventually(async () => {
      const rows = await sql(`select origin, amount from payments where patient_id = ?`, [patientId]);
      return rows.length ? rows : null;
    });
    expect(mirrored).toEqual([{ origin: 'billing', amount: '40.00' }]);
    await settled();
    expect(Number((await sql(`select count(*) as n from payments where patient_id = ?`, [patientId]))[0].n)).toBe(1);
    expect(await account(patientId)).toMatchObject({ paid: '40.00', balance: '-40.00' });
  });

  it('refuses a refund above what is left (CONFLICT); of two refunds at once only what fits lands', async () => {
    const patientId = await newPatient('Fede');
    const p = (await record({ patientId, amount: '100.00', method: 'CASH' })).data!.recordPayment;
    const over = await t.gql(REFUND, { paymentId: p.id, amount: '100.01', reasonCode: 'OVERPAID' }, admin);
    expect(code(over)).toBe('CONFLICT');
    expect(over.errors![0]!.message).toMatch(/at most 100\.00/);
    const results = await Promise.all(
      [0, 1].map(() => t.gql(REFUND, { paymentId: p.id, amount: '60.00', reasonCode: 'DUPLICATE' }, admin)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => code(r) === 'CONFLICT')).toHaveLength(1);
    const [row] = await sql(`select refunded_amount from payments where id = ?`, [p.id]);
    expect(row.refunded_amount).toBe('60.00');
    expect(Number((await sql(`select count(*) as n from payment_refunds where payment_id = ?`, [p.id]))[0].n)).toBe(1);
    // Five more at once for 10 each: exactly four fit in the 40 left.
    const five = await Promise.all(
      [0, 1, 2, 3, 4].map(() => t.gql(REFUND, { paymentId: p.id, amount: '10.00', reasonCode: 'OTHER' }, admin)),
    );
    expect(five.filter((r) => !r.errors)).toHaveLength(4);
    expect((await sql(`select refunded_amount from payments where id = ?`, [p.id]))[0].refunded_amount).toBe('100.00');
  });

  it('never collects more than a budget allows, even with deposits fired at once', async () => {
    const patientId = await newPatient('Gala');
    const { createBudget } = await t.data(
      `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id total } }`,
      { input: { patientId, items: [{ catalogItemId: implant.id, unitPrice: '100.00' }] } },
      admin,
    );
    await t.data(`mutation($id: ID!) { sendBudget(id: $id) { id } }`, { id: createBudget.id }, admin);
    const total = Number(createBudget.total);
    // Each deposit is a bit more than a fifth of the total: four fit, never five.
    const deposit = (Math.floor((total / 4) * 100) / 100).toFixed(2);
    const pay = () =>
      record({
        patientId,
        amount: deposit,
        method: 'CARD',
        allocations: [{ target: 'BUDGET', targetId: createBudget.id, amount: deposit }],
      });
    const six = await Promise.all([0, 1, 2, 3, 4, 5].map(pay));
    expect(six.filter((r) => !r.errors)).toHaveLength(4);
    const refused = six.filter((r) => r.errors);
    expect(refused.map(code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(refused[0]!.errors![0]!.message).toMatch(/left to collect, less than the/);
    const [row] = await sql(
      `select sum(amount) as collected, count(*) as n from payment_allocations where target_type = 'budget' and target_id = ?`,
      [createBudget.id],
    );
    expect(Number(row.n)).toBe(4);
    expect(Number(row.collected)).toBeLessThanOrEqual(total);
    // A refund frees room again: one more deposit of that size then fits.
    const first = six.find((r) => !r.errors)!.data!.recordPayment;
    await t.data(REFUND, { paymentId: first.id, amount: deposit, reasonCode: 'OTHER' }, admin);
    expect((await pay()).errors).toBeUndefined();
    expect(code(await pay())).toBe('BAD_USER_INPUT');
  });

  it('books performed treatments into the earned ledger once, VAT included, with pending charges FIFO', async () => {
    const patientId = await newPatient('Gala');
    const { addTreatment } = await t.data(
      `mutation($input: AddTreatmentInput!) { addTreatment(input: $input) { id price vatRate } }`,
      { input: { patientId, catalogItemId: implant.id, teeth: [{ toothNumber: 46 }] } },
      dentist,
    );
    await t.data(`mutation($id: ID!) { performTreatment(id: $id) { id } }`, { id: addTreatment.id }, dentist);
    const rows = await eventually(async () => {
      const r = await sql(`select * from patient_earned_entries where treatment_id = ?`, [addTreatment.id]);
      return r.length ? r : null;
    });
    const net = Number(addTreatment.price);
    const rate = Number(addTreatment.vatRate ?? 0);
    const gross = (Math.round(net * (100 + rate)) / 100).toFixed(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ net_amount: addTreatment.price, amount: gross, professional_id: dentist.userId });
    // The (clinic, treatment) key: a second booking is refused by the database itself.
    await expect(
      sql(
        `insert into patient_earned_entries (id, clinic_id, patient_id, treatment_id, source, net_amount, vat_rate, amount,
           performed_at, source_event, created_at)
         values (gen_random_uuid(), ?, ?, ?, 'plan_item', 1, 0, 1, now(), 'test', now())`,
        [admin.clinicId, patientId, addTreatment.id],
      ),
    ).rejects.toThrow(/unique/);
    await record({ patientId, amount: '100.00', method: 'CARD' });
    const acc = await account(patientId);
    const owed = (Number(gross) - 100).toFixed(2);
    expect(acc).toMatchObject({ earned: gross, paid: '100.00', balance: owed, receivable: owed, credit: '0.00' });
    expect(acc.pendingCharges).toEqual([
      expect.objectContaining({ treatmentId: addTreatment.id, amount: gross, outstanding: owed, ageDays: 0 }),
    ]);
    expect(acc.ledger.map((e: { kind: string }) => e.kind).sort()).toEqual(['EARNED', 'PAYMENT']);
    const aging = (
      await t.data(
        `{ receivablesAging { total buckets { label amount patientCount } patients { patient { id } receivable bucket } } }`,
        {},
        receptionist,
      )
    ).receivablesAging;
    expect(aging.patients).toContainEqual({ patient: { id: patientId }, receivable: owed, bucket: '0-30' });
    expect(aging.buckets[0]).toMatchObject({ label: '0-30' });
  });

  it('sums collections, refunds and earned work for a period', async () => {
    const today = clinicToday().day;
    const r = await t.data(
      `query($from: Date!, $to: Date!) { paymentsSummary(from: $from, to: $to) { collected refunded net paymentCount
        byMethod { method collected refunded } byMonth { month collected } } }`,
      { from: '2026-01-01', to: today },
      receptionist,
    );
    expect(Number(r.paymentsSummary.collected)).toBeGreaterThan(0);
    expect(Number(r.paymentsSummary.net)).toBeCloseTo(
      Number(r.paymentsSummary.collected) - Number(r.paymentsSummary.refunded),
      2,
    );
    const tooLong = await t.gql(`{ paymentsSummary(from: "2020-01-01", to: "2026-01-01") { net } }`, {}, admin);
    expect(code(tooLong)).toBe('BAD_USER_INPUT');
  });

  it('checks permissions per role', async () => {
    const patientId = await newPatient('Hugo');
    expect(code(await record({ patientId, amount: '10.00', method: 'CASH' }, hygienist))).toBe('FORBIDDEN');
    const p = (await record({ patientId, amount: '10.00', method: 'CASH' }, receptionist)).data!.recordPayment;
    expect(code(await t.gql(REFUND, { paymentId: p.id, amount: '1.00', reasonCode: 'OTHER' }, receptionist))).toBe(
      'FORBIDDEN',
    );
    expect(code(await t.gql(`{ receivablesAging { total } }`, {}, hygienist))).toBe('FORBIDDEN');
    expect((await t.gql(`{ receivablesAging { total } }`, {}, receptionist)).errors).toBeUndefined();
    expect((await t.gql(ACCOUNT, { id: patientId }, hygienist)).errors).toBeUndefined();
  });

  it('keeps every clinic to itself', async () => {
    const patientId = await newPatient('Ines');
    const p = (await record({ patientId, amount: '30.00', method: 'CASH' })).data!.recordPayment;
    expect((await t.data(`query($id: ID!) { payment(id: $id) { id } }`, { id: p.id }, otherClinic)).payment).toBeNull();
    expect(code(await t.gql(ACCOUNT, { id: patientId }, otherClinic))).toBe('NOT_FOUND');
    expect(code(await record({ patientId, amount: '5.00', method: 'CASH' }, otherClinic))).toBe('NOT_FOUND');
    expect(code(await t.gql(REFUND, { paymentId: p.id, amount: '1.00', reasonCode: 'OTHER' }, otherClinic))).toBe(
      'NOT_FOUND',
    );
    const listed = (await t.data(`{ payments { total items { id } } }`, {}, otherClinic)).payments;
    expect(listed.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });
});
