import { computed, ref, watchSyncEffect, type Ref } from 'vue';

/**
 * The checks a typed field does itself, shared by DateField and NumberField: the problem goes into
 * the input's native validity (so the form's `checkValidity()` refuses to send, see `formIsValid`)
 * and is shown once the person left the field or tried to send; a server error always shows.
 */
export function useFieldCheck(problem: Ref<string | null>, serverError: () => string | null | undefined) {
  const input = ref<HTMLInputElement | null>(null);
  const touched = ref(false);
  // Synchronous: a submit right after the last keystroke must see the field's current verdict.
  watchSyncEffect(() => input.value?.setCustomValidity(problem.value ?? ''));
  const message = computed(() => (touched.value ? problem.value : null) ?? serverError() ?? null);
  return { input, touched, message };
}
