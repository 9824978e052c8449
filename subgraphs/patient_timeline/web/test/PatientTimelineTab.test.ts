import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { createI18n } from 'vue-i18n';
import { createApolloClient } from '../../../../web/src/shell/apollo.ts';
import { createSession } from '../../../../web/src/shell/session.ts';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PatientTimelineTab from '../components/PatientTimelineTab.vue';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
const entry = (i: number, category: string) => ({
  __typename: 'TimelineEntry',
  id: `e${i}`,
  type: category === 'FINANCIAL' ? 'invoice.issued' : 'appointment.completed',
  category,
  title: category === 'FINANCIAL' ? 'Invoice issued' : 'Visit completed',
  description: category === 'FINANCIAL' ? `FAC-2026-000${i} · 121.00` : null,
  occurredAt: `2026-11-2${i}T10:00:00.000Z`,
});

/** Answers like the gateway: one page of the asked category, and whether more exist. */
function mountTab(all: ReturnType<typeof entry>[]) {
  const asked: Record<string, unknown>[] = [];
  const fetchImpl = vi.fn(async (_url: string, init: RequestInit) => {
    const { variables } = JSON.parse(init.body as string);
    asked.push(variables);
    const matching = all.filter((e) => !variables.category || e.category === variables.category);
    const from = (variables.page - 1) * variables.pageSize;
    const entries = matching.slice(from, from + variables.pageSize);
    return json({
      data: {
        patientTimeline: {
          __typename: 'TimelinePage',
          entries,
          total: matching.length,
          page: variables.page,
          hasMore: matching.length > from + entries.length,
        },
      },
    });
  });
  const { client } = createApolloClient({
    session: createSession({ endpoint: 'http://test/graphql', storage: memory() }),
    httpUri: 'http://test/graphql',
    wsUrl: 'ws://test/graphql',
    fetchImpl: fetchImpl as never,
    onGraphQLError: () => undefined,
    onNetworkError: () => undefined,
    onSessionLost: () => undefined,
  });
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } });
  const wrapper = mount(PatientTimelineTab, {
    props: { ctx: { patientId: 'p1' } },
    attachTo: document.body,
    global: { plugins: [PrimeVue, i18n], provide: { [DefaultApolloClient as symbol]: client } },
  });
  cleanup.push(() => wrapper.unmount());
  return { wrapper, asked };
}
const settle = async () => {
  await flushPromises();
  await new Promise((r) => setTimeout(r, 20));
};
const titles = (w: ReturnType<typeof mount>) => w.findAll('[data-test=timeline-title]').map((e) => e.text());

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((fn) => fn());
  cleanup = [];
  document.body.innerHTML = '';
});

describe('patient_timeline layer: the patient Timeline tab', () => {
  it('shows the entries with their details, filters by category and loads older ones on demand', async () => {
    const all = [...Array(25).keys()].map((i) => entry(i % 10, i < 3 ? 'FINANCIAL' : 'VISIT'));
    all.forEach((e, i) => (e.id = `e${i}`));
    const { wrapper, asked } = mountTab(all);
    await settle();
    expect(titles(wrapper)).toHaveLength(20);
    expect(wrapper.find('[data-test=timeline-description]').text()).toBe('FAC-2026-0000 · 121.00');
    expect(asked.at(-1)).toMatchObject({ patientId: 'p1', category: null, page: 1, pageSize: 20 });

    await wrapper.find('[data-test=timeline-more]').trigger('click');
    await settle();
    expect(asked.at(-1)).toMatchObject({ page: 2, pageSize: 20 });
    expect(titles(wrapper)).toHaveLength(25);
    expect(wrapper.find('[data-test=timeline-more]').exists()).toBe(false);

    const money = wrapper.findAll('[data-test=timeline-category] button').find((b) => b.text() === 'Money')!;
    await money.trigger('click');
    await settle();
    expect(asked.at(-1)).toMatchObject({ category: 'FINANCIAL', page: 1, pageSize: 20 });
    expect(titles(wrapper)).toEqual(['Invoice issued', 'Invoice issued', 'Invoice issued']);
  });

  it('says so when nothing was recorded', async () => {
    const { wrapper } = mountTab([]);
    await settle();
    expect(wrapper.find('[data-test=timeline-empty]').text()).toBe('Nothing recorded yet.');
  });

  it('has every key in Spanish that it has in English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});
