import { useClinicFormat } from '@dentalpin/web/sdk';

/**
 * The host's `useClinicFormat()` with the currency each record carries (a payment's, the account's): money in
 * that currency, days and moments on the clinic's calendar, in the person's language. Amounts stay the API's
 * exact decimal strings: Intl formats the string itself (no float on the way).
 */
export function useAccountFormat() {
  const { number, day, date } = useClinicFormat();
  const money = (amount: string | null | undefined, currency: string) =>
    number(amount, { style: 'currency', currency });
  return { money, day, instant: (iso: string | Date) => date(new Date(iso).toISOString()) };
}
