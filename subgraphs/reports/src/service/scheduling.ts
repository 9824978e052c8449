import { groupedBy, localWeekday } from '@dentalpin/core';
import type { AppointmentStatus, ReportsAppointmentsQuery } from '../generated/operations.ts';
import { keysOf, minutesBetween, minutesStats, ranked, rate, type MinutesStats } from './stats.ts';
import type { ReportRange } from './range.ts';

/** The agenda's statuses in lifecycle order (the report lists every one, with zeros). */
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'SCHEDULED',
  'CONFIRMED',
  'CHECKED_IN',
  'IN_TREATMENT',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
];

/** Fixed waiting-time buckets in minutes: [min, max). */
export const WAITING_BUCKETS = [
  { label: '0-5', min: -Infinity, max: 5 },
  { label: '5-15', min: 5, max: 15 },
  { label: '15-30', min: 15, max: 30 },
  { label: '30+', min: 30, max: Infinity },
] as const;

/** Check-in this many minutes or less after the scheduled start counts as on time. */
export const ON_TIME_MINUTES = 5;

/** What the report reads of each appointment through the supergraph. */
export type AgendaAppointment = ReportsAppointmentsQuery['appointments'][number];

interface Counts {
  appointments: number;
  completed: number;
  cancelled: number;
  noShows: number;
}

const counts = (list: readonly AgendaAppointment[]): Counts => ({
  appointments: list.length,
  completed: list.filter((a) => a.status === 'COMPLETED').length,
  cancelled: list.filter((a) => a.status === 'CANCELLED').length,
  noShows: list.filter((a) => a.status === 'NO_SHOW').length,
});

/** When the appointment first entered `status` (null if it never did). */
const reached = (a: AgendaAppointment, status: AppointmentStatus) =>
  a.transitions.find((t) => t.toStatus === status)?.changedAt ?? null;

interface Timings {
  waiting: number | null;
  lateness: number | null;
  planned: number;
  actual: number | null;
}

function timings(a: AgendaAppointment): Timings {
  const checkedIn = reached(a, 'CHECKED_IN');
  const inTreatment = reached(a, 'IN_TREATMENT');
  const completed = reached(a, 'COMPLETED');
  return {
    waiting: checkedIn && inTreatment ? minutesBetween(checkedIn, inTreatment) : null,
    lateness: checkedIn ? minutesBetween(a.startTime, checkedIn) : null,
    planned: minutesBetween(a.startTime, a.endTime),
    actual: inTreatment && completed ? minutesBetween(inTreatment, completed) : null,
  };
}

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

export interface SchedulingReport {
  from: string;
  to: string;
  timezone: string;
  appointmentCount: number;
  funnel: {
    byStatus: { status: string; count: number }[];
    completionRate: number | null;
    noShowRate: number | null;
    cancellationRate: number | null;
  };
  waitingTime: MinutesStats & { buckets: { label: string; count: number }[] };
  punctuality: MinutesStats & { early: number; onTime: number; late: number };
  durationVariance: {
    count: number;
    planned: MinutesStats;
    actual: MinutesStats;
    variance: MinutesStats;
    overruns: number;
  };
  byDayOfWeek: ({ dayOfWeek: number } & Counts)[];
  byProfessional: SchedulingProfessionalRow[];
  byCabinet: SchedulingCabinetRow[];
}

/** Rows of the breakdowns by professional and cabinet (the resolvers turn the ids into references). */
export interface SchedulingProfessionalRow extends Counts {
  professionalId: string | null;
  averageWaitMinutes: number | null;
}
export interface SchedulingCabinetRow extends Counts {
  cabinetId: string | null;
}

/**
 * The appointment-lifecycle analytics of the appointments starting in the range: waiting time
 * (IN_TREATMENT − CHECKED_IN), punctuality (CHECKED_IN − scheduled start; negative = early), duration
 * variance (actual COMPLETED − IN_TREATMENT against planned end − start), the status funnel and
 * breakdowns. Averages are null when nothing qualifies.
 */
export function schedulingReport(range: ReportRange, appointments: readonly AgendaAppointment[]): SchedulingReport {
  const all = appointments.map((a) => ({ a, t: timings(a) }));
  const total = appointments.length;
  const c = counts(appointments);
  const waits = present(all.map((x) => x.t.waiting));
  const lateness = present(all.map((x) => x.t.lateness));
  const treated = all.filter((x) => x.t.actual !== null);
  const variances = treated.map((x) => x.t.actual! - x.t.planned);
  const professionalOf = (x: (typeof all)[number]) => x.a.professional?.id ?? null;
  const professionals = keysOf(all, professionalOf);
  const byProfessional = groupedBy(professionals, all, professionalOf);
  const cabinetOf = (a: AgendaAppointment) => a.cabinet?.id ?? null;
  const cabinets = keysOf(appointments, cabinetOf);
  const byCabinet = groupedBy(cabinets, appointments, cabinetOf);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    appointmentCount: total,
    funnel: {
      byStatus: APPOINTMENT_STATUSES.map((status) => ({
        status,
        count: appointments.filter((a) => a.status === status).length,
      })),
      completionRate: rate(c.completed, total),
      noShowRate: rate(c.noShows, total),
      cancellationRate: rate(c.cancelled, total),
    },
    waitingTime: {
      ...minutesStats(waits),
      buckets: WAITING_BUCKETS.map((b) => ({
        label: b.label,
        count: waits.filter((w) => w >= b.min && w < b.max).length,
      })),
    },
    punctuality: {
      ...minutesStats(lateness),
      early: lateness.filter((m) => m < 0).length,
      onTime: lateness.filter((m) => m >= 0 && m <= ON_TIME_MINUTES).length,
      late: lateness.filter((m) => m > ON_TIME_MINUTES).length,
    },
    durationVariance: {
      count: treated.length,
      planned: minutesStats(treated.map((x) => x.t.planned)),
      actual: minutesStats(treated.map((x) => x.t.actual!)),
      variance: minutesStats(variances),
      overruns: variances.filter((v) => v > 0).length,
    },
    byDayOfWeek: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
      dayOfWeek,
      ...counts(appointments.filter((a) => localWeekday(a.startTime, range.timezone) === dayOfWeek)),
    })),
    byProfessional: ranked(
      professionals.map((professionalId, i) => ({
        professionalId,
        ...counts(byProfessional[i].map((x) => x.a)),
        averageWaitMinutes: minutesStats(present(byProfessional[i].map((x) => x.t.waiting))).average,
      })),
      [(r) => r.appointments],
      (r) => r.professionalId,
    ),
    byCabinet: ranked(
      cabinets.map((cabinetId, i) => ({ cabinetId, ...counts(byCabinet[i]) })),
      [(r) => r.appointments],
      (r) => r.cabinetId,
    ),
  };
}
