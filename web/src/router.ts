import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router';
import type { HostState } from './shell/host.ts';
import { gateOf } from './shell/host.ts';
import type { ShellController } from './shell/controller.ts';
import type { Session } from './shell/session.ts';
import { MODULE_META } from './shell/layers.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without logging in. */
    public?: boolean;
    /** Only for platform admins (process-global operations). */
    platformAdmin?: boolean;
    /** Namespaced permission the page needs. */
    permission?: string;
    /** Set by the layer loader: the module owning the page. */
    dentalpinModule?: string;
  }
}

export const SHELL_ROUTE = 'shell';

export function createHostRouter(deps: { host: HostState; session: Session; shell: ShellController }): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/setup', name: 'setup', component: () => import('./pages/SetupPage.vue'), meta: { public: true } },
      { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
      {
        path: '/forgot-password',
        name: 'forgot-password',
        component: () => import('./pages/ForgotPasswordPage.vue'),
        meta: { public: true },
      },
      {
        // The link of the password-reset e-mail: /reset-password?token=…
        path: '/reset-password',
        name: 'reset-password',
        component: () => import('./pages/ResetPasswordPage.vue'),
        meta: { public: true },
      },
      {
        path: '/unavailable',
        name: 'unavailable',
        component: () => import('./pages/UnavailablePage.vue'),
        meta: { public: true },
      },
      {
        path: '/',
        name: SHELL_ROUTE,
        component: () => import('./layout/AppShell.vue'),
        children: [
          { path: '', name: 'dashboard', component: () => import('./pages/DashboardPage.vue') },
          { path: 'settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
          {
            path: 'settings/users',
            name: 'users-admin',
            component: () => import('./pages/UsersPage.vue'),
            meta: { permission: 'admin.users.read' },
          },
          {
            path: 'settings/modules',
            name: 'modules-admin',
            component: () => import('./pages/ModulesAdminPage.vue'),
            meta: { platformAdmin: true },
          },
          { path: ':unknown(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue') },
        ],
      },
    ],
  });

  const { host, session, shell } = deps;
  const gate = gateOf(host);
  // The server could not be asked (down, restarting): a page that says so and retries, never a blank screen.
  const unavailable = (to: RouteLocationNormalized) => ({ name: 'unavailable', query: { redirect: to.fullPath } });
  router.beforeEach(async (to) => {
    if (to.name === 'unavailable') return true;
    let initialized: boolean;
    try {
      initialized = await shell.initialized();
    } catch {
      return unavailable(to);
    }
    if (!initialized) return to.name === 'setup' ? true : { name: 'setup' };
    if (to.name === 'setup') return { name: 'login' };
    if (to.meta.public) return true;
    if (!(await session.resume())) return { name: 'login', query: { redirect: to.fullPath } };
    if (!host.loaded)
      try {
        await shell.load();
      } catch {
        return unavailable(to);
      }
    if (!host.me) {
      await shell.signOut();
      return { name: 'login', query: { redirect: to.fullPath } };
    }
    // A page of an inactive module, or one the user may not open, is "not found" (no hint it exists).
    const module = to.meta[MODULE_META] as string | undefined;
    const denied =
      (module && !gate.isModuleActive(module)) ||
      (to.meta.permission && !gate.can(to.meta.permission)) ||
      (to.meta.platformAdmin && !gate.isPlatformAdmin());
    if (denied) return { name: 'not-found', params: { unknown: to.path.split('/').filter(Boolean) } };
    return true;
  });
  return router;
}
