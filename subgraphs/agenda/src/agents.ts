import { BaseAgent, type AgentPlan, type PlanningContext } from '@dentalpin/core';

type AgentStep = PlanningContext['history'][number];

const OVERVIEW = 'agenda.get_day_overview';
const SET_STATUS = 'agenda.update_appointment_status';

/** What a run may be given (all optional). */
export interface ReminderRunInput {
  /** The day to prepare: YYYY-MM-DD or "today" / "tomorrow" (default), clinic-local. */
  date?: string;
  /** Appointments whose patients already confirmed (e.g. answered a call): proposed as CONFIRMED. */
  confirmedAppointmentIds?: string[];
}

interface OverviewAppointment {
  id: string;
  patientId: string;
  professionalId: string;
  cabinetName: string | null;
  localStart: string;
  status: string;
  treatmentType: string | null;
}
interface Overview {
  date: string;
  timezone: string;
  total: number;
  appointments: OverviewAppointment[];
}

const inputOf = (ctx: PlanningContext): ReminderRunInput => {
  const raw = ctx.input;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const date = typeof raw.date === 'string' ? raw.date : undefined;
  const ids = Array.isArray(raw.confirmedAppointmentIds)
    ? raw.confirmedAppointmentIds.filter((x): x is string => typeof x === 'string')
    : undefined;
  return { date, confirmedAppointmentIds: ids };
};

/**
 * The reminder plan, as rules (no LLM): read the day, propose CONFIRMED for the appointments the run was
 * told the patient confirmed, and finish with the list of patients still to remind. There is no
 * notification module yet, so the agent sends nothing: its product is that list, for a person to act on.
 */
export function planReminders(ctx: PlanningContext): AgentPlan {
  const input = inputOf(ctx);
  const overviewStep = ctx.history.find((s) => s.call.tool === OVERVIEW);
  if (!overviewStep) return { calls: [{ tool: OVERVIEW, arguments: { date: input.date ?? 'tomorrow' } }] };
  if (overviewStep.result.status !== 'SUCCESS')
    return {
      done: true,
      summary: `Could not read the agenda: ${overviewStep.result.error ?? overviewStep.result.status}.`,
    };
  const day = overviewStep.result.result as unknown as Overview;
  const confirmed = new Set(input.confirmedAppointmentIds ?? []);
  const proposals = ctx.history.filter((s) => s.call.tool === SET_STATUS);
  const toConfirm = day.appointments.filter((a) => a.status === 'SCHEDULED' && confirmed.has(a.id));
  if (toConfirm.length && !proposals.length)
    return {
      calls: toConfirm.map((a) => ({
        tool: SET_STATUS,
        arguments: { appointmentId: a.id, status: 'CONFIRMED', note: 'Patient confirmed the reminder.' },
      })),
    };
  const toRemind = day.appointments
    .filter((a) => a.status === 'SCHEDULED' && !confirmed.has(a.id))
    .map((a) => ({
      appointmentId: a.id,
      patientId: a.patientId,
      professionalId: a.professionalId,
      localStart: a.localStart,
      treatmentType: a.treatmentType,
      cabinetName: a.cabinetName,
    }));
  const confirmations = proposals.map((s: AgentStep) => ({
    appointmentId: String(s.call.arguments.appointmentId),
    status: s.result.status,
    approvalId: s.result.approvalId,
    error: s.result.error,
  }));
  const pending = confirmations.filter((c) => c.status === 'PENDING_APPROVAL').length;
  return {
    done: true,
    summary:
      `${day.date} (${day.timezone}): ${day.total} appointment(s); ${toRemind.length} patient(s) to remind` +
      (confirmations.length ? `; ${confirmations.length} confirmation(s) proposed, ${pending} awaiting approval` : '') +
      '.',
    data: { date: day.date, timezone: day.timezone, toRemind, confirmations },
  };
}

/** Prepares the reminders for a day's appointments (tomorrow by default). */
export class AppointmentRemindersAgent extends BaseAgent {
  readonly name = 'appointment_reminders';
  readonly description =
    "Reads a day's agenda (tomorrow by default), proposes CONFIRMED for the appointments whose patients " +
    'already confirmed (given as input.confirmedAppointmentIds) and returns the patients still to remind. ' +
    'It sends no messages.';
  readonly allowedTools = [OVERVIEW, SET_STATUS] as const;
  override readonly maxSteps = 5;
  plan(ctx: PlanningContext): AgentPlan {
    return planReminders(ctx);
  }
}
