import { inject, onScopeDispose, ref, watch, type Ref } from 'vue';
import { matchedRouteKey, onBeforeRouteLeave } from 'vue-router';

/**
 * A copy of `source` that follows it once it has been still for `ms` (what a search box queries).
 * A pending update is dropped when the component goes away and, on a routed page, as soon as the
 * user starts leaving it: pages load lazily, and an update landing while the next page loads would
 * re-write the list's URL (router.replace) and cancel the navigation the user asked for.
 */
export function useDebounced<T>(source: Ref<T>, ms = 300): Readonly<Ref<T>> {
  const settled = ref(source.value) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(timer);
  watch(source, (value) => {
    cancel();
    timer = setTimeout(() => (settled.value = value), ms);
  });
  onScopeDispose(cancel);
  if (inject(matchedRouteKey, null)?.value) onBeforeRouteLeave(cancel);
  return settled;
}
