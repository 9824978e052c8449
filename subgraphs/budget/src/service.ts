import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DomainError,
  LockMode,
  cents,
  clinicTimezone,
  notFound,
  parseClinicDateTime,
  parseInput,
  publish,
  type EntityManager,
  type FilterQuery,
  type Identity,
  type SupergraphQuery,
  localToday,
  parseClinicInterval,
  pageSizeSchema,
} from '@dentalpin/core';
import { Budget, BudgetHistory, BudgetItem, type HistoryAction } from './entities.ts';
import { priceBudget, type DiscountType } from './pricing.ts';
import { EXPIRABLE, checkEditable, checkTransition, fromGraphQL, toGraphQL, type BudgetStatus } from './workflow.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (what: string) => z.string().regex(UUID, `is not a valid ${what} id`);
export const DEFAULT_VALIDITY_DAYS = 30;
export const MAX_PAGE_SIZE = 500;
export const MAX_ITEMS = 200;
export const ACCEPTED_VIA = ['in_clinic', 'remote_link', 'manual'] as const;
export type AcceptedVia = (typeof ACCEPTED_VIA)[number];

/** Money: a decimal string with at most two decimals, never a float ("120.50"). */
const money = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "120.50" (at most 2 decimals, not negative)')
  .transform(cents);
