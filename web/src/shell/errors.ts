import type { GraphQLFormattedError } from 'graphql';

/** Every `extensions.code` of CONTRACT.md and core/src/errors.ts; anything else reads as INTERNAL_SERVER_ERROR. */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'ALREADY_INITIALIZED',
  'INVALID_TRANSITION',
  'ALREADY_IN_STATE',
  'CABINET_REQUIRED',
  'SLOT_CONFLICT',
  'MODULE_OPERATION_REFUSED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'SUBGRAPH_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

/** One entry of a BAD_USER_INPUT's `extensions.fields`: the path, the server's (English) words, the broken rule. */
export interface FieldError {
  field: string;
  message: string;
  /** `required`, or the validation rule (`too_small`, `too_big`, `invalid_format`, …); absent or `custom` for a module's own check. */
  rule?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
}

/** What the error texts need of vue-i18n (a composer, or the app's global one). */
export interface Translator {
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
  /** The person's language, e.g. `es`. */
  locale: string;
}

/** A vue-i18n composer (a component's `useI18n()` or the app's `i18n.global`) as a Translator. */
export function translatorOf(i18n: {
  t(key: string, named: Record<string, unknown>): string;
  te(key: string): boolean;
  locale: { value: string };
}): Translator {
  return {
    t: (key, named) => i18n.t(key, named ?? {}),
    te: (key) => i18n.te(key),
    get locale() {
      return i18n.locale.value;
    },
  };
}

/**
 * A field's message in the person's language: the translation of its rule (most specific first:
 * `errors.rules.too_small.string`, then `errors.rules.too_small`), else the server's own words
 * (a module's `custom` check).
 */
export function fieldMessage(f: FieldError, tr: Translator): string {
  if (!f.rule) return f.message;
  const params = { minimum: f.minimum, maximum: f.maximum };
  // zod names both for some rules (`invalid_format` of a string: origin `string`, format `email`): the format is
  // the more specific.
  const variants = [f.format, f.origin].filter(Boolean).map((v) => `errors.rules.${f.rule}.${v}`);
  for (const key of [...variants, `errors.rules.${f.rule}`]) if (tr.te(key)) return tr.t(key, params);
  return f.message;
}

/**
 * The text of an error that names no field, in the person's language. An error whose `extensions.reason` has a
 * message `errors.reasons.<reason>` (a layer's message files may add them) reads as that message, with the
 * error's other extensions as its parameters (e.g. `{number}`). Otherwise servers word messages in English, so
 * English readers get the server's exact words and others the explanation of the code.
 */
export function errorText(error: Pick<GraphQLFormattedError, 'extensions' | 'message'>, tr: Translator): string {
  const code = errorCode(error);
  const named = fieldList(error);
  if (named.length) return named.map((f) => `${f.field.replace(/^input\./, '')}: ${fieldMessage(f, tr)}`).join('; ');
  const reason = error.extensions?.reason;
  if (typeof reason === 'string' && tr.te(`errors.reasons.${reason}`))
    return tr.t(`errors.reasons.${reason}`, error.extensions as Record<string, unknown>);
  if (tr.locale.startsWith('en') && code !== 'INTERNAL_SERVER_ERROR') return error.message;
  return tr.t(`errors.explain.${code}`);
}

/** The text of whatever a query or mutation failed with (an ApolloError or a plain Error). */
export function failureText(failure: unknown, tr: Translator): string {
  const { graphQLErrors, networkError } = (failure ?? {}) as {
    graphQLErrors?: GraphQLFormattedError[];
    networkError?: unknown;
  };
  if (graphQLErrors?.length) return graphQLErrors.map((e) => errorText(e, tr)).join(' ');
  if (networkError) return tr.t('errors.network');
  return tr.t('errors.explain.INTERNAL_SERVER_ERROR');
}

function fieldList(error: Pick<GraphQLFormattedError, 'extensions' | 'message'>): FieldError[] {
  if (error.extensions?.code !== 'BAD_USER_INPUT') return [];
  const { field, fields } = error.extensions;
  if (Array.isArray(fields)) return fields as FieldError[];
  return typeof field === 'string' ? [{ field, message: error.message }] : [];
}

export function errorCode(error: Pick<GraphQLFormattedError, 'extensions'>): KnownErrorCode {
  const code = String(error.extensions?.code ?? '');
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code) ? (code as KnownErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/**
 * A form's own wording of a field's refusal: `key` is the field path (without `input.`), `text` what the host
 * would show (the rule's translation, else the server's words).
 */
export type FieldWording = (key: string, field: FieldError, text: string) => string;

/**
 * Per-field messages of a BAD_USER_INPUT, keyed by field path (without `input.`): the server's
 * `extensions.fields`, or `extensions.field` naming the one field the whole message is about (e.g. a
 * wrong current password). With a translator the messages are in the person's language; `word` lets a
 * form put them in its own words. A field refused twice in the same words says it once.
 */
export function fieldErrors(
  errors: readonly Pick<GraphQLFormattedError, 'extensions' | 'message'>[] | undefined,
  tr?: Translator,
  word?: FieldWording,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (errors ?? []).flatMap(fieldList)) {
    const key = f.field.replace(/^input\./, '');
    const text = tr ? fieldMessage(f, tr) : f.message;
    const message = word ? word(key, f, text) : text;
    out[key] = out[key] && out[key] !== message ? `${out[key]}; ${message}` : message;
  }
  return out;
}
