import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createHostRouter, SHELL_ROUTE } from './router.ts';
import { createHostState, type MeInfo } from './shell/host.ts';
import type { ShellController } from './shell/controller.ts';
import { createSession } from './shell/session.ts';
import { installLayers } from './shell/layers.ts';
import { jsonResponse as json, memoryStorage as memory, sessionFetch } from './testing/fetch.ts';

const Page = defineComponent({ render: () => h('div') });
const me = (permissions: string[], isPlatformAdmin = false): MeInfo => ({
  user: { id: 'u', email: 'u@x.test', fullName: 'U', isPlatformAdmin },
  clinic: { id: 'c', name: 'C', timezone: 'UTC', currency: 'EUR' },
  clinics: [],
  role: 'receptionist',
  permissions,
});

async function setup(options: {
  initialized?: boolean;
  token?: boolean;
  /** The browser holds a refresh cookie from an earlier visit (the page was reloaded). */
  cookie?: boolean;
  me?: MeInfo | null;
  active?: string[];
  down?: boolean;
}) {
  const host = createHostState({ bakedLayers: ['inventory'] });
  const auth = sessionFetch({
    login: [() => json({ accessToken: 'a' })],
    refresh: options.cookie ? [() => json({ accessToken: 'from-cookie' })] : [],
  });
  const session = createSession({ storage: memory(), fetchImpl: auth.fetch });
  if (options.token !== false) await session.login('u@x.test', 'p');
  const shell: ShellController = {
    initialized: async () => {
      if (options.down) throw new Error('Failed to fetch');
      return options.initialized ?? true;
    },
    load: async () => {
      host.me = options.me === undefined ? me(['inventory.items.read']) : options.me;
      host.activeModules = (options.active ?? []).map((name) => ({
        name,
        version: '1',
        category: 'community',
        summary: '',
        permissions: [],
        navigation: [],
      }));
      host.loaded = true;
    },
    signIn: async () => undefined,
    signOut: () => session.logout(),
    switchClinic: async () => undefined,
    reloadModules: async () => undefined,
  };
  const router = createHostRouter({ host, session, shell });
  installLayers(
    [
      {
        module: 'inventory',
        layer: {
          module: 'inventory',
          routes: [
            { path: '/inventory', name: 'inventory', component: Page, meta: { permission: 'inventory.items.read' } },
          ],
        },
      },
    ],
    { router, parentRoute: SHELL_ROUTE, mergeMessages: () => undefined },
  );
  return { router, session, auth: auth.calls };
}

async function land(router: Awaited<ReturnType<typeof setup>>['router'], path: string) {
  await router.push(path).catch(() => undefined);
  return router.currentRoute.value;
}

// A first navigation to a page loads (and transforms) its lazy component with PrimeVue: slow on a busy machine.
describe('router guard', { timeout: 30_000 }, () => {
  it('sends everyone to setup until the instance is initialised', async () => {
    expect((await land((await setup({ initialized: false })).router, '/patients')).name).toBe('setup');
  });

  it('sends a visitor without a token to login, remembering where they were going', async () => {
    const visitor = await setup({ token: false });
    const route = await land(visitor.router, '/inventory');
    expect(route.name).toBe('login');
    expect(route.query.redirect).toBe('/inventory');
    expect(visitor.auth.map((c) => c.endpoint)).toEqual(['refresh']);
  });

  it('signs a reloaded page in again from the refresh cookie', async () => {
    const reloaded = await setup({ token: false, cookie: true, active: ['inventory'] });
    expect((await land(reloaded.router, '/inventory')).name).toBe('inventory');
    expect(reloaded.session.state.accessToken).toBe('from-cookie');
  });

  it('opens the password pages without a session', async () => {
    expect((await land((await setup({ token: false })).router, '/forgot-password')).name).toBe('forgot-password');
    const reset = await land((await setup({ token: false })).router, '/reset-password?token=t1');
    expect(reset.name).toBe('reset-password');
    expect(reset.query.token).toBe('t1');
  });

  it('keeps the users page to those who may read the clinic’s users', async () => {
    expect((await land((await setup({})).router, '/settings/users')).name).toBe('not-found');
    expect((await land((await setup({ me: me(['admin.users.read']) })).router, '/settings/users')).name).toBe(
      'users-admin',
    );
  });

  it('opens a layer page only while its module is active and the user has the permission', async () => {
    expect((await land((await setup({ active: ['inventory'] })).router, '/inventory')).name).toBe('inventory');
    expect((await land((await setup({ active: [] })).router, '/inventory')).name).toBe('not-found');
    expect((await land((await setup({ active: ['inventory'], me: me([]) })).router, '/inventory')).name).toBe(
      'not-found',
    );
  });

  it('keeps the modules admin to platform admins', async () => {
    expect((await land((await setup({})).router, '/settings/modules')).name).toBe('not-found');
    expect((await land((await setup({ me: me([], true) })).router, '/settings/modules')).name).toBe('modules-admin');
  });

  it('signs out when the token no longer identifies anyone, and shows a retry page when the server is down', async () => {
    const gone = await setup({ me: null });
    expect((await land(gone.router, '/')).name).toBe('login');
    expect(gone.session.state.accessToken).toBeNull();
    const down = await land((await setup({ down: true })).router, '/patients');
    expect(down.name).toBe('unavailable');
    expect(down.query.redirect).toBe('/patients');
  });
});
