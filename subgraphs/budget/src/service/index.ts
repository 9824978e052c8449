import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  DomainError,
  cents,
  clinicTimezone,
  groupedBy,
  inOrder,
  isUuid,
  localToday,
  notFound,
  parseClinicDateTime,
  parseClinicInterval,
  parseInput,
  uuidArg,
  type EntityManager,
  type FilterQuery,
  type ServiceContext,
} from '@dentalpin/core';
import { Budget, BudgetHistory, BudgetItem, type HistoryAction } from '../entities.ts';
import {
  DEFAULT_VALIDITY_DAYS,
  MAX_ITEMS,
  acceptedVia,
  createInput,
  itemInput,
  listInput,
  note,
  reason,
  totalsInput,
  updateInput,
  type AcceptedVia,
} from '../inputs.ts';
import { assertEditable, budgetStatus, type BudgetStatus } from '../status.ts';
import { priceLines, reprice, roleOf } from './pricing.ts';
import { budgetLines, createItems, lockBudget, recordHistory, type HistoryEntry } from './records.ts';
import {
  accepting,
  cancelling,
  expireOverdueBudgets,
  moveStatus,
  rejecting,
  sending,
  type StatusChange,
} from './status.ts';
import { newVersion, nextNumber } from './versions.ts';

/** A search term as a LIKE pattern's literal text (% and _ match themselves). */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Budgets sharing status and professional, summed by the database (what a conversion report needs). */
export interface BudgetTotals {
  status: BudgetStatus;
  professionalId: string | null;
  count: number;
  total: string;
  /** How many of them were sent to the patient (sentAt set). */
  sentCount: number;
  /** How many have acceptedAt, and their average days from sentAt (or createdAt, if never sent) to it. */
  acceptedAtCount: number;
  averageDaysToAcceptance: number | null;
}

export interface BudgetPage {
  items: Budget[];
  total: number;
  page: number;
  pageSize: number;
}

const PATIENT = `query BudgetPatient($id: ID!) { patient(id: $id) { id status } }`;

/**
 * Budgets of one clinic; every read and write is scoped to the caller's clinic. Pricing, numbering and
 * versions, and status changes are concerns of their own (./pricing.ts, ./versions.ts, ./status.ts).
 */
