import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { failureText, fieldErrors, notify, useTranslator, type FieldError } from '@dentalpin/web/sdk';

interface RefusalError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * A budget form's server refusals, for a mutation sent with INLINE_INPUT_ERRORS: like the host's
 * `useFieldErrors` (messages keyed by the server's field paths — `items.0.surfaces` for createBudget,
 * `surfaces` for addBudgetItem, `items.0` and `input` for a whole line — a toast, and `formError` when no field is named), with the budget's own
 * words for what a line lacks: `budget.refused.<field>.<rule>`, then `budget.refused.<rule>`, then the
 * host's rule texts. The catalog's own refusals come in English; other languages get
 * `budget.refused.line` (a line) or `budget.refused.other` instead.
 */
export function useBudgetErrors() {
  const { t, te, locale } = useI18n();
  const tr = useTranslator();
  const errors = ref<Record<string, string>>({});
  const formError = ref<string | null>(null);

  function clear() {
    errors.value = {};
    formError.value = null;
  }

  function messageOf(key: string, f: FieldError, host: string): string {
    // `items.0` and addBudgetItem's `input` are a line as a whole; `items.0.teeth.1` is about `teeth`.
    const names = key.split('.').filter((part) => !/^\d+$/.test(part));
    const field = key === 'input' || /^items\.\d+$/.test(key) ? 'line' : names[names.length - 1];
    const params = { minimum: f.minimum, maximum: f.maximum };
    if (f.rule)
      for (const own of [`budget.refused.${field}.${f.rule}`, `budget.refused.${f.rule}`])
        if (te(own)) return t(own, params);
    // The host translated the rule, or the server's words are in the reader's language.
    if (host !== f.message || locale.value.startsWith('en')) return host;
    return t(field === 'line' ? 'budget.refused.line' : 'budget.refused.other');
  }

  function capture(failure: unknown) {
    const refusals = ((failure as { graphQLErrors?: RefusalError[] } | null)?.graphQLErrors ?? []).filter(
      (e) => e.extensions?.code === 'BAD_USER_INPUT',
    );
    if (!refusals.length) return;
    const out: Record<string, string> = {};
    const named = refusals.flatMap((e) =>
      Array.isArray(e.extensions?.fields) ? (e.extensions.fields as FieldError[]) : [],
    );
    for (const f of named) {
      const key = f.field.replace(/^input\./, '');
      // The host's text: its translation of the rule, else the server's words.
      const host = fieldErrors([{ message: f.message, extensions: { code: 'BAD_USER_INPUT', fields: [f] } }], tr)[key];
      const message = messageOf(key, f, host ?? f.message);
      out[key] = out[key] && out[key] !== message ? `${out[key]}; ${message}` : message;
    }
    errors.value = out;
    if (!Object.keys(out).length) formError.value = failureText({ graphQLErrors: refusals }, tr);
    notify({
      severity: 'error',
      summary: t('errors.codes.BAD_USER_INPUT'),
      detail: Object.keys(out).length ? t('errors.fixFields') : (formError.value ?? undefined),
      code: 'BAD_USER_INPUT',
    });
  }

  return { errors, formError, clear, capture };
}
