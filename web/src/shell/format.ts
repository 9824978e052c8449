import { useI18n } from 'vue-i18n';
import { useHost } from './host.ts';

/**
 * Money in the clinic's currency and times in the clinic's time zone, in the person's language.
 * Amounts stay the API's exact decimal strings: Intl formats the string itself (no float on the way).
 */
export function useClinicFormat() {
  const { locale } = useI18n();
  const host = useHost();
  const timeZone = () => host.me?.clinic.timezone;
  const money = (amount: string | null | undefined): string => {
    const currency = host.me?.clinic.currency;
    if (amount == null) return '';
    if (!currency) return amount;
    // A decimal string: Intl.NumberFormat formats it exactly (typed as number only).
    return new Intl.NumberFormat(locale.value, { style: 'currency', currency }).format(amount as unknown as number);
  };
  const time = (iso: string): string =>
    new Intl.DateTimeFormat(locale.value, { hour: '2-digit', minute: '2-digit', timeZone: timeZone() }).format(
      new Date(iso),
    );
  /** A moment as the clinic's date and time (`12 Nov 2026, 10:45`). */
  const dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone() }).format(
      new Date(iso),
    );
  /** A `YYYY-MM-DD` calendar day (no zone: it is already the clinic's day). */
  const day = (isoDay: string): string =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${isoDay}T00:00:00Z`),
    );
  /** Today's `YYYY-MM-DD` on the clinic's calendar. */
  const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: timeZone() }).format(new Date());
  /** Today on the clinic's calendar and its bounds as clinic-local times (what `DateTime` arguments accept). */
  const todayRange = (): { day: string; from: string; to: string } => {
    const current = today();
    const next = new Date(Date.parse(`${current}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { day: current, from: `${current}T00:00`, to: `${next}T00:00` };
  };
  return { money, time, dateTime, day, today, todayRange };
}
