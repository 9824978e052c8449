import { computed, inject, onBeforeUnmount, onMounted, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue';
import { matchedRouteKey, onBeforeRouteLeave } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { useConfirm } from 'primevue/useconfirm';

/** What `useUnsavedGuard` hands the form. */
export interface UnsavedGuard {
  /** Closes at once when nothing changed; otherwise asks "Discard changes?" and closes only if the person agrees. */
  requestClose(close: () => void): void;
  /** Resolves true when there is nothing to lose or the person agreed to discard it. */
  confirmDiscard(): Promise<boolean>;
}

/**
 * Keeps a form's edits from being thrown away silently: a dialog's Esc, close button and Cancel go
 * through `requestClose`, leaving the page (router navigation) and closing or reloading the tab ask
 * first while `dirty` is true. One host helper, so every form asks the same question the same way.
 */
export function useUnsavedGuard(dirty: MaybeRefOrGetter<boolean>): UnsavedGuard {
  const { t } = useI18n();
  const confirm = useConfirm();
  let pending: Promise<boolean> | null = null;

  function confirmDiscard(): Promise<boolean> {
    if (!toValue(dirty)) return Promise.resolve(true);
    // Esc reaches both the form dialog and the question: ask once.
    if (pending) return pending;
    pending = new Promise<boolean>((resolve) => {
      const settle = (answer: boolean) => {
        pending = null;
        resolve(answer);
      };
      confirm.require({
        header: t('unsaved.title'),
        message: t('unsaved.message'),
        icon: 'pi pi-exclamation-triangle',
        acceptProps: { label: t('unsaved.discard'), severity: 'danger' },
        rejectProps: { label: t('unsaved.keep'), text: true },
        accept: () => settle(true),
        reject: () => settle(false),
        onHide: () => settle(false),
      });
    });
    return pending;
  }

  function requestClose(close: () => void) {
    void confirmDiscard().then((discard) => {
      if (discard) close();
    });
  }

  // Only a component rendered by a route may guard leaving it (in a unit test there may be no router).
  if (inject(matchedRouteKey, null)) onBeforeRouteLeave(() => confirmDiscard());

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!toValue(dirty)) return;
    event.preventDefault();
    // Older browsers need returnValue set to show their own "leave site?" prompt.
    event.returnValue = '';
  };
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));

  return { requestClose, confirmDiscard };
}

/**
 * Whether a form differs from what it was last loaded or saved with: `reset()` takes a new baseline
 * (call it after filling the form from the record and after saving).
 */
export function useFormSnapshot(source: () => unknown): { dirty: Readonly<Ref<boolean>>; reset(): void } {
  const baseline = ref(JSON.stringify(source()));
  const dirty = computed(() => JSON.stringify(source()) !== baseline.value);
  return {
    dirty,
    reset: () => {
      baseline.value = JSON.stringify(source());
    },
  };
}

/** What `useDialogGuard` hands a form dialog. */
export interface DialogGuard {
  /** For Cancel, and for the Dialog's `@update:visible` (Esc, the close button): asks first when there are edits. */
  requestClose(): void;
  /** Takes the form as it is now as unchanged: after filling it on open, and after saving. */
  reset(): void;
  /** Before the open form is refilled with something else (editing another record): true when nothing is lost. */
  confirmDiscard(): Promise<boolean>;
}

/**
 * The guard of a form in a dialog: edits since `reset()` make Esc, the close button, Cancel, leaving the page
 * and closing the tab ask "Discard changes?" while the dialog is open; `close` runs once nothing is lost.
 */
export function useDialogGuard(form: () => unknown, open: () => boolean, close: () => void): DialogGuard {
  const snapshot = useFormSnapshot(form);
  const guard = useUnsavedGuard(() => open() && snapshot.dirty.value);
  return { requestClose: () => guard.requestClose(close), reset: snapshot.reset, confirmDiscard: guard.confirmDiscard };
}
