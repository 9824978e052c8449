import { cents, money, roundCents, sumMoney } from '@dentalpin/core';

/**
 * An invoice's line and total arithmetic on the core's exact money: half-up to the cent where a rate
 * is applied, so the totals add up to the lines.
 */

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
  const tax = roundCents(net.times(line.vatRate).dividedBy(100));
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
    subtotal: cents(sumMoney(lines.map((l) => money(l.unitPrice).times(l.quantity)))),
    totalDiscount: cents(sumMoney(lines.map((l) => l.discount))),
    totalTax: cents(sumMoney(lines.map((l) => l.taxAmount))),
    total: cents(sumMoney(lines.map((l) => l.total))),
  };
}

export const negate = (v: string) => cents(money(v).negated());
