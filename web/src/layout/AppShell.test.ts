import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountLayer, settle } from '../testing/index.ts';
import { SHELL_KEY, type ShellController } from '../shell/controller.ts';
import AppShell from './AppShell.vue';
import PasswordField from '../components/PasswordField.vue';

const Page = defineComponent({ render: () => h('h1', 'page') });
const shell: ShellController = {
  initialized: async () => true,
  load: async () => undefined,
  signIn: async () => undefined,
  signOut: async () => undefined,
  switchClinic: async () => undefined,
  reloadModules: async () => undefined,
};

async function mountShell() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page },
      { path: '/settings', component: Page },
    ],
  });
  await router.push('/');
  const mounted = mountLayer(AppShell, {
    plugins: [router],
    provide: { [SHELL_KEY as symbol]: shell },
    attach: true,
  });
  await settle();
  return { ...mounted, router };
}
const toggle = () => document.querySelector<HTMLButtonElement>('[data-test=menu-toggle]')!;

describe('the shell', () => {
  it('has a skip link to the <main> landmark and a labelled navigation', async () => {
    await mountShell();
    const main = document.querySelector('main#main-content')!;
    expect(main.querySelector('h1')?.textContent).toBe('page');
    document.querySelector<HTMLAnchorElement>('[data-test=skip-link]')!.click();
    expect(document.activeElement).toBe(main);
    expect(document.querySelector('nav')!.getAttribute('aria-label')).toBe('Main navigation');
  });

  it('opens and closes the navigation drawer from a button that says its state, and closes on navigation', async () => {
    const { router } = await mountShell();
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(toggle().getAttribute('aria-controls')).toBe('app-sidebar');
    expect(toggle().getAttribute('aria-label')).toBe('Open the menu');
    toggle().click();
    await settle();
    expect(document.querySelector('.shell')!.classList).toContain('drawer-open');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(toggle().getAttribute('aria-label')).toBe('Close the menu');
    expect(document.activeElement?.closest('#app-sidebar')).not.toBeNull();

    document.querySelector('.shell')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle());

    toggle().click();
    await settle();
    await router.push('/settings');
    await settle();
    expect(document.querySelector('.shell')!.classList).not.toContain('drawer-open');
  });
});

describe('PasswordField', () => {
  it('is a plain labelled password input without popup ARIA, with a show/hide toggle', async () => {
    mountLayer(PasswordField, {
      props: { id: 'pw', label: 'Password', autocomplete: 'current-password', modelValue: 'secret' },
      attach: true,
    });
    await settle();
    const input = document.querySelector<HTMLInputElement>('#pw')!;
    expect(document.querySelector('label[for=pw]')?.textContent).toBe('Password');
    expect(input.type).toBe('password');
    expect(input.hasAttribute('aria-expanded')).toBe(false);
    expect(input.hasAttribute('aria-haspopup')).toBe(false);
    const show = document.querySelector<HTMLButtonElement>('button[aria-controls=pw]')!;
    show.click();
    await settle();
    expect(input.type).toBe('text');
    expect(show.getAttribute('aria-pressed')).toBe('true');
  });
});
