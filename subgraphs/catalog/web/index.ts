import { defineModuleLayer } from '@dentalpin/web/sdk';

/** The catalog module's web layer: the treatment list with an exact quote calculator. */
export default defineModuleLayer({
  module: 'catalog',
  routes: [
    {
      path: '/catalog',
      name: 'catalog',
      component: () => import('./pages/CatalogPage.vue'),
      meta: { permission: 'catalog.read' },
    },
  ],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
