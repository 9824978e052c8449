import { Decimal } from 'decimal.js';

/** Decimal arithmetic for amounts (never JS floats): exact sums, half-up to the cent when shown. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const ZERO = new Money(0);
export const money = (value: string | number | null | undefined) => new Money(value ?? 0);
export const sum = (values: readonly (string | null | undefined)[]) =>
  values.reduce<Decimal>((total, v) => total.plus(money(v)), ZERO);
/** "120.50" */
export const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
