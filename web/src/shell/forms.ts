import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { GraphQLFormattedError } from 'graphql';
import type { OperationContext } from './apollo.ts';
import { failureText, fieldErrors, translatorOf, type FieldWording, type Translator } from './errors.ts';
import { notify } from './notify.ts';

/** Operation context for a form that shows BAD_USER_INPUT next to its fields (see `useFieldErrors`). */
export const INLINE_INPUT_ERRORS: OperationContext = { inlineErrorCodes: ['BAD_USER_INPUT'] };

/** The component's vue-i18n composer as the error texts' translator. */
export function useTranslator(): Translator {
  return translatorOf(useI18n());
}

/**
 * The person's-language text of a failed query or mutation, for a page that shows it in place
 * (never Apollo's "GraphQL response contains errors: …").
 */
export function useFailureText(): (failure: unknown) => string {
  const tr = useTranslator();
  return (failure) => failureText(failure, tr);
}

/**
 * Server validation for forms: a mutation sent with INLINE_INPUT_ERRORS that fails with
 * BAD_USER_INPUT gets its per-field messages, in the person's language, under the fields plus a toast;
 * nothing is silent. A BAD_USER_INPUT that names no field (an expired link, say) is kept in
 * `formError` for the form's top. `errors` may also be set by the form's own checks before sending. `word`
 * puts a field's message in the form's own words (see `fieldErrors`).
 */
export function useFieldErrors(word?: FieldWording) {
  const tr = useTranslator();
  const errors = ref<Record<string, string>>({});
  const formError = ref<string | null>(null);
  function clear() {
    errors.value = {};
    formError.value = null;
  }
  function capture(error: unknown) {
    const graphQLErrors = ((error as { graphQLErrors?: GraphQLFormattedError[] }).graphQLErrors ?? []).filter(
      (e) => e.extensions?.code === 'BAD_USER_INPUT',
    );
    if (!graphQLErrors.length) return;
    errors.value = fieldErrors(graphQLErrors, tr, word);
    if (!Object.keys(errors.value).length) formError.value = failureText({ graphQLErrors }, tr);
    notify({
      severity: 'error',
      summary: tr.t('errors.codes.BAD_USER_INPUT'),
      detail: Object.keys(errors.value).length ? tr.t('errors.fixFields') : (formError.value ?? undefined),
      code: 'BAD_USER_INPUT',
    });
  }
  return { errors, formError, clear, capture };
}

/**
 * Whether the submitted form may be sent: its fields' own checks (DateField, NumberField, any native
 * constraint) all pass. Each failing field shows its message; the first one gets the focus.
 */
export function formIsValid(event: Event): boolean {
  const form = (event.currentTarget ?? event.target) as HTMLFormElement | null;
  if (!form || typeof form.checkValidity !== 'function' || form.checkValidity()) return true;
  const first = Array.from(form.elements).find((el) => !(el as HTMLInputElement).validity?.valid);
  (first as HTMLElement | undefined)?.focus();
  return false;
}

/**
 * Pass-through for a PrimeVue Select named by its visible `<label>` (`label-id` + `aria-labelledby`): without it
 * the Select copies its chosen option or placeholder into `aria-label`, a second name beside the label's.
 */
export const namedByLabel = { label: { 'aria-label': undefined } };
