import { useI18n } from 'vue-i18n';
import { useFieldErrors, type FieldError } from '@dentalpin/web/sdk';

/**
 * A budget form's server refusals, for a mutation sent with INLINE_INPUT_ERRORS: the host's `useFieldErrors`
 * (messages keyed by the server's field paths — `items.0.surfaces` for createBudget, `surfaces` for addBudgetItem,
 * `items.0` and `input` for a whole line —, a toast, and `formError` when no field is named), in the budget's own
 * words for what a line lacks: `budget.refused.<field>.<rule>`, then `budget.refused.<rule>`, then the host's rule
 * texts. The catalog's own refusals come in English; other languages get `budget.refused.line` (a line) or
 * `budget.refused.other` instead.
 */
export function useBudgetErrors() {
  const { t, te, locale } = useI18n();
  return useFieldErrors((key: string, f: FieldError, host: string): string => {
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
  });
}
