import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/**
 * The schedules module's web layer: the clinic and professional hours pages, a settings section linking them,
 * and the free slots a booking dialog may offer (slot `appointment.booking.free-slots`, context
 * `{ professionalId, durationMinutes, from?, onPick({ start, end }) }`).
 */
export default defineModuleLayer({
  module: 'schedules',
  routes: [
    {
      path: '/settings/schedules',
      name: 'schedules',
      component: () => import('./pages/ClinicHoursPage.vue'),
      meta: { permission: 'schedules.clinic_hours.read' },
    },
    {
      path: '/settings/schedules/professionals',
      name: 'schedules-professionals',
      component: () => import('./pages/ProfessionalHoursPage.vue'),
      meta: { permission: 'schedules.availability.read' },
    },
  ],
  slots: {
    'settings.sections': [
      {
        id: 'schedules.settings.sections.hours',
        component: defineAsyncComponent(() => import('./components/SchedulesSettingsSection.vue')),
        order: 20,
        permission: 'schedules.availability.read',
      },
    ],
    'appointment.booking.free-slots': [
      {
        id: 'schedules.appointment.booking.free-slots',
        component: defineAsyncComponent(() => import('./components/FreeSlotsPicker.vue')),
        order: 10,
        permission: 'schedules.availability.read',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
