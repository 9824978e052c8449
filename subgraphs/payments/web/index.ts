import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The patient account's web layer: the payments list, the collections report and the patient's Account tab. */
export default defineModuleLayer({
  module: 'payments',
  routes: [
    {
      path: '/payments',
      name: 'payments',
      component: () => import('./pages/PaymentsPage.vue'),
      meta: { permission: 'payments.record.read' },
    },
    {
      path: '/payments/reports',
      name: 'payment-reports',
      component: () => import('./pages/PaymentReportsPage.vue'),
      meta: { permission: 'payments.reports.read' },
    },
  ],
  slots: {
    'patient.detail.tabs': [
      {
        id: 'payments.patient.detail.tabs.account',
        component: defineAsyncComponent(() => import('./components/PatientAccountTab.vue')),
        order: 55,
        permission: 'payments.record.read',
        label: 'payments.tab',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
