import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountLayer, settle } from '../testing/index.ts';
import { clearSearchProviders, registerSearchProvider, type SearchResult } from '../search/registry.ts';
import GlobalSearch from './GlobalSearch.vue';

const asked: string[] = [];
function provide(id: string, permission: string, results: (term: string) => SearchResult[], module?: string) {
  registerSearchProvider({
    id,
    label: `test.${id}`,
    permission,
    module,
    search: async (term) => {
      asked.push(`${id}:${term}`);
      return results(term);
    },
  });
}

async function mountBox(permissions: string[]) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] });
  await router.push('/');
  const mounted = mountLayer(GlobalSearch, {
    permissions,
    modules: ['patients', 'billing', 'budget'],
    plugins: [router],
    attach: true,
    messages: { en: { test: { patients: 'Patients', invoices: 'Invoices', budgets: 'Budgets' } } },
  });
  return { ...mounted, router };
}
const box = () => document.querySelector<HTMLInputElement>('[data-test=global-search-input]')!;
const key = (target: EventTarget, k: string, extra: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...extra }));
async function type(text: string) {
  box().value = text;
  box().dispatchEvent(new Event('input'));
  await new Promise((r) => setTimeout(r, 300)); // the box waits for typing to pause
  await settle();
}
const results = () =>
  [...document.querySelectorAll('[data-test=global-search-result]')].map((o) => [
    o.getAttribute('data-provider'),
    o.querySelector('.label')!.textContent,
    o.getAttribute('aria-selected'),
  ]);

afterEach(() => {
  clearSearchProviders();
  asked.length = 0;
});

describe('<GlobalSearch>', () => {
  it('"/" and Ctrl+K focus it; typing asks only the providers the person may use, grouped', async () => {
    provide('patients', 'patients.read', (t) => [
      { id: 'p1', label: `Zoe ${t}`, sublabel: '600 111 222', route: '/patients/p1' },
      { id: 'p2', label: 'Zoe Quintana', route: '/patients/p2' },
    ]);
    provide('invoices', 'billing.read', () => [{ id: 'i1', label: 'FAC-2026-0001', route: '/invoices/i1' }]);
    provide('budgets', 'budget.read', () => [{ id: 'b1', label: 'PRES-2026-0001', route: '/budgets/b1' }]);
    await mountBox(['patients.read', 'billing.read']);

    key(document.body, '/');
    expect(document.activeElement).toBe(box());
    box().blur();
    key(document.body, 'k', { ctrlKey: true });
    expect(document.activeElement).toBe(box());

    await type('Zo');
    expect(asked.sort()).toEqual(['invoices:Zo', 'patients:Zo']); // no budget.read: budgets never asked
    expect(results()).toEqual([
      ['patients', 'Zoe Zo', 'true'],
      ['patients', 'Zoe Quintana', 'false'],
      ['invoices', 'FAC-2026-0001', 'false'],
    ]);
    expect(box().getAttribute('aria-expanded')).toBe('true');
    expect(box().getAttribute('aria-activedescendant')).toBe('global-search-option-0');
    expect(document.querySelector('[data-test=global-search-status]')!.textContent).toContain('3 results');
    expect([...document.querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-label'))).toEqual([
      'Patients',
      'Invoices',
    ]);
  });

  it('moves with the arrow keys (wrapping) and opens the chosen result with Enter', async () => {
    provide('patients', 'patients.read', () => [
      { id: 'p1', label: 'Ana', route: '/patients/p1' },
      { id: 'p2', label: 'Bea', route: '/patients/p2' },
    ]);
    const { router } = await mountBox(['patients.read']);
    box().focus();
    await type('an');
    key(box(), 'ArrowDown');
    await settle();
    expect(results().map((r) => r[2])).toEqual(['false', 'true']);
    key(box(), 'ArrowDown'); // past the end: back to the first
    key(box(), 'ArrowUp'); // and before the first: the last
    key(box(), 'Enter');
    await settle();
    expect(router.currentRoute.value.path).toBe('/patients/p2');
    expect(box().value).toBe('');
    expect(box().getAttribute('aria-expanded')).toBe('false');
  });

  it('Esc closes and clears it; a failing provider shows nothing instead of breaking the box', async () => {
    registerSearchProvider({
      id: 'broken',
      label: 'test.invoices',
      search: () => Promise.reject(new Error('down')),
    });
    provide('patients', 'patients.read', () => []);
    await mountBox(['patients.read']);
    box().focus();
    await type('nobody');
    expect(results()).toEqual([]);
    expect(document.querySelector('[data-test=global-search-status]')!.textContent).toBe('Nothing found.');
    key(box(), 'Escape');
    await settle();
    expect(box().value).toBe('');
    expect(box().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).not.toBe(box());
  });

  it('leaves "/" alone while the person types in another field', async () => {
    await mountBox([]);
    const other = document.createElement('input');
    document.body.appendChild(other);
    other.focus();
    const event = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    other.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(other);
  });
});
