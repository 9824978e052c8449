import { markRaw, shallowReactive, type Component } from 'vue';

/** The slots the host and the official modules render (naming: `<entity>.<view>.<location>`). */
export const CANONICAL_SLOTS = [
  'patient.detail.tabs',
  'patient.detail.sidebar',
  'patient.detail.header',
  'appointment.card.badges',
  'budget.detail.header',
  'treatment_plan.detail.chart',
  'appointment.detail.actions',
  'appointment.booking.free-slots',
  'dashboard.widgets',
  'settings.sections',
] as const;
export type CanonicalSlot = (typeof CANONICAL_SLOTS)[number];

/** One contribution to a slot. `Ctx` is what the page hands the slot (e.g. `{ patient }`). */
export interface SlotEntry<Ctx = Record<string, unknown>> {
  /** Unique within the slot; convention `<module>.<slot>.<qualifier>`. Registering the same id again replaces it. */
  id: string;
  component: Component;
  /** Ascending; ties keep registration order. Default 0. */
  order?: number;
  /** A namespaced permission (`patients.read`), or several: the entry shows only when the user has every one. */
  permission?: string | readonly string[];
  /**
   * Other modules whose API the entry reads (a dashboard card over the agenda's day): it shows only while they
   * are active too. Reading is not importing: the entry asks the supergraph, never the other module's code.
   */
  needsModules?: readonly string[];
  /** Shown only when this returns true for the page's context. */
  condition?: (ctx: Ctx) => boolean;
  /** i18n key of a title, for slots rendered as tabs or sections. */
  label?: string;
  /** The module that contributed the entry: it shows only while that module is active. Set by the layer loader. */
  module?: string;
}

/** What deciding visibility needs: permission checks and whether a module is active. */
export interface SlotGate {
  can(permission: string): boolean;
  isModuleActive(name: string): boolean;
}

interface Registered {
  entry: SlotEntry<any>;
  seq: number;
}

// Reactive so that <ModuleSlot> re-renders when a layer registers or unregisters at run time (HMR too).
const slots = shallowReactive(new Map<string, Registered[]>());
let sequence = 0;

export function registerSlot<Ctx = Record<string, unknown>>(name: string, entry: SlotEntry<Ctx>): void {
  const list = (slots.get(name) ?? []).slice();
  const stored = { ...entry, component: markRaw(entry.component) } as SlotEntry<any>;
  const existing = list.findIndex((r) => r.entry.id === entry.id);
  // Re-registering by id keeps the original position among equal orders (HMR must not reshuffle).
  if (existing >= 0) list[existing] = { entry: stored, seq: list[existing].seq };
  else list.push({ entry: stored, seq: sequence++ });
  slots.set(name, list);
}

export function unregisterSlot(name: string, id: string): void {
  const list = slots.get(name);
  if (!list) return;
  const next = list.filter((r) => r.entry.id !== id);
  if (next.length) slots.set(name, next);
  else slots.delete(name);
}

export function clearSlots(name?: string): void {
  if (name) slots.delete(name);
  else slots.clear();
}

/** Every entry of a slot, ignoring visibility (for diagnostics and tests). */
export function slotEntries(name: string): SlotEntry<any>[] {
  return (slots.get(name) ?? []).map((r) => r.entry);
}

/** The entries a user sees for `ctx`: active module, permission and condition pass; sorted by order. */
export function resolveSlot<Ctx>(name: string, ctx: Ctx, gate: SlotGate): SlotEntry<Ctx>[] {
  return (slots.get(name) ?? [])
    .filter(({ entry }) => [entry.module ?? [], entry.needsModules ?? []].flat().every((m) => gate.isModuleActive(m)))
    .filter(({ entry }) => [entry.permission ?? []].flat().every((p) => gate.can(p)))
    .filter(({ entry }) => !entry.condition || entry.condition(ctx))
    .sort((a, b) => (a.entry.order ?? 0) - (b.entry.order ?? 0) || a.seq - b.seq)
    .map((r) => r.entry);
}
