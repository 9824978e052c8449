import { defineModuleLayer } from '@dentalpin/web/sdk';
import en from './i18n/en.json';
import es from './i18n/es.json';
import PatientDocumentsTab from './components/PatientDocumentsTab.vue';

/** The media module's web layer: the Documents tab on a patient's page (list, open, upload, archive). */
export default defineModuleLayer({
  module: 'media',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'media.patient.detail.tabs.documents',
        component: PatientDocumentsTab,
        order: 40,
        permission: 'media.documents.read',
        label: 'media.tab',
      },
    ],
  },
  i18n: { en, es },
});
