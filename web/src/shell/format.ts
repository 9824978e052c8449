import { useI18n } from 'vue-i18n';
import { useHost } from './host.ts';

/** A decimal string (or a number) as Intl.NumberFormat takes it: a string is formatted exactly, no float on the way. */
type Decimal = string | number;

/**
 * Money in the clinic's currency and times in the clinic's time zone, in the person's language.
 * Amounts stay the API's exact decimal strings: Intl formats the string itself (no float on the way).
 * Each helper gives '' for null or undefined (the page says what an absent value reads as, e.g. '—').
 */
export function useClinicFormat() {
  const { locale } = useI18n();
  const host = useHost();
  const timeZone = () => host.me?.clinic.timezone;
  /** A number in the person's language (`1280,5`); a decimal string keeps every digit it has. */
  const number = (value: Decimal | null | undefined, options?: Intl.NumberFormatOptions): string =>
    value == null || value === ''
      ? ''
      : // A decimal string: Intl.NumberFormat formats it exactly (typed as number only).
        new Intl.NumberFormat(locale.value, options).format(value as number);
  const money = (amount: string | null | undefined): string => {
    const currency = host.me?.clinic.currency;
    if (amount == null) return '';
    if (!currency) return amount;
    return number(amount, { style: 'currency', currency });
  };
  /**
   * Percentage points as the API writes rates (VAT `"21.00"` → `21 %`, `"10.50"` → `10,5 %`), up to two
   * decimals. A string is scaled by its exponent (`"21.00e-2"`), so it stays exact.
   */
  const percent = (points: Decimal | null | undefined): string =>
    points == null || points === ''
      ? ''
      : number(typeof points === 'number' || /e/i.test(points) ? Number(points) / 100 : `${points}e-2`, {
          style: 'percent',
          maximumFractionDigits: 2,
        });
  /** A share of the whole (`0.755`) as a percentage (`75,5 %`), with `digits` decimals (1 unless told). */
  const ratio = (share: number | null | undefined, digits = 1): string =>
    share == null
      ? ''
      : number(share, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
  const time = (iso: string): string =>
    new Intl.DateTimeFormat(locale.value, { hour: '2-digit', minute: '2-digit', timeZone: timeZone() }).format(
      new Date(iso),
    );
  /** A moment as the clinic's date and time (`12 Nov 2026, 10:45`). */
  const dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone() }).format(
      new Date(iso),
    );
  /** A moment as its day on the clinic's calendar (`12 Nov 2026`). */
  const date = (iso: string): string =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: timeZone() }).format(new Date(iso));
  /** A `YYYY-MM-DD` calendar day (no zone: it is already the clinic's day). */
  const day = (isoDay: string): string =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${isoDay}T00:00:00Z`),
    );
  /** A `YYYY-MM` month (`November 2026`, `noviembre de 2026`). */
  const month = (isoMonth: string): string =>
    new Intl.DateTimeFormat(locale.value, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${isoMonth}-01T00:00:00Z`),
    );
  /** Today's `YYYY-MM-DD` on the clinic's calendar. */
  const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: timeZone() }).format(new Date());
  /** Today on the clinic's calendar and its bounds as clinic-local times (what `DateTime` arguments accept). */
  const todayRange = (): { day: string; from: string; to: string } => {
    const current = today();
    const next = new Date(Date.parse(`${current}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { day: current, from: `${current}T00:00`, to: `${next}T00:00` };
  };
  return { money, number, percent, ratio, time, dateTime, date, day, month, today, todayRange };
}
