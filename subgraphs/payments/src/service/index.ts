import { randomUUID } from 'node:crypto';
import {
  badInput,
  cents,
  clinicInfo,
  DomainError,
  inOrder,
  groupedBy,
  isUuid,
  localDate,
  LockMode,
  money,
  notFound,
  parseInput,
  pgErrorCode,
  publish,
  sumMoney,
  uuidArg,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import { Payment, PaymentAllocation, PaymentRefund, PaymentRefundPart } from '../entities.ts';
import { listPaymentsInput, patientId as patientIdSchema, recordPaymentInput, refundPaymentInput } from '../inputs.ts';
import {
  PaymentsBudgetDocument,
  PaymentsInvoiceDocument,
  PaymentsPatientDocument,
  PaymentsRecordInvoicePaymentDocument,
  PaymentsRefundInvoicePaymentDocument,
  PaymentsTreatmentDocument,
} from '../generated/operations.ts';
import { paymentMethod, REFUND_ORDER, refundReason, type EarnedSource, type PaymentMethod } from '../status.ts';
import { accountOf, agingOf, type Account, type Aging } from './ledger.ts';
import { summaryOf, type Summary } from './reports.ts';

export type { Account, Aging } from './ledger.ts';
export type { Summary } from './reports.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Budgets that take deposits and instalments. */
const PAYABLE_BUDGETS = ['SENT', 'ACCEPTED'];
/** Invoices that take payments (billing's rule, checked again by billing). */
const PAYABLE_INVOICES = ['ISSUED', 'PARTIAL'];

/** A movement billing recorded on an invoice for us, to reverse if our own transaction does not commit. */
/** A payment's part on a budget: what it allocates, and the budget's total to check it against. */
interface BudgetPart {
  id: string;
  number: string;
  total: string;
  amount: ReturnType<typeof money>;
}

interface BillingMove {
  kind: 'payment' | 'refund';
  invoiceId: string;
  amount: string;
  method: PaymentMethod;
}

/**
 * The patient account of one clinic. Every read and write is scoped to `identity.clinicId`; whoever
 * built the ServiceContext has checked the permission.
 *
 * Invoices: billing is the one source of truth of an invoice's paid amount and balance. An INVOICE part
 * of a payment is recorded on the invoice by billing (`recordInvoicePayment` with the part's id as
 * `sourceId`) inside this module's open transaction: billing refusing it rolls the whole payment back;
 * this module's commit failing afterwards reverses billing's movement (a refund with the reason said). A
 * payment taken directly in billing (`invoice.payment_recorded` with no `source_id`) is mirrored onto the
 * account once (unique `billing_payment_id`); movements billing made for us carry our id and are skipped.
 * So the account never counts an invoice payment twice, and the invoice never differs from billing.
 */
export class PaymentsService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  // ---- reads ----------------------------------------------------------------------------

  async get(id: string): Promise<Payment | null> {
    uuidArg('id', id, 'payment id');
    return this.ctx.em.findOne(Payment, { id, clinicId: this.clinicId });
  }

  async getMany(ids: readonly string[]): Promise<(Payment | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.ctx.em.find(Payment, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    return inOrder(ids, rows, (p) => p.id);
  }

  async list(raw: unknown): Promise<Page<Payment>> {
    const { filter, page, pageSize } = parseInput(listPaymentsInput, raw);
    const where = {
      clinicId: this.clinicId,
      ...(filter?.patientId ? { patientId: filter.patientId } : {}),
      ...(filter?.method?.length ? { method: { $in: filter.method } } : {}),
      ...(filter?.from || filter?.to
        ? { paymentDate: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) } }
        : {}),
      ...(filter?.hasRefunds === true ? { refundedAmount: { $gt: '0' } } : {}),
      ...(filter?.hasRefunds === false ? { refundedAmount: '0.00' } : {}),
    };
    const [items, total] = await this.ctx.em.findAndCount(Payment, where, {
      orderBy: { paymentDate: 'desc', createdAt: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items, total, page, pageSize };
  }

  async forPatients(patientIds: readonly string[]): Promise<Payment[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          Payment,
          { clinicId: this.clinicId, patientId: { $in: valid } },
          { orderBy: { paymentDate: 'desc', createdAt: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (p) => p.patientId);
  }

  async allocationsOf(paymentIds: readonly string[]): Promise<PaymentAllocation[][]> {
    const rows = await this.ctx.em.find(
      PaymentAllocation,
      { clinicId: this.clinicId, paymentId: { $in: [...paymentIds] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return groupedBy(paymentIds, rows, (a) => a.paymentId);
  }

  async refundsOf(paymentIds: readonly string[]): Promise<PaymentRefund[][]> {
    const rows = await this.ctx.em.find(
      PaymentRefund,
      { clinicId: this.clinicId, paymentId: { $in: [...paymentIds] } },
      { orderBy: { refundedAt: 'asc' } },
    );
    return groupedBy(paymentIds, rows, (r) => r.paymentId);
  }

  /** The patient's account (NOT_FOUND for a patient this clinic does not have). */
  async account(patientId: string): Promise<Account> {
    parseInput(patientIdSchema, patientId);
    await this.requirePatient(patientId);
    return accountOf(this.ctx.em, this.clinicId, patientId);
  }

  /** For `Patient.account`: the patient was resolved already (by patients, in this clinic). */
  accountOfKnownPatient(patientId: string): Promise<Account> {
    return accountOf(this.ctx.em, this.clinicId, patientId);
  }

  aging(): Promise<Aging> {
    return agingOf(this.ctx.em, this.clinicId);
  }

  summary(raw: unknown): Promise<Summary> {
    return summaryOf(this.ctx.em, this.clinicId, raw);
  }

  // ---- payments ---------------------------------------------------------------------------

  async record(raw: unknown): Promise<Payment> {
    const input = parseInput(recordPaymentInput, raw);
    const allocations = input.allocations?.length
      ? input.allocations
      : [{ target: 'on_account' as const, targetId: null, amount: input.amount }];
    const allocated = sumMoney(allocations.map((a) => a.amount));
    if (!allocated.eq(input.amount))
      throw badInput(
        `The allocations add up to ${cents(allocated)}, not the payment's ${input.amount}; make the parts add up to the amount exactly.`,
        { field: 'allocations', allocated: cents(allocated), amount: input.amount },
      );
    const clinic = await clinicInfo(this.ctx.em, this.clinicId);
    const today = localDate(new Date(), clinic.timezone);
    const paymentDate = input.paymentDate ?? today;
    if (paymentDate > today)
      throw badInput(`paymentDate ${paymentDate} is in the future; money is recorded once received.`);
    await this.requirePatient(input.patientId);
    const budgets = await this.checkTargets(input.patientId, allocations);

    const moves: BillingMove[] = [];
    try {
      return await this.ctx.em.transactional(async (em) => {
        await this.lockBudgetsLeftToCollect(em, budgets);
        const payment = em.create(Payment, {
          id: randomUUID(),
          clinicId: this.clinicId,
          patientId: input.patientId,
          amount: input.amount,
          currency: clinic.currency,
          method: input.method,
          paymentDate,
          reference: input.reference ?? null,
          notes: input.notes ?? null,
          origin: 'account',
          billingPaymentId: null,
          refundedAmount: '0.00',
          recordedBy: this.ctx.identity.userId,
        });
        const parts = allocations.map((a) =>
          em.create(PaymentAllocation, {
            id: randomUUID(),
            clinicId: this.clinicId,
            paymentId: payment.id,
            targetType: a.target,
            targetId: a.targetId ?? null,
            amount: a.amount,
            refundedAmount: '0.00',
          }),
        );
        await em.flush();
        // Billing records the invoice parts while this transaction is open: its refusal rolls ours back.
        for (const part of parts.filter((p) => p.targetType === 'invoice')) {
          await this.ctx.query(PaymentsRecordInvoicePaymentDocument, {
            invoiceId: part.targetId!,
            amount: part.amount,
            method: paymentMethod.toGraphQL(input.method),
            reference: input.reference ?? null,
            paidAt: paymentDate === today ? null : `${paymentDate}T12:00:00`,
            sourceId: part.id,
          });
          moves.push({ kind: 'payment', invoiceId: part.targetId!, amount: part.amount, method: input.method });
        }
        const base = { clinic_id: this.clinicId, payment_id: payment.id, patient_id: payment.patientId };
        await publish(em, 'payment.recorded', {
          ...base,
          amount: payment.amount,
          currency: payment.currency,
          method: paymentMethod.toGraphQL(payment.method),
          payment_date: paymentDate,
          origin: 'ACCOUNT',
          recorded_by: this.ctx.identity.userId,
        });
        for (const part of parts)
          await publish(em, 'payment.allocated', {
            ...base,
            allocation_id: part.id,
            target_type: part.targetType.toUpperCase(),
            target_id: part.targetId ?? null,
            amount: part.amount,
          });
        return payment;
      });
    } catch (error) {
      await this.reverse(moves, `Payment not recorded on the patient's account (${describe(error)}); reversed.`);
      throw error;
    }
  }

  /**
   * Gives back part of a payment: under the payment's row lock, so two refunds at once apply one after
   * the other and the second sees what the first left (more than is left → CONFLICT, nothing written);
   * the database's own check (refunded_amount ≤ amount) holds whatever the code does.
   */
  async refund(raw: unknown): Promise<PaymentRefund> {
    const input = parseInput(refundPaymentInput, raw);
    const moves: BillingMove[] = [];
    try {
      return await this.ctx.em.transactional(async (em) => {
        const payment = await this.lock(em, input.paymentId);
        const left = money(payment.amount).minus(payment.refundedAmount);
        if (money(input.amount).gt(left))
          throw new DomainError(
            'CONFLICT',
            left.gt(0)
              ? `Only ${cents(left)} ${payment.currency} of this payment is left to refund (${payment.refundedAmount} already refunded); refund at most ${cents(left)}.`
              : `This payment was refunded in full already (${payment.refundedAmount} ${payment.currency}); nothing is left to refund.`,
            { refundable: cents(left) },
          );
        const method = input.method ?? payment.method;
        const refund = em.create(PaymentRefund, {
          id: randomUUID(),
          clinicId: this.clinicId,
          paymentId: payment.id,
          patientId: payment.patientId,
          amount: input.amount,
          method,
          reasonCode: input.reasonCode,
          reasonNote: input.reasonNote ?? null,
          origin: 'account',
          billingRefundId: null,
          refundedBy: this.ctx.identity.userId,
        });
        const parts = await this.takeBack(em, payment, refund, money(input.amount));
        payment.refundedAmount = cents(money(payment.refundedAmount).plus(input.amount));
        await em.flush();
        const reason = `Refund of payment ${payment.id}: ${refundReason.toGraphQL(input.reasonCode)}${input.reasonNote ? ` — ${input.reasonNote}` : ''}`;
        for (const { part, allocation } of parts.filter((p) => p.allocation.targetType === 'invoice')) {
          await this.ctx.query(PaymentsRefundInvoicePaymentDocument, {
            invoiceId: allocation.targetId!,
            amount: part.amount,
            method: paymentMethod.toGraphQL(method),
            reason: reason.slice(0, 500),
            sourceId: part.id,
          });
          moves.push({ kind: 'refund', invoiceId: allocation.targetId!, amount: part.amount, method });
        }
        await publish(em, 'payment.refunded', {
          clinic_id: this.clinicId,
          payment_id: payment.id,
          patient_id: payment.patientId,
          refund_id: refund.id,
          amount: refund.amount,
          currency: payment.currency,
          method: paymentMethod.toGraphQL(method),
          reason_code: refundReason.toGraphQL(input.reasonCode),
          refunded_by: this.ctx.identity.userId,
        });
        return refund;
      });
    } catch (error) {
      await this.reverse(moves, `Refund not recorded on the patient's account (${describe(error)}); reversed.`);
      if (pgErrorCode(error) === '23514')
        throw new DomainError('CONFLICT', 'The refund would exceed what was paid; reload the payment and retry.');
      throw error;
    }
  }

  /** Splits `amount` over the payment's parts (REFUND_ORDER, then oldest first) and writes the parts. */
  private async takeBack(em: EntityManager, payment: Payment, refund: PaymentRefund, amount: ReturnType<typeof money>) {
    const allocations = await em.find(
      PaymentAllocation,
      { clinicId: this.clinicId, paymentId: payment.id },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    allocations.sort((a, b) => REFUND_ORDER.indexOf(a.targetType) - REFUND_ORDER.indexOf(b.targetType));
    let rest = amount;
    const parts: { part: PaymentRefundPart; allocation: PaymentAllocation }[] = [];
    for (const allocation of allocations) {
      if (rest.lte(0)) break;
      const free = money(allocation.amount).minus(allocation.refundedAmount);
      if (free.lte(0)) continue;
      const take = free.lt(rest) ? free : rest;
      rest = rest.minus(take);
      allocation.refundedAmount = cents(money(allocation.refundedAmount).plus(take));
      parts.push({
        allocation,
        part: em.create(PaymentRefundPart, {
          id: randomUUID(),
          clinicId: this.clinicId,
          refundId: refund.id,
          allocationId: allocation.id,
          amount: cents(take),
        }),
      });
    }
    if (rest.gt(0))
      throw new DomainError('CONFLICT', `The payment's parts have only ${cents(amount.minus(rest))} left to refund.`);
    return parts;
  }

  // ---- billing's own movements, mirrored (event handlers) ----------------------------------

  /** `invoice.payment_recorded` taken in billing itself: the patient's account gets it once. */
  async mirrorInvoicePayment(p: {
    invoice_id: string;
    patient_id: string;
    payment_id: string;
    source_id?: string | null;
    amount: string;
    method: string;
    occurredAt: string | Date;
  }): Promise<void> {
    if (p.source_id) return; // recorded by us (or for another caller's own bookkeeping)
    await this.ctx.em.transactional(async (em) => {
      if (await em.count(Payment, { clinicId: this.clinicId, billingPaymentId: p.payment_id })) return;
      const clinic = await clinicInfo(em, this.clinicId);
      const method = paymentMethod.fromGraphQL(p.method);
      const payment = em.create(Payment, {
        id: randomUUID(),
        clinicId: this.clinicId,
        patientId: p.patient_id,
        amount: p.amount,
        currency: clinic.currency,
        method,
        paymentDate: localDate(new Date(p.occurredAt), clinic.timezone),
        reference: null,
        notes: null,
        origin: 'billing',
        billingPaymentId: p.payment_id,
        refundedAmount: '0.00',
        recordedBy: null,
      });
      em.create(PaymentAllocation, {
        id: randomUUID(),
        clinicId: this.clinicId,
        paymentId: payment.id,
        targetType: 'invoice',
        targetId: p.invoice_id,
        amount: p.amount,
        refundedAmount: '0.00',
      });
      await em.flush();
      await publish(em, 'payment.recorded', {
        clinic_id: this.clinicId,
        payment_id: payment.id,
        patient_id: payment.patientId,
        amount: payment.amount,
        currency: payment.currency,
        method: p.method,
        payment_date: payment.paymentDate,
        origin: 'BILLING',
        recorded_by: null,
      });
    });
  }

  /**
   * `invoice.payment_refunded` made in billing itself: taken off the newest payments allocated to that
   * invoice, once per billing refund — one refund per payment, with a part per allocation. The payments are
   * locked first (in id order, as concurrent refunds lock them) and the allocations read after the locks, so a
   * refund committed meanwhile is counted, never overwritten.
   */
  async mirrorInvoiceRefund(p: {
    invoice_id: string;
    refund_id: string;
    source_id?: string | null;
    amount: string;
    method: string;
  }): Promise<void> {
    if (p.source_id) return;
    await this.ctx.em.transactional(async (em) => {
      if (await em.count(PaymentRefund, { clinicId: this.clinicId, billingRefundId: p.refund_id })) return;
      const where = { clinicId: this.clinicId, targetType: 'invoice' as const, targetId: p.invoice_id };
      const candidates = await em.find(PaymentAllocation, where, { fields: ['paymentId'] });
      const payments = new Map<string, Payment>();
      for (const id of [...new Set(candidates.map((a) => a.paymentId))].sort())
        payments.set(id, await this.lock(em, id));
      const allocations = await em.find(PaymentAllocation, where, {
        orderBy: { createdAt: 'desc', id: 'desc' },
        refresh: true,
      });
      let rest = money(p.amount);
      const takes = new Map<string, { allocation: PaymentAllocation; take: ReturnType<typeof money> }[]>();
      for (const allocation of allocations) {
        if (rest.lte(0)) break;
        const free = money(allocation.amount).minus(allocation.refundedAmount);
        if (free.lte(0)) continue;
        const take = free.lt(rest) ? free : rest;
        rest = rest.minus(take);
        takes.set(allocation.paymentId, [...(takes.get(allocation.paymentId) ?? []), { allocation, take }]);
      }
      const method = paymentMethod.fromGraphQL(p.method);
      for (const [paymentId, parts] of takes) {
        const payment = payments.get(paymentId)!;
        const total = parts.reduce((sum, part) => sum.plus(part.take), money(0));
        const refund = em.create(PaymentRefund, {
          id: randomUUID(),
          clinicId: this.clinicId,
          paymentId,
          patientId: payment.patientId,
          amount: cents(total),
          method,
          reasonCode: 'other',
          reasonNote: 'Refunded on the invoice in billing',
          origin: 'billing',
          billingRefundId: p.refund_id,
          refundedBy: null,
        });
        for (const { allocation, take } of parts) {
          em.create(PaymentRefundPart, {
            id: randomUUID(),
            clinicId: this.clinicId,
            refundId: refund.id,
            allocationId: allocation.id,
            amount: cents(take),
          });
          allocation.refundedAmount = cents(money(allocation.refundedAmount).plus(take));
        }
        payment.refundedAmount = cents(money(payment.refundedAmount).plus(total));
        await em.flush();
        await publish(em, 'payment.refunded', {
          clinic_id: this.clinicId,
          payment_id: paymentId,
          patient_id: payment.patientId,
          refund_id: refund.id,
          amount: refund.amount,
          currency: payment.currency,
          method: p.method,
          reason_code: 'OTHER',
          refunded_by: null,
        });
      }
    });
  }

  // ---- the earned ledger (event handlers) ---------------------------------------------------

  /**
   * Books a performed treatment once (insert … on conflict do nothing on the (clinic, treatment) unique
   * key): a redelivered event, or the plan item completing the same treatment, books nothing more. The
   * amount is the treatment's net price with its VAT added, the basis payments are taken on.
   */
  async bookEarned(treatmentId: string, source: EarnedSource, sourceEvent: string): Promise<void> {
    if (!isUuid(treatmentId)) return;
    const { treatment } = await this.ctx.query(PaymentsTreatmentDocument, { id: treatmentId });
    if (!treatment?.patient || treatment.price == null) return; // nothing priced: nothing earned
    if (treatment.status !== 'PERFORMED' && source === 'treatment') return;
    const net = money(treatment.price);
    const rate = money(treatment.vatRate ?? 0);
    const gross = net.times(rate.div(100).plus(1));
    // The treatment was read through the supergraph in this clinic: its patient is this clinic's.
    const description = (treatment.catalogItem?.name ?? treatment.clinicalType.replace(/_/g, ' ')).slice(0, 160);
    await this.ctx.em.getConnection().execute(
      `insert into patient_earned_entries (id, clinic_id, patient_id, treatment_id, source, catalog_item_id, description,
         net_amount, vat_rate, amount, performed_at, professional_id, source_event, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (clinic_id, treatment_id) do nothing`,
      [
        randomUUID(),
        this.clinicId,
        treatment.patient.id,
        treatment.id,
        source,
        treatment.catalogItem?.id ?? null,
        description,
        cents(net),
        cents(rate),
        cents(gross),
        treatment.performedAt ? new Date(treatment.performedAt) : new Date(),
        treatment.performedBy?.id ?? null,
        sourceEvent,
      ],
      'run',
      this.ctx.em.getTransactionContext(),
    );
  }

  // ---- helpers ------------------------------------------------------------------------

  private async lock(em: EntityManager, id: string): Promise<Payment> {
    uuidArg('paymentId', id, 'payment id');
    const payment = await em.findOne(
      Payment,
      { id, clinicId: this.clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!payment) throw notFound('Payment', id);
    return payment;
  }

  private async requirePatient(patientId: string) {
    const { patient } = await this.ctx.query(PaymentsPatientDocument, { id: patientId });
    if (!patient) throw notFound('Patient', patientId);
    return patient;
  }

  /**
   * Every BUDGET and INVOICE part names a document of this patient that takes that much now. Returns the
   * budget parts: what is left on a budget is checked again under its lock, in the payment's transaction
   * (`lockBudgetsLeftToCollect`), since this early check reads without a lock.
   */
  private async checkTargets(
    patientId: string,
    allocations: readonly { target: string; targetId?: string | null; amount: string }[],
  ): Promise<BudgetPart[]> {
    const budgets: BudgetPart[] = [];
    const perTarget = new Map<string, { target: string; amount: ReturnType<typeof money> }>();
    for (const a of allocations) {
      if (a.target === 'on_account') continue;
      const key = `${a.target}:${a.targetId}`;
      perTarget.set(key, { target: a.target, amount: (perTarget.get(key)?.amount ?? money(0)).plus(a.amount) });
    }
    for (const [key, { target, amount }] of perTarget) {
      const id = key.split(':')[1]!;
      if (target === 'budget') {
        const { budget } = await this.ctx.query(PaymentsBudgetDocument, { id });
        if (!budget || budget.patient.id !== patientId)
          throw badInput(`Budget ${id} is not one of this patient's budgets; pick one of theirs.`, {
            field: 'allocations',
          });
        if (!PAYABLE_BUDGETS.includes(budget.status))
          throw badInput(
            `Budget ${budget.number} is ${budget.status}: payments go to SENT or ACCEPTED budgets. Put it on account instead.`,
            { field: 'allocations' },
          );
        const part = { id, number: budget.number, total: budget.total as string, amount };
        await this.refuseOverCollection(this.ctx.em, part);
        budgets.push(part);
      } else {
        const { invoice } = await this.ctx.query(PaymentsInvoiceDocument, { id });
        if (!invoice || invoice.patient.id !== patientId)
          throw badInput(`Invoice ${id} is not one of this patient's invoices; pick one of theirs.`, {
            field: 'allocations',
          });
        if (invoice.kind !== 'INVOICE' || !PAYABLE_INVOICES.includes(invoice.status))
          throw badInput(
            `Invoice ${invoice.number ?? id} is ${invoice.status}: payments go to ISSUED or PARTIAL invoices.`,
            { field: 'allocations' },
          );
        if (amount.gt(invoice.balance))
          throw badInput(
            `Invoice ${invoice.number} has a balance of ${invoice.balance}, less than the ${cents(amount)} allocated to it; put the rest on account.`,
            { field: 'allocations', balance: invoice.balance },
          );
      }
    }
    return budgets;
  }

  /**
   * Two payments on one budget at once: each takes the budget's advisory lock (per clinic and budget, in id
   * order so two payments naming the same budgets never wait on each other crosswise) for the rest of its
   * transaction, then counts what is collected — after the lock, so a payment committed meanwhile is counted.
   * Together they never collect more than the budget's total.
   */
  private async lockBudgetsLeftToCollect(em: EntityManager, budgets: readonly BudgetPart[]): Promise<void> {
    for (const part of [...budgets].sort((a, b) => a.id.localeCompare(b.id))) {
      await em
        .getConnection()
        .execute(
          'select pg_advisory_xact_lock(hashtext(?))',
          [`dentalpin.payments.budget:${this.clinicId}:${part.id}`],
          'all',
          em.getTransactionContext(),
        );
      await this.refuseOverCollection(em, part);
    }
  }

  /** BAD_USER_INPUT when the part is more than the budget has left to collect (its total − net collected). */
  private async refuseOverCollection(em: EntityManager, part: BudgetPart): Promise<void> {
    const [row] = await em.getConnection().execute<{ collected: string | null }[]>(
      `select sum(amount - refunded_amount) as collected from payment_allocations
        where clinic_id = ? and target_type = 'budget' and target_id = ?`,
      [this.clinicId, part.id],
      'all',
      em.getTransactionContext(),
    );
    const open = money(part.total).minus(row?.collected ?? 0);
    if (part.amount.gt(open))
      throw badInput(
        `Budget ${part.number} has ${cents(open)} left to collect, less than the ${cents(part.amount)} allocated to it; put the rest on account.`,
        { field: 'allocations', open: cents(open) },
      );
  }

  /**
   * Our transaction did not commit after billing recorded movements for it: each is reversed in billing
   * (a payment by a refund, a refund by a payment), with the reason said, so the invoice matches the
   * account again. A reversal that fails is logged loudly (billing and the account then differ by it).
   */
  private async reverse(moves: BillingMove[], reason: string): Promise<void> {
    for (const move of moves.reverse()) {
      try {
        if (move.kind === 'payment')
          await this.ctx.query(PaymentsRefundInvoicePaymentDocument, {
            invoiceId: move.invoiceId,
            amount: move.amount,
            method: paymentMethod.toGraphQL(move.method),
            reason: reason.slice(0, 500),
            sourceId: randomUUID(),
          });
        else
          await this.ctx.query(PaymentsRecordInvoicePaymentDocument, {
            invoiceId: move.invoiceId,
            amount: move.amount,
            method: paymentMethod.toGraphQL(move.method),
            reference: 'Reversal of a refund that was not recorded',
            paidAt: null,
            sourceId: randomUUID(),
          });
      } catch (e) {
        console.error(
          JSON.stringify({
            level: 'error',
            module: 'payments',
            message: 'Could not reverse a billing movement after the account rolled back',
            move,
            error: describe(e),
          }),
        );
      }
    }
  }
}

/** 'YYYY-MM-DD' of a date column (a string, or a Date at UTC midnight). */
export const isoDay = (value: string | Date): string =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
