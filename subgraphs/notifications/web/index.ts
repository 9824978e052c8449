import { defineModuleLayer } from '@dentalpin/web/sdk';

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
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
