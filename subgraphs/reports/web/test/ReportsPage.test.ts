import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle, type GraphQLAnswer } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
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

const billing = {
  __typename: 'BillingReport',
  invoiceCount: 12,
  invoiced: '12800.00',
  tax: '2221.49',
  creditNotes: { __typename: 'BillingReportCreditNotes', count: 1, amount: '-10.50' },
  netInvoiced: '12789.50',
  collected: '1280.00',
  outstanding: '11509.50',
  voidedCount: 0,
  byPaymentMethod: [{ __typename: 'BillingReportMethodRow', method: 'CARD', count: 3, amount: '1280.00' }],
  byProfessional: [
    {
      __typename: 'BillingReportProfessionalRow',
      professional: { __typename: 'User', id: 'u9', fullName: 'Dra. Ruiz' },
      invoiceCount: 12,
      invoiced: '12800.00',
      collected: '1280.00',
    },
  ],
  byMonth: [
    {
      __typename: 'BillingReportMonth',
      month: '2026-11',
      invoiced: '12800.00',
      credited: '-10.50',
      collected: '1280.00',
    },
  ],
};
const budgets = {
  __typename: 'BudgetConversionReport',
  count: 4,
  amount: '766.00',
  sentCount: 3,
  acceptedCount: 2,
  acceptedAmount: '516.00',
  acceptanceRate: 2 / 3,
  averageDaysToAcceptance: 2.5,
  byStatus: [{ __typename: 'BudgetConversionStatusRow', status: 'ACCEPTED', count: 2, amount: '516.00' }],
  byProfessional: [],
};

function mountPage(permissions: string[], answer: GraphQLAnswer, locale = 'en') {
  return mountLayer(ReportsPage, {
    permissions,
    role: 'hygienist',
    fullName: 'Hugo Hygienist',
    modules: ['reports'],
    messages: { en, es },
    locale,
    fetch: answer,
  });
}
/** The value of a summary table's row, by its heading. */
const figure = (wrapper: ReturnType<typeof mountPage>['wrapper'], table: string, heading: string) =>
  wrapper
    .findAll(`[data-test=${table}] tr`)
    .find((tr) => tr.find('th').text() === heading)!
    .find('td')
    .text();
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
    expect(summary).toContain('75.0%');
    expect(summary).toContain('12.5 min');
    expect(wrapper.text()).toContain('Dra. Ruiz');

    await wrapper.find('[data-test=reports-from]').setValue('2026-03-01');
    await wrapper.find('[data-test=reports-to]').setValue('2026-03-31');
    await settle();
    expect(sent.at(-1)!.variables).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('says beside the dates, in Spanish, that a report covers at most 365 days, and asks nothing of the server', async () => {
    const { wrapper, sent } = mountPage(
      ['reports.scheduling.read'],
      () => json({ data: { schedulingReport: scheduling } }),
      'es',
    );
    await settle();
    const before = sent.length;
    await wrapper.find('[data-test=reports-from]').setValue('2024-01-01');
    await wrapper.find('[data-test=reports-to]').setValue('2026-12-31');
    await wrapper.find('[data-test=reports-to]').trigger('blur');
    await settle();
    expect(sent.length).toBe(before);
    expect(wrapper.find('#reports-to-error').text()).toBe(es.reports.rangeTooLong.replace('{max}', '365'));
    // A year apart is still one report.
    await wrapper.find('[data-test=reports-from]').setValue('2025-12-31');
    await settle();
    expect(sent.at(-1)!.variables).toEqual({ from: '2025-12-31', to: '2026-12-31' });
  });

  it('shows the billing report in euros and Spanish: amounts, months and the figures of each table', async () => {
    const { wrapper } = mountPage(['reports.billing.read'], () => json({ data: { billingReport: billing } }), 'es');
    await settle();
    const value = (heading: string) => figure(wrapper, 'billing-summary', heading);
    // es-ES groups five digits and not four; a no-break space before "€".
    expect(value('Facturado')).toBe('12.800,00\u00a0€');
    expect(value('IVA')).toBe('2221,49\u00a0€');
    expect(value('Facturas rectificativas')).toBe('1 (-10,50\u00a0€)');
    expect(value('Facturado neto')).toBe('12.789,50\u00a0€');
    expect(value('Cobrado')).toBe('1280,00\u00a0€');
    expect(value('Pendiente de cobro')).toBe('11.509,50\u00a0€');
    expect(
      wrapper
        .find('[data-test=billing-by-month] tbody tr')
        .findAll('td')
        .map((c) => c.text()),
    ).toEqual(['noviembre de 2026', '12.800,00\u00a0€', '-10,50\u00a0€', '1280,00\u00a0€']);
    expect(wrapper.find('.report-bar').text()).toContain('noviembre de 2026');
    expect(wrapper.find('.report-bar-value').text()).toBe('12.800,00\u00a0€');
    expect(wrapper.text()).not.toMatch(/\d\.\d\d(?!\d)/); // no amount left with a decimal point
    // The payment method is a word, not its code.
    expect(wrapper.text()).toContain('Tarjeta');
    expect(wrapper.text()).not.toContain('CARD');
  });

  it('shows the budget conversion in euros and Spanish, its rate as a percentage', async () => {
    const { wrapper } = mountPage(
      ['reports.budgets.read'],
      () => json({ data: { budgetConversionReport: budgets } }),
      'es',
    );
    await settle();
    const value = (heading: string) => figure(wrapper, 'budgets-summary', heading);
    expect(value('Presupuestos creados')).toBe('4 (766,00\u00a0€)');
    expect(value('Aceptados')).toBe('2 (516,00\u00a0€)');
    expect(value('Tasa de aceptación')).toBe('66,7\u00a0%');
    expect(value('Días medios hasta la aceptación')).toBe('2,5');
  });

  it('shows the scheduling rates and minutes with a decimal comma in Spanish', async () => {
    const { wrapper } = mountPage(
      ['reports.scheduling.read'],
      () => json({ data: { schedulingReport: scheduling } }),
      'es',
    );
    await settle();
    expect(figure(wrapper, 'scheduling-summary', 'Tasa de finalización')).toBe('75,0\u00a0%');
    expect(figure(wrapper, 'scheduling-summary', 'Tiempo de espera')).toContain('12,5 min');
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
