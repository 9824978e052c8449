import { defineModuleLayer } from '@dentalpin/web/sdk';
import en from './i18n/en.json';
import es from './i18n/es.json';
import OdontogramTab from './components/OdontogramTab.vue';

/** The odontogram's web layer: the patient's dental chart as a tab of the patient page. */
export default defineModuleLayer({
  module: 'odontogram',
  slots: {
    'patient.detail.tabs': [
      {
        id: 'odontogram.patient.detail.tabs.chart',
        component: OdontogramTab,
        order: 5,
        permission: 'odontogram.read',
        label: 'odontogram.tab',
      },
    ],
  },
  i18n: { en, es },
});
