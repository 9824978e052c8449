import type { RouteRecordRaw, Router } from 'vue-router';
import { registerSlot, unregisterSlot, type SlotEntry } from '../slots/registry.ts';
import { registerSearchProvider, unregisterSearchProvider, type SearchProvider } from '../search/registry.ts';

export type LocaleMessages = { [key: string]: string | LocaleMessages };
/**
 * A locale's messages loaded when that locale is first shown: `() => import('./i18n/es.json')`. The app then
 * downloads only the person's language (and English, the fallback, after the first render).
 */
export type LocaleMessagesLoader = () => Promise<{ default: LocaleMessages }>;

/**
 * What a module's `web/index.ts` exports (default): its pages, slot entries and messages.
 * Everything is gated by `activeModules`: routes answer only while the module runs, slot entries
 * show only while it runs, navigation comes from the server's manifest.
 */
export interface ModuleLayer {
  /** The module's manifest name. */
  module: string;
  /** Pages, mounted inside the shell (paths are absolute, e.g. `/patients/:id`). */
  routes?: RouteRecordRaw[];
  /** Slot name → entries. */
  slots?: Record<string, SlotEntry<any>[]>;
  /** What the top bar's global search may ask this module (patients by name, invoices by number…). */
  searchProviders?: SearchProvider[];
  /** Messages by locale: `i18n/<locale>.json` loaders (preferred) or the messages themselves. */
  i18n?: { en?: LocaleMessages | LocaleMessagesLoader; es?: LocaleMessages | LocaleMessagesLoader };
}

export function defineModuleLayer(layer: ModuleLayer): ModuleLayer {
  return layer;
}

export interface BakedLayer {
  module: string;
  layer: ModuleLayer;
}

/** The route meta key naming the module that owns a page (the router guard checks it is active). */
export const MODULE_META = 'dentalpinModule';

/** Adds every layer's routes (under the shell route), slot entries, search providers and messages; returns an undo. */
export function installLayers(
  layers: readonly BakedLayer[],
  target: {
    router: Router;
    mergeMessages(locale: string, messages: LocaleMessages): void;
    /** Keeps a locale's loader until that locale is shown; without it, loaders run at once. */
    deferMessages?(locale: string, load: LocaleMessagesLoader): void;
    parentRoute: string;
  },
): () => void {
  const undo: (() => void)[] = [];
  for (const { module, layer } of layers) {
    if (layer.module !== module)
      throw new Error(`The web layer listed for module "${module}" declares module "${layer.module}".`);
    for (const route of layer.routes ?? []) {
      const withMeta = { ...route, meta: { ...route.meta, [MODULE_META]: module } } as RouteRecordRaw;
      undo.push(target.router.addRoute(target.parentRoute, withMeta));
    }
    for (const [slot, entries] of Object.entries(layer.slots ?? {}))
      for (const entry of entries) {
        registerSlot(slot, { ...entry, module });
        undo.push(() => unregisterSlot(slot, entry.id));
      }
    for (const provider of layer.searchProviders ?? []) {
      registerSearchProvider({ ...provider, module });
      undo.push(() => unregisterSearchProvider(provider.id));
    }
    for (const [locale, messages] of Object.entries(layer.i18n ?? {})) {
      if (!messages) continue;
      if (typeof messages !== 'function') target.mergeMessages(locale, messages);
      else if (target.deferMessages) target.deferMessages(locale, messages);
      else void messages().then((loaded) => target.mergeMessages(locale, loaded.default));
    }
  }
  return () => undo.reverse().forEach((fn) => fn());
}
