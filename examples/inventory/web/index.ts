import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The inventory module's web layer: the stock page and a low-stock dashboard widget. */
export default defineModuleLayer({
  module: 'inventory',
  routes: [
    {
      path: '/inventory',
      name: 'inventory',
      component: () => import('./pages/InventoryPage.vue'),
      meta: { permission: 'inventory.items.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      {
        id: 'inventory.dashboard.widgets.low-stock',
        component: defineAsyncComponent(() => import('./components/LowStockWidget.vue')),
        order: 30,
        permission: 'inventory.items.read',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
