/**
 * What module web layers import (`@dentalpin/web/sdk`). Layers never import host internals or
 * another module's layer; typed GraphQL documents come from `@dentalpin/web/gql`.
 */
export { defineModuleLayer, type ModuleLayer, type LocaleMessages } from '../shell/layers.ts';
export {
  registerSlot,
  unregisterSlot,
  clearSlots,
  resolveSlot,
  CANONICAL_SLOTS,
  type CanonicalSlot,
  type SlotEntry,
} from '../slots/registry.ts';
export { useSlotEntries } from '../slots/useSlot.ts';
export { default as ModuleSlot } from '../slots/ModuleSlot.vue';
export { usePermissions, useHost, type Permissions, type HostState } from '../shell/host.ts';
export { notify, type Notice } from '../shell/notify.ts';
export { useDebounced } from '../shell/debounce.ts';
export { useFieldErrors, INLINE_INPUT_ERRORS } from '../shell/forms.ts';
export { fieldErrors, KNOWN_ERROR_CODES, type KnownErrorCode } from '../shell/errors.ts';
export { onSubscriptionsReconnected, type OperationContext } from '../shell/apollo.ts';
