import { defineModuleLayer } from '@dentalpin/web/sdk';

/** accounting_export's web layer: the export page. */
export default defineModuleLayer({
  module: 'accounting_export',
  routes: [
    {
      path: '/accounting-export',
      name: 'accounting-export',
      component: () => import('./pages/AccountingExportPage.vue'),
      meta: { permission: 'accounting_export.export' },
    },
  ],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
