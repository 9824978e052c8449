import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h } from 'vue';
import { defineModuleLayer, installLayers, MODULE_META, type LocaleMessages } from './layers.ts';
import { clearSlots, resolveSlot, slotEntries } from '../slots/registry.ts';

const Page = defineComponent({ render: () => h('div', 'page') });

afterEach(() => clearSlots());

describe('module layers', () => {
  const layer = defineModuleLayer({
    module: 'inventory',
    routes: [{ path: '/inventory', name: 'inventory', component: Page }],
    slots: { 'dashboard.widgets': [{ id: 'inventory.dashboard.widgets.stock', component: Page, order: 5 }] },
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
  });

  it('can be undone (routes and slot entries removed)', () => {
    const { router, undo } = setup();
    undo();
    expect(router.hasRoute('inventory')).toBe(false);
    expect(slotEntries('dashboard.widgets')).toEqual([]);
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
