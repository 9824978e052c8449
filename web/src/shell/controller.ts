import { inject, type InjectionKey } from 'vue';
import type { ApolloClient } from '@apollo/client/core';
import type { Client as WsClient } from 'graphql-ws';
import { ActiveModulesChangedSubscription, ActiveModulesQuery, MeQuery, SetupStatusQuery } from '../graphql/shell.ts';
import type { ActiveModuleInfo, HostState } from './host.ts';
import type { Session } from './session.ts';

export interface ShellController {
  /** Whether the instance has its first clinic; asked once, then remembered. */
  initialized(): Promise<boolean>;
  /** Loads the user, their clinics and permissions, and the active modules. */
  load(): Promise<void>;
  /** Logs in through `/auth/login` (throws SessionRequestError when refused), then loads the user. */
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  switchClinic(clinicId: string): Promise<void>;
  /** Re-reads the active modules and the user's permissions (after a module operation). */
  reloadModules(): Promise<void>;
}

/** The same fingerprint the server's `activeModulesChanged` sends: sorted `name@version`, comma-separated. */
export function modulesFingerprint(modules: readonly Pick<ActiveModuleInfo, 'name' | 'version'>[]): string {
  return [...modules]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => `${m.name}@${m.version}`)
    .join(',');
}

export const SHELL_KEY: InjectionKey<ShellController> = Symbol('dentalpin.shell');

export function createShellController(deps: {
  client: ApolloClient<unknown>;
  ws: WsClient;
  host: HostState;
  session: Session;
}): ShellController {
  const { client, ws, host, session } = deps;
  let initialized: boolean | null = null;
  /** The `activeModulesChanged` subscription of the signed-in session. */
  let watching: { unsubscribe(): void } | null = null;

  /**
   * Keeps navigation, routes and slots in step with the server: another session (or the CLI) installing,
   * removing or toggling a module changes the fingerprint, and the shell re-reads `activeModules` and the
   * user's permissions. The socket is closed by the gateway on a supergraph change; graphql-ws
   * resubscribes and the first value then carries the set in force.
   */
  function watchModules() {
    if (watching) return;
    watching = client.subscribe({ query: ActiveModulesChangedSubscription }).subscribe({
      next: (result) => {
        const fingerprint = result.data?.activeModulesChanged.fingerprint;
        if (fingerprint && host.me && fingerprint !== modulesFingerprint(host.activeModules)) void load();
      },
      // Ended by the server (refused, retries exhausted): the next load subscribes again.
      error: () => (watching = null),
      complete: () => (watching = null),
    });
  }

  function unwatchModules() {
    watching?.unsubscribe();
    watching = null;
  }

  async function load(): Promise<void> {
    const [me, modules] = await Promise.all([
      client.query({ query: MeQuery, fetchPolicy: 'network-only' }),
      client.query({ query: ActiveModulesQuery, fetchPolicy: 'network-only' }),
    ]);
    // The remembered clinic is no longer one of the user's (membership removed): fall back to the default.
    if (session.state.clinicId && me.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) {
      session.setClinic(null);
      return load();
    }
    host.me = me.data?.me ?? null;
    host.activeModules = modules.data?.activeModules ?? [];
    host.loaded = true;
    if (host.me) watchModules();
  }

  /** Credentials changed: drop cached data and reconnect subscriptions with the new connection_init. */
  async function resetTransport() {
    await client.clearStore();
    ws.terminate();
  }

  return {
    async initialized() {
      if (initialized) return true;
      const r = await client.query({ query: SetupStatusQuery, fetchPolicy: 'network-only' });
      if (!r.data) throw new Error('The server did not answer setupStatus.');
      initialized = r.data.setupStatus.initialized;
      return initialized;
    },
    load,
    async signIn(email, password) {
      await session.login(email, password);
      initialized = true;
      await resetTransport();
      await load();
    },
    async signOut() {
      unwatchModules();
      await session.logout();
      host.me = null;
      host.activeModules = [];
      host.loaded = false;
      await resetTransport();
    },
    async switchClinic(clinicId) {
      session.setClinic(clinicId);
      await resetTransport();
      await load();
    },
    async reloadModules() {
      await load();
    },
  };
}

export function useShell(): ShellController {
  const shell = inject(SHELL_KEY, null);
  if (!shell) throw new Error('useShell() needs the shell controller in the app.');
  return shell;
}
