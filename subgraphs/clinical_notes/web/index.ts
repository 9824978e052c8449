import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** Clinical notes' web layer: a tab on the patient's page and an "add note" action for appointment views. */
export default defineModuleLayer({
  module: 'clinical_notes',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'clinical_notes.patient.detail.tabs.notes',
        component: defineAsyncComponent(() => import('./components/PatientNotesTab.vue')),
        order: 15,
        permission: 'clinical_notes.notes.read',
        label: 'clinicalNotes.tab',
      },
    ],
    'appointment.detail.actions': [
      {
        id: 'clinical_notes.appointment.detail.actions.add-note',
        component: defineAsyncComponent(() => import('./components/AppointmentNoteAction.vue')),
        order: 10,
        permission: 'clinical_notes.notes.write',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
