import { randomUUID } from 'node:crypto';
import {
  addDays,
  badInput,
  cents,
  clinicTimezone,
  DomainError,
  enumNames,
  localDate,
  LockMode,
  money,
  notFound,
  parseClinicDateTime,
  parseInput,
  pgErrorCode,
  publish,
  requireProfessional,
  uuidArg,
  type EntityManager,
} from '@dentalpin/core';
import { enumResolvers } from '../generated/graphql.ts';
import { Invoice, InvoiceHistory, InvoiceItem, InvoicePayment, InvoiceSeries } from '../entities.ts';
import { createInvoiceInput, paymentInput, reasonInput, refundInput } from '../inputs.ts';
import { invoiceStatus, PAYABLE, REFUNDABLE, type InvoiceStatus } from '../status.ts';
import { BillingBudgetDocument, BillingPatientDocument, type BillingBudgetQuery } from '../generated/operations.ts';
import { InvoiceReads, linesOf } from './reads.ts';
import { createSeries, listSeries, nextNumber, setDefaultSeries } from './series.ts';
import {
  invoiceTotals,
  lineAmounts,
  negate,
  paymentTotals,
  totalsOf,
  type InvoiceTotals,
  type LineAmounts,
  type LineInput,
  type PaymentTotals,
} from './totals.ts';

export { balanceOf, type InvoiceTotals, type PaymentTotals } from './totals.ts';
export { ensureDefaultSeries, ensureDefaultSeriesForAllClinics } from './series.ts';
export type { Page } from './reads.ts';

/** What billing reads of a budget (through the supergraph; the budget module owns it). */
type Budget = NonNullable<BillingBudgetQuery['budget']>;

/** Events carry the method as the API names it (CARD). */
const paymentMethods = enumNames(enumResolvers.PaymentMethod);

/**
 * Invoices, credit notes, payments and series of one clinic: the reads (./reads.ts), series administration
 * (./series.ts), report sums (./totals.ts) and the writes below. Every read and write is scoped to the
 * caller's clinic; whoever built its ServiceContext (`new BillingService(ctx)`) has checked the permissions.
 */
export class BillingService extends InvoiceReads {
  private get identity() {
    return this.ctx.identity;
  }

  // ---- series (billing.admin) and report sums --------------------------------------------

  series(): Promise<InvoiceSeries[]> {
    return listSeries(this.ctx.em, this.clinicId);
  }

  createSeries(raw: unknown): Promise<InvoiceSeries> {
    return createSeries(this.ctx.em, this.clinicId, raw);
  }

  setDefaultSeries(seriesId: string): Promise<InvoiceSeries> {
    return setDefaultSeries(this.ctx.em, this.clinicId, seriesId);
  }

  invoiceTotals(raw: unknown): Promise<InvoiceTotals[]> {
    return invoiceTotals(this.ctx.em, this.clinicId, raw);
  }

  paymentTotals(raw: unknown): Promise<PaymentTotals[]> {
    return paymentTotals(this.ctx.em, this.clinicId, raw);
  }

  // ---- writes -------------------------------------------------------------------------

