/**
 * What module web layers import (`@dentalpin/web/sdk`). Layers never import host internals or
 * another module's layer; typed GraphQL documents come from `@dentalpin/web/gql`.
 */
export {
  defineModuleLayer,
  type ModuleLayer,
  type LocaleMessages,
  type LocaleMessagesLoader,
} from '../shell/layers.ts';
export {
  registerSlot,
  unregisterSlot,
  clearSlots,
  resolveSlot,
  CANONICAL_SLOTS,
  type CanonicalSlot,
  type SlotEntry,
} from '../slots/registry.ts';
export {
  registerSearchProvider,
  unregisterSearchProvider,
  clearSearchProviders,
  type SearchProvider,
  type SearchResult,
} from '../search/registry.ts';
export { useSlotEntries } from '../slots/useSlot.ts';
export { default as ModuleSlot } from '../slots/ModuleSlot.vue';
export { usePermissions, useHost, type Permissions, type HostState } from '../shell/host.ts';
export { notify, type Notice } from '../shell/notify.ts';
export { useDebounced } from '../shell/debounce.ts';
export {
  useFieldErrors,
  useFailureText,
  useTranslator,
  formIsValid,
  namedByLabel,
  INLINE_INPUT_ERRORS,
} from '../shell/forms.ts';
export {
  errorText,
  failureText,
  fieldErrors,
  KNOWN_ERROR_CODES,
  type FieldError,
  type FieldWording,
  type KnownErrorCode,
  type Translator,
} from '../shell/errors.ts';
export {
  useDialogGuard,
  useUnsavedGuard,
  useFormSnapshot,
  type DialogGuard,
  type UnsavedGuard,
} from '../shell/unsaved.ts';
export { isoDay } from '../shell/dates.ts';
export { useClinicFormat } from '../shell/format.ts';
export { parseDecimalInput, formatDecimalInput } from '../shell/numbers.ts';
export { default as DateField } from '../components/DateField.vue';
export { default as NumberField } from '../components/NumberField.vue';
export { onSubscriptionsReconnected, type OperationContext } from '../shell/apollo.ts';
export {
  followDomainEvents,
  followResumable,
  useDomainEvents,
  type DomainEvent,
  type FollowEventsOptions,
  type ResumableSubscriptionOptions,
} from '../shell/live.ts';
export { default as DocumentDownload } from '../components/DocumentDownload.vue';
export { default as DashboardCard, type DashboardCardItem } from '../components/DashboardCard.vue';
export { useAuthorizedFetch, type AuthorizedFetch } from '../shell/download.ts';
export {
  DataTable,
  Column,
  columnOf,
  type ColumnBodyProps,
  type DataTablePageEvent,
  type DataTableRowClickEvent,
} from '../components/DataTable.ts';
