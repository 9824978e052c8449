import { clinicTimezone, type EntityManager } from '@dentalpin/core';
import { parseReportArgs, reportInput, schedulingInput, windows, type ReportRange } from './range.ts';
import { APPOINTMENTS_QUERY, schedulingReport, type AgendaAppointment } from './scheduling.ts';
import { BILLING_TOTALS_QUERY, billingReport, type InvoiceTotals, type PaymentTotals } from './billing.ts';
import { BUDGET_TOTALS_QUERY, budgetConversionReport, type BudgetTotals } from './budgets.ts';

/** Runs an operation through the supergraph as the caller (RequestContext.query); returns `data`. */
export type QueryFn = <T>(document: string, variables?: Record<string, unknown>) => Promise<T>;

/** The agenda answers at most 31 days per query. */
const AGENDA_WINDOW_DAYS = 31;
const within = (instant: string, range: ReportRange) => {
  const t = Date.parse(instant);
  return t >= range.start.getTime() && t < range.end.getTime();
};

/**
 * The reports. They own no data: each reads the other modules through `query` (the supergraph, as
 * the caller, so the caller's own permissions on billing, budget and agenda apply too). Billing and
 * budget answer sums computed in their database; the agenda's appointments are aggregated here (their
 * medians and percentiles need the rows). Amounts with decimal.js.
 */
export class ReportsService {
  constructor(
    private readonly supergraph: QueryFn,
    private readonly em: EntityManager,
    private readonly clinicId: string,
  ) {}

  private timezone() {
    return clinicTimezone(this.em, this.clinicId);
  }

  async scheduling(raw: unknown) {
    const { input, range } = parseReportArgs(schedulingInput, raw, await this.timezone());
    const chunks = await Promise.all(
      windows(range.start, range.end, AGENDA_WINDOW_DAYS).map(async (w) =>
        this.supergraph<{ appointments: AgendaAppointment[] }>(APPOINTMENTS_QUERY, {
          from: w.from.toISOString(),
          to: w.to.toISOString(),
          cabinetId: input.cabinetId ?? null,
          professionalId: input.professionalId ?? null,
        }),
      ),
    );
    // The agenda returns appointments overlapping each window: keep those starting in the range, once.
    const appointments = new Map<string, AgendaAppointment>();
    for (const { appointments: list } of chunks)
      for (const a of list) if (within(a.startTime, range)) appointments.set(a.id, a);
    return schedulingReport(
      range,
      [...appointments.values()].sort((a, b) => a.startTime.localeCompare(b.startTime)),
    );
  }

  async billing(raw: unknown) {
    const { input, range } = parseReportArgs(reportInput, raw, await this.timezone());
    const totals = await this.supergraph<{ invoiceTotals: InvoiceTotals[]; paymentTotals: PaymentTotals[] }>(
      BILLING_TOTALS_QUERY,
      {
        from: range.from,
        to: range.to,
        start: range.start.toISOString(),
        end: range.end.toISOString(),
        professionalId: input.professionalId ?? null,
      },
    );
    return billingReport(range, totals.invoiceTotals, totals.paymentTotals);
  }

  async budgetConversion(raw: unknown) {
    const { input, range } = parseReportArgs(reportInput, raw, await this.timezone());
    const { budgetTotals } = await this.supergraph<{ budgetTotals: BudgetTotals[] }>(BUDGET_TOTALS_QUERY, {
      from: range.start.toISOString(),
      to: range.end.toISOString(),
      professionalId: input.professionalId ?? null,
    });
    return budgetConversionReport(range, budgetTotals);
  }
}
