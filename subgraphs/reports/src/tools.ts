import type { z } from 'zod';
import { defineTool, type Tool } from '@dentalpin/core';
import { reportInput, schedulingInput } from './inputs.ts';
import { MAX_RANGE_DAYS } from './service/range.ts';
import { ReportsService } from './service/index.ts';

const RANGE_RULE =
  `from and to are clinic-local calendar days (YYYY-MM-DD, both included), to not before from, at most ` +
  `${MAX_RANGE_DAYS} days apart. Amounts are decimal strings such as "120.50"; rates are fractions (0.25 = 25 %).`;
const range = {
  from: reportInput.shape.from.describe('First day of the report (YYYY-MM-DD, clinic-local).'),
  to: reportInput.shape.to.describe('Last day of the report (YYYY-MM-DD, clinic-local, included).'),
  professionalId: reportInput.shape.professionalId.describe('Only this professional (a user id); all when left out.'),
};

/** A read-only report tool: the same service call as the GraphQL query, with the caller's grants. */
const reportTool = <P extends z.ZodObject>(
  name: string,
  description: string,
  permission: string,
  parameters: P,
  run: (s: ReportsService, params: z.output<P>) => Promise<unknown>,
) =>
  defineTool({
    name,
    description: `${description} Read-only. ${RANGE_RULE}`,
    parameters,
    permissions: [permission],
    category: 'READ',
    handler: (ctx, params) => run(new ReportsService(ctx), params),
  });

export const tools: readonly Tool[] = [
  reportTool(
    'billing_report',
    'Billing figures of the current clinic for a range of days: invoices issued (count, invoiced total with VAT, ' +
      'tax), credit notes, payments collected in the range, what the invoices of the range still owe ' +
      '(outstanding), and breakdowns by payment method, by professional (professionalId) and by month. It lists ' +
      'no single invoice or patient.',
    'reports.billing.read',
    reportInput.extend(range),
    (s, params) => s.billing(params),
  ),
  reportTool(
    'budget_conversion_report',
    'How the budgets (treatment quotes) created in a range of days turned out: counts and totals by status ' +
      '(DRAFT, SENT, ACCEPTED, REJECTED, EXPIRED, CANCELLED), how many reached the patient (sentCount), acceptance ' +
      'rate (accepted / sent), average days to acceptance, and the same per professional.',
    'reports.budgets.read',
    reportInput.extend(range),
    (s, params) => s.budgetConversion(params),
  ),
  reportTool(
    'scheduling_report',
    'Appointment analytics of the current clinic for appointments starting in a range of days: funnel (count per ' +
      'current status, completion / no-show / cancellation rates), waiting time from check-in to treatment ' +
      '(average, median, p90 minutes and buckets 0-5, 5-15, 15-30, 30+), punctuality (check-in minus scheduled ' +
      'start; negative = early), duration variance (actual treatment minutes vs planned), and breakdowns by day ' +
      'of week (1 = Monday), professional and cabinet. Averages are null when nothing qualifies.',
    'reports.scheduling.read',
    schedulingInput.extend({
      ...range,
      cabinetId: schedulingInput.shape.cabinetId.describe('Only this cabinet (ids from agenda.list_cabinets).'),
    }),
    (s, params) => s.scheduling(params),
  ),
] as Tool[];

/** The module has no mutations. */
export const toolExemptions: Readonly<Record<string, string>> = {};
