import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PatientTimelineTab from '../components/PatientTimelineTab.vue';

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
  return mountLayer(PatientTimelineTab, {
    props: { ctx: { patientId: 'p1' } },
    messages: { en },
    attach: true,
    fetch: ({ variables }) => {
      const { category, page, pageSize } = variables as { category: string | null; page: number; pageSize: number };
      const matching = all.filter((e) => !category || e.category === category);
      const from = (page - 1) * pageSize;
      const entries = matching.slice(from, from + pageSize);
      return json({
        data: {
          patientTimeline: {
            __typename: 'TimelinePage',
            entries,
            total: matching.length,
            page,
            hasMore: matching.length > from + entries.length,
          },
        },
      });
    },
  });
}
const titles = (w: VueWrapper) => w.findAll('[data-test=timeline-title]').map((e) => e.text());

describe('patient_timeline layer: the patient Timeline tab', () => {
  it('shows the entries with their details, filters by category and loads older ones on demand', async () => {
    const all = [...Array(25).keys()].map((i) => entry(i % 10, i < 3 ? 'FINANCIAL' : 'VISIT'));
    all.forEach((e, i) => (e.id = `e${i}`));
    const { wrapper, sent } = mountTab(all);
    await settle();
    expect(titles(wrapper)).toHaveLength(20);
    expect(wrapper.find('[data-test=timeline-description]').text()).toBe('FAC-2026-0000 · 121.00');
    expect(sent.at(-1)?.variables).toMatchObject({ patientId: 'p1', category: null, page: 1, pageSize: 20 });

    await wrapper.find('[data-test=timeline-more]').trigger('click');
    await settle();
    expect(sent.at(-1)?.variables).toMatchObject({ page: 2, pageSize: 20 });
    expect(titles(wrapper)).toHaveLength(25);
    expect(wrapper.find('[data-test=timeline-more]').exists()).toBe(false);

    const money = wrapper.findAll('[data-test=timeline-category] button').find((b) => b.text() === 'Money')!;
    await money.trigger('click');
    await settle();
    expect(sent.at(-1)?.variables).toMatchObject({ category: 'FINANCIAL', page: 1, pageSize: 20 });
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
