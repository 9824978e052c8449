import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle, type GraphQLAnswer } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import ReportsPage from '../pages/ReportsPage.vue';

const minutes = (average: number | null) => ({ __typename: 'ReportMinutes', average, median: average, p90: average });
const scheduling = {
  __typename: 'SchedulingReport',
  appointmentCount: 4,
  funnel: {
    __typename: 'SchedulingFunnel',
    byStatus: [
      { __typename: 'SchedulingStatusCount', status: 'COMPLETED', count: 3 },
      { __typename: 'SchedulingStatusCount', status: 'NO_SHOW', count: 1 },
    ],
    completionRate: 0.75,
    noShowRate: 0.25,
    cancellationRate: 0,
  },
  waitingTime: {
    __typename: 'SchedulingWaitingTime',
    count: 3,
    average: 12.5,
    median: 10,
    p90: 20,
    buckets: [{ __typename: 'ReportCount', label: '5-15', count: 3 }],
  },
  punctuality: {
    __typename: 'SchedulingPunctuality',
    count: 3,
    average: 2,
    median: 2,
    p90: 4,
    early: 0,
    onTime: 3,
    late: 0,
  },
  durationVariance: {
    __typename: 'SchedulingDurationVariance',
    count: 3,
    planned: minutes(30),
    actual: minutes(35),
    variance: minutes(5),
    overruns: 2,
  },
  byDayOfWeek: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
    __typename: 'SchedulingDayOfWeek',
    dayOfWeek,
    appointments: dayOfWeek === 1 ? 4 : 0,
    completed: dayOfWeek === 1 ? 3 : 0,
    cancelled: 0,
    noShows: dayOfWeek === 1 ? 1 : 0,
  })),
  byProfessional: [
    {
      __typename: 'SchedulingProfessionalRow',
      professional: { __typename: 'User', id: 'u9', fullName: 'Dra. Ruiz' },
      appointments: 4,
      completed: 3,
      noShows: 1,
      averageWaitMinutes: 12.5,
    },
  ],
};

function mountPage(permissions: string[], answer: GraphQLAnswer) {
  return mountLayer(ReportsPage, {
    permissions,
    role: 'hygienist',
    fullName: 'Hugo Hygienist',
    modules: ['reports'],
    messages: { en },
    fetch: answer,
  });
}
const operation = (query: string) => /query (\w+)/.exec(query)?.[1];

describe('reports layer: ReportsPage', () => {
  it('shows a hygienist the scheduling report only, for the chosen days', async () => {
    const { wrapper, sent } = mountPage(['reports.scheduling.read'], () =>
      json({ data: { schedulingReport: scheduling } }),
    );
    await settle();
    expect(wrapper.findAll('[data-test^=reports-tab-]').map((t) => t.text())).toEqual(['Scheduling']);
    expect(sent.map((s) => operation(s.query))).toEqual(['ReportsSchedulingReport']);
    expect(sent[0]!.variables.from).toMatch(/^\d{4}-\d{2}-01$/);
    const summary = wrapper.find('[data-test=scheduling-summary]').text();
    expect(summary).toContain('75.0 %');
    expect(summary).toContain('12.5 min');
    expect(wrapper.text()).toContain('Dra. Ruiz');

    await wrapper.find('[data-test=reports-from]').setValue('2026-03-01');
    await wrapper.find('[data-test=reports-to]').setValue('2026-03-31');
    await settle();
    expect(sent.at(-1)!.variables).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('opens on billing for a receptionist, and shows the server’s reason for a refused range', async () => {
    const { wrapper, sent } = mountPage(['reports.billing.read', 'reports.scheduling.read'], () =>
      json({
        data: null,
        errors: [
          {
            message: 'The report range 2025-01-01 to 2026-03-01 spans 424 days; a report covers at most 365 days.',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      }),
    );
    await settle();
    expect(wrapper.findAll('[data-test^=reports-tab-]').map((t) => t.text())).toEqual(['Billing', 'Scheduling']);
    expect(sent.map((s) => operation(s.query))).toEqual(['ReportsBillingReport']);
    // The reason itself, never Apollo's "GraphQL response contains errors: …" wrapper.
    expect(wrapper.find('[data-test=reports-error]').text()).toBe(
      'The report range 2025-01-01 to 2026-03-01 spans 424 days; a report covers at most 365 days.',
    );
  });
});
