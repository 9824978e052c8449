import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h } from 'vue';
import { defineModuleLayer, installLayers, MODULE_META, type LocaleMessages } from './layers.ts';
import { clearSlots, resolveSlot, slotEntries } from '../slots/registry.ts';
import { clearSearchProviders, searchProvidersFor } from '../search/registry.ts';

const Page = defineComponent({ render: () => h('div', 'page') });

afterEach(() => {
  clearSlots();
  clearSearchProviders();
});

describe('module layers', () => {
  const layer = defineModuleLayer({
    module: 'inventory',
    routes: [{ path: '/inventory', name: 'inventory', component: Page }],
    slots: { 'dashboard.widgets': [{ id: 'inventory.dashboard.widgets.stock', component: Page, order: 5 }] },
    searchProviders: [
      { id: 'inventory.items', label: 'inventory.items', permission: 'inventory.read', search: async () => [] },
    ],
    i18n: { en: { nav: { inventory: 'Inventory' } }, es: { nav: { inventory: 'Inventario' } } },
  });

  function setup() {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', name: 'shell', component: Page, children: [] }],
    });
    const merged: [string, LocaleMessages][] = [];
    const undo = installLayers([{ module: 'inventory', layer }], {
      router,
      parentRoute: 'shell',
      mergeMessages: (locale, messages) => merged.push([locale, messages]),
    });
    return { router, merged, undo };
  }

  it('adds routes under the shell tagged with their module, slot entries gated by the module, and messages', () => {
    const { router, merged } = setup();
    const route = router.resolve('/inventory');
    expect(route.name).toBe('inventory');
    expect(route.matched.map((m) => m.name)).toEqual(['shell', 'inventory']);
    expect(route.meta[MODULE_META]).toBe('inventory');
    expect(slotEntries('dashboard.widgets')[0]).toMatchObject({
      id: 'inventory.dashboard.widgets.stock',
      module: 'inventory',
    });
    const gate = (active: boolean) => ({ can: () => true, isModuleActive: () => active });
    expect(resolveSlot('dashboard.widgets', {}, gate(false))).toEqual([]);
    expect(resolveSlot('dashboard.widgets', {}, gate(true))).toHaveLength(1);
    expect(merged.map(([l]) => l)).toEqual(['en', 'es']);
    // Search providers: asked only while the module runs and the person has the permission.
    const search = (active: boolean, perms: string[]) =>
      searchProvidersFor({ can: (p) => perms.includes(p), isModuleActive: () => active }).map((p) => p.id);
    expect(search(true, ['inventory.read'])).toEqual(['inventory.items']);
    expect(search(false, ['inventory.read'])).toEqual([]);
    expect(search(true, [])).toEqual([]);
  });

  it('can be undone (routes and slot entries removed)', () => {
    const { router, undo } = setup();
    undo();
    expect(router.hasRoute('inventory')).toBe(false);
    expect(slotEntries('dashboard.widgets')).toEqual([]);
    expect(searchProvidersFor({ can: () => true, isModuleActive: () => true })).toEqual([]);
  });

  it('refuses a layer listed under another module’s name', () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', name: 'shell', component: Page }],
    });
    expect(() =>
      installLayers([{ module: 'billing', layer }], { router, parentRoute: 'shell', mergeMessages: () => undefined }),
    ).toThrow(/declares module "inventory"/);
  });
});
