import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  badInput,
  cents,
  clinicTimezone,
  DomainError,
  LockMode,
  money,
  notFound,
  parseClinicDateTime,
  parseInput,
  publish,
  type EntityManager,
  type FilterQuery,
  type Identity,
  type SupergraphQuery,
  localDate,
  addDays,
  parseClinicInterval,
  pageSizeSchema,
} from '@dentalpin/core';
import {
  Invoice,
  InvoiceHistory,
  InvoiceItem,
  InvoicePayment,
  InvoiceSeries,
  PAYMENT_METHODS,
  type InvoiceKind,
  type PaymentMethod,
} from './entities.ts';
import { checkTransition, fromGraphQL, NO_BALANCE, PAYABLE, toGraphQL, type InvoiceStatus } from './lifecycle.ts';
import { lineAmounts, negate, totalsOf, type LineAmounts, type LineInput } from './money.ts';
import { BillingBudgetDocument, BillingPatientDocument, type BillingBudgetQuery } from './generated/operations.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (what: string) => z.string().regex(UUID, `is not a valid ${what} id`);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .nullish();

/** A positive amount with at most two decimals ("120.50"); "0.001", "0" and negatives are refused. */
export const amount = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .refine((a) => money(a).gt(0), 'must be more than 0')
  .transform((a) => cents(money(a)));
/** Zero or more, at most two decimals. */
const nonNegative = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .transform((a) => cents(money(a)));
const rate = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage such as "21" or "10.5" (at most 2 decimals)')
  .refine((r) => money(r).lte(100), 'cannot be more than 100')
  .transform((r) => cents(money(r)));
const method = z
  .string()
  .trim()
  .transform((m) => m.toLowerCase())
  .refine((m): m is PaymentMethod => (PAYMENT_METHODS as readonly string[]).includes(m), {
    message: `must be one of ${PAYMENT_METHODS.map(toGraphQL).join(', ')}`,
  })
  .transform((m) => m as PaymentMethod);

export const invoiceLineInput = z
  .object({
    catalogItemId: id('catalog item').nullish(),
    description: z.string().trim().min(1, 'is required').max(500, 'is longer than 500 characters'),
    quantity: z.number().int().min(1, 'must be 1 or more').max(9999, 'must be at most 9999'),
    unitPrice: nonNegative,
    vatRate: rate,
    discount: nonNegative.nullish(),
  })
  .refine((l) => money(l.discount ?? 0).lte(money(l.unitPrice).times(l.quantity)), {
    message: 'discount cannot be more than unitPrice × quantity',
    path: ['discount'],
  });

export const createInvoiceInput = z.object({
  patientId: id('patient'),
  professionalId: id('professional').nullish(),
  billingName: text(200),
  billingTaxId: text(50),
  billingAddress: text(1000),
  billingEmail: z.string().trim().email('is not an email address').max(255).nullish(),
  paymentTermDays: z.number().int().min(0, 'must be 0 or more').max(365, 'must be at most 365').nullish(),
  notes: text(2000),
  items: z.array(invoiceLineInput).max(200, 'at most 200 lines'),
});

