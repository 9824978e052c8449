import { defineModuleLayer } from '@dentalpin/web/sdk';
import en from './i18n/en.json';
import es from './i18n/es.json';

/** The notifications module's web layer: the message log, the clinic's templates and its settings. */
export default defineModuleLayer({
  module: 'notifications',
  routes: [
    {
      path: '/notifications',
      name: 'notifications',
      component: () => import('./pages/NotificationsPage.vue'),
      meta: { permission: 'notifications.logs.read' },
    },
  ],
  i18n: { en, es },
});
