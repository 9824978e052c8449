import { useI18n } from 'vue-i18n';
import { useHost } from '@dentalpin/web/sdk';

/**
 * Money in the clinic's currency and dates in the clinic's time zone, the person's locale. Amounts stay
 * the API's exact decimal strings: Intl formats the string itself (no float on the way).
 */
export function useAccountFormat() {
  const { locale } = useI18n();
  const host = useHost();
  const timeZone = () => host.me?.clinic.timezone ?? undefined;
  const money = (amount: string | null | undefined, currency: string) =>
    amount == null
      ? ''
      : new Intl.NumberFormat(locale.value, { style: 'currency', currency }).format(
          amount as unknown as number, // a decimal string: Intl.NumberFormat formats it exactly
        );
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const instant = (iso: string | Date) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: timeZone() }).format(new Date(iso));
  return { money, day, instant, locale };
}