const discountType = z.enum(['PERCENTAGE', 'ABSOLUTE']);
const stored = (t: z.output<typeof discountType> | null | undefined): DiscountType | null =>
  t ? (t.toLowerCase() as DiscountType) : null;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is longer than ${max} characters`)
    .transform((s) => s || null)
    .nullish();

export const itemInput = z.object({
  catalogItemId: id('catalog item'),
  quantity: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(999, 'must be at most 999')
    .nullish()
    .transform((q) => q ?? 1),
  unitPrice: money.nullish(),
  discountType: discountType.nullish(),
  discountValue: money.nullish(),
  teeth: z.array(z.number().int()).max(32, 'lists more than 32 teeth').nullish(),
  surfaces: z.number().int().min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5').nullish(),
});
export type ItemInput = z.input<typeof itemInput>;
const header = {
  professionalId: id('professional').nullish(),
  validUntil: date.nullish(),
  globalDiscountType: discountType.nullish(),
  globalDiscountValue: money.nullish(),
  notes: text(5000),
};
export const createInput = z.object({
  patientId: id('patient'),
  ...header,
  items: z.array(itemInput).max(MAX_ITEMS, `may have at most ${MAX_ITEMS} lines`).default([]),
});
export const updateInput = z.object(header);
export const listInput = z.object({
  patientId: id('patient').nullish(),
  professionalId: id('professional').nullish(),
  status: z.array(z.string()).nullish(),
  createdFrom: z.string().nullish(),
  createdTo: z.string().nullish(),
  page: z.number().int().min(1, 'must be at least 1').default(1),
  pageSize: pageSizeSchema(20, MAX_PAGE_SIZE),
});
const reason = text(500);
export const totalsInput = z.object({
  createdFrom: z.string(),
  createdTo: z.string(),
  professionalId: id('professional').nullish(),
});

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
const acceptedVia = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => (ACCEPTED_VIA as readonly string[]).includes(v), `must be one of ${ACCEPTED_VIA.join(', ')}`)
  .nullish();

const PATIENT = `query BudgetPatient($id: ID!) { patient(id: $id) { id status } }`;

interface CatalogLine {
  catalogItem: { name: string; isActive: boolean; vatType: { rate: string } } | null;
  quote: { net: string } | null;
}

interface PricedLine {
  catalogItemId: string;
  description: string;
  quantity: number;
  unitPrice: string;
  discountType: DiscountType | null;
  discountValue: string | null;
  vatRate: string;
  teeth: number[];
  surfaces: number | null;
}

/** Rows of one query for many keys, grouped back by key in the keys' order (DataLoader batches). */
function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map(keys.map((k) => [k, [] as T[]]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

export interface BudgetPage {
  items: Budget[];
  total: number;
  page: number;
  pageSize: number;
}

/** Budgets of one clinic; every read and write is scoped to the caller's clinic. */
export class BudgetService {
  private readonly clinicId: string;
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly query?: SupergraphQuery,
  ) {
    this.clinicId = identity.clinicId;
  }

  private supergraph(): SupergraphQuery {
    if (!this.query) throw new Error('BudgetService: this operation reads other modules and needs a query function');
    return this.query;
  }

  // ---- reading ------------------------------------------------------------------------

  async get(budgetId: string): Promise<Budget | null> {
    if (!UUID.test(budgetId)) throw new DomainError('BAD_USER_INPUT', `"${budgetId}" is not a valid budget id.`);
    return this.em.findOne(Budget, { id: budgetId, clinicId: this.clinicId, deletedAt: null });
  }

  async getMany(ids: readonly string[]): Promise<(Budget | null)[]> {
    const valid = ids.filter((i) => UUID.test(i));
    const rows = valid.length
      ? await this.em.find(Budget, { id: { $in: valid }, clinicId: this.clinicId, deletedAt: null })
      : [];
    const byId = new Map(rows.map((b) => [b.id, b]));
    return ids.map((i) => byId.get(i) ?? null);
  }

  async list(raw: unknown): Promise<BudgetPage> {
    const input = parseInput(listInput, raw);
    const tz = await clinicTimezone(this.em, this.clinicId);
    const createdAt: Record<string, Date> = {};
    if (input.createdFrom) createdAt.$gte = parseClinicDateTime(input.createdFrom, tz, 'createdFrom');
    if (input.createdTo) createdAt.$lt = parseClinicDateTime(input.createdTo, tz, 'createdTo');
    const where: FilterQuery<Budget> = {
      clinicId: this.clinicId,
      deletedAt: null,
      ...(input.patientId ? { patientId: input.patientId } : {}),
      ...(input.professionalId ? { professionalId: input.professionalId } : {}),
      ...(input.status?.length ? { status: { $in: input.status.map(fromGraphQL) } } : {}),
      ...(Object.keys(createdAt).length ? { createdAt } : {}),
    };
    const [items, total] = await this.em.findAndCount(Budget, where, {
      orderBy: { createdAt: 'desc', number: 'desc', version: 'desc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  /** Budgets created in [createdFrom, createdTo), summed in one SQL aggregate by status and professional. */
  async totals(raw: unknown): Promise<BudgetTotals[]> {
    const input = parseInput(totalsInput, raw);
    const { from, to } = parseClinicInterval(
      input.createdFrom,
      input.createdTo,
      await clinicTimezone(this.em, this.clinicId),
      ['createdFrom', 'createdTo'],
    );
    const professionalId = input.professionalId ?? null;
    const rows = await this.em.getConnection().execute<BudgetTotals[]>(
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
      this.em.getTransactionContext(),
    );
    return rows.map((r) => ({ ...r, total: cents(r.total) }));
  }

  async ofPatients(patientIds: readonly string[]): Promise<Budget[][]> {
    const valid = patientIds.filter((i) => UUID.test(i));
    const rows = valid.length
      ? await this.em.find(
          Budget,
          { patientId: { $in: valid }, clinicId: this.clinicId, deletedAt: null },
          { orderBy: { createdAt: 'desc', version: 'desc' } },
        )
      : [];
    return groupBy(patientIds, rows, (b) => b.patientId);
  }

  async itemsOf(budgetIds: readonly string[]): Promise<BudgetItem[][]> {
    const rows = await this.em.find(
      BudgetItem,
      { budgetId: { $in: [...budgetIds] }, clinicId: this.clinicId },
      { orderBy: { displayOrder: 'asc', createdAt: 'asc' } },
    );
    return groupBy(budgetIds, rows, (r) => r.budgetId);
  }

  async historyOf(budgetIds: readonly string[]): Promise<BudgetHistory[][]> {
    const rows = await this.em.find(
      BudgetHistory,
      { budgetId: { $in: [...budgetIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return groupBy(budgetIds, rows, (r) => r.budgetId);
  }

  // ---- pricing the lines (catalog, through the supergraph) --------------------------------

  /** The professional's role in this clinic (PER_ROLE prices); 'dentist' when no professional is set. */
  private async roleOf(professionalId: string | null | undefined): Promise<string> {
    if (!professionalId) return 'dentist';
    const [row] = await this.em.getConnection().execute<{ role: string }[]>(
      `select m.role from clinic_memberships m join users u on u.id = m.user_id
         where m.user_id = ? and m.clinic_id = ? and m.is_professional and u.is_active`,
      [professionalId, this.clinicId],
    );
    if (!row)
      throw new DomainError('BAD_USER_INPUT', `User ${professionalId} is not an active professional of this clinic.`);
    return row.role;
  }

  /**
   * Description, unit price and VAT of each line from the catalog (the quote unless a price is given),
   * in ONE supergraph query for all the lines. When the catalog refuses a quote, the lines are asked one
   * by one so that the error names the line it is about.
   */
  private async priceLines(
    items: readonly z.output<typeof itemInput>[],
    role: string,
    first = 1,
  ): Promise<PricedLine[]> {
    items.forEach((item, i) => {
      if ((item.discountType == null) !== (item.discountValue == null))
        throw new DomainError('BAD_USER_INPUT', `Line ${first + i}: give discountType and discountValue together.`);
    });
    if (!items.length) return [];
    let answers: CatalogLine[];
    try {
      answers = await this.catalogLines(items, role);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'BAD_USER_INPUT' || items.length === 1)
        throw this.lineError(e, first);
      answers = [];
      for (const [i, item] of items.entries())
        answers.push(
          ...(await this.catalogLines([item], role).catch((err) => Promise.reject(this.lineError(err, first + i)))),
        );
    }
    return items.map((item, i) => {
      const { catalogItem, quote } = answers[i];
      if (!catalogItem) throw notFound('Catalog item', item.catalogItemId);
      if (!catalogItem.isActive)
        throw new DomainError(
          'BAD_USER_INPUT',
          `Line ${first + i}: "${catalogItem.name}" is no longer offered (inactive in the catalog).`,
        );
      return {
        catalogItemId: item.catalogItemId,
        description: catalogItem.name,
        quantity: item.quantity,
        unitPrice: item.unitPrice ?? cents(quote!.net),
        discountType: stored(item.discountType),
        discountValue: item.discountValue ?? null,
        vatRate: cents(catalogItem.vatType.rate),
        teeth: item.teeth ?? [],
        surfaces: item.surfaces ?? null,
      };
    });
  }

  /** One query: `l<i>` reads line i's catalog item, `q<i>` quotes it (only when it has no price of its own). */
  private async catalogLines(items: readonly z.output<typeof itemInput>[], role: string): Promise<CatalogLine[]> {
    const params: string[] = [];
    const fields: string[] = [];
    const variables: Record<string, unknown> = {};
    items.forEach((item, i) => {
      params.push(`$id${i}: ID!`);
      variables[`id${i}`] = item.catalogItemId;
      fields.push(`l${i}: catalogItem(id: $id${i}) { name isActive vatType { rate } }`);
      if (item.unitPrice != null) return;
      params.push(`$q${i}: QuoteTreatmentInput!`);
      variables[`q${i}`] = {
        itemId: item.catalogItemId,
        teeth: item.teeth ?? [],
        surfaces: item.surfaces ?? null,
        role,
      };
      fields.push(`q${i}: quoteTreatment(input: $q${i}) { net }`);
    });
    const data = await this.supergraph()<Record<string, unknown>>(
      `query BudgetCatalogLines(${params.join(', ')}) { ${fields.join(' ')} }`,
      variables,
    );
    return items.map((_, i) => ({
      catalogItem: data[`l${i}`] as CatalogLine['catalogItem'],
      quote: (data[`q${i}`] ?? null) as CatalogLine['quote'],
    }));
  }

  /** The catalog's refusal of one line, prefixed with the line's number. */
  private lineError(e: unknown, line: number): unknown {
    return e instanceof DomainError && e.code === 'BAD_USER_INPUT'
      ? new DomainError('BAD_USER_INPUT', `Line ${line}: ${e.message}`, e.details)
      : e;
  }

  private async requirePatient(patientId: string): Promise<void> {
    const { patient } = await this.supergraph()<{ patient: { id: string; status: string } | null }>(PATIENT, {
      id: patientId,
    });
    if (!patient) throw notFound('Patient', patientId);
    if (patient.status !== 'ACTIVE')
      throw new DomainError('CONFLICT', 'This patient is archived; budgets cannot be created for them.');
  }

  /** Recomputes every line and the totals (the global discount depends on all the lines). */
  private reprice(budget: Budget, items: BudgetItem[]): void {
    const amounts = priceBudget(
      items.map((i) => ({
        unitPrice: i.unitPrice,
        quantity: i.quantity,
        discountType: i.discountType as DiscountType | null,
        discountValue: i.discountValue ?? null,
        vatRate: i.vatRate,
      })),
      budget.globalDiscountType
        ? { type: budget.globalDiscountType as DiscountType, value: budget.globalDiscountValue! }
        : null,
    );
    items.forEach((item, i) => Object.assign(item, amounts.lines[i]));
    budget.subtotal = amounts.subtotal;
    budget.totalDiscount = amounts.totalDiscount;
    budget.totalTax = amounts.totalTax;
    budget.total = amounts.total;
  }

  private history(
    em: EntityManager,
    budget: Budget,
    action: HistoryAction,
    extra: { from?: BudgetStatus; to?: BudgetStatus; note?: string | null; details?: Record<string, unknown> } = {},
  ): void {
    em.create(BudgetHistory, {
      clinicId: this.clinicId,
      budgetId: budget.id,
      action,
      fromStatus: extra.from ?? null,
      toStatus: extra.to ?? null,
      changedBy: this.identity.userId,
      changedAt: new Date(),
      note: extra.note ?? null,
      details: extra.details ?? {},
    });
  }

  private async nextNumber(em: EntityManager, year: number): Promise<string> {
    // The upsert takes the counter row's lock until the transaction ends: concurrent budgets queue here.
    const [row] = await em.getConnection().execute<{ last_number: number }[]>(
      `insert into budget_number_counters (clinic_id, year, last_number) values (?, ?, 1)
       on conflict (clinic_id, year) do update set last_number = budget_number_counters.last_number + 1
       returning last_number`,
      [this.clinicId, year],
      'all',
      em.getTransactionContext(),
    );
    return `PRES-${year}-${String(row.last_number).padStart(4, '0')}`;
  }

  private newItems(em: EntityManager, budget: Budget, lines: PricedLine[], firstOrder: number): BudgetItem[] {
    return lines.map((line, i) =>
      em.create(BudgetItem, {
        id: randomUUID(),
        clinicId: this.clinicId,
        budgetId: budget.id,
        ...line,
        lineSubtotal: '0.00',
        lineDiscount: '0.00',
        netAmount: '0.00',
        taxAmount: '0.00',
        total: '0.00',
        displayOrder: firstOrder + i,
      }),
    );
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

  // ---- writing ------------------------------------------------------------------------

  async create(raw: unknown): Promise<Budget> {
    const input = parseInput(createInput, raw);
    if ((input.globalDiscountType == null) !== (input.globalDiscountValue == null))
      throw new DomainError('BAD_USER_INPUT', 'Give globalDiscountType and globalDiscountValue together.');
    await this.requirePatient(input.patientId);
    const role = await this.roleOf(input.professionalId);
    const lines = await this.priceLines(input.items, role);
    return this.em.transactional(async (em) => {
      const tz = await clinicTimezone(em, this.clinicId);
      const today = localToday(tz);
      const validUntil = input.validUntil ?? localToday(tz, DEFAULT_VALIDITY_DAYS);
      this.checkValidUntil(validUntil, today);
      const budget = em.create(Budget, {
        id: randomUUID(),
        clinicId: this.clinicId,
        number: await this.nextNumber(em, Number(today.slice(0, 4))),
        version: 1,
        parentBudgetId: null,
        status: 'draft',
        patientId: input.patientId,
        professionalId: input.professionalId ?? null,
        createdBy: this.identity.userId,
        validFrom: today,
        validUntil,
        globalDiscountType: stored(input.globalDiscountType),
        globalDiscountValue: input.globalDiscountValue ?? null,
        subtotal: '0.00',
        totalDiscount: '0.00',
        totalTax: '0.00',
        total: '0.00',
        notes: input.notes ?? null,
      });
      // The budget row first: the ORM does not know the lines reference it.
      await em.flush();
      const items = this.newItems(em, budget, lines, 1);
      this.reprice(budget, items);
      this.history(em, budget, 'created', { to: 'draft', details: { number: budget.number, items: items.length } });
      await em.flush();
      return budget;
    });
  }

  /** Locks the budget row: concurrent changes of one budget apply one after the other. */
  private async lock(em: EntityManager, budgetId: string): Promise<Budget> {
    if (!UUID.test(budgetId)) throw new DomainError('BAD_USER_INPUT', `"${budgetId}" is not a valid budget id.`);
    const budget = await em.findOne(
      Budget,
      { id: budgetId, clinicId: this.clinicId, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!budget) throw notFound('Budget', budgetId);
    return budget;
  }

  private async lines(em: EntityManager, budget: Budget): Promise<BudgetItem[]> {
    return em.find(BudgetItem, { budgetId: budget.id, clinicId: this.clinicId }, { orderBy: { displayOrder: 'asc' } });
  }

  /** Changes a DRAFT budget's header; fields left out keep their value, null clears the optional ones. */
  async update(budgetId: string, raw: unknown): Promise<Budget> {
    const input = parseInput(updateInput, raw) as Partial<z.output<typeof updateInput>>;
    const given = (k: keyof typeof input) => k in (raw as object) && input[k] !== undefined;
    const professionalGiven = given('professionalId');
    if (professionalGiven && input.professionalId) await this.roleOf(input.professionalId);
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, budgetId);
      checkEditable(budget.status as BudgetStatus);
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
          ? stored(input.globalDiscountType)
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
      this.reprice(budget, await this.lines(em, budget));
      this.history(em, budget, 'updated', { details: { changes } });
      await em.flush();
      return budget;
    });
  }

  async addItem(budgetId: string, raw: unknown): Promise<Budget> {
    const item = parseInput(itemInput, raw);
    const current = await this.get(budgetId);
    if (!current) throw notFound('Budget', budgetId);
    checkEditable(current.status as BudgetStatus);
    const [line] = await this.priceLines([item], await this.roleOf(current.professionalId));
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, budgetId);
      checkEditable(budget.status as BudgetStatus);
      const items = await this.lines(em, budget);
      if (items.length >= MAX_ITEMS)
        throw new DomainError('BAD_USER_INPUT', `A budget may have at most ${MAX_ITEMS} lines.`);
      const order = items.reduce((max, i) => Math.max(max, i.displayOrder), 0) + 1;
      const [added] = this.newItems(em, budget, [line], order);
      this.reprice(budget, [...items, added]);
      this.history(em, budget, 'item_added', {
        details: { budget_item_id: added.id, catalog_item_id: added.catalogItemId, description: added.description },
      });
      await em.flush();
      return budget;
    });
  }

  /** Replaces a line of a DRAFT budget (re-priced from the catalog unless unitPrice is given). */
  async updateItem(itemId: string, raw: unknown): Promise<Budget> {
    if (!UUID.test(itemId)) throw new DomainError('BAD_USER_INPUT', `"${itemId}" is not a valid budget item id.`);
    const existing = await this.em.findOne(BudgetItem, { id: itemId, clinicId: this.clinicId });
    if (!existing) throw notFound('Budget item', itemId);
    const changes = (raw ?? {}) as Record<string, unknown>;
    const requote = changes.unitPrice == null && ('teeth' in changes || 'surfaces' in changes);
    const item = parseInput(itemInput, {
      catalogItemId: existing.catalogItemId,
      quantity: existing.quantity,
      unitPrice: requote ? null : existing.unitPrice,
      discountType: existing.discountType?.toUpperCase() ?? null,
      discountValue: existing.discountValue ?? null,
      teeth: existing.teeth,
      surfaces: existing.surfaces ?? null,
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    });
    const current = await this.get(existing.budgetId);
    if (!current) throw notFound('Budget', existing.budgetId);
    checkEditable(current.status as BudgetStatus);
    const [line] = await this.priceLines([item], await this.roleOf(current.professionalId));
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, existing.budgetId);
      checkEditable(budget.status as BudgetStatus);
      const items = await this.lines(em, budget);
      const target = items.find((i) => i.id === itemId);
      if (!target) throw notFound('Budget item', itemId);
      const before = { quantity: target.quantity, unit_price: target.unitPrice, total: target.total };
      Object.assign(target, line);
      this.reprice(budget, items);
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
    if (!UUID.test(itemId)) throw new DomainError('BAD_USER_INPUT', `"${itemId}" is not a valid budget item id.`);
    const existing = await this.em.findOne(BudgetItem, { id: itemId, clinicId: this.clinicId });
    if (!existing) throw notFound('Budget item', itemId);
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, existing.budgetId);
      checkEditable(budget.status as BudgetStatus);
      const items = await this.lines(em, budget);
      const target = items.find((i) => i.id === itemId);
      if (!target) throw notFound('Budget item', itemId);
      em.remove(target);
      this.reprice(
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

  /** A new DRAFT version of any budget: same number, version + 1, the same lines and prices. */
  async duplicate(budgetId: string): Promise<Budget> {
    return this.em.transactional(async (em) => this.newVersion(em, await this.lock(em, budgetId)));
  }

  /**
   * Renegotiation: a SENT budget the patient wants changed is cancelled and a new DRAFT version (same
   * number) takes its place, in one transaction. Needs budget.renegotiate. Returns the new draft.
   */
  async renegotiate(budgetId: string, reasonRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? 'renegotiated';
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, budgetId);
      const status = budget.status as BudgetStatus;
      if (status !== 'sent')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Only a SENT budget can be renegotiated; this one is ${toGraphQL(status)} (${
            status === 'draft' ? 'edit it instead' : 'duplicate it to make a new version'
          }).`,
        );
      await this.move(em, budget, 'cancelled', this.cancelling(why), why);
      return this.newVersion(em, budget);
    });
  }

  /** A new DRAFT version of `source` (locked by the caller): same number, version + 1, same lines and prices. */
  private async newVersion(em: EntityManager, source: Budget): Promise<Budget> {
    const [{ max }] = await em
      .getConnection()
      .execute<{ max: number }[]>(
        `select max(version) as max from budgets where clinic_id = ? and number = ?`,
        [this.clinicId, source.number],
        'all',
        em.getTransactionContext(),
      );
    const tz = await clinicTimezone(em, this.clinicId);
    const today = localToday(tz);
    const copy = em.create(Budget, {
      id: randomUUID(),
      clinicId: this.clinicId,
      number: source.number,
      version: Number(max) + 1,
      parentBudgetId: source.id,
      status: 'draft',
      patientId: source.patientId,
      professionalId: source.professionalId ?? null,
      createdBy: this.identity.userId,
      validFrom: today,
      validUntil: localToday(tz, DEFAULT_VALIDITY_DAYS),
      globalDiscountType: source.globalDiscountType ?? null,
      globalDiscountValue: source.globalDiscountValue ?? null,
      subtotal: '0.00',
      totalDiscount: '0.00',
      totalTax: '0.00',
      total: '0.00',
      notes: source.notes ?? null,
    });
    const lines = (await this.lines(em, source)).map((i) => ({
      catalogItemId: i.catalogItemId,
      description: i.description,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      discountType: (i.discountType ?? null) as DiscountType | null,
      discountValue: i.discountValue ?? null,
      vatRate: i.vatRate,
      teeth: i.teeth,
      surfaces: i.surfaces ?? null,
    }));
    try {
      await em.flush();
    } catch (e) {
      // Two new versions of one budget at once: the unique (clinic, number, version) keeps one.
      if (String((e as Error)?.message).includes('budgets_clinic_number_version_unique'))
        throw new DomainError('CONFLICT', `Another version of ${source.number} was just created; try again.`);
      throw e;
    }
    this.reprice(copy, this.newItems(em, copy, lines, 1));
    this.history(em, copy, 'created', {
      to: 'draft',
      details: { duplicated_from: source.id, version: copy.version },
    });
    this.history(em, source, 'duplicated', { details: { new_budget_id: copy.id, version: copy.version } });
    await em.flush();
    return copy;
  }

  private base(b: Budget) {
    return {
      clinic_id: this.clinicId,
      budget_id: b.id,
      patient_id: b.patientId,
      budget_number: b.number,
      budget_version: b.version,
    };
  }

  /** The one way a budget changes status: checked against TRANSITIONS, history and event in one transaction. */
  private async transition(
    budgetId: string,
    to: BudgetStatus,
    apply: (budget: Budget, items: BudgetItem[], now: Date) => Record<string, unknown>,
    note: string | null = null,
  ): Promise<Budget> {
    return this.em.transactional(async (em) => {
      const budget = await this.lock(em, budgetId);
      await this.move(em, budget, to, apply, note);
      return budget;
    });
  }

  /** Moves a locked budget to `to` (checked against TRANSITIONS), with its history row and event. */
  private async move(
    em: EntityManager,
    budget: Budget,
    to: BudgetStatus,
    apply: (budget: Budget, items: BudgetItem[], now: Date) => Record<string, unknown>,
    note: string | null,
  ): Promise<void> {
    const from = budget.status as BudgetStatus;
    const items = await this.lines(em, budget);
    checkTransition(from, to, items.length);
    if (to === 'sent' || to === 'accepted') {
      const today = localToday(await clinicTimezone(em, this.clinicId));
      if (budget.validUntil < today)
        throw new DomainError(
          'INVALID_TRANSITION',
          `This budget was valid until ${budget.validUntil}; ${
            from === 'draft' ? 'change validUntil first' : 'duplicate it to make a new version'
          }.`,
        );
    }
    const now = new Date();
    budget.status = to;
    const payload = apply(budget, items, now);
    this.history(em, budget, 'status_changed', { from, to, note });
    await em.flush();
    await publish(em, `budget.${to}`, { ...this.base(budget), ...payload });
  }

  send(budgetId: string): Promise<Budget> {
    return this.transition(budgetId, 'sent', (b, _items, now) => {
      b.sentAt = now;
      b.sentBy = this.identity.userId;
      return { total: b.total, valid_until: b.validUntil, sent_by: this.identity.userId };
    });
  }

  accept(budgetId: string, viaRaw?: string | null): Promise<Budget> {
    const via = (parseInput(acceptedVia, viaRaw) ?? 'in_clinic') as AcceptedVia;
    return this.transition(
      budgetId,
      'accepted',
      (b, items, now) => {
        b.acceptedAt = now;
        b.acceptedBy = this.identity.userId;
        b.acceptedVia = via;
        return {
          total: b.total,
          accepted_by: this.identity.userId,
          accepted_via: via,
          items: items.map((i) => ({
            budget_item_id: i.id,
            catalog_item_id: i.catalogItemId,
            quantity: i.quantity,
            net_amount: i.netAmount,
          })),
        };
      },
      via,
    );
  }

  reject(budgetId: string, reasonRaw?: string | null, noteRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? null;
    const note = parseInput(text(2000), noteRaw) ?? null;
    return this.transition(
      budgetId,
      'rejected',
      (b, _items, now) => {
        b.rejectedAt = now;
        b.rejectedBy = this.identity.userId;
        b.rejectionReason = why;
        b.rejectionNote = note;
        return { reason: why, note, rejected_by: this.identity.userId };
      },
      [why, note].filter(Boolean).join(': ') || null,
    );
  }

  cancel(budgetId: string, reasonRaw?: string | null): Promise<Budget> {
    const why = parseInput(reason, reasonRaw) ?? null;
    return this.transition(budgetId, 'cancelled', this.cancelling(why), why);
  }

  private cancelling(why: string | null) {
    return (b: Budget, _items: BudgetItem[], now: Date) => {
      b.cancelledAt = now;
      b.cancelledBy = this.identity.userId;
      b.cancellationReason = why;
      return { reason: why, cancelled_by: this.identity.userId };
    };
  }
}

