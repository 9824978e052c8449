/**
 * Test harness for module web layers (`@dentalpin/web/testing`): mounts a component the way the host
 * would — PrimeVue, vue-i18n with the host's and the layer's messages, an Apollo client whose fetch
 * answers from the test, and a host state with the given permissions — and cleans up after each test.
 */
import { afterEach, expect } from 'vitest';
import { flushPromises, mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ConfirmDialog from 'primevue/confirmdialog';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { createI18n } from 'vue-i18n';
import type { Component, Plugin } from 'vue';
import { createApolloClient } from '../shell/apollo.ts';
import { createSession } from '../shell/session.ts';
import { createHostState, HOST_KEY, type HostState } from '../shell/host.ts';
import { onNotice, type Notice } from '../shell/notify.ts';
import { AUTHORIZED_FETCH_KEY, type AuthorizedFetch } from '../shell/download.ts';
import hostEn from '../i18n/en.json';
import hostEs from '../i18n/es.json';
import { graphqlFetch, memoryStorage, sessionFetch, type GraphQLAnswers, type SentOperation } from './fetch.ts';

export * from './fetch.ts';
export { AUTHORIZED_FETCH_KEY } from '../shell/download.ts';

type Messages = Record<string, unknown>;

export interface TestHostOptions {
  permissions?: string[];
  role?: string;
  /** Active (and baked) module names. */
  modules?: string[];
  fullName?: string;
}

/** A signed-in host state: a user of one clinic with these permissions and modules. */
export function testHost(options: TestHostOptions = {}): HostState {
  const modules = options.modules ?? [];
  return createHostState({
    me: {
      user: { id: 'u1', email: 'a@b.test', fullName: options.fullName ?? 'Ada Admin', isPlatformAdmin: false },
      clinic: { id: 'c1', name: 'Clínica', timezone: 'Europe/Madrid', currency: 'EUR' },
      clinics: [],
      role: options.role ?? 'receptionist',
      permissions: options.permissions ?? [],
    },
    activeModules: modules.map((name) => ({
      name,
      version: '0.1.0',
      category: 'official',
      summary: '',
      permissions: [],
      navigation: [],
    })),
    bakedLayers: modules,
    loaded: true,
  });
}

export interface MountLayerOptions<P> extends TestHostOptions {
  props?: P;
  /** The layer's messages by locale; the host's own messages are merged in under them. */
  messages?: Record<string, Messages>;
  locale?: string;
  /** How the mock gateway answers (see `graphqlFetch`). */
  fetch?: GraphQLAnswers;
  /** Mount into document.body — needed for dialogs and overlays, which teleport there. */
  attach?: boolean;
  /** Extra `global.provide` entries (e.g. `[AUTHORIZED_FETCH_KEY]`: downloads answer 404 unless given). */
  provide?: Record<string | symbol, unknown>;
  /** Extra plugins, e.g. a memory-history router for a page that links or navigates. */
  plugins?: Plugin[];
  /** Also mounts the host's confirmation dialog (into document.body), as App.vue does. */
  confirmDialog?: boolean;
}

export interface MountedLayer {
  wrapper: VueWrapper;
  /** Every GraphQL operation the component sent, in order. */
  sent: SentOperation[];
  /** Every notice (toast) the component raised through `notify`. */
  notices: Notice[];
  /** Errors the Apollo client passed to the host's generic error toasts (GraphQL and network). */
  errorToasts: unknown[];
  host: HostState;
}

const HOST_MESSAGES: Record<string, Messages> = { en: hostEn, es: hostEs };
/** What a page's download buttons (`DocumentDownload`) fetch with, unless the test provides its own. */
const noDownloads: AuthorizedFetch = async () => new Response(null, { status: 404 });
let cleanups: (() => void)[] = [];
afterEach(() => {
  const fns = cleanups;
  cleanups = [];
  fns.forEach((fn) => fn());
  document.body.innerHTML = '';
});

/** Mounts a layer component as the host would; it is unmounted after the test. */
export function mountLayer<P extends Record<string, unknown>>(
  component: Component,
  options: MountLayerOptions<P> = {},
): MountedLayer {
  const { fetch, sent } = graphqlFetch(options.fetch);
  const errorToasts: unknown[] = [];
  const { client } = createApolloClient({
    session: createSession({ authBase: 'http://test', storage: memoryStorage(), fetchImpl: sessionFetch().fetch }),
    httpUri: 'http://test/graphql',
    wsUrl: 'ws://test/graphql',
    fetchImpl: fetch,
    onGraphQLError: (error) => void errorToasts.push(error),
    onNetworkError: (error) => void errorToasts.push(error),
    onSessionLost: () => undefined,
  });
  const notices: Notice[] = [];
  const stop = onNotice((n) => notices.push(n));
  // JSON message files are plain objects; vue-i18n's message schema type cannot be inferred from them here.
  const i18n = createI18n({
    legacy: false,
    locale: options.locale ?? 'en',
    messages: structuredClone(HOST_MESSAGES) as Record<string, never>,
  });
  // Merged deeply, as the app merges a layer's messages (a layer's `errors.reasons` adds to the host's `errors`).
  for (const [locale, messages] of Object.entries(options.messages ?? {}))
    i18n.global.mergeLocaleMessage(locale, messages as never);
  const host = testHost(options);
  const mountOptions = {
    props: options.props,
    attachTo: options.attach ? document.body : undefined,
    global: {
      plugins: [PrimeVue, i18n, ConfirmationService, ...(options.plugins ?? [])],
      provide: {
        [DefaultApolloClient as symbol]: client,
        [HOST_KEY as symbol]: host,
        [AUTHORIZED_FETCH_KEY as symbol]: noDownloads,
        ...options.provide,
      },
    },
  } as ComponentMountingOptions<Component>;
  const wrapper = mount(component, mountOptions) as unknown as VueWrapper;
  cleanups.push(stop, () => wrapper.unmount());
  if (options.confirmDialog) {
    const dialog = mount(ConfirmDialog, {
      attachTo: document.body,
      global: { plugins: [PrimeVue, i18n] },
    });
    cleanups.push(() => dialog.unmount());
  }
  return { wrapper, sent, notices, errorToasts, host };
}

/** Answers the open confirmation dialog: accept (the action goes ahead) or reject. */
export async function answerConfirm(accept: boolean): Promise<void> {
  const button = document.querySelector<HTMLElement>(
    accept ? '.p-confirmdialog-accept-button' : '.p-confirmdialog-reject-button',
  );
  if (!button) throw new Error('No confirmation dialog is open.');
  button.click();
  await settle();
}

/** The open confirmation dialog's message, or null when none is open. */
export function confirmMessage(): string | null {
  return document.querySelector('.p-confirmdialog-message')?.textContent ?? null;
}

/** Lets queries, mutations and the re-render after them finish. */
export async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((r) => setTimeout(r, 20));
  await flushPromises();
}

/**
 * The combobox is named by its visible label alone: `aria-labelledby` points at a `<label>` saying `text`, and
 * there is no `aria-label` (a second name, or the chosen option passed off as one; see `namedByLabel`).
 */
export function expectNamedByLabel(combobox: Element | null, text: string): void {
  expect(combobox?.getAttribute('role')).toBe('combobox');
  expect(combobox!.hasAttribute('aria-label')).toBe(false);
  const label = document.getElementById(combobox!.getAttribute('aria-labelledby') ?? '');
  expect(label?.tagName).toBe('LABEL');
  expect(label!.textContent!.trim()).toBe(text);
}
