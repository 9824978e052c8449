import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** Periodontogram's web layer: a tab on the patient's page with the exam grid, its indices and the comparison. */
export default defineModuleLayer({
  module: 'periodontogram',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'periodontogram.patient.detail.tabs.chart',
        component: defineAsyncComponent(() => import('./components/PeriodontogramTab.vue')),
        order: 25,
        permission: 'periodontogram.read',
        label: 'periodontogram.tab',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