/**
 * The expiry job's work: DRAFT and SENT budgets whose validUntil is before today (in each clinic's
 * time zone) become EXPIRED, with history and a `budget.expired` event, one transaction per clinic.
 * Returns how many budgets expired.
 */
export async function expireBudgets(em: EntityManager, now = new Date()): Promise<number> {
  const clinics = await em
    .getConnection()
    .execute<{ clinic_id: string }[]>(
      `select distinct clinic_id from budgets where status in (${EXPIRABLE.map(() => '?').join(', ')}) and deleted_at is null`,
      [...EXPIRABLE],
    );
  let expired = 0;
  for (const { clinic_id: clinicId } of clinics) {
    expired += await em.fork().transactional(async (tx) => {
      const today = localToday(await clinicTimezone(tx, clinicId), 0, now);
      const due = await tx.find(
        Budget,
        { clinicId, status: { $in: [...EXPIRABLE] }, validUntil: { $lt: today }, deletedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { validUntil: 'asc' } },
      );
      for (const budget of due) {
        const from = budget.status as BudgetStatus;
        checkTransition(from, 'expired', 1);
        budget.status = 'expired';
        budget.expiredAt = now;
        tx.create(BudgetHistory, {
          clinicId,
          budgetId: budget.id,
          action: 'status_changed',
          fromStatus: from,
          toStatus: 'expired',
          changedBy: null,
          changedAt: now,
          note: `validUntil ${budget.validUntil} passed`,
          details: {},
        });
      }
      await tx.flush();
      for (const budget of due)
        await publish(tx, 'budget.expired', {
          clinic_id: clinicId,
          budget_id: budget.id,
          patient_id: budget.patientId,
          budget_number: budget.number,
          budget_version: budget.version,
          valid_until: budget.validUntil,
        });
      return due.length;
    });
  }
  return expired;
}

export { toGraphQL };
