import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The agenda module's web layer: the day / week / board page with live updates, booking dialog, today's dashboard card, messages. */
export default defineModuleLayer({
  module: 'agenda',
  routes: [
    {
      path: '/agenda',
      name: 'agenda',
      component: () => import('./pages/AgendaPage.vue'),
      meta: { permission: 'agenda.appointments.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      {
        id: 'agenda.dashboard.widgets.today',
        component: defineAsyncComponent(() => import('./components/TodayAppointmentsCard.vue')),
        order: 5,
        permission: 'agenda.appointments.read',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
