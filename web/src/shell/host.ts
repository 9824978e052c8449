import { computed, inject, reactive, type App, type ComputedRef, type InjectionKey } from 'vue';
import type { SlotGate } from '../slots/registry.ts';

export interface NavigationEntry {
  label: string;
  to: string;
  icon?: string | null;
  permission?: string | null;
  order: number;
}

export interface ActiveModuleInfo {
  name: string;
  version: string;
  category: string;
  summary: string;
  permissions: string[];
  navigation: NavigationEntry[];
}

export interface MeInfo {
  user: { id: string; email: string; fullName: string; isPlatformAdmin: boolean };
  clinic: { id: string; name: string; timezone: string; currency: string };
  clinics: { id: string; name: string; role: string }[];
  role: string;
  permissions: string[];
}

/**
 * What the shell knows about the signed-in user and the running modules. One per app; pages and
 * layers read it through `useHost()` / `usePermissions()`.
 */
export interface HostState {
  me: MeInfo | null;
  activeModules: ActiveModuleInfo[];
  /** Module layers baked into this build (their names), to gate permissions of inactive modules. */
  bakedLayers: string[];
  loaded: boolean;
}

export const HOST_KEY: InjectionKey<HostState> = Symbol('dentalpin.host');

export function createHostState(initial: Partial<HostState> = {}): HostState {
  return reactive({ me: null, activeModules: [], bakedLayers: [], loaded: false, ...initial });
}

export function provideHost(app: App, state: HostState): void {
  app.provide(HOST_KEY, state);
}

/** Permission and module checks over a host state (pure; usable outside components). */
export function gateOf(state: HostState): SlotGate & { isPlatformAdmin(): boolean } {
  return {
    can(permission: string) {
      const me = state.me;
      if (!me || !me.permissions.includes(permission)) return false;
      // A permission of a module whose layer is in this build counts only while that module runs.
      const owner = permission.split('.')[0];
      if (state.bakedLayers.includes(owner) && !state.activeModules.some((m) => m.name === owner)) return false;
      return true;
    },
    isModuleActive: (name: string) => state.activeModules.some((m) => m.name === name),
    isPlatformAdmin: () => !!state.me?.user.isPlatformAdmin,
  };
}

export function useHost(): HostState {
  const state = inject(HOST_KEY, null);
  if (!state) throw new Error('useHost() needs the DentalPin host state (provideHost) in the app.');
  return state;
}

export interface Permissions {
  can(permission: string): boolean;
  canAny(...permissions: string[]): boolean;
  canAll(...permissions: string[]): boolean;
  isModuleActive(name: string): boolean;
  isPlatformAdmin: ComputedRef<boolean>;
}

export function usePermissions(): Permissions {
  const state = useHost();
  const gate = gateOf(state);
  return {
    can: gate.can,
    canAny: (...ps) => ps.some(gate.can),
    canAll: (...ps) => ps.every(gate.can),
    isModuleActive: gate.isModuleActive,
    isPlatformAdmin: computed(() => gate.isPlatformAdmin()),
  };
}
