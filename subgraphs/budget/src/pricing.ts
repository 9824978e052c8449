import { Decimal } from 'decimal.js';
import { DomainError } from '@dentalpin/core';

/**
 * A budget's arithmetic, pure (no database): line discounts, the global discount prorated over the
 * lines ex-VAT, VAT on the discounted base, and rounding distributed so that the lines add up to the
 * totals exactly to the cent. decimal.js only; every amount is rounded half-up to the cent.
 */

const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Money = InstanceType<typeof Money>;
const round = (d: Decimal.Value) => new Money(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const fixed = (d: Decimal.Value) => round(d).toFixed(2);
const ZERO = new Money(0);
const sum = (values: readonly Money[]) => values.reduce((acc, v) => acc.plus(v), ZERO);

export type DiscountType = 'percentage' | 'absolute';

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

/**
 * Splits `amount` (cents) over `weights` in proportion, exactly: the parts add up to `amount`. Each
 * part is rounded down to the cent, and the cents left over go to the largest remainders (earlier
 * lines first on ties). The ONE proration helper: the global discount and the VAT of each rate use it.
 */
export function prorate(amount: Decimal.Value, weights: readonly Decimal.Value[]): Money[] {
  const total = round(amount);
  const w = weights.map((x) => new Money(x));
  const weightSum = sum(w);
  if (!weights.length) {
    if (!total.isZero()) throw new Error('prorate: an amount cannot be split over nothing');
    return [];
  }
  // Nothing to weigh by (every weight zero): equal shares.
  const shares = weightSum.isZero() ? w.map(() => new Money(1)) : w;
  const shareSum = sum(shares);
  const cents = total.times(100);
  const exact = shares.map((s) => cents.times(s).dividedBy(shareSum));
  const floors = exact.map((e) => e.floor());
  let left = cents.minus(sum(floors)).toNumber();
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
    if (value != null && !new Money(value).isZero()) throw bad(`${what}: give discountType with a discount value.`);
    return ZERO;
  }
  if (value == null) throw bad(`${what}: a ${type.toUpperCase()} discount needs a value.`);
  const v = new Money(value);
  if (v.isNegative()) throw bad(`${what}: the discount cannot be negative.`);
  if (type === 'percentage') {
    if (v.greaterThan(100)) throw bad(`${what}: a percentage discount cannot be more than 100.`);
    return round(base.times(v).dividedBy(100));
  }
  if (v.greaterThan(base))
    throw bad(`${what}: the discount (${fixed(v)}) cannot be more than the amount it applies to (${fixed(base)}).`);
  return round(v);
}

/** Prices a whole budget. Throws BAD_USER_INPUT for a negative discount or one above what it applies to. */
export function priceBudget(lines: readonly LineInput[], global?: GlobalDiscount | null): BudgetAmounts {
  const subtotals = lines.map((l) => round(new Money(l.unitPrice).times(l.quantity)));
  const own = lines.map((l, i) => discountOf(subtotals[i], l.discountType, l.discountValue, `Line ${i + 1}`));
  const afterOwn = subtotals.map((s, i) => s.minus(own[i]));
  const base = sum(afterOwn);
  const globalAmount = global ? discountOf(base, global.type, global.value, 'Global discount') : ZERO;
  const shares = prorate(globalAmount, afterOwn);
  const nets = afterOwn.map((a, i) => a.minus(shares[i]));

  // VAT per rate on the rate's whole base, then split over its lines: the lines add up to the total.
  const taxes = nets.map(() => ZERO);
  const rates = [...new Set(lines.map((l) => new Money(l.vatRate).toFixed(2)))];
  for (const rate of rates) {
    const members = lines.map((l, i) => (new Money(l.vatRate).toFixed(2) === rate ? i : -1)).filter((i) => i >= 0);
    const tax = round(
      sum(members.map((i) => nets[i]))
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
    subtotal: sum(subtotals).toFixed(2),
    totalDiscount: sum(own).plus(globalAmount).toFixed(2),
    totalTax: sum(taxes).toFixed(2),
    total: sum(nets).plus(sum(taxes)).toFixed(2),
  };
}

/** Normalises a money string to two decimals ("12.5" → "12.50"). */
export const toMoney = (value: string) => fixed(value);
