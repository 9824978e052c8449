import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { GraphQLFormattedError } from 'graphql';
import type { OperationContext } from './apollo.ts';
import { fieldErrors } from './errors.ts';
import { notify } from './notify.ts';

/** Operation context for a form that shows BAD_USER_INPUT next to its fields (see `useFieldErrors`). */
export const INLINE_INPUT_ERRORS: OperationContext = { inlineErrorCodes: ['BAD_USER_INPUT'] };

/**
 * Server validation for forms: a mutation sent with INLINE_INPUT_ERRORS that fails with
 * BAD_USER_INPUT gets its per-field messages under the fields plus a toast; nothing is silent.
 * A BAD_USER_INPUT that names no field (an expired link, say) is kept in `formError` for the form's top.
 */
export function useFieldErrors() {
  const { t } = useI18n();
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
    errors.value = fieldErrors(graphQLErrors);
    if (!Object.keys(errors.value).length) formError.value = graphQLErrors.map((e) => e.message).join(' ');
    notify({
      severity: 'error',
      summary: t('errors.codes.BAD_USER_INPUT'),
      detail: Object.keys(errors.value).length ? t('errors.fixFields') : graphQLErrors.map((e) => e.message).join(' '),
      code: 'BAD_USER_INPUT',
    });
  }
  return { errors, formError, clear, capture };
}
