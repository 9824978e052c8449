import { describe, expect, it } from 'vitest';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import type { PeriodontalExamFieldsFragment } from '@dentalpin/web/gql/types';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PeriodontogramTab from '../components/PeriodontogramTab.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';
// As the server answers it: Apollo's cache needs the __typename, which the generated fragment type leaves out.
const exam = (status: 'DRAFT' | 'CLOSED'): PeriodontalExamFieldsFragment & { __typename: string } => ({
  __typename: 'PeriodontalExam',
  id: '00000000-0000-4000-8000-0000000000e1',
  status,
  createdAt: '2026-12-01T10:00:00Z',
  closedAt: status === 'CLOSED' ? '2026-12-01T11:00:00Z' : null,
  sites: [],
  indices: {
    sitesExamined: 0,
    bleedingPercent: 0,
    plaquePercent: 0,
    meanProbingDepth: 0,
    meanAttachmentLoss: 0,
    pocketsOver5mm: 0,
  },
});
const WRITE = ['periodontogram.read', 'periodontogram.write'];

describe('periodontogram tab', () => {
  it('takes depths typed straight into the grid, moves on by itself and with arrows, and saves one batch', async () => {
    const draft = exam('DRAFT');
    const { wrapper, sent } = mountLayer(PeriodontogramTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: WRITE,
      messages: { en, es },
      attach: true,
      fetch: {
        PatientPeriodontalExams: () => jsonResponse({ data: { periodontalExams: [draft] } }),
        RecordPeriodontalSites: () => jsonResponse({ data: { recordPeriodontalSites: draft } }),
      },
    });
    await settle();
    // The first cell of the upper buccal depth row is tooth 18, distal site first.
    const first = wrapper.find('[data-row="0"][data-col="0"]');
    expect(first.attributes('data-site')).toBe('18-DB-probingDepth');
    (first.element as HTMLInputElement).focus();
    await first.setValue('4');
    await settle();
    const second = wrapper.find('[data-row="0"][data-col="1"]');
    expect(document.activeElement).toBe(second.element);
    await second.trigger('keydown', { key: 'b' });
    await second.setValue('1'); // 1 may become 10–15: stays put
    await settle();
    expect(document.activeElement).toBe(second.element);
    await second.trigger('keydown', { key: 'ArrowDown' });
    const recession = wrapper.find('[data-row="1"][data-col="1"]');
    expect(document.activeElement).toBe(recession.element);
    await recession.setValue('-2');
    await wrapper.find('[data-row="0"][data-col="2"]').setValue('16'); // over 15: refused, not sent
    await new Promise((r) => setTimeout(r, 700));
    await settle();
    const saves = sent.filter((s) => s.operationName === 'RecordPeriodontalSites');
    expect(saves).toHaveLength(1);
    expect(saves[0].variables).toEqual({
      examId: draft.id,
      sites: [
        {
          toothNumber: 18,
          site: 'DB',
          probingDepth: 4,
          recession: null,
          bleeding: false,
          plaque: false,
          suppuration: false,
        },
        {
          toothNumber: 18,
          site: 'B',
          probingDepth: 1,
          recession: -2,
          bleeding: true,
          plaque: false,
          suppuration: false,
        },
      ],
    });
  });

  it('shows a closed exam read-only, and offers no writing to a reader', async () => {
    const { wrapper } = mountLayer(PeriodontogramTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['periodontogram.read'],
      messages: { en, es },
      locale: 'es',
      fetch: { PatientPeriodontalExams: () => jsonResponse({ data: { periodontalExams: [exam('CLOSED')] } }) },
    });
    await settle();
    expect(wrapper.find('[data-row="0"][data-col="0"]').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-test=perio-start]').exists()).toBe(false);
    expect(wrapper.find('[data-test=perio-close]').exists()).toBe(false);
    expect(wrapper.find('[data-test=perio-indices]').text()).toContain('Sangrado %');
  });
});
