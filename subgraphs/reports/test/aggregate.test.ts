import { describe, expect, it } from 'vitest';
import { WEEK_FUNNEL, WEEK_PUNCTUALITY, WEEK_VARIANCE, WEEK_WAITING } from './week.ts';
import { monthsBetween, reportRange, windows } from '../src/service/range.ts';
import { minutesStats, percentile } from '../src/service/stats.ts';
import { schedulingReport, type AgendaAppointment } from '../src/service/scheduling.ts';
import { billingReport, type InvoiceTotals, type PaymentTotals } from '../src/service/billing.ts';
import { budgetConversionReport, type BudgetTotals } from '../src/service/budgets.ts';

const MADRID = 'Europe/Madrid';
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as { code?: string }).code, (e as Error).message];
  }
  return null;
};

describe('report ranges', () => {
  it('are clinic-local days, to included, at most 365 days apart', () => {
    const r = reportRange('2026-03-01', '2026-03-31', MADRID);
    expect([r.start.toISOString(), r.end.toISOString()]).toEqual([
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ]);
    expect(reportRange('2026-01-01', '2027-01-01', MADRID).end.toISOString()).toBe('2027-01-01T23:00:00.000Z');
    expect(codeOf(() => reportRange('2026-01-01', '2027-01-02', MADRID))).toEqual([
      'BAD_USER_INPUT',
      expect.stringMatching(/spans 366 days; a report covers at most 365 days/),
    ]);
    expect(codeOf(() => reportRange('2026-03-02', '2026-03-01', MADRID))).toEqual([
      'BAD_USER_INPUT',
      expect.stringMatching(/ends \(2026-03-01\) before it starts \(2026-03-02\)/),
    ]);
    expect(
      reportRange('2026-03-02', '2026-03-02', MADRID).end.getTime() -
        reportRange('2026-03-02', '2026-03-02', MADRID).start.getTime(),
    ).toBe(86_400_000);
  });

  it('split into windows the agenda accepts and list every month', () => {
    const r = reportRange('2026-01-01', '2026-12-31', 'UTC');
    const w = windows(r.start, r.end, 31);
    expect(w).toHaveLength(12);
    expect(w[0]!.from).toEqual(r.start);
    expect(w.at(-1)!.to).toEqual(r.end);
    expect(w.every((x) => x.to.getTime() - x.from.getTime() <= 31 * 86_400_000)).toBe(true);
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('minute statistics', () => {
  it('interpolate percentiles like percentile_cont and are null when empty', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(minutesStats([10, 0, 20, 30, 40, 50, 60, 70, 80, 90])).toEqual({
      count: 10,
      average: 45,
      median: 45,
      p90: 81,
    });
    expect(minutesStats([])).toEqual({ count: 0, average: null, median: null, p90: null });
  });
});

const appt = (
  id: string,
  start: string,
  minutes: number,
  status: AgendaAppointment['status'],
  steps: [AgendaAppointment['status'], string][] = [],
  extra: Partial<AgendaAppointment> = {},
): AgendaAppointment => ({
  id,
  startTime: start,
  endTime: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  status,
  professional: { id: 'p1' },
  cabinet: { id: 'c1' },
  transitions: [
    { fromStatus: null, toStatus: 'SCHEDULED', changedAt: '2026-01-01T00:00:00Z' },
    ...steps.map(([toStatus, changedAt]) => ({ fromStatus: null, toStatus, changedAt })),
  ],
  ...extra,
});

describe('scheduling aggregation', () => {
  it('measures waiting, punctuality and duration variance from the transitions', () => {
    const range = reportRange('2026-03-02', '2026-03-08', 'UTC');
    const report = schedulingReport(range, [
      // Monday: 2 min late, waits 10, planned 30, actual 45 (+15).
      appt('a', '2026-03-02T09:00:00Z', 30, 'COMPLETED', [
        ['CHECKED_IN', '2026-03-02T09:02:00Z'],
        ['IN_TREATMENT', '2026-03-02T09:12:00Z'],
        ['COMPLETED', '2026-03-02T09:57:00Z'],
      ]),
      // Monday: 3 min early, waits 40, planned 60, actual 50 (−10).
      appt(
        'b',
        '2026-03-02T10:00:00Z',
        60,
        'COMPLETED',
        [
          ['CHECKED_IN', '2026-03-02T09:57:00Z'],
          ['IN_TREATMENT', '2026-03-02T10:37:00Z'],
          ['COMPLETED', '2026-03-02T11:27:00Z'],
        ],
        { professional: { id: 'p2' }, cabinet: null },
      ),
      // Wednesday: 20 min late, still waiting.
      appt('c', '2026-03-04T10:00:00Z', 30, 'CHECKED_IN', [['CHECKED_IN', '2026-03-04T10:20:00Z']]),
      appt('d', '2026-03-04T11:00:00Z', 30, 'NO_SHOW', [['NO_SHOW', '2026-03-04T11:30:00Z']]),
      appt('e', '2026-03-08T11:00:00Z', 30, 'CANCELLED', [['CANCELLED', '2026-03-01T11:30:00Z']]),
    ]);
    expect(report.appointmentCount).toBe(5);
    expect(report.funnel).toEqual(WEEK_FUNNEL);
    expect(report.waitingTime).toEqual(WEEK_WAITING);
    expect(report.punctuality).toEqual(WEEK_PUNCTUALITY);
    expect(report.durationVariance).toEqual({
      count: 2,
      planned: { count: 2, average: 45, median: 45, p90: 57 },
      actual: { count: 2, average: 47.5, median: 47.5, p90: 49.5 },
      variance: WEEK_VARIANCE,
      overruns: 1,
    });
    expect(report.byDayOfWeek.map((d) => [d.dayOfWeek, d.appointments, d.completed])).toEqual([
      [1, 2, 2],
      [2, 0, 0],
      [3, 2, 0],
      [4, 0, 0],
      [5, 0, 0],
      [6, 0, 0],
      [7, 1, 0],
    ]);
    expect(report.byProfessional).toEqual([
      { professionalId: 'p1', appointments: 4, completed: 1, cancelled: 1, noShows: 1, averageWaitMinutes: 10 },
      { professionalId: 'p2', appointments: 1, completed: 1, cancelled: 0, noShows: 0, averageWaitMinutes: 40 },
    ]);
    expect(report.byCabinet.map((c) => [c.cabinetId, c.appointments])).toEqual([
      ['c1', 4],
      [null, 1],
    ]);
  });

  it('gives null averages and zero counts for an empty range', () => {
    const report = schedulingReport(reportRange('2026-03-02', '2026-03-08', MADRID), []);
    expect(report.appointmentCount).toBe(0);
    expect(report.funnel.completionRate).toBeNull();
    expect(report.waitingTime).toMatchObject({ count: 0, average: null, median: null, p90: null });
    expect(report.punctuality.average).toBeNull();
    expect(report.durationVariance.variance.average).toBeNull();
    expect(report.byDayOfWeek).toHaveLength(7);
    expect(report.byProfessional).toEqual([]);
  });
});

describe('billing aggregation', () => {
  const inv = (month: string, total: string, extra: Partial<InvoiceTotals> = {}): InvoiceTotals => ({
    kind: 'INVOICE',
    status: 'ISSUED',
    month,
    professional: { id: 'p1' },
    count: 1,
    total,
    totalTax: '0.00',
    balance: total,
    ...extra,
  });
  const pay = (
    month: string,
    method: PaymentTotals['method'],
    amount: string,
    prof = 'p1',
    count = 1,
  ): PaymentTotals => ({
    method,
    month,
    professional: { id: prof },
    count,
    amount,
  });

  it("composes billing's sums exactly to the cent, by method, professional and month", () => {
    const range = reportRange('2026-01-15', '2026-03-10', MADRID);
    const report = billingReport(
      range,
      [
        inv('2026-01', '0.10', { totalTax: '0.02', balance: '0.00', status: 'PAID' }),
        inv('2026-02', '0.20', { totalTax: '0.03', balance: '0.05', status: 'PARTIAL', professional: null }),
        inv('2026-03', '100.00', { status: 'VOIDED' }),
        // Issued, then cancelled by a credit note: both stay in the books.
        inv('2026-03', '0.30', { totalTax: '0.05', balance: '0.00', status: 'CANCELLED' }),
        inv('2026-03', '-0.30', { kind: 'CREDIT_NOTE', totalTax: '-0.05', balance: '0.00' }),
        inv('2026-03', '0.00', { status: 'DRAFT', count: 4 }),
      ],
      [pay('2026-01', 'CARD', '0.10'), pay('2026-02', 'CASH', '0.15', 'p2'), pay('2026-03', 'CARD', '0.05')],
    );
    expect(report).toMatchObject({
      invoiceCount: 3,
      invoiced: '0.60',
      tax: '0.10',
      creditNotes: { count: 1, amount: '-0.30' },
      netInvoiced: '0.30',
      collected: '0.30',
      outstanding: '0.05',
      voidedCount: 1,
      byPaymentMethod: [
        { method: 'CASH', count: 1, amount: '0.15' },
        { method: 'CARD', count: 2, amount: '0.15' },
      ],
      byMonth: [
        { month: '2026-01', invoiced: '0.10', credited: '0.00', collected: '0.10' },
        { month: '2026-02', invoiced: '0.20', credited: '0.00', collected: '0.15' },
        { month: '2026-03', invoiced: '0.30', credited: '-0.30', collected: '0.05' },
      ],
    });
    expect(report.byProfessional).toEqual([
      { professionalId: 'p1', invoiceCount: 2, invoiced: '0.40', collected: '0.15' },
      { professionalId: null, invoiceCount: 1, invoiced: '0.20', collected: '0.00' },
      { professionalId: 'p2', invoiceCount: 0, invoiced: '0.00', collected: '0.15' },
    ]);
  });
});

describe('budget conversion aggregation', () => {
  const group = (status: BudgetTotals['status'], total: string, extra: Partial<BudgetTotals> = {}): BudgetTotals => ({
    status,
    professional: { id: 'p1' },
    count: 1,
    total,
    sentCount: status === 'DRAFT' ? 0 : 1,
    acceptedAtCount: 0,
    averageDaysToAcceptance: null,
    ...extra,
  });

  it("rates acceptance over budgets that reached the patient, from the budget module's sums", () => {
    const report = budgetConversionReport(reportRange('2026-03-01', '2026-03-31', MADRID), [
      // Two accepted by p1, after 1 and 3 days (one accepted in the clinic before sending: no sentAt).
      group('ACCEPTED', '100.10', { count: 2, sentCount: 1, acceptedAtCount: 2, averageDaysToAcceptance: 2 }),
      group('ACCEPTED', '0.20', { professional: { id: 'p2' }, acceptedAtCount: 1, averageDaysToAcceptance: 0.5 }),
      group('REJECTED', '50.00'),
      group('DRAFT', '10.00'),
      // Cancelled: one after sending, one never sent.
      group('CANCELLED', '10.00', { count: 2, sentCount: 1 }),
    ]);
    expect(report).toMatchObject({
      count: 7,
      amount: '170.30',
      sentCount: 5,
      acceptedCount: 3,
      acceptedAmount: '100.30',
      acceptanceRate: 0.6,
      // (2 × 2 + 0.5 × 1) / 3
      averageDaysToAcceptance: 1.5,
    });
    expect(report.byStatus).toEqual([
      { status: 'DRAFT', count: 1, amount: '10.00' },
      { status: 'SENT', count: 0, amount: '0.00' },
      { status: 'ACCEPTED', count: 3, amount: '100.30' },
      { status: 'REJECTED', count: 1, amount: '50.00' },
      { status: 'EXPIRED', count: 0, amount: '0.00' },
      { status: 'CANCELLED', count: 2, amount: '10.00' },
    ]);
    expect(report.byProfessional.map((p) => [p.professionalId, p.count, p.acceptanceRate])).toEqual([
      ['p1', 6, 0.5],
      ['p2', 1, 1],
    ]);
    expect(budgetConversionReport(reportRange('2026-03-01', '2026-03-31', MADRID), [])).toMatchObject({
      count: 0,
      acceptanceRate: null,
      averageDaysToAcceptance: null,
    });
  });
});
