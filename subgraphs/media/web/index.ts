import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The media module's web layer: the Documents tab on a patient's page (list, open, upload, archive). */
export default defineModuleLayer({
  module: 'media',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'media.patient.detail.tabs.documents',
        component: defineAsyncComponent(() => import('./components/PatientDocumentsTab.vue')),
        order: 40,
        permission: 'media.documents.read',
        label: 'media.tab',
      },
    ],
  },
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
