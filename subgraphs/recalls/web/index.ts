import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The recalls module's web layer: the call-back list, the patient's recalls, the dashboard card, its settings. */
export default defineModuleLayer({
  module: 'recalls',
  routes: [
    {
      path: '/recalls',
      name: 'recalls',
      component: () => import('./pages/RecallsPage.vue'),
      meta: { permission: 'recalls.read' },
    },
  ],
  slots: {
    'patient.detail.sidebar': [
      {
        id: 'recalls.patient.detail.sidebar.recalls',
        component: defineAsyncComponent(() => import('./components/PatientRecalls.vue')),
        order: 30,
        permission: 'recalls.read',
        label: 'recalls.title',
      },
    ],
    'settings.sections': [
      {
        id: 'recalls.settings.sections.intervals',
        component: defineAsyncComponent(() => import('./components/RecallsSettingsSection.vue')),
        order: 40,
        permission: 'recalls.read',
      },
    ],
    'dashboard.widgets': [
      {
        id: 'recalls.dashboard.widgets.due',
        component: defineAsyncComponent(() => import('./components/RecallsDashboardCard.vue')),
        order: 25,
        permission: 'recalls.read',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
