import { createApp, h, provide, watch } from 'vue';
import PrimeVue from 'primevue/config';
import ToastService from 'primevue/toastservice';
import ConfirmationService from 'primevue/confirmationservice';
import { DefaultApolloClient } from '@vue/apollo-composable';
import 'primeicons/primeicons.css';
import './styles.css';
// After styles.css, as PrimeVue's own <style> elements came after it (scripts/primevue-theme.ts).
import 'virtual:primevue-theme.css';
import { moduleLayers } from '@dentalpin/module-layers';
import App from './App.vue';
import { createHostI18n, type Locale } from './i18n/index.ts';
import { applyPrimeVueLocale } from './i18n/primevue.ts';
import { createApolloClient } from './shell/apollo.ts';
import { createHostState, provideHost } from './shell/host.ts';
import { createSession } from './shell/session.ts';
import { AUTHORIZED_FETCH_KEY, createAuthorizedFetch } from './shell/download.ts';
import { createShellController, SHELL_KEY } from './shell/controller.ts';
import { installLayers } from './shell/layers.ts';
import { notify } from './shell/notify.ts';
import { lazyDirective } from './shell/lazy-directive.ts';
import { errorText, translatorOf } from './shell/errors.ts';
import { createHostRouter, SHELL_ROUTE } from './router.ts';

const messages = createHostI18n();
const i18n = messages.i18n;
const t = i18n.global.t;
const translator = translatorOf(i18n.global);
const host = createHostState({ bakedLayers: moduleLayers.map((l) => l.module) });

const session = createSession({
  onExpired: () => notify({ severity: 'warn', summary: t('login.expired') }),
});
const { client, ws } = createApolloClient({
  session,
  onGraphQLError: (error, code) =>
    notify({ severity: 'error', summary: t(`errors.codes.${code}`), detail: errorText(error, translator), code }),
  onNetworkError: (error) => notify({ severity: 'error', summary: t('errors.network'), detail: error.message }),
  onSessionLost: () => {
    void shell
      .signOut()
      .then(() => router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } }));
  },
});
const shell = createShellController({ client, ws, host, session });
// Declared after the session: its callbacks only run once the app is mounted.
const router = createHostRouter({ host, session, shell });
installLayers(moduleLayers, {
  router,
  parentRoute: SHELL_ROUTE,
  mergeMessages: messages.merge,
  deferMessages: messages.defer,
});

const app = createApp({
  setup() {
    provide(DefaultApolloClient, client);
    return () => h(App);
  },
});
provideHost(app, host);
app.provide(SHELL_KEY, shell);
app.provide(AUTHORIZED_FETCH_KEY, createAuthorizedFetch(session));
app.use(i18n);
app.use(router);
app.use(PrimeVue, {
  // The theme's CSS is computed at build time (virtual:primevue-theme.css above).
  theme: 'none',
  // A table wider than a phone scrolls inside its container (styles.css): the keyboard must reach that
  // scrolling too, also when no cell holds a link or button (WCAG 2.1.1).
  pt: { datatable: { tableContainer: { tabindex: 0 } } },
});
// PrimeVue's own texts ("No results found", its aria labels) follow the app's language.
const primevue = app.config.globalProperties.$primevue.config;
const primevueEnglish = { ...primevue.locale! };
watch(i18n.global.locale, (locale) => applyPrimeVueLocale(primevue, locale as Locale, primevueEnglish), {
  immediate: true,
});
app.use(ToastService);
app.use(ConfirmationService);
// v-tooltip for layers; its code loads the first time an element uses it.
app.directive(
  'tooltip',
  lazyDirective(() => import('primevue/tooltip')),
);
// The person's language before the first render; English (the fallback for a missing message) right after it, and
// the CSS of every other PrimeVue component (for a community layer's) when the first page is in.
const locale = i18n.global.locale.value as Locale;
void messages.load(locale).then(() => {
  app.mount('#app');
  void messages.load(messages.fallback);
  void router.isReady().then(() => {
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => void import('virtual:primevue-theme-rest.css'), { timeout: 3000 });
  });
});
