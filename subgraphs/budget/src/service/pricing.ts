import {
  DomainError,
  ZERO,
  cents,
  enumNames,
  money,
  notFound,
  requireProfessional,
  roundCents,
  sumMoney,
  type EntityManager,
  type Money,
  type MoneyValue,
  type SupergraphQuery,
} from '@dentalpin/core';
import type { Budget, BudgetItem } from '../entities.ts';
import { enumResolvers, type BudgetDiscountType } from '../generated/graphql.ts';
import type { ItemInput } from '../inputs.ts';

/**
 * A budget's pricing. First its arithmetic, pure (no database): line discounts, the global discount
 * prorated over the lines ex-VAT, VAT on the discounted base, and rounding distributed so that the lines
 * add up to the totals exactly to the cent (decimal.js only; every amount rounded half-up to the cent).
 * Then the lines' prices from the catalog, read through the supergraph.
 */

export type DiscountType = BudgetDiscountType;

export interface LineInput {
  /** Decimal string, the price of one unit. */
  unitPrice: string;
  quantity: number;
  discountType?: DiscountType | null;
  /** Percentage (0-100) or an amount not above the line, as a decimal string. */
  discountValue?: string | null;
  /** VAT percentage, decimal string ("21.00"). */
  vatRate: string;
}

export interface GlobalDiscount {
  type: DiscountType;
  value: string;
}

export interface LineAmounts {
  /** unitPrice × quantity. */
  lineSubtotal: string;
  /** The line's own discount plus its share of the global discount. */
  lineDiscount: string;
  /** After every discount, ex VAT. */
  netAmount: string;
  taxAmount: string;
  /** netAmount + taxAmount. */
  total: string;
}

export interface BudgetAmounts {
  lines: LineAmounts[];
  subtotal: string;
  totalDiscount: string;
  totalTax: string;
  total: string;
}

/** Refusals name a discount type as the API does (PERCENTAGE). */
const discountTypes = enumNames(enumResolvers.BudgetDiscountType);

/**
 * Splits `amount` (cents) over `weights` in proportion, exactly: the parts add up to `amount`. Each
 * part is rounded down to the cent, and the cents left over go to the largest remainders (earlier
 * lines first on ties). The ONE proration helper: the global discount and the VAT of each rate use it.
 */
