import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The treatment_plan module's web layer: the plan pipeline, a plan's detail, the patient's plans. */
export default defineModuleLayer({
  module: 'treatment_plan',
  routes: [
    {
      path: '/treatment-plans',
      name: 'treatment-plans',
      component: () => import('./pages/TreatmentPlansPage.vue'),
      meta: { permission: 'treatment_plan.read' },
    },
    {
      path: '/treatment-plans/:id',
      name: 'treatment-plan',
      component: () => import('./pages/TreatmentPlanPage.vue'),
      meta: { permission: 'treatment_plan.read' },
    },
  ],
  slots: {
    'patient.detail.sidebar': [
      {
        id: 'treatment_plan.patient.detail.sidebar.plans',
        component: defineAsyncComponent(() => import('./components/PatientTreatmentPlans.vue')),
        order: 20,
        permission: 'treatment_plan.read',
        label: 'treatmentPlans.title',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
