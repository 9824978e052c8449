import { clinicTimezone, type EntityManager } from '@dentalpin/core';
import { parseReportArgs, reportInput, schedulingInput, windows, type ReportRange } from './range.ts';
import { APPOINTMENTS_QUERY, schedulingReport, type AgendaAppointment } from './scheduling.ts';
import { BILLING_TOTALS_QUERY, billingReport, type InvoiceTotals, type PaymentTotals } from './billing.ts';
import { BUDGETS_QUERY, budgetConversionReport, type ReportBudget } from './budgets.ts';

/** Runs an operation through the supergraph as the caller (RequestContext.query); returns `data`. */
export type QueryFn = <T>(document: string, variables?: Record<string, unknown>) => Promise<T>;

/** The agenda answers at most 31 days per query. */
const AGENDA_WINDOW_DAYS = 31;
/** The largest page billing and budget serve. */
const PAGE_SIZE = 500;

interface Page<T> {
  total: number;
  items: T[];
}

/**
 * Every item of a paged list, page by page until `total` is reached. Each item once, even if a record
 * created meanwhile shifted the pages (the lists are newest first).
 */
export async function allPages<T extends { id: string }>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const items = new Map<string, T>();
  for (let page = 1, seen = 0; ; page++) {
    const r = await fetchPage(page);
    for (const item of r.items) items.set(item.id, item);
    seen += r.items.length;
    if (!r.items.length || seen >= r.total) return [...items.values()];
  }
}

const within = (instant: string, range: ReportRange) => {
  const t = Date.parse(instant);
  return t >= range.start.getTime() && t < range.end.getTime();
};
const byProfessional = (professionalId: string | null | undefined) => (row: { professional: { id: string } | null }) =>
  !professionalId || row.professional?.id === professionalId;

/**
 * The reports. They own no data: each reads the other modules through `query` (the supergraph, as
 * the caller, so the caller's own permissions on billing, budget and agenda apply too) and
 * aggregates in memory (amounts with decimal.js).
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
    const budgets = await allPages(
      async (page) =>
        (
          await this.supergraph<{ budgets: Page<ReportBudget> }>(BUDGETS_QUERY, {
            from: range.start.toISOString(),
            to: range.end.toISOString(),
            page,
            pageSize: PAGE_SIZE,
          })
        ).budgets,
    );
    return budgetConversionReport(
      range,
      budgets.filter((b) => within(b.createdAt, range)).filter(byProfessional(input.professionalId)),
    );
  }
}
