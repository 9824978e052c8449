import { Decimal } from 'decimal.js';

/**
 * Exact money for every module: amounts travel as decimal strings ("120.50", the `Decimal` scalar) and
 * are computed with decimal.js, never through a float. Rounding is half-up, to the cent, only where a
 * module says so (a rate applied, a total shown).
 */

/** decimal.js with 40 significant digits: far beyond any amount, so only explicit rounding rounds. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;
/** What `money()` accepts: a decimal string, a number or a decimal. */
export type MoneyValue = Decimal.Value;

export const ZERO: Money = new Money(0);

/** An exact decimal from a string ("120.50"), a number or a decimal. */
export const money = (value: MoneyValue): Money => new Money(value);

/** Rounded half-up to the cent (120.505 → 120.51, −0.005 → −0.01). */
export const roundCents = (value: MoneyValue): Money => money(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The amount as a string with exactly two decimals, rounded half-up: "120.50". */
export const cents = (value: MoneyValue): string => roundCents(value).toFixed(2);

/** The exact sum (ZERO for none). */
export const sumMoney = (values: readonly MoneyValue[]): Money => values.reduce<Money>((acc, v) => acc.plus(v), ZERO);
