import { markRaw, shallowReactive } from 'vue';
import type { ApolloClient } from '@apollo/client/core';
import type { RouteLocationRaw } from 'vue-router';
import type { SlotGate } from '../slots/registry.ts';

/** One hit of a search provider: what the global search box shows and where Enter takes the person. */
export interface SearchResult {
  /** Unique within its provider. */
  id: string;
  label: string;
  sublabel?: string;
  route: RouteLocationRaw;
}

/**
 * What a module layer contributes to the top bar's global search (`searchProviders` of its layer):
 * the host asks every provider the person may use and shows the results grouped under `label`.
 */
export interface SearchProvider {
  /** Unique; convention `<module>.<what>`. Registering the same id again replaces it. */
  id: string;
  /** i18n key of the results' group title. */
  label: string;
  /** A namespaced permission; the provider is asked only for users who have it. */
  permission?: string;
  /** Shortest term worth asking about (default 2 characters). */
  minLength?: number;
  /** At most a handful of results, best first. A failure shows as an empty group, never breaks the box. */
  search(term: string, client: ApolloClient<unknown>): Promise<SearchResult[]>;
  /** The module that contributed it: asked only while that module is active. Set by the layer loader. */
  module?: string;
}

const providers = shallowReactive(new Map<string, SearchProvider>());

export function registerSearchProvider(provider: SearchProvider): void {
  providers.set(provider.id, markRaw({ ...provider }));
}

export function unregisterSearchProvider(id: string): void {
  providers.delete(id);
}

export function clearSearchProviders(): void {
  providers.clear();
}

/** The providers this person may use now (permission and active module), in registration order. */
export function searchProvidersFor(gate: SlotGate): SearchProvider[] {
  return [...providers.values()].filter(
    (p) => (!p.permission || gate.can(p.permission)) && (!p.module || gate.isModuleActive(p.module)),
  );
}
