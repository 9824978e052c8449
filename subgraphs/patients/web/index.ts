import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';
import { patientSearch } from './search.ts';

/** The patients module's web layer: list, detail and form pages, a dashboard widget, messages. */
export default defineModuleLayer({
  module: 'patients',
  routes: [
    {
      path: '/patients',
      name: 'patients',
      component: () => import('./pages/PatientsListPage.vue'),
      meta: { permission: 'patients.read' },
    },
    {
      path: '/patients/:id',
      name: 'patient-detail',
      component: () => import('./pages/PatientDetailPage.vue'),
      meta: { permission: 'patients.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      {
        id: 'patients.dashboard.widgets.count',
        component: defineAsyncComponent(() => import('./components/PatientCountWidget.vue')),
        order: 10,
        permission: 'patients.read',
      },
    ],
    'patient.detail.sidebar': [
      {
        id: 'patients.patient.detail.sidebar.contact',
        component: defineAsyncComponent(() => import('./components/PatientContactCard.vue')),
        order: 0,
        permission: 'patients.read',
        label: 'patients.contact',
      },
    ],
  },
  searchProviders: [patientSearch],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
