import { computed, inject, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import { HOST_KEY, gateOf } from '../shell/host.ts';
import { resolveSlot, type SlotEntry } from './registry.ts';

/** The visible entries of a slot, recomputed when the user, the active modules or the registry change. */
export function useSlotEntries<Ctx>(
  name: MaybeRefOrGetter<string>,
  ctx: MaybeRefOrGetter<Ctx>,
): ComputedRef<SlotEntry<Ctx>[]> {
  const host = inject(HOST_KEY, null);
  if (!host) throw new Error('Module slots need the DentalPin host state (provideHost) in the app.');
  const gate = gateOf(host);
  return computed(() => resolveSlot(toValue(name), toValue(ctx), gate));
}
