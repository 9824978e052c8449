import { defineModuleLayer } from '@dentalpin/web/sdk';
import en from './i18n/en.json';
import es from './i18n/es.json';

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
  i18n: { en, es },
});
