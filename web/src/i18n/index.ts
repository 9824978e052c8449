import { createI18n } from 'vue-i18n';
import type { LocaleMessages, LocaleMessagesLoader } from '../shell/layers.ts';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
const LOCALE_KEY = 'dentalpin.locale';
const FALLBACK: Locale = 'en';

declare const __INTLIFY_DROP_MESSAGE_COMPILER__: boolean | undefined;
/** Production builds ship vue-i18n without its message compiler: message files arrive precompiled. */
const NO_COMPILER = typeof __INTLIFY_DROP_MESSAGE_COMPILER__ === 'boolean' && __INTLIFY_DROP_MESSAGE_COMPILER__;

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return globalThis.navigator?.language?.startsWith('es') ? 'es' : 'en';
}

/** A message tree as the message files arrive (precompiled) or as a layer wrote it inline (plain strings). */
type Messages = { [key: string]: string | object };
const isAst = (value: object) => typeof (value as { t?: unknown }).t === 'number';

/**
 * Inline messages (a layer's `i18n: { en: { … } }` in code, not a JSON file) are not precompiled: a plain text
 * becomes the AST vue-i18n runs without its compiler. A text with placeholders needs the compiler, which
 * production builds leave out: it is shown as written, and the console says to move it to `i18n/<locale>.json`.
 */
export function toMessageAst(messages: Messages, path: string[] = []): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'object') out[key] = isAst(value) ? value : toMessageAst(value as Messages, [...path, key]);
    else if (!/[{}@|]/.test(value)) out[key] = { t: 0, b: { t: 2, s: value } };
    else if (!NO_COMPILER) out[key] = value;
    else {
      console.error(`Message ${[...path, key].join('.')} has placeholders: put it in an i18n/<locale>.json file.`);
      out[key] = { t: 0, b: { t: 2, s: value } };
    }
  }
  return out;
}

/**
 * The host's vue-i18n with messages loaded per locale: the host's own files and every layer's loaders are kept
 * until their locale is needed (`load`); `main.ts` loads the person's language before the first render and
 * English, the fallback, right after it; `switchLocale` loads a language before showing it.
 */
export function createHostI18n(locale: Locale = initialLocale()) {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: FALLBACK, messages: {} });
  const pending = new Map<string, LocaleMessagesLoader[]>();
  const loads = new Map<string, Promise<void>>();
  const merge = (target: string, messages: LocaleMessages) =>
    i18n.global.mergeLocaleMessage(target, toMessageAst(messages) as never);
  const defer = (target: string, loader: LocaleMessagesLoader) => {
    const done = loads.get(target);
    if (done) void done.then(loader).then((m) => merge(target, m.default));
    else pending.set(target, [...(pending.get(target) ?? []), loader]);
  };
  defer('en', () => import('./en.json'));
  defer('es', () => import('./es.json'));
  const load = (target: string): Promise<void> => {
    let done = loads.get(target);
    if (!done) {
      const loaders = pending.get(target) ?? [];
      pending.delete(target);
      // Merged in the order given: the host's messages first, then each layer's.
      done = Promise.all(loaders.map((l) => l())).then((all) => all.forEach((m) => merge(target, m.default)));
      loads.set(target, done);
    }
    return done;
  };
  activeLoad = load;
  return { i18n, merge, defer, load, fallback: FALLBACK };
}

let activeLoad: ((locale: Locale) => Promise<void>) | undefined;

/** Shows the app in another language once its messages are loaded, and remembers the choice. */
export async function switchLocale(locale: Locale, apply: (locale: Locale) => void): Promise<void> {
  if (activeLoad) await activeLoad(locale);
  apply(locale);
  rememberLocale(locale);
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(LOCALE_KEY, locale);
}
