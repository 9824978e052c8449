import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** patient_relationships' web layer: the patient's family on the patient page. */
export default defineModuleLayer({
  module: 'patient_relationships',
  slots: {
    'patient.detail.sidebar': [
      {
        id: 'patient_relationships.patient.detail.sidebar.family',
        component: defineAsyncComponent(() => import('./components/PatientFamily.vue')),
        order: 40,
        permission: 'patient_relationships.read',
        label: 'patientRelationships.title',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
