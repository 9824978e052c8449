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

const bad = (message: string) => new DomainError('BAD_USER_INPUT', message);
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

function discountOf(
  base: Money,
  type: DiscountType | null | undefined,
  value: string | null | undefined,
  what: string,
) {
  if (!type) {
    if (value != null && !money(value).isZero()) throw bad(`${what}: give discountType with a discount value.`);
    return ZERO;
  }
  if (value == null) throw bad(`${what}: a ${discountTypes.name(type)} discount needs a value.`);
  const v = money(value);
  if (v.isNegative()) throw bad(`${what}: the discount cannot be negative.`);
  if (type === 'percentage') {
    if (v.greaterThan(100)) throw bad(`${what}: a percentage discount cannot be more than 100.`);
    return roundCents(base.times(v).dividedBy(100));
  }
  if (v.greaterThan(base))
    throw bad(`${what}: the discount (${cents(v)}) cannot be more than the amount it applies to (${cents(base)}).`);
  return roundCents(v);
}

/** Prices a whole budget. Throws BAD_USER_INPUT for a negative discount or one above what it applies to. */
export function priceBudget(lines: readonly LineInput[], global?: GlobalDiscount | null): BudgetAmounts {
  const subtotals = lines.map((l) => roundCents(money(l.unitPrice).times(l.quantity)));
  const own = lines.map((l, i) => discountOf(subtotals[i], l.discountType, l.discountValue, `Line ${i + 1}`));
  const afterOwn = subtotals.map((s, i) => s.minus(own[i]));
  const base = sumMoney(afterOwn);
  const globalAmount = global ? discountOf(base, global.type, global.value, 'Global discount') : ZERO;
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
  catalogItem: { name: string; isActive: boolean; vatType: { rate: string } } | null;
  quote: { net: string } | null;
}

/**
 * Description, unit price and VAT of each line from the catalog (the quote unless a price is given),
 * in ONE supergraph query for all the lines. When the catalog refuses a quote, the lines are asked one
 * by one so that the error names the line it is about.
 */
export async function priceLines(
  query: SupergraphQuery,
  items: readonly ItemInput[],
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
    answers = await catalogLines(query, items, role);
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'BAD_USER_INPUT' || items.length === 1) throw lineError(e, first);
    answers = [];
    for (const [i, item] of items.entries())
      answers.push(
        ...(await catalogLines(query, [item], role).catch((err) => Promise.reject(lineError(err, first + i)))),
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
      discountType: item.discountType ?? null,
      discountValue: item.discountValue ?? null,
      vatRate: cents(catalogItem.vatType.rate),
      teeth: item.teeth ?? [],
      surfaces: item.surfaces ?? null,
    };
  });
}

/**
 * One query for any number of lines: `l<i>` reads line i's catalog item, `q<i>` quotes it (only when it
 * has no price of its own). Its shape depends on the lines, so it is written here rather than generated.
 */
async function catalogLines(query: SupergraphQuery, items: readonly ItemInput[], role: string): Promise<CatalogLine[]> {
  const params: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  items.forEach((item, i) => {
    params.push(`$id${i}: ID!`);
    variables[`id${i}`] = item.catalogItemId;
    fields.push(`l${i}: catalogItem(id: $id${i}) { name isActive vatType { rate } }`);
    if (item.unitPrice != null) return;
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

/** The catalog's refusal of one line, prefixed with the line's number. */
function lineError(e: unknown, line: number): unknown {
  return e instanceof DomainError && e.code === 'BAD_USER_INPUT'
    ? new DomainError('BAD_USER_INPUT', `Line ${line}: ${e.message}`, e.details)
    : e;
}