export class BudgetService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  private get userId(): string {
    return this.ctx.identity.userId;
  }

  // ---- reading ------------------------------------------------------------------------

  async get(budgetId: string): Promise<Budget | null> {
    uuidArg('id', budgetId, 'budget id');
    return this.ctx.em.findOne(Budget, { id: budgetId, clinicId: this.clinicId, deletedAt: null });
  }

  async getMany(ids: readonly string[]): Promise<(Budget | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(Budget, { id: { $in: valid }, clinicId: this.clinicId, deletedAt: null })
      : [];
    return inOrder(ids, rows, (b) => b.id);
  }

  /** Budgets of the clinic, newest first; `search` matches part of the number, any case. */
  async list(raw: unknown): Promise<BudgetPage> {
    const input = parseInput(listInput, raw);
    const tz = await clinicTimezone(this.ctx.em, this.clinicId);
    const createdAt: Record<string, Date> = {};
    if (input.createdFrom) createdAt.$gte = parseClinicDateTime(input.createdFrom, tz, 'createdFrom');
    if (input.createdTo) createdAt.$lt = parseClinicDateTime(input.createdTo, tz, 'createdTo');
    const where: FilterQuery<Budget> = {
      clinicId: this.clinicId,
      deletedAt: null,
      ...(input.patientId ? { patientId: input.patientId } : {}),
      ...(input.professionalId ? { professionalId: input.professionalId } : {}),
      ...(input.status?.length ? { status: { $in: input.status.map(budgetStatus.fromGraphQL) } } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
      ...(input.search ? { number: { $ilike: `%${escapeLike(input.search)}%` } } : {}),
    };
    const [items, total] = await this.ctx.em.findAndCount(Budget, where, {
      orderBy: { createdAt: 'desc', number: 'desc', version: 'desc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  /** Budgets created in [createdFrom, createdTo), summed in one SQL aggregate by status and professional. */
  async totals(raw: unknown): Promise<BudgetTotals[]> {
    const input = parseInput(totalsInput, raw);
    const { em } = this.ctx;
    const { from, to } = parseClinicInterval(
      input.createdFrom,
      input.createdTo,
      await clinicTimezone(em, this.clinicId),
      ['createdFrom', 'createdTo'],
    );
    const professionalId = input.professionalId ?? null;
    const rows = await em.getConnection().execute<BudgetTotals[]>(
      `select status, professional_id as "professionalId", count(*)::int as count, sum(total) as total,
              count(sent_at)::int as "sentCount", count(accepted_at)::int as "acceptedAtCount",
              avg(extract(epoch from accepted_at - coalesce(sent_at, created_at)) / 86400)::float8
                as "averageDaysToAcceptance"
         from budgets
        where clinic_id = ? and deleted_at is null and created_at >= ? and created_at < ?
          and (?::uuid is null or professional_id = ?::uuid)
        group by 1, 2
        order by 1, 2`,
      [this.clinicId, from, to, professionalId, professionalId],
      'all',
      em.getTransactionContext(),
    );
    return rows.map((r) => ({ ...r, total: cents(r.total) }));
  }

  async ofPatients(patientIds: readonly string[]): Promise<Budget[][]> {
    const valid = patientIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(
          Budget,
          { patientId: { $in: valid }, clinicId: this.clinicId, deletedAt: null },
          { orderBy: { createdAt: 'desc', version: 'desc' } },
        )
      : [];
    return groupedBy(patientIds, rows, (b) => b.patientId);
  }

  async itemsOf(budgetIds: readonly string[]): Promise<BudgetItem[][]> {
    const rows = await this.ctx.em.find(
      BudgetItem,
      { budgetId: { $in: [...budgetIds] }, clinicId: this.clinicId },
      { orderBy: { displayOrder: 'asc', createdAt: 'asc' } },
    );
    return groupedBy(budgetIds, rows, (r) => r.budgetId);
  }

  async historyOf(budgetIds: readonly string[]): Promise<BudgetHistory[][]> {
    const rows = await this.ctx.em.find(
      BudgetHistory,
      { budgetId: { $in: [...budgetIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return groupedBy(budgetIds, rows, (r) => r.budgetId);
  }

  // ---- writing ------------------------------------------------------------------------

  private async requirePatient(patientId: string): Promise<void> {
    const { patient } = await this.ctx.query<{ patient: { id: string; status: string } | null }>(PATIENT, {
      id: patientId,
    });
    if (!patient) throw notFound('Patient', patientId);
    if (patient.status !== 'ACTIVE')
      throw new DomainError('CONFLICT', 'This patient is archived; budgets cannot be created for them.');
  }

  private checkValidUntil(validUntil: string, validFrom: string): void {
    if (Number.isNaN(Date.parse(`${validUntil}T00:00:00Z`)))
      throw new DomainError('BAD_USER_INPUT', `validUntil "${validUntil}" is not a date.`);
    if (validUntil < validFrom)
      throw new DomainError(
        'BAD_USER_INPUT',
        `validUntil (${validUntil}) cannot be before the budget's start (${validFrom}).`,
      );
  }

  /** A history row of a change the caller made. */
  private history(
    em: EntityManager,
    budget: Budget,
    action: HistoryAction,
    entry: Omit<HistoryEntry, 'changedBy'> = {},
  ): void {
    recordHistory(em, budget, action, { changedBy: this.userId, ...entry });
  }

  async create(raw: unknown): Promise<Budget> {
    const input = parseInput(createInput, raw);
    if ((input.globalDiscountType == null) !== (input.globalDiscountValue == null)) {
      const field = input.globalDiscountType == null ? 'globalDiscountType' : 'globalDiscountValue';
      throw new DomainError('BAD_USER_INPUT', 'Give globalDiscountType and globalDiscountValue together.', {
        fields: [{ field, message: 'give globalDiscountType and globalDiscountValue together', rule: 'required' }],
      });
    }
    await this.requirePatient(input.patientId);
    const role = await roleOf(this.ctx.em, this.clinicId, input.professionalId);
    const lines = await priceLines(this.ctx.query, input.items, role, { list: 'items' });
    return this.ctx.em.transactional(async (em) => {
      const tz = await clinicTimezone(em, this.clinicId);
      const today = localToday(tz);
      const validUntil = input.validUntil ?? localToday(tz, DEFAULT_VALIDITY_DAYS);
      this.checkValidUntil(validUntil, today);
      const budget = em.create(Budget, {
        id: randomUUID(),
        clinicId: this.clinicId,
        number: await nextNumber(em, this.clinicId, Number(today.slice(0, 4))),
        version: 1,
        parentBudgetId: null,
        status: 'draft',
        patientId: input.patientId,
        professionalId: input.professionalId ?? null,
        createdBy: this.userId,
        validFrom: today,
        validUntil,
        globalDiscountType: input.globalDiscountType ?? null,
        globalDiscountValue: input.globalDiscountValue ?? null,
        subtotal: '0.00',
        totalDiscount: '0.00',
        totalTax: '0.00',
        total: '0.00',
        notes: input.notes ?? null,
      });
      // The budget row first: the ORM does not know the lines reference it.
      await em.flush();
      const items = createItems(em, budget, lines, 1);
      reprice(budget, items);
      this.history(em, budget, 'created', { to: 'draft', details: { number: budget.number, items: items.length } });
      await em.flush();
      return budget;
    });
  }

  /** Changes a DRAFT budget's header; fields left out keep their value, null clears the optional ones. */
  async update(budgetId: string, raw: unknown): Promise<Budget> {
    const input = parseInput(updateInput, raw) as Partial<z.output<typeof updateInput>>;
    const given = (k: keyof typeof input) => k in (raw as object) && input[k] !== undefined;
    const professionalGiven = given('professionalId');
    if (professionalGiven && input.professionalId) await roleOf(this.ctx.em, this.clinicId, input.professionalId);
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, budgetId);
      assertEditable(budget.status);
      const changes: string[] = [];
      if (professionalGiven && (input.professionalId ?? null) !== (budget.professionalId ?? null)) {
        budget.professionalId = input.professionalId ?? null;
        changes.push('professionalId');
      }
      if (input.validUntil && input.validUntil !== budget.validUntil) {
        this.checkValidUntil(input.validUntil, budget.validFrom);
        budget.validUntil = input.validUntil;
        changes.push('validUntil');
      }
      if (given('notes') && (input.notes ?? null) !== (budget.notes ?? null)) {
        budget.notes = input.notes ?? null;
        changes.push('notes');
      }
      if (given('globalDiscountType') || given('globalDiscountValue')) {
        const type = given('globalDiscountType')
          ? (input.globalDiscountType ?? null)
          : (budget.globalDiscountType ?? null);
        const value = given('globalDiscountValue')
          ? (input.globalDiscountValue ?? null)
          : (budget.globalDiscountValue ?? null);
        if ((type == null) !== (value == null))
          throw new DomainError(
            'BAD_USER_INPUT',
            'Give globalDiscountType and globalDiscountValue together (null both to remove it).',
          );
        if (type !== (budget.globalDiscountType ?? null) || value !== (budget.globalDiscountValue ?? null)) {
          budget.globalDiscountType = type;
          budget.globalDiscountValue = value;
          changes.push('globalDiscount');
        }
      }
      if (!changes.length) return budget;
      reprice(budget, await budgetLines(em, budget));
      this.history(em, budget, 'updated', { details: { changes } });
      await em.flush();
      return budget;
    });
  }

  async addItem(budgetId: string, raw: unknown): Promise<Budget> {
    const item = parseInput(itemInput, raw);
    const current = await this.get(budgetId);
    if (!current) throw notFound('Budget', budgetId);
    assertEditable(current.status);
    const [line] = await priceLines(
      this.ctx.query,
      [item],
      await roleOf(this.ctx.em, this.clinicId, current.professionalId),
    );
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, budgetId);
      assertEditable(budget.status);
      const items = await budgetLines(em, budget);
      if (items.length >= MAX_ITEMS)
        throw new DomainError('BAD_USER_INPUT', `A budget may have at most ${MAX_ITEMS} lines.`);
      const order = items.reduce((max, i) => Math.max(max, i.displayOrder), 0) + 1;
      const [added] = createItems(em, budget, [line], order);
      reprice(budget, [...items, added]);
      this.history(em, budget, 'item_added', {
        details: { budget_item_id: added.id, catalog_item_id: added.catalogItemId, description: added.description },
      });
      await em.flush();
      return budget;
    });
  }

  /** Replaces a line of a DRAFT budget (re-priced from the catalog unless unitPrice is given). */
  async updateItem(itemId: string, raw: unknown): Promise<Budget> {
    uuidArg('id', itemId, 'budget item id');
    const existing = await this.ctx.em.findOne(BudgetItem, { id: itemId, clinicId: this.clinicId });
    if (!existing) throw notFound('Budget item', itemId);
    const changes = (raw ?? {}) as Record<string, unknown>;
    const requote = changes.unitPrice == null && ('teeth' in changes || 'surfaces' in changes);
    const item = parseInput(itemInput, {
      catalogItemId: existing.catalogItemId,
      quantity: existing.quantity,
      unitPrice: requote ? null : existing.unitPrice,
      discountType: existing.discountType ?? null,
      discountValue: existing.discountValue ?? null,
      teeth: existing.teeth,
      surfaces: existing.surfaces ?? null,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    });
    const current = await this.get(existing.budgetId);
    if (!current) throw notFound('Budget', existing.budgetId);
    assertEditable(current.status);
    const [line] = await priceLines(
      this.ctx.query,
      [item],
      await roleOf(this.ctx.em, this.clinicId, current.professionalId),
    );
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, existing.budgetId);
      assertEditable(budget.status);
      const items = await budgetLines(em, budget);
      const target = items.find((i) => i.id === itemId);
      if (!target) throw notFound('Budget item', itemId);
      const before = { quantity: target.quantity, unit_price: target.unitPrice, total: target.total };
      Object.assign(target, line);
      reprice(budget, items);
      this.history(em, budget, 'item_updated', {
        details: {
          budget_item_id: target.id,
          before,
          after: { quantity: target.quantity, unit_price: target.unitPrice, total: target.total },
        },
      });
      await em.flush();
      return budget;
    });
  }

  /** Removes a line of a DRAFT budget (the history keeps what it was). */
  async removeItem(itemId: string): Promise<Budget> {
    uuidArg('id', itemId, 'budget item id');
    const existing = await this.ctx.em.findOne(BudgetItem, { id: itemId, clinicId: this.clinicId });
    if (!existing) throw notFound('Budget item', itemId);
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, existing.budgetId);
      assertEditable(budget.status);
      const items = await budgetLines(em, budget);
      const target = items.find((i) => i.id === itemId);
      if (!target) throw notFound('Budget item', itemId);
      em.remove(target);
      reprice(
        budget,
        items.filter((i) => i !== target),
      );
      this.history(em, budget, 'item_removed', {
        details: {
          budget_item_id: target.id,
          catalog_item_id: target.catalogItemId,
          description: target.description,
          quantity: target.quantity,
          unit_price: target.unitPrice,
        },
      });
      await em.flush();
      return budget;
    });
  }

  // ---- versions (./versions.ts) -------------------------------------------------------

  /** A new DRAFT version of any budget: same number, version + 1, the same lines and prices. */
  async duplicate(budgetId: string): Promise<Budget> {
    return this.ctx.em.transactional(async (em) =>
      newVersion(em, this.userId, await lockBudget(em, this.clinicId, budgetId)),
    );
  }

  /**
   * Renegotiation: a SENT budget the patient wants changed is cancelled and a new DRAFT version (same
   * number) takes its place, in one transaction. Needs budget.renegotiate. Returns the new draft.
   */
  async renegotiate(budgetId: string, reasonRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? 'renegotiated';
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, budgetId);
      const { status } = budget;
      if (status !== 'sent')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Only a SENT budget can be renegotiated; this one is ${budgetStatus.toGraphQL(status)} (${
            status === 'draft' ? 'edit it instead' : 'duplicate it to make a new version'
          }).`,
        );
      await moveStatus(em, this.userId, budget, 'cancelled', cancelling(this.userId, why), why);
      return newVersion(em, this.userId, budget);
    });
  }

  // ---- status changes (./status.ts) ---------------------------------------------------

  /** The one way a person changes a budget's status: locked, checked, with history and event, in one transaction. */
  private transition(budgetId: string, to: BudgetStatus, change: StatusChange, note: string | null = null) {
    return this.ctx.em.transactional(async (em) => {
      const budget = await lockBudget(em, this.clinicId, budgetId);
      await moveStatus(em, this.userId, budget, to, change, note);
      return budget;
    });
  }

  send(budgetId: string): Promise<Budget> {
    return this.transition(budgetId, 'sent', sending(this.userId));
  }

  accept(budgetId: string, viaRaw?: string | null): Promise<Budget> {
    const via = (parseInput(acceptedVia, viaRaw) ?? 'in_clinic') as AcceptedVia;
    return this.transition(budgetId, 'accepted', accepting(this.userId, via), via);
  }

  reject(budgetId: string, reasonRaw?: string | null, noteRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? null;
    const more = parseInput(note, noteRaw) ?? null;
    return this.transition(
      budgetId,
      'rejected',
      rejecting(this.userId, why, more),
      [why, more].filter(Boolean).join(': ') || null,
    );
  }

  cancel(budgetId: string, reasonRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? null;
    return this.transition(budgetId, 'cancelled', cancelling(this.userId, why), why);
  }

  /**
   * The expiry job's work in this clinic (run inside the job's transaction): DRAFT and SENT budgets whose
   * validUntil is before today in the clinic's time zone become EXPIRED. Returns how many expired.
   */
  expireOverdue(now: Date): Promise<number> {
    return expireOverdueBudgets(this.ctx.em, this.clinicId, now);
  }
}
