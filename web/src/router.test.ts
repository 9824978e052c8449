import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createHostRouter, SHELL_ROUTE } from './router.ts';
import { createHostState, type MeInfo } from './shell/host.ts';
import type { ShellController } from './shell/controller.ts';
import { createSession } from './shell/session.ts';
import { installLayers } from './shell/layers.ts';
import { memoryStorage as memory } from './testing/fetch.ts';

const Page = defineComponent({ render: () => h('div') });
const me = (permissions: string[], isPlatformAdmin = false): MeInfo => ({
  user: { id: 'u', email: 'u@x.test', fullName: 'U', isPlatformAdmin },
  clinic: { id: 'c', name: 'C', timezone: 'UTC' },
  clinics: [],
  role: 'receptionist',
  permissions,
});

function setup(options: {
  initialized?: boolean;
  token?: boolean;
  me?: MeInfo | null;
  active?: string[];
  down?: boolean;
}) {
  const host = createHostState({ bakedLayers: ['inventory'] });
  const session = createSession({ endpoint: '/graphql', storage: memory() });
  if (options.token !== false) session.signIn({ accessToken: 'a', refreshToken: 'r' });
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
    signOut: async () => session.signOut(),
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
  return { router, session };
}

async function land(router: ReturnType<typeof setup>['router'], path: string) {
  await router.push(path).catch(() => undefined);
  return router.currentRoute.value;
}

describe('router guard', () => {
  it('sends everyone to setup until the instance is initialised', async () => {
    expect((await land(setup({ initialized: false }).router, '/patients')).name).toBe('setup');
  });

  it('sends a visitor without a token to login, remembering where they were going', async () => {
    const route = await land(setup({ token: false }).router, '/inventory');
    expect(route.name).toBe('login');
    expect(route.query.redirect).toBe('/inventory');
  });

  it('opens a layer page only while its module is active and the user has the permission', async () => {
    expect((await land(setup({ active: ['inventory'] }).router, '/inventory')).name).toBe('inventory');
    expect((await land(setup({ active: [] }).router, '/inventory')).name).toBe('not-found');
    expect((await land(setup({ active: ['inventory'], me: me([]) }).router, '/inventory')).name).toBe('not-found');
  });

  it('keeps the modules admin to platform admins', async () => {
    expect((await land(setup({}).router, '/settings/modules')).name).toBe('not-found');
    expect((await land(setup({ me: me([], true) }).router, '/settings/modules')).name).toBe('modules-admin');
  });

  it('signs out when the token no longer identifies anyone, and shows a retry page when the server is down', async () => {
    const gone = setup({ me: null });
    expect((await land(gone.router, '/')).name).toBe('login');
    expect(gone.session.state.accessToken).toBeNull();
    const down = await land(setup({ down: true }).router, '/patients');
    expect(down.name).toBe('unavailable');
    expect(down.query.redirect).toBe('/patients');
  });
});
