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
  data: category === 'FINANCIAL' ? { invoice_number: `FAC-2026-000${i}`, total: '121.00' } : ({} as object | null),
});

/** Answers like the gateway: one page of the asked category, and whether more exist. */
function mountTab(
  all: (ReturnType<typeof entry> & { type: string; data: object | null })[],
  locale = 'en',
  others: Record<string, object> = {},
) {
  return mountLayer(PatientTimelineTab, {
    props: { ctx: { patientId: 'p1' } },
    messages: { en, es: { ...es, ...others } },
    locale,
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
    expect(wrapper.find('[data-test=timeline-description]').text()).toBe('FAC-2026-0000 · €121.00');
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

  it("words each entry in the reader's language: money in the clinic's currency, times in its time zone", async () => {
    const entries = [
      {
        ...entry(1, 'VISIT'),
        type: 'appointment.scheduled',
        title: 'Appointment scheduled',
        description: 'Check-up · on 2026-03-02 09:45 UTC · in Box 1',
        occurredAt: '2026-03-01T18:00:00.000Z',
        data: { treatment_type: 'Revisión', start_time: '2026-03-02T09:45:00.000Z', cabinet: 'Box 1' },
      },
      {
        ...entry(2, 'FINANCIAL'),
        type: 'invoice.payment_recorded',
        title: 'Payment received',
        description: 'FAC-2026-0002 · 1623.00 · CASH',
        data: { invoice_number: 'FAC-2026-0002', amount: '1623.00', method: 'CASH' },
      },
      {
        ...entry(3, 'FINANCIAL'),
        type: 'budget.accepted',
        title: 'Budget accepted',
        description: 'PRE-7 · 90.50 · in_clinic',
        data: { budget_number: 'PRE-7', total: '90.50', accepted_via: 'in_clinic' },
      },
      // The reader may not see the source: a generic title only.
      { ...entry(4, 'MEDICAL'), type: 'patient.medical_updated', title: 'Medical history updated', data: null },
      // A type this layer does not know (a newer module's): as the server wrote it.
      {
        ...entry(5, 'NOTE'),
        type: 'lab.order_sent',
        title: 'Lab order sent',
        description: 'Crown · Lab Norte',
        data: { order_id: 'o1' },
      },
    ];
    const { wrapper } = mountTab(entries, 'es');
    await settle();
    expect(titles(wrapper)).toEqual([
      'Cita programada',
      'Cobro recibido',
      'Presupuesto aceptado',
      'Historia clínica actualizada',
      'Lab order sent',
    ]);
    const descriptions = wrapper.findAll('[data-test=timeline-entry]').map((li) => {
      const d = li.find('[data-test=timeline-description]');
      return d.exists() ? d.text() : null;
    });
    // 09:45 UTC is 10:45 in Madrid (the clinic's zone), whatever the browser's.
    expect(descriptions[0]).toMatch(/^Revisión · el 2 mar 2026, 10:45 · en Box 1$/);
    expect(descriptions[1]).toBe('FAC-2026-0002 · 1623,00\u00a0€ · efectivo');
    expect(descriptions[2]).toBe('PRE-7 · 90,50\u00a0€ · en la clínica');
    expect(descriptions[3]).toBeNull();
    expect(descriptions[4]).toBe('Crown · Lab Norte');
    expect(wrapper.findAll('time')[0]!.text()).toMatch(/^1 mar 2026, 19:00$/);
  });

  it("names a treatment's clinical type as the odontogram's layer does, and readably without it", async () => {
    const treatment = {
      ...entry(1, 'VISIT'),
      type: 'odontogram.treatment_performed',
      title: 'Treatment performed',
      data: { clinical_type: 'root_canal_full', tooth_numbers: [16], price: '250.00' },
    };
    // What the odontogram's layer contributes to the shared catalogue (written here: a layer's test imports no
    // other module).
    const odontogram = { odontogram: { clinical_types: { root_canal_full: 'Endodoncia completa' } } };
    const named = mountTab([treatment], 'es', odontogram).wrapper;
    await settle();
    expect(named.find('[data-test=timeline-description]').text()).toBe(
      'Endodoncia completa · dientes 16 · 250,00\u00a0€',
    );
    const bare = mountTab([treatment], 'es').wrapper;
    await settle();
    expect(bare.find('[data-test=timeline-description]').text()).toMatch(/^root canal full · /);
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