  async create(raw: unknown): Promise<Invoice> {
    const input = parseInput(createInvoiceInput, raw);
    await this.requirePatient(input.patientId);
    // An active professional of this clinic (the core's one rule, also for budgets and appointments).
    if (input.professionalId) await requireProfessional(this.ctx.em, this.clinicId, input.professionalId);
    const lines = input.items.map((l) => {
      const line: LineInput = {
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discount: l.discount ?? '0.00',
        vatRate: l.vatRate,
      };
      return { ...line, ...lineAmounts(line), description: l.description, catalogItemId: l.catalogItemId ?? null };
    });
    return this.ctx.em.transactional(async (em) => {
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
    uuidArg('budgetId', budgetId, 'budget id');
    const { budget } = await this.ctx.query(BillingBudgetDocument, { id: budgetId });
    if (!budget) throw notFound('Budget', budgetId);
    if (budget.status !== 'ACCEPTED')
      throw new DomainError(
        'INVALID_TRANSITION',
        `Budget ${budget.number} is ${budget.status}: only an ACCEPTED budget can be invoiced. Have the patient accept it first.`,
        { budgetStatus: budget.status },
      );
    await this.assertBudgetFree(this.ctx.em, budget);
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
      return await this.ctx.em.transactional(async (em) => {
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
      if (pgErrorCode(e) === '23505') throw this.budgetTaken(budget);
      throw e;
    }
  }

  private async assertBudgetFree(em: EntityManager, budget: Budget) {
    const existing = await em.findOne(Invoice, {
      clinicId: this.clinicId,
      budgetId: budget.id,
      kind: 'invoice',
      status: { $ne: 'voided' },
    });
    if (existing) throw this.budgetTaken(budget, existing);
  }

  /** `reason` BUDGET_INVOICED, with the budget's and the invoice's numbers: the web words it from those. */
  private budgetTaken(budget: Budget, existing?: Invoice) {
    return new DomainError(
      'CONFLICT',
      `Budget ${budget.number} is already invoiced${
        existing ? ` (${existing.number ?? `draft ${existing.id}`})` : ''
      }; void that invoice first to invoice it again.`,
      {
        reason: 'BUDGET_INVOICED',
        budgetNumber: budget.number,
        ...(existing ? { invoiceId: existing.id, invoiceNumber: existing.number ?? null } : {}),
      },
    );
  }

  async issue(invoiceId: string): Promise<Invoice> {
    const current = await this.get(invoiceId);
    if (!current) throw notFound('Invoice', invoiceId);
    invoiceStatus.assertTransition(current.status, 'issued');
    // Defaults from the patient (read before the transaction: no lock is held during the supergraph call).
    let billingName = current.billingName;
    let billingEmail = current.billingEmail;
    if (!billingName || !billingEmail) {
      const { patient } = await this.ctx.query(BillingPatientDocument, { id: current.patientId });
      billingName ||= patient?.fullName?.trim() || null;
      billingEmail ||= patient?.email || null;
    }
    return this.ctx.em.transactional(async (em) => {
      const invoice = await this.lock(em, invoiceId);
      invoiceStatus.assertTransition(invoice.status, 'issued');
      if (!(await em.count(InvoiceItem, { invoiceId: invoice.id, clinicId: this.clinicId })))
        throw badInput('The invoice has no lines: add at least one before issuing it.');
      if (!billingName)
        throw badInput('The invoice needs a billing name (the patient has none): set billingName before issuing.');
      const now = new Date();
      const issueDate = localDate(now, await clinicTimezone(em, this.clinicId));
      Object.assign(invoice, await nextNumber(em, this.clinicId, 'invoice', issueDate), {
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
      ? parseClinicDateTime(input.paidAt, await clinicTimezone(this.ctx.em, this.clinicId), 'paidAt')
      : new Date();
    if (paidAt.getTime() > Date.now() + 60_000) throw badInput('paidAt cannot be in the future.');
    try {
      return await this.ctx.em.transactional(async (em) => {
        const invoice = await this.lock(em, input.invoiceId);
        if (await this.alreadyRecorded(em, invoice, input.sourceId)) return invoice;
        if (invoice.kind === 'credit_note') throw badInput('A credit note takes no payments.');
        const status = invoice.status;
        if (!PAYABLE.includes(status))
          throw new DomainError(
            'INVALID_TRANSITION',
            `Payments are recorded on ISSUED or PARTIAL invoices; ${invoice.number ?? 'this invoice'} is ${invoiceStatus.toGraphQL(status)}.`,
          );
        const balance = money(invoice.total).minus(invoice.paidAmount);
        if (money(input.amount).gt(balance))
          throw badInput(
            `The payment of ${input.amount} is more than the balance of ${cents(balance)} on ${invoice.number}.`,
            { balance: cents(balance) },
          );
        const paid = money(invoice.paidAmount).plus(input.amount);
        const to: InvoiceStatus = paid.gte(invoice.total) ? 'paid' : 'partial';
        if (to !== status) invoiceStatus.assertTransition(status, to);
        invoice.paidAmount = cents(paid);
        invoice.status = to;
        const payment = em.create(InvoicePayment, {
          id: randomUUID(),
          clinicId: this.clinicId,
          invoiceId: invoice.id,
          kind: 'payment',
          amount: input.amount,
          method: input.method,
          paidAt,
          reference: input.reference ?? null,
          sourceId: input.sourceId ?? null,
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
          source_id: payment.sourceId ?? null,
          amount: input.amount,
          method: paymentMethods.name(input.method),
          balance: cents(money(invoice.total).minus(paid)),
        });
        if (to === 'paid') await publish(em, 'invoice.paid', { ...base, total: invoice.total });
        return invoice;
      });
    } catch (e) {
      // The database's own guard (paid_amount <= total): only reachable if the code above raced.
      if (pgErrorCode(e) === '23514')
        throw new DomainError('CONFLICT', 'The payment would take the invoice over its total; reload it and retry.');
      throw e;
    }
  }

  /**
   * PAID or PARTIAL → PARTIAL or ISSUED: gives back part or all of what was paid on the invoice, at most
   * what is paid (CONFLICT otherwise, nothing written). Under the invoice's row lock, so two refunds at
   * once apply one after the other and the second sees what the first left; the database refuses a
   * paid amount below zero whatever the code does.
   */
  async refundPayment(raw: unknown): Promise<Invoice> {
    const input = parseInput(refundInput, raw);
    try {
      return await this.ctx.em.transactional(async (em) => {
        const invoice = await this.lock(em, input.invoiceId);
        if (await this.alreadyRecorded(em, invoice, input.sourceId)) return invoice;
        if (invoice.kind === 'credit_note')
          throw badInput('A credit note takes no payments, so it has none to refund.');
        const status = invoice.status;
        if (!REFUNDABLE.includes(status))
          throw new DomainError(
            'INVALID_TRANSITION',
            `Refunds are made on PARTIAL or PAID invoices; ${invoice.number ?? 'this invoice'} is ${invoiceStatus.toGraphQL(status)}.`,
          );
        if (money(input.amount).gt(invoice.paidAmount))
          throw new DomainError(
            'CONFLICT',
            `The refund of ${input.amount} is more than the ${invoice.paidAmount} paid on ${invoice.number}; refund at most ${invoice.paidAmount}.`,
            { paid: invoice.paidAmount },
          );
        const paid = money(invoice.paidAmount).minus(input.amount);
        const to: InvoiceStatus = paid.gt(0) ? 'partial' : 'issued';
        if (to !== status) invoiceStatus.assertTransition(status, to);
        invoice.paidAmount = cents(paid);
        invoice.status = to;
        const refund = em.create(InvoicePayment, {
          id: randomUUID(),
          clinicId: this.clinicId,
          invoiceId: invoice.id,
          kind: 'refund',
          amount: input.amount,
          method: input.method,
          paidAt: new Date(),
          reference: null,
          reason: input.reason,
          sourceId: input.sourceId ?? null,
          recordedBy: this.identity.userId,
        });
        this.history(em, invoice, 'payment_refunded', status, to, {
          refund_id: refund.id,
          amount: input.amount,
          method: input.method,
          reason: input.reason,
        });
        await em.flush();
        await publish(em, 'invoice.payment_refunded', {
          clinic_id: this.clinicId,
          invoice_id: invoice.id,
          patient_id: invoice.patientId,
          invoice_number: invoice.number,
          refund_id: refund.id,
          source_id: refund.sourceId ?? null,
          amount: input.amount,
          method: paymentMethods.name(input.method),
          reason: input.reason,
          balance: cents(money(invoice.total).minus(paid)),
        });
        return invoice;
      });
    } catch (e) {
      if (pgErrorCode(e) === '23514')
        throw new DomainError(
          'CONFLICT',
          'The refund would take the paid amount below zero; reload the invoice and retry.',
        );
      throw e;
    }
  }

  /**
   * A movement the caller already recorded under `sourceId` (a retried call): nothing more is written.
   * The same id on another invoice is a caller's mistake (CONFLICT).
   */
  private async alreadyRecorded(em: EntityManager, invoice: Invoice, sourceId: string | null | undefined) {
    if (!sourceId) return false;
    const existing = await em.findOne(InvoicePayment, { clinicId: this.clinicId, sourceId });
    if (!existing) return false;
    if (existing.invoiceId !== invoice.id)
      throw new DomainError('CONFLICT', `The id ${sourceId} already records a movement on another invoice.`);
    return true;
  }

  async void(invoiceId: string, rawReason: unknown): Promise<Invoice> {
    const { reason } = parseInput(reasonInput, { reason: rawReason });
    uuidArg('id', invoiceId, 'invoice id');
    return this.ctx.em.transactional(async (em) => {
      const invoice = await this.lock(em, invoiceId);
      if (invoice.kind === 'credit_note')
        throw new DomainError('INVALID_TRANSITION', 'A credit note cannot be voided: it is final once issued.');
      const from = invoice.status;
      invoiceStatus.assertTransition(from, 'voided');
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
    const { reason } = parseInput(reasonInput, { reason: rawReason });
    uuidArg('invoiceId', invoiceId, 'invoice id');
    return this.ctx.em.transactional(async (em) => {
      const original = await this.lock(em, invoiceId);
      if (original.kind === 'credit_note') throw badInput('A credit note cannot itself be credited.');
      const from = original.status;
      if (from === 'draft')
        throw new DomainError('INVALID_TRANSITION', 'A draft has no number to credit: void the draft instead.');
      invoiceStatus.assertTransition(from, 'cancelled');
      const [items] = await linesOf(em, this.clinicId, [original.id]);
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
        ...(await nextNumber(em, this.clinicId, 'credit_note', issueDate)),
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

  /** Row lock: concurrent changes of one invoice (payments, issue, void) apply one after the other. */
  private async lock(em: EntityManager, invoiceId: string): Promise<Invoice> {
    const invoice = await em.findOne(
      Invoice,
      { id: invoiceId, clinicId: this.clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!invoice) throw notFound('Invoice', invoiceId);
    return invoice;
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
    const { patient } = await this.ctx.query(BillingPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    return patient;
  }
}
