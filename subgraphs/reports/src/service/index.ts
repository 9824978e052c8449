import { clinicTimezone, type ServiceContext } from '@dentalpin/core';
import { reportInput, schedulingInput } from '../inputs.ts';
import {
  ReportsAppointmentsDocument,
  ReportsBillingTotalsDocument,
  ReportsBudgetTotalsDocument,
} from '../generated/operations.ts';
import { parseReportArgs, windows, type ReportRange } from './range.ts';
import { schedulingReport, type AgendaAppointment } from './scheduling.ts';
import { billingReport } from './billing.ts';
import { budgetConversionReport } from './budgets.ts';

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
  constructor(private readonly ctx: ServiceContext) {}

  private timezone() {
    return clinicTimezone(this.ctx.em, this.ctx.identity.clinicId);
  }

  async scheduling(raw: unknown) {
    const { input, range } = parseReportArgs(schedulingInput, raw, await this.timezone());
    const chunks = await Promise.all(
      windows(range.start, range.end, AGENDA_WINDOW_DAYS).map(async (w) =>
        this.ctx.query(ReportsAppointmentsDocument, {
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
    const totals = await this.ctx.query(ReportsBillingTotalsDocument, {
      from: range.from,
      to: range.to,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      professionalId: input.professionalId ?? null,
    });
    return billingReport(range, totals.invoiceTotals, totals.paymentTotals);
  }

  async budgetConversion(raw: unknown) {
    const { input, range } = parseReportArgs(reportInput, raw, await this.timezone());
    const { budgetTotals } = await this.ctx.query(ReportsBudgetTotalsDocument, {
      from: range.start.toISOString(),
      to: range.end.toISOString(),
      professionalId: input.professionalId ?? null,
    });
    return budgetConversionReport(range, budgetTotals);
  }
}
