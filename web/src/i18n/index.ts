import { createI18n } from 'vue-i18n';
import en from './en.json';
import es from './es.json';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
const LOCALE_KEY = 'dentalpin.locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return globalThis.navigator?.language?.startsWith('es') ? 'es' : 'en';
}

export function createHostI18n(locale: Locale = initialLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en, es } });
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(LOCALE_KEY, locale);
}
