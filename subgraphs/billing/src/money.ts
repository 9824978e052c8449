import { Decimal } from 'decimal.js';

/**
 * Exact money: decimal.js, rounded half-up to the cent where a rate is applied. Amounts travel as
 * decimal strings ("120.50"); nothing goes through a float.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export const money = (v: Decimal.Value) => new Money(v);
export const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
export const sum = (values: readonly Decimal.Value[]) => values.reduce<Decimal>((a, v) => a.plus(v), new Money(0));

export interface LineInput {
  quantity: number;
  unitPrice: string;
  /** Absolute discount on the whole line. */
  discount: string;
  vatRate: string;
}

export interface LineAmounts {
  netAmount: string;
  taxAmount: string;
  total: string;
}

/** net = unitPrice × quantity − discount; tax = net × rate / 100 (half-up to the cent); total = net + tax. */
export function lineAmounts(line: LineInput): LineAmounts {
  const net = money(line.unitPrice).times(line.quantity).minus(line.discount);
  const tax = money(cents(net.times(line.vatRate).dividedBy(100)));
  return { netAmount: cents(net), taxAmount: cents(tax), total: cents(net.plus(tax)) };
}

export interface Totals {
  subtotal: string;
  totalDiscount: string;
  totalTax: string;
  total: string;
}

/** The invoice totals from its lines (each already rounded): they add up to the cent by construction. */
export function totalsOf(lines: readonly (LineInput & LineAmounts)[]): Totals {
  return {
    subtotal: cents(sum(lines.map((l) => money(l.unitPrice).times(l.quantity)))),
    totalDiscount: cents(sum(lines.map((l) => l.discount))),
    totalTax: cents(sum(lines.map((l) => l.taxAmount))),
    total: cents(sum(lines.map((l) => l.total))),
  };
}

export const negate = (v: string) => cents(money(v).negated());
