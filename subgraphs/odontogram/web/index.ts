import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/**
 * The odontogram's web layer: the patient's dental chart as a tab of the patient page, and the same chart in
 * planning mode on a treatment plan's page (slot `treatment_plan.detail.chart`).
 */
export default defineModuleLayer({
  module: 'odontogram',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'odontogram.patient.detail.tabs.chart',
        component: defineAsyncComponent(() => import('./components/OdontogramTab.vue')),
        order: 5,
        permission: 'odontogram.read',
        label: 'odontogram.tab',
      },
    ],
    'treatment_plan.detail.chart': [
      {
        id: 'odontogram.treatment_plan.detail.chart.planning',
        component: defineAsyncComponent(() => import('./components/PlanningChart.vue')),
        permission: 'odontogram.read',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
