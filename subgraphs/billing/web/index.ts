import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';
import { invoiceSearch } from './search.ts';

/** The billing module's web layer: the invoice list, an invoice's page with its actions, the patient's invoices tab. */
export default defineModuleLayer({
  module: 'billing',
  routes: [
    {
      path: '/invoices',
      name: 'invoices',
      component: () => import('./pages/InvoicesPage.vue'),
      meta: { permission: 'billing.read' },
    },
    {
      path: '/invoices/:id',
      name: 'invoice-detail',
      component: () => import('./pages/InvoiceDetailPage.vue'),
      meta: { permission: 'billing.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      {
        id: 'billing.dashboard.widgets.unpaid',
        component: defineAsyncComponent(() => import('./components/UnpaidInvoicesCard.vue')),
        order: 50,
        permission: 'billing.read',
      },
    ],
    'patient.detail.tabs': [
      {
        id: 'billing.patient.detail.tabs.invoices',
        component: defineAsyncComponent(() => import('./components/PatientInvoicesTab.vue')),
        order: 50,
        permission: 'billing.read',
        label: 'billing.tab',
      },
    ],
  },
  searchProviders: [invoiceSearch],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