export function prorate(amount: MoneyValue, weights: readonly MoneyValue[]): Money[] {
  const total = roundCents(amount);
  const w = weights.map((x) => money(x));
  const weightSum = sumMoney(w);
  if (!weights.length) {
    if (!total.isZero()) throw new Error('prorate: an amount cannot be split over nothing');
    return [];
  }
  // Nothing to weigh by (every weight zero): equal shares.
  const shares = weightSum.isZero() ? w.map(() => money(1)) : w;
  const shareSum = sumMoney(shares);
  const totalCents = total.times(100);
  const exact = shares.map((s) => totalCents.times(s).dividedBy(shareSum));
  const floors = exact.map((e) => e.floor());
  let left = totalCents.minus(sumMoney(floors)).toNumber();
  const order = exact
    .map((e, i) => ({ i, rest: e.minus(floors[i]) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i].plus(1);
    left -= 1;
  }
  return floors.map((f) => f.dividedBy(100));
}

/** `fieldsOf` names the input's fields (globalDiscountType, globalDiscountValue) in the refusal's `extensions.fields`. */
function discountOf(
  base: Money,
  type: DiscountType | null | undefined,
  value: string | null | undefined,
  what: string,
  fieldsOf?: { type: string; value: string },
) {
  const refuse = (message: string, field?: string, rule?: Record<string, unknown>) =>
    new DomainError(
      'BAD_USER_INPUT',
      `${what}: ${message}`,
      fieldsOf && field ? { fields: [{ field, message, ...rule }] } : undefined,
    );
  if (!type) {
    if (value != null && !money(value).isZero())
      throw refuse('give discountType with a discount value.', fieldsOf?.type, { rule: 'required' });
    return ZERO;
  }
  if (value == null)
    throw refuse(`a ${discountTypes.name(type)} discount needs a value.`, fieldsOf?.value, { rule: 'required' });
  const v = money(value);
  if (v.isNegative()) throw refuse('the discount cannot be negative.');
  const tooBig = (maximum: Money) => ({ rule: 'too_big', origin: 'number', maximum: maximum.toNumber() });
  if (type === 'percentage') {
    if (v.greaterThan(100))
      throw refuse('a percentage discount cannot be more than 100.', fieldsOf?.value, tooBig(money(100)));
    return roundCents(base.times(v).dividedBy(100));
  }
  if (v.greaterThan(base))
    throw refuse(
      `the discount (${cents(v)}) cannot be more than the amount it applies to (${cents(base)}).`,
      fieldsOf?.value,
      tooBig(base),
    );
  return roundCents(v);
}

/** Prices a whole budget. Throws BAD_USER_INPUT for a negative discount or one above what it applies to. */
export function priceBudget(lines: readonly LineInput[], global?: GlobalDiscount | null): BudgetAmounts {
  const subtotals = lines.map((l) => roundCents(money(l.unitPrice).times(l.quantity)));
  const own = lines.map((l, i) => discountOf(subtotals[i], l.discountType, l.discountValue, `Line ${i + 1}`));
  const afterOwn = subtotals.map((s, i) => s.minus(own[i]));
  const base = sumMoney(afterOwn);
  const globalAmount = global
    ? discountOf(base, global.type, global.value, 'Global discount', {
        type: 'globalDiscountType',
        value: 'globalDiscountValue',
      })
    : ZERO;
  const shares = prorate(globalAmount, afterOwn);
  const nets = afterOwn.map((a, i) => a.minus(shares[i]));

  // VAT per rate on the rate's whole base, then split over its lines: the lines add up to the total.
  const taxes = nets.map(() => ZERO);
  const rates = [...new Set(lines.map((l) => money(l.vatRate).toFixed(2)))];
  for (const rate of rates) {
    const members = lines.map((l, i) => (money(l.vatRate).toFixed(2) === rate ? i : -1)).filter((i) => i >= 0);
    const tax = roundCents(
      sumMoney(members.map((i) => nets[i]))
        .times(rate)
        .dividedBy(100),
    );
    prorate(
      tax,
      members.map((i) => nets[i]),
    ).forEach((t, k) => (taxes[members[k]] = t));
  }

  const amounts = lines.map((_, i) => ({
    lineSubtotal: subtotals[i].toFixed(2),
    lineDiscount: own[i].plus(shares[i]).toFixed(2),
    netAmount: nets[i].toFixed(2),
    taxAmount: taxes[i].toFixed(2),
    total: nets[i].plus(taxes[i]).toFixed(2),
  }));
  return {
    lines: amounts,
    subtotal: sumMoney(subtotals).toFixed(2),
    totalDiscount: sumMoney(own).plus(globalAmount).toFixed(2),
    totalTax: sumMoney(taxes).toFixed(2),
    total: sumMoney(nets).plus(sumMoney(taxes)).toFixed(2),
  };
}

/** Recomputes every line and the budget's totals in place (the global discount depends on all the lines). */
export function reprice(budget: Budget, items: BudgetItem[]): void {
  const amounts = priceBudget(
    items.map((i) => ({
      unitPrice: i.unitPrice,
      quantity: i.quantity,
      discountType: (i.discountType ?? null) as DiscountType | null,
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

/** A line as the catalog priced it, before the amounts (`reprice` computes those). */
export interface PricedLine {
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

/** The professional's role in the clinic (PER_ROLE prices); 'dentist' when no professional is set. */
export async function roleOf(
  em: EntityManager,
  clinicId: string,
  professionalId: string | null | undefined,
): Promise<string> {
  if (!professionalId) return 'dentist';
  return (await requireProfessional(em, clinicId, professionalId)).role;
}

interface CatalogLine {
  catalogItem: { name: string; isActive: boolean; pricingStrategy: string; vatType: { rate: string } } | null;
  quote: { net: string } | null;
}

/** One line's refusal: the field it is about (none: the line as a whole), the rule broken, the server's words. */
interface LineProblem {
  line: number;
  field?: string;
  rule?: string;
  message: string;
}

/**
 * A refusal of some lines as one BAD_USER_INPUT: the message says "Line N: …" for each, and
 * `extensions.fields` names each line's field as a path of the input: `items.0.surfaces` under `list`
 * (`items.0` for the line as a whole); `surfaces` for the one line of addBudgetItem / updateBudgetItem
 * (`input` for the line as a whole, as the core's parseInput names a whole input); with `rule` (`required`
 * for a value the item's pricing needs, `inactive`, none for the catalog's own words) so that clients can
 * say it in the person's language.
 */
function refusal(problems: readonly LineProblem[], first: number, list?: string): DomainError {
  const path = (p: LineProblem) =>
    list ? [list, p.line, ...(p.field ? [p.field] : [])].join('.') : (p.field ?? 'input');
  return new DomainError('BAD_USER_INPUT', problems.map((p) => `Line ${first + p.line}: ${p.message}`).join(' '), {
    fields: problems.map((p) => ({ field: path(p), message: p.message, ...(p.rule ? { rule: p.rule } : {}) })),
  });
}

const isBadInput = (e: unknown): e is DomainError => e instanceof DomainError && e.code === 'BAD_USER_INPUT';

/**
 * What a line must give for its item's pricing (`strategy` as the API names it), as the catalog's
 * `quoteTreatment` has it: PER_SURFACE needs surfaces (1-5 per tooth), PER_TOOTH the teeth; FLAT needs
 * nothing, and PER_ROLE takes the professional's role from the budget (never from the line). Teeth, when
 * given, multiply PER_SURFACE and PER_ROLE prices.
 */
function missingFor(strategy: string, item: ItemInput): 'surfaces' | 'teeth' | null {
  if (strategy === 'PER_SURFACE' && item.surfaces == null) return 'surfaces';
  if (strategy === 'PER_TOOTH' && !item.teeth?.length) return 'teeth';
  return null;
}

/**
 * Description, unit price and VAT of each line from the catalog (the quote unless a price is given),
 * in ONE supergraph query for all the lines. When the catalog refuses a quote, the lines are asked one
 * by one so that the error names each line it is about and, when the item's pricing tells, its field.
 * `list` is the lines' path in the input (`items` for createBudget), `first` the first line's number.
 */
export async function priceLines(
  query: SupergraphQuery,
  items: readonly ItemInput[],
  role: string,
  { first = 1, list }: { first?: number; list?: string } = {},
): Promise<PricedLine[]> {
  const unpaired: LineProblem[] = [];
  items.forEach((item, line) => {
    if ((item.discountType == null) !== (item.discountValue == null))
      unpaired.push({
        line,
        field: item.discountType == null ? 'discountType' : 'discountValue',
        rule: 'required',
        message: 'give discountType and discountValue together.',
      });
  });
  if (unpaired.length) throw refusal(unpaired, first, list);
  if (!items.length) return [];
  let answers: CatalogLine[];
  try {
    answers = await catalogLines(query, items, role);
  } catch (e) {
    if (!isBadInput(e)) throw e;
    throw await whyRefused(query, items, role, e, { first, list });
  }
  const inactive: LineProblem[] = [];
  const lines = items.map((item, i) => {
    const { catalogItem, quote } = answers[i];
    if (!catalogItem) throw notFound('Catalog item', item.catalogItemId);
    if (!catalogItem.isActive)
      inactive.push({
        line: i,
        field: 'catalogItemId',
        rule: 'inactive',
        message: `"${catalogItem.name}" is no longer offered (inactive in the catalog).`,
      });
    return {
      catalogItemId: item.catalogItemId,
      description: catalogItem.name,
      quantity: item.quantity,
      unitPrice: item.unitPrice ?? cents(quote!.net),
      discountType: item.discountType ?? null,
      discountValue: item.discountValue ?? null,
      vatRate: cents(catalogItem.vatType.rate),
      teeth: item.teeth ?? [],
      surfaces: item.surfaces ?? null,
    };
  });
  if (inactive.length) throw refusal(inactive, first, list);
  return lines;
}

/**
 * The catalog refused to quote some line: read the items alone (never refused), then quote each line by
 * itself. A refusal of a line whose item's pricing needs a value it lacks names that field; any other
 * names the line. Every refused line is reported, not only the first.
 */
async function whyRefused(
  query: SupergraphQuery,
  items: readonly ItemInput[],
  role: string,
  refused: DomainError,
  at: { first: number; list?: string },
): Promise<unknown> {
  const known = await catalogLines(query, items, role, false);
  const problems: LineProblem[] = [];
  for (const [i, item] of items.entries()) {
    const { catalogItem } = known[i];
    if (!catalogItem) throw notFound('Catalog item', item.catalogItemId);
    if (item.unitPrice != null) continue;
    const error =
      items.length === 1
        ? refused
        : await catalogLines(query, [item], role).then(
            () => null,
            (e: unknown) => (isBadInput(e) ? e : Promise.reject(e)),
          );
    if (error) problems.push(problemOf(i, catalogItem.pricingStrategy, item, error));
  }
  return problems.length ? refusal(problems, at.first, at.list) : refused;
}

function problemOf(line: number, strategy: string, item: ItemInput, error: DomainError): LineProblem {
  const missing = missingFor(strategy, item);
  return missing
    ? { line, field: missing, rule: 'required', message: error.message }
    : { line, message: error.message };
}

/**
 * One query for any number of lines: `l<i>` reads line i's catalog item, `q<i>` quotes it (only when it
 * has no price of its own, and unless `quotes` is false). Its shape depends on the lines, so it is written
 * here rather than generated.
 */
async function catalogLines(
  query: SupergraphQuery,
  items: readonly ItemInput[],
  role: string,
  quotes = true,
): Promise<CatalogLine[]> {
  const params: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  items.forEach((item, i) => {
    params.push(`$id${i}: ID!`);
    variables[`id${i}`] = item.catalogItemId;
    fields.push(`l${i}: catalogItem(id: $id${i}) { name isActive pricingStrategy vatType { rate } }`);
    if (!quotes || item.unitPrice != null) return;
    params.push(`$q${i}: QuoteTreatmentInput!`);
    variables[`q${i}`] = { itemId: item.catalogItemId, teeth: item.teeth ?? [], surfaces: item.surfaces ?? null, role };
    fields.push(`q${i}: quoteTreatment(input: $q${i}) { net }`);
  });
  const data = await query<Record<string, unknown>>(
    `query BudgetCatalogLines(${params.join(', ')}) { ${fields.join(' ')} }`,
    variables,
  );
  return items.map((_, i) => ({
    catalogItem: data[`l${i}`] as CatalogLine['catalogItem'],
    quote: (data[`q${i}`] ?? null) as CatalogLine['quote'],
  }));
}
