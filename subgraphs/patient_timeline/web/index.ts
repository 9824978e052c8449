import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The timeline's web layer: a tab on the patient's page with everything that happened, newest first. */
export default defineModuleLayer({
  module: 'patient_timeline',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'patient_timeline.patient.detail.tabs.timeline',
        component: defineAsyncComponent(() => import('./components/PatientTimelineTab.vue')),
        order: 20,
        permission: 'patient_timeline.read',
        label: 'timeline.tab',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
