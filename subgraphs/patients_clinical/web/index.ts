import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

const ALERTS_READ = 'patients_clinical.alerts.read';

/**
 * The patients_clinical web layer: the medical history tab, and the medical alerts where a patient is
 * treated or planned — the patient header, every agenda card, the budget, the dashboard's patients of today — through
 * those pages' slots.
 */
export default defineModuleLayer({
  module: 'patients_clinical',
  slots: {
    'patient.detail.header': [
      {
        id: 'patients_clinical.patient.detail.header.alerts',
        component: defineAsyncComponent(() => import('./components/MedicalAlertBanner.vue')),
        permission: ALERTS_READ,
      },
    ],
    'patient.detail.tabs': [
      {
        id: 'patients_clinical.patient.detail.tabs.history',
        component: defineAsyncComponent(() => import('./components/MedicalHistoryTab.vue')),
        order: 10,
        permission: 'patients_clinical.medical.read',
        label: 'patients_clinical.title',
      },
    ],
    'appointment.card.badges': [
      {
        id: 'patients_clinical.appointment.card.badges.alerts',
        component: defineAsyncComponent(() => import('./components/MedicalAlertBadge.vue')),
        permission: ALERTS_READ,
      },
    ],
    'dashboard.widgets': [
      {
        id: 'patients_clinical.dashboard.widgets.alerts-today',
        component: defineAsyncComponent(() => import('./components/TodayAlertsCard.vue')),
        order: 15,
        permission: [ALERTS_READ, 'agenda.appointments.read'],
        needsModules: ['agenda'],
      },
    ],
    'budget.detail.header': [
      {
        id: 'patients_clinical.budget.detail.header.alerts',
        component: defineAsyncComponent(() => import('./components/MedicalAlertBanner.vue')),
        permission: ALERTS_READ,
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
