import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';
import en from './i18n/en.json';
import es from './i18n/es.json';

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
  i18n: { en, es },
});