export const paymentInput = z.object({
  invoiceId: id('invoice'),
  amount,
  method,
  reference: text(200),
  /** ISO 8601; without an offset it is a wall-clock time in the clinic's time zone. Default: now. */
  paidAt: z.string().nullish(),
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const page = z.number().int().min(1, 'must be 1 or more').default(1);

export const listInput = z.object({
  patientId: id('patient').nullish(),
  status: z.array(z.string()).nullish(),
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']).nullish(),
  issuedFrom: date.nullish(),
  issuedTo: date.nullish(),
  page,
  pageSize: pageSizeSchema(20, 500),
});

/** from/to: ISO 8601; without an offset, wall-clock times in the clinic's time zone. */
export const paymentsInput = z.object({ from: z.string(), to: z.string(), page, pageSize: pageSizeSchema(100, 500) });

export const invoiceTotalsInput = z
  .object({ issuedFrom: date, issuedTo: date, professionalId: id('professional').nullish() })
  .refine((i) => i.issuedFrom <= i.issuedTo, { message: 'must be on or after issuedFrom', path: ['issuedTo'] });
export const paymentTotalsInput = z.object({
  from: z.string(),
  to: z.string(),
  professionalId: id('professional').nullish(),
});

/** Sums of invoices sharing kind, status, issue month and professional. */
export interface InvoiceTotals {
  kind: InvoiceKind;
  status: InvoiceStatus;
  month: string;
  professionalId: string | null;
  count: number;
  total: string;
  totalTax: string;
  balance: string;
}

/** Sums of payments sharing method, clinic-local month and their invoice's professional. */
export interface PaymentTotals {
  method: PaymentMethod;
  month: string;
  professionalId: string | null;
  count: number;
  amount: string;
}

export const createSeriesInput = z.object({
  prefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{1,20}$/, 'may contain only letters, digits and "-" (up to 20)'),
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']).transform((k) => k.toLowerCase() as InvoiceKind),
  description: text(200),
  resetYearly: z.boolean().nullish(),
  isDefault: z.boolean().nullish(),
});

const reasonInput = z.string().trim().min(1, 'is required: say why').max(500, 'is longer than 500 characters');

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What billing reads of a budget (through the supergraph; the budget module owns it). */
type BudgetView = NonNullable<BillingBudgetQuery['budget']>;

const pgCode = (e: unknown): string | undefined => {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = err?.code ?? err?.cause?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Invoices, credit notes and payments of one clinic. Every read and write is scoped to the caller's clinic. */
export class BillingService {
  private readonly clinicId: string;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly query: SupergraphQuery,
  ) {
    this.clinicId = identity.clinicId;
  }

  // ---- reads --------------------------------------------------------------------------

  async list(raw: unknown): Promise<Page<Invoice>> {
    const input = parseInput(listInput, raw);
    const where: FilterQuery<Invoice> = { clinicId: this.clinicId };
    if (input.patientId) where.patientId = input.patientId;
    if (input.status?.length) where.status = { $in: input.status.map(fromGraphQL) };
    if (input.kind) where.kind = input.kind.toLowerCase() as InvoiceKind;
    if (input.issuedFrom || input.issuedTo)
      where.issueDate = {
        ...(input.issuedFrom ? { $gte: input.issuedFrom } : {}),
        ...(input.issuedTo ? { $lte: input.issuedTo } : {}),
      };
    const [items, total] = await this.em.findAndCount(Invoice, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  get(invoiceId: string): Promise<Invoice | null> {
    if (!UUID.test(invoiceId)) throw badInput(`"${invoiceId}" is not a valid invoice id.`);
    return this.em.findOne(Invoice, { id: invoiceId, clinicId: this.clinicId });
  }

  async byIds(ids: readonly string[]): Promise<(Invoice | null)[]> {
    const found = await this.em.find(Invoice, {
      id: { $in: ids.filter((i) => UUID.test(i)) },
      clinicId: this.clinicId,
    });
    const map = new Map(found.map((i) => [i.id, i]));
    return ids.map((i) => map.get(i) ?? null);
  }

  /** Rows per id, in input order (one query for any number of ids); `key` says which id a row belongs to. */
  private grouped<T>(
    rows: T[],
    ids: readonly string[],
    key: (row: T) => string | null | undefined = (r) => (r as { invoiceId: string }).invoiceId,
  ): T[][] {
    const map = new Map<string, T[]>(ids.map((i) => [i, []]));
    for (const r of rows) map.get(key(r) ?? '')?.push(r);
    return ids.map((i) => map.get(i) ?? []);
  }

  async itemsOf(ids: readonly string[]): Promise<InvoiceItem[][]> {
    const rows = await this.em.find(
      InvoiceItem,
      { invoiceId: { $in: [...ids] }, clinicId: this.clinicId },
      { orderBy: { displayOrder: 'asc', id: 'asc' } },
    );
    return this.grouped(rows, ids);
  }

  async paymentsOf(ids: readonly string[]): Promise<InvoicePayment[][]> {
    const rows = await this.em.find(
      InvoicePayment,
      { invoiceId: { $in: [...ids] }, clinicId: this.clinicId },
      { orderBy: { paidAt: 'asc', id: 'asc' } },
    );
    return this.grouped(rows, ids);
  }

  async historyOf(ids: readonly string[]): Promise<InvoiceHistory[][]> {
    const rows = await this.em.find(
      InvoiceHistory,
      { invoiceId: { $in: [...ids] }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return this.grouped(rows, ids);
  }

  /** Credit notes per invoice id (the Invoice.creditNotes field, batched). */
  async creditNotesOf(ids: readonly string[]): Promise<Invoice[][]> {
    const rows = await this.em.find(
      Invoice,
      { creditNoteForId: { $in: ids.filter((i) => UUID.test(i)) }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return this.grouped(rows, ids, (r) => r.creditNoteForId);
  }

  /** Invoices per patient id, newest first (the Patient.invoices field, batched). */
  async ofPatients(patientIds: readonly string[]): Promise<Invoice[][]> {
    const rows = await this.em.find(
      Invoice,
      { patientId: { $in: patientIds.filter((i) => UUID.test(i)) }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    return this.grouped(rows, patientIds, (r) => r.patientId);
  }

  async payments(raw: unknown): Promise<Page<InvoicePayment>> {
    const input = parseInput(paymentsInput, raw);
    const { from, to } = parseClinicInterval(input.from, input.to, await clinicTimezone(this.em, this.clinicId));
    const [items, total] = await this.em.findAndCount(
      InvoicePayment,
      { clinicId: this.clinicId, paidAt: { $gte: from, $lt: to } },
      { orderBy: { paidAt: 'asc', id: 'asc' }, limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
    );
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  /**
   * Invoices issued on the clinic-local days issuedFrom..issuedTo, summed in the database by kind,
   * status, issue month and professional: what a report needs, without moving the rows.
   */
  async invoiceTotals(raw: unknown): Promise<InvoiceTotals[]> {
    const input = parseInput(invoiceTotalsInput, raw);
    const rows = await this.em.getConnection().execute<InvoiceTotals[]>(
      `select kind, status, to_char(issue_date, 'YYYY-MM') as month, professional_id as "professionalId",
              count(*)::int as count, sum(total) as total, sum(total_tax) as "totalTax",
              sum(case when kind = 'credit_note' or status in (${NO_BALANCE.map(() => '?').join(', ')})
                       then 0 else total - paid_amount end) as balance
         from invoices
        where clinic_id = ? and issue_date between ? and ? and (?::uuid is null or professional_id = ?::uuid)
        group by 1, 2, 3, 4
        order by 3, 1, 2, 4`,
      [
        ...NO_BALANCE,
        this.clinicId,
        input.issuedFrom,
        input.issuedTo,
        input.professionalId ?? null,
        input.professionalId ?? null,
      ],
      'all',
      this.em.getTransactionContext(),
    );
    // numeric sums keep the scale of their terms: "0" for a group owing nothing, so normalise to cents.
    return rows.map((r) => ({ ...r, total: cents(r.total), totalTax: cents(r.totalTax), balance: cents(r.balance) }));
  }

  /** Payments with paidAt in [from, to), summed in the database by method, clinic-local month and professional. */
  async paymentTotals(raw: unknown): Promise<PaymentTotals[]> {
    const input = parseInput(paymentTotalsInput, raw);
    const tz = await clinicTimezone(this.em, this.clinicId);
    const { from, to } = parseClinicInterval(input.from, input.to, tz);
    const rows = await this.em.getConnection().execute<PaymentTotals[]>(
      `select p.method, to_char(p.paid_at at time zone ?, 'YYYY-MM') as month, i.professional_id as "professionalId",
              count(*)::int as count, sum(p.amount) as amount
         from invoice_payments p
         join invoices i on i.id = p.invoice_id
        where p.clinic_id = ? and p.paid_at >= ? and p.paid_at < ? and (?::uuid is null or i.professional_id = ?::uuid)
        group by 1, 2, 3
        order by 2, 1, 3`,
      [tz, this.clinicId, from, to, input.professionalId ?? null, input.professionalId ?? null],
      'all',
      this.em.getTransactionContext(),
    );
    return rows.map((r) => ({ ...r, amount: cents(r.amount) }));
  }

  series(): Promise<InvoiceSeries[]> {
    return this.em.find(InvoiceSeries, { clinicId: this.clinicId }, { orderBy: { kind: 'asc', prefix: 'asc' } });
  }

  // ---- series (billing.admin) ----------------------------------------------------------

  async createSeries(raw: unknown): Promise<InvoiceSeries> {
    const input = parseInput(createSeriesInput, raw);
    try {
      return await this.em.transactional(async (em) => {
        if (input.isDefault)
          await em.nativeUpdate(
            InvoiceSeries,
            { clinicId: this.clinicId, kind: input.kind, isDefault: true },
            { isDefault: false },
          );
        return em.create(InvoiceSeries, {
          id: randomUUID(),
          clinicId: this.clinicId,
          prefix: input.prefix,
          kind: input.kind,
          description: input.description ?? null,
          isDefault: Boolean(input.isDefault),
          resetYearly: input.resetYearly ?? true,
          isActive: true,
        });
      });
    } catch (e) {
      if (pgCode(e) === '23505')
        throw new DomainError(
          'CONFLICT',
          (e as { constraint?: string }).constraint === 'invoice_series_one_default'
            ? 'Another default series was set at the same time; reload and try again.'
            : `The clinic already has a series with the prefix ${input.prefix}.`,
        );
      throw e;
    }
  }

  async setDefaultSeries(seriesId: string): Promise<InvoiceSeries> {
    if (!UUID.test(seriesId)) throw badInput(`"${seriesId}" is not a valid series id.`);
    return this.em.transactional(async (em) => {
      // One default per clinic and kind: concurrent changes queue on the clinic's series rows.
      const all = await em.find(
        InvoiceSeries,
        { clinicId: this.clinicId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      const series = all.find((s) => s.id === seriesId);
      if (!series) throw notFound('Invoice series', seriesId);
      if (series.isDefault)
        throw new DomainError('ALREADY_IN_STATE', `${series.prefix} is already the default series of its kind.`);
      const previous = all.find((s) => s.kind === series.kind && s.isDefault);
      if (previous) {
        previous.isDefault = false;
        await em.flush();
      }
      series.isDefault = true;
      return series;
    });
  }

  // ---- writes -------------------------------------------------------------------------

  async create(raw: unknown): Promise<Invoice> {
    const input = parseInput(createInvoiceInput, raw);
    await this.requirePatient(input.patientId);
    if (input.professionalId) await this.requireProfessional(input.professionalId);
    const lines = input.items.map((l) => {
      const line: LineInput = {
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discount: l.discount ?? '0.00',
        vatRate: l.vatRate,
      };
      return { ...line, ...lineAmounts(line), description: l.description, catalogItemId: l.catalogItemId ?? null };
    });
    return this.em.transactional(async (em) => {
      const invoice = em.create(Invoice, {
        id: randomUUID(),
        clinicId: this.clinicId,
        kind: 'invoice',
        status: 'draft',
        patientId: input.patientId,
        professionalId: input.professionalId ?? null,
        paymentTermDays: input.paymentTermDays ?? 30,
        billingName: input.billingName ?? null,
        billingTaxId: input.billingTaxId ?? null,
        billingAddress: input.billingAddress ?? null,
        billingEmail: input.billingEmail ?? null,
        notes: input.notes ?? null,
        ...totalsOf(lines),
        paidAmount: '0.00',
        createdBy: this.identity.userId,
      });
      this.addLines(em, invoice, lines);
      this.history(em, invoice, 'created', null, 'draft', { lines: lines.length });
      return invoice;
    });
  }

  async createFromBudget(budgetId: string): Promise<Invoice> {
    if (!UUID.test(budgetId)) throw badInput(`"${budgetId}" is not a valid budget id.`);
    const { budget } = await this.query(BillingBudgetDocument, { id: budgetId });
    if (!budget) throw notFound('Budget', budgetId);
    if (budget.status !== 'ACCEPTED')
      throw new DomainError(
        'INVALID_TRANSITION',
        `Budget ${budget.number} is ${budget.status}: only an ACCEPTED budget can be invoiced. Have the patient accept it first.`,
        { budgetStatus: budget.status },
      );
    await this.assertBudgetFree(this.em, budget);
    const lines = budget.items.map((i) => ({
      quantity: i.quantity,
      unitPrice: cents(money(i.unitPrice)),
      discount: cents(money(i.lineDiscount)),
      vatRate: cents(money(i.vatRate)),
      netAmount: cents(money(i.netAmount)),
      taxAmount: cents(money(i.taxAmount)),
      total: cents(money(i.total)),
      description: i.description,
      catalogItemId: i.catalogItemId,
      budgetItemId: i.id,
    }));
    const totals = totalsOf(lines);
    if (!money(totals.total).eq(budget.total))
      throw new DomainError(
        'CONFLICT',
        `Budget ${budget.number}'s lines add up to ${totals.total}, not its total ${budget.total}; it cannot be invoiced as is.`,
      );
    try {
      return await this.em.transactional(async (em) => {
        await this.assertBudgetFree(em, budget);
        const invoice = em.create(Invoice, {
          id: randomUUID(),
          clinicId: this.clinicId,
          kind: 'invoice',
          status: 'draft',
          patientId: budget.patient.id,
          professionalId: budget.professional?.id ?? null,
          budgetId: budget.id,
          paymentTermDays: 30,
          ...totals,
          paidAmount: '0.00',
          createdBy: this.identity.userId,
        });
        this.addLines(em, invoice, lines);
        this.history(em, invoice, 'created', null, 'draft', { budget_id: budget.id, budget_number: budget.number });
        return invoice;
      });
    } catch (e) {
      // Two parallel requests for one budget: the partial unique index lets one through.
      if (pgCode(e) === '23505') throw this.budgetTaken(budget);
      throw e;
    }
  }

  private async assertBudgetFree(em: EntityManager, budget: BudgetView) {
    const existing = await em.findOne(Invoice, {
      clinicId: this.clinicId,
      budgetId: budget.id,
      kind: 'invoice',
      status: { $ne: 'voided' },
    });
    if (existing) throw this.budgetTaken(budget, existing);
  }

  private budgetTaken(budget: BudgetView, existing?: Invoice) {
    return new DomainError(
      'CONFLICT',
      `Budget ${budget.number} is already invoiced${
        existing ? ` (${existing.number ?? `draft ${existing.id}`})` : ''
      }; void that invoice first to invoice it again.`,
      existing ? { invoiceId: existing.id } : undefined,
    );
  }

  async issue(invoiceId: string): Promise<Invoice> {
    const current = await this.get(invoiceId);
    if (!current) throw notFound('Invoice', invoiceId);
    checkTransition(current.status as InvoiceStatus, 'issued');
    // Defaults from the patient (read before the transaction: no lock is held during the supergraph call).
    let billingName = current.billingName;
    let billingEmail = current.billingEmail;
    if (!billingName || !billingEmail) {
      const { patient } = await this.query(BillingPatientDocument, { id: current.patientId });
      billingName ||= patient?.fullName?.trim() || null;
      billingEmail ||= patient?.email || null;
    }
    return this.em.transactional(async (em) => {
      const invoice = await this.lock(em, invoiceId);
      checkTransition(invoice.status as InvoiceStatus, 'issued');
      if (!(await em.count(InvoiceItem, { invoiceId: invoice.id, clinicId: this.clinicId })))
        throw badInput('The invoice has no lines: add at least one before issuing it.');
      if (!billingName)
        throw badInput('The invoice needs a billing name (the patient has none): set billingName before issuing.');
      const now = new Date();
      const issueDate = localDate(now, await clinicTimezone(em, this.clinicId));
      Object.assign(invoice, await this.nextNumber(em, 'invoice', issueDate), {
        status: 'issued',
        billingName,
        billingEmail,
        issueDate,
        dueDate: addDays(issueDate, invoice.paymentTermDays),
        issuedAt: now,
        issuedBy: this.identity.userId,
      });
      this.history(em, invoice, 'issued', 'draft', 'issued', { number: invoice.number });
      await em.flush();
      await publish(em, 'invoice.issued', {
        clinic_id: this.clinicId,
        invoice_id: invoice.id,
        patient_id: invoice.patientId,
        invoice_number: invoice.number,
        total: invoice.total,
        issued_by: this.identity.userId,
      });
      return invoice;
    });
  }

  async recordPayment(raw: unknown): Promise<Invoice> {
    const input = parseInput(paymentInput, raw);
    const paidAt = input.paidAt
      ? parseClinicDateTime(input.paidAt, await clinicTimezone(this.em, this.clinicId), 'paidAt')
      : new Date();
    if (paidAt.getTime() > Date.now() + 60_000) throw badInput('paidAt cannot be in the future.');
    try {
      return await this.em.transactional(async (em) => {
        const invoice = await this.lock(em, input.invoiceId);
        if (invoice.kind === 'credit_note') throw badInput('A credit note takes no payments.');
        const status = invoice.status as InvoiceStatus;
        if (!PAYABLE.includes(status))
          throw new DomainError(
            'INVALID_TRANSITION',
            `Payments are recorded on ISSUED or PARTIAL invoices; ${invoice.number ?? 'this invoice'} is ${toGraphQL(status)}.`,
          );
        const balance = money(invoice.total).minus(invoice.paidAmount);
        if (money(input.amount).gt(balance))
          throw badInput(
            `The payment of ${input.amount} is more than the balance of ${cents(balance)} on ${invoice.number}.`,
            { balance: cents(balance) },
          );
        const paid = money(invoice.paidAmount).plus(input.amount);
        const to: InvoiceStatus = paid.gte(invoice.total) ? 'paid' : 'partial';
        if (to !== status) checkTransition(status, to);
        invoice.paidAmount = cents(paid);
        invoice.status = to;
        const payment = em.create(InvoicePayment, {
          id: randomUUID(),
          clinicId: this.clinicId,
          invoiceId: invoice.id,
          amount: input.amount,
          method: input.method,
          paidAt,
          reference: input.reference ?? null,
          recordedBy: this.identity.userId,
        });
        this.history(em, invoice, 'payment_recorded', status, to, {
          payment_id: payment.id,
          amount: input.amount,
          method: input.method,
        });
        await em.flush();
        const base = {
          clinic_id: this.clinicId,
          invoice_id: invoice.id,
          patient_id: invoice.patientId,
          invoice_number: invoice.number,
        };
        await publish(em, 'invoice.payment_recorded', {
          ...base,
          payment_id: payment.id,
          amount: input.amount,
          method: toGraphQL(input.method),
          balance: cents(money(invoice.total).minus(paid)),
        });
        if (to === 'paid') await publish(em, 'invoice.paid', { ...base, total: invoice.total });
        return invoice;
      });
    } catch (e) {
      // The database's own guard (paid_amount <= total): only reachable if the code above raced.
      if (pgCode(e) === '23514')
        throw new DomainError('CONFLICT', 'The payment would take the invoice over its total; reload it and retry.');
      throw e;
    }
  }

  async void(invoiceId: string, rawReason: unknown): Promise<Invoice> {
    const reason = parseInput(z.object({ reason: reasonInput }), { reason: rawReason }).reason;
    return this.em.transactional(async (em) => {
      const invoice = await this.lock(em, invoiceId);
      if (invoice.kind === 'credit_note')
        throw new DomainError('INVALID_TRANSITION', 'A credit note cannot be voided: it is final once issued.');
      const from = invoice.status as InvoiceStatus;
      checkTransition(from, 'voided');
      if (money(invoice.paidAmount).gt(0))
        throw new DomainError('CONFLICT', 'The invoice has payments: issue a credit note instead of voiding it.');
      Object.assign(invoice, { status: 'voided', voidedAt: new Date(), voidReason: reason });
      this.history(em, invoice, 'voided', from, 'voided', { reason });
      await em.flush();
      await publish(em, 'invoice.voided', {
        clinic_id: this.clinicId,
        invoice_id: invoice.id,
        patient_id: invoice.patientId,
        invoice_number: invoice.number ?? null,
        reason,
        voided_by: this.identity.userId,
      });
      return invoice;
    });
  }

  async createCreditNote(invoiceId: string, rawReason: unknown): Promise<Invoice> {
    const reason = parseInput(z.object({ reason: reasonInput }), { reason: rawReason }).reason;
    return this.em.transactional(async (em) => {
      const original = await this.lock(em, invoiceId);
      if (original.kind === 'credit_note') throw badInput('A credit note cannot itself be credited.');
      const from = original.status as InvoiceStatus;
      if (from === 'draft')
        throw new DomainError('INVALID_TRANSITION', 'A draft has no number to credit: void the draft instead.');
      checkTransition(from, 'cancelled');
      const [items] = await this.itemsOfIn(em, [original.id]);
      const now = new Date();
      const issueDate = localDate(now, await clinicTimezone(em, this.clinicId));
      const note = em.create(Invoice, {
        id: randomUUID(),
        clinicId: this.clinicId,
        kind: 'credit_note',
        status: 'issued',
        patientId: original.patientId,
        professionalId: original.professionalId ?? null,
        budgetId: original.budgetId ?? null,
        creditNoteForId: original.id,
        ...(await this.nextNumber(em, 'credit_note', issueDate)),
        issueDate,
        dueDate: null,
        paymentTermDays: 0,
        billingName: original.billingName ?? null,
        billingTaxId: original.billingTaxId ?? null,
        billingAddress: original.billingAddress ?? null,
        billingEmail: original.billingEmail ?? null,
        subtotal: negate(original.subtotal),
        totalDiscount: negate(original.totalDiscount),
        totalTax: negate(original.totalTax),
        total: negate(original.total),
        paidAmount: '0.00',
        notes: reason,
        createdBy: this.identity.userId,
        issuedBy: this.identity.userId,
        issuedAt: now,
      });
      this.addLines(
        em,
        note,
        items.map((i) => ({
          quantity: i.quantity,
          unitPrice: negate(i.unitPrice),
          discount: negate(i.discount),
          vatRate: i.vatRate,
          netAmount: negate(i.netAmount),
          taxAmount: negate(i.taxAmount),
          total: negate(i.total),
          description: i.description,
          catalogItemId: i.catalogItemId ?? null,
          budgetItemId: i.budgetItemId ?? null,
        })),
      );
      Object.assign(original, { status: 'cancelled', cancelledAt: now });
      this.history(em, original, 'credit_note_created', from, 'cancelled', { credit_note_id: note.id, reason });
      this.history(em, note, 'credit_note_issued', null, 'issued', { credit_note_for_id: original.id, reason });
      await em.flush();
      await publish(em, 'credit_note.issued', {
        clinic_id: this.clinicId,
        credit_note_id: note.id,
        credit_note_number: note.number,
        invoice_id: original.id,
        invoice_number: original.number,
        patient_id: original.patientId,
        total: note.total,
        reason,
        issued_by: this.identity.userId,
      });
      return note;
    });
  }

  // ---- helpers ------------------------------------------------------------------------

  private async itemsOfIn(em: EntityManager, ids: string[]) {
    const rows = await em.find(
      InvoiceItem,
      { invoiceId: { $in: ids }, clinicId: this.clinicId },
      {
        orderBy: { displayOrder: 'asc', id: 'asc' },
      },
    );
    return this.grouped(rows, ids);
  }

  /** Row lock: concurrent changes of one invoice (payments, issue, void) apply one after the other. */
  private async lock(em: EntityManager, invoiceId: string): Promise<Invoice> {
    if (!UUID.test(invoiceId)) throw badInput(`"${invoiceId}" is not a valid invoice id.`);
    const invoice = await em.findOne(
      Invoice,
      { id: invoiceId, clinicId: this.clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!invoice) throw notFound('Invoice', invoiceId);
    return invoice;
  }

  /**
   * The next number of the clinic's default series of `kind`, taken under the counter row's lock (held to
   * the end of the transaction): no gaps (a rolled-back issue rolls the counter back) and no duplicates.
   */
  private async nextNumber(em: EntityManager, kind: InvoiceKind, issueDate: string) {
    const series = await em.findOne(InvoiceSeries, { clinicId: this.clinicId, kind, isDefault: true, isActive: true });
    if (!series)
      throw new DomainError(
        'CONFLICT',
        `No default ${kind === 'invoice' ? 'invoice' : 'credit-note'} series is configured for this clinic.`,
      );
    const year = Number(issueDate.slice(0, 4));
    const numberYear = series.resetYearly ? year : 0;
    const [row] = await em.execute<{ last_number: number }[]>(
      `insert into invoice_series_counters (series_id, year, last_number) values (?, ?, 1)
       on conflict (series_id, year) do update set last_number = invoice_series_counters.last_number + 1
       returning last_number`,
      [series.id, numberYear],
    );
    const sequentialNumber = Number(row.last_number);
    return {
      seriesId: series.id,
      numberYear,
      sequentialNumber,
      number: `${series.prefix}-${year}-${String(sequentialNumber).padStart(4, '0')}`,
    };
  }

  private addLines(
    em: EntityManager,
    invoice: Invoice,
    lines: (LineInput &
      LineAmounts & { description: string; catalogItemId: string | null; budgetItemId?: string | null })[],
  ) {
    lines.forEach((l, i) =>
      em.create(InvoiceItem, {
        clinicId: this.clinicId,
        invoiceId: invoice.id,
        budgetItemId: l.budgetItemId ?? null,
        catalogItemId: l.catalogItemId,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discount: l.discount,
        vatRate: l.vatRate,
        netAmount: l.netAmount,
        taxAmount: l.taxAmount,
        total: l.total,
        displayOrder: i + 1,
      }),
    );
  }

  private history(
    em: EntityManager,
    invoice: Invoice,
    action: string,
    from: InvoiceStatus | null,
    to: InvoiceStatus | null,
    details: Record<string, unknown>,
  ) {
    em.create(InvoiceHistory, {
      clinicId: this.clinicId,
      invoiceId: invoice.id,
      action,
      fromStatus: from,
      toStatus: to,
      details,
      actorId: this.identity.userId,
    });
  }

  private async requirePatient(patientId: string) {
    const { patient } = await this.query(BillingPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    return patient;
  }

  private async requireProfessional(userId: string) {
    const [row] = await this.em.execute<{ id: string }[]>(
      `select user_id as id from clinic_memberships where clinic_id = ? and user_id = ?`,
      [this.clinicId, userId],
    );
    if (!row) throw badInput(`User ${userId} is not a member of this clinic.`);
  }
}

/** paid and balance as the API shows them: a cancelled, voided invoice or a credit note owes nothing. */
export function balanceOf(invoice: Invoice): string {
  if (invoice.kind === 'credit_note' || NO_BALANCE.includes(invoice.status as InvoiceStatus)) return '0.00';
  return cents(money(invoice.total).minus(invoice.paidAmount));
}
