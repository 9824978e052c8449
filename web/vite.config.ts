import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { graphqlDocuments } from './scripts/gql-documents.ts';
import { precompiledMessages } from './scripts/i18n-messages.ts';
import { primevueTheme } from './scripts/primevue-theme.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/**
 * The list of module layers baked into this build. `dentalpin modules sync-frontend` writes the default
 * one; the browser tests point DENTALPIN_MODULE_LAYERS at a list that also holds test fixtures.
 */
const moduleLayers =
  process.env.DENTALPIN_MODULE_LAYERS ?? fileURLToPath(new URL('./src/generated/module-layers.ts', import.meta.url));
const server = process.env.DENTALPIN_DEV_SERVER ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // graphqlDocuments: each page carries only the GraphQL documents it uses (see scripts/gql-documents.ts).
  // precompiledMessages: message files arrive compiled, so vue-i18n ships without its compiler (see the script).
  // primevueTheme: PrimeVue's theme as stylesheets computed here, not as tokens computed in the browser.
  plugins: [
    graphqlDocuments(fileURLToPath(new URL('./src/generated/graphql/graphql.ts', import.meta.url))),
    precompiledMessages(),
    primevueTheme(),
    vue(),
  ],
  resolve: {
    alias: { '@dentalpin/module-layers': moduleLayers },
    // Layers live outside web/ (subgraphs/*/web, examples/*/web): they must share the host's single copies.
    dedupe: ['vue', 'vue-router', 'vue-i18n', '@apollo/client', '@vue/apollo-composable', 'primevue', 'graphql'],
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
    // Apollo Client's development-only checks and warnings (its documented production flag).
    'globalThis.__DEV__': 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    port: Number(process.env.DENTALPIN_DEV_PORT ?? 5173),
    fs: { allow: [repoRoot] },
    proxy: { '/graphql': { target: server, ws: true }, '/health': { target: server } },
  },
  build: {
    outDir: process.env.DENTALPIN_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // .vite/manifest.json: what each page loads (scripts/page-script.ts; the browser tests check the budget).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries every page needs, in chunks of their own: they change far less often than the app, so a
        // returning browser keeps them cached across releases. PrimeVue components stay with the pages using them.
        codeSplitting: {
          groups: [
            { name: 'vendor-vue', test: /node_modules[\\/](vue|@vue|vue-router|vue-i18n|@intlify)[\\/]/ },
            {
              name: 'vendor-apollo',
              test: /node_modules[\\/](@apollo|graphql|graphql-ws|@wry|optimism|zen-observable(-ts)?|ts-invariant|tslib)[\\/]/,
            },
            // PrimeVue's style engine and utilities, which its base component uses.
            { name: 'vendor-primevue', test: /node_modules[\\/]@primeuix[\\/](styled|utils)[\\/]/ },
            // One download per language (the host's and every layer's messages), loaded when it is shown.
            ...['en', 'es'].map((locale) => ({
              name: `messages-${locale}`,
              test: new RegExp(`[\\\\/]i18n[\\\\/]${locale}\\.json$`),
            })),
          ],
        },
      },
    },
  },
});
