import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The reports module's web layer: one page, a date range and the reports the caller may read. */
export default defineModuleLayer({
  module: 'reports',
  routes: [
    {
      path: '/reports',
      name: 'reports',
      component: () => import('./pages/ReportsPage.vue'),
      // Every role with a reports grant has scheduling; the sidebar entry itself needs reports.billing.read.
      meta: { permission: 'reports.scheduling.read' },
    },
  ],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
