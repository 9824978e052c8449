import { z } from 'zod';
import { defineTool, notFound, type Tool, localDateTime } from '@dentalpin/core';
import type { Appointment, AppointmentStatusEvent, Cabinet } from './entities.ts';
import { scheduleInput } from './inputs.ts';
import { AgendaService, CabinetService } from './service/index.ts';
import { appointmentStatus } from './status.ts';

const { toGraphQL } = appointmentStatus;

const TIME_RULE =
  'Times are ISO 8601. A time WITHOUT an offset ("2026-03-02T10:30") is a wall-clock time in the clinic\'s ' +
  'time zone (the usual way to give it); with an offset or Z it is that exact instant. Wall-clock times that ' +
  'do not exist because the clocks change are refused.';

/** How an appointment looks to an agent: instants in UTC plus the clinic's wall-clock reading. */
const view = (a: Appointment, timezone: string, cabinets?: ReadonlyMap<string, Cabinet>) => ({
  id: a.id,
  patientId: a.patientId,
  professionalId: a.professionalId,
  cabinetId: a.cabinetId ?? null,
  ...(cabinets ? { cabinetName: a.cabinetId ? (cabinets.get(a.cabinetId)?.name ?? null) : null } : {}),
  startTime: a.startTime,
  endTime: a.endTime,
  localStart: localDateTime(a.startTime, timezone),
  localEnd: localDateTime(a.endTime, timezone),
  status: toGraphQL(a.status),
  allowedNextStatuses: appointmentStatus.allowedFrom(a.status),
  treatmentType: a.treatmentType ?? null,
  notes: a.notes ?? null,
  currentStatusSince: a.currentStatusSince,
});
const viewOf = async (svc: AgendaService, a: Appointment) => view(a, await svc.timezone());
const cabinetView = (c: Cabinet) => ({
  id: c.id,
  name: c.name,
  color: c.color,
  displayOrder: c.displayOrder,
  isActive: c.isActive,
});
const historyView = (e: AppointmentStatusEvent) => ({
  fromStatus: e.fromStatus ? toGraphQL(e.fromStatus) : null,
  toStatus: toGraphQL(e.toStatus),
  changedAt: e.changedAt,
  changedBy: e.changedBy ?? null,
  note: e.note ?? null,
});

/** The allowed status changes, rendered from THE transition table (never a copy). */
const transitionsProse = () =>
  appointmentStatus.values
    .map((from) =>
      appointmentStatus.isFinal(from)
        ? `${toGraphQL(from)} is final`
        : `${toGraphQL(from)} → ${appointmentStatus.allowedFrom(from).join(' | ')}`,
    )
    .join('; ');

const appointmentId = z.string().describe('The appointment id (from get_day_overview or book_appointment).');
const note = z.string().max(500).optional().describe('Why, in a few words (optional, up to 500 characters).');
/** CANCELLED goes through cancel_appointment, which is DESTRUCTIVE (approval needed); this tool is WRITE. */
const SETTABLE_STATUSES = appointmentStatus.values.filter((s) => s !== 'cancelled' && s !== 'scheduled').map(toGraphQL);

const getDayOverview = defineTool({
  name: 'get_day_overview',
  description:
    'The appointments of ONE clinic-local calendar day in the current clinic, in start order, optionally only ' +
    'one cabinet (treatment room) or one professional. `date` is YYYY-MM-DD in the clinic time zone, or the ' +
    'words "today" / "tomorrow" (resolved in the clinic time zone, so you need not know the current date). ' +
    'Returns { date, timezone, total, countsByStatus: { SCHEDULED: n, … }, appointments: [{ id, patientId, ' +
    'professionalId, cabinetId, cabinetName, startTime, endTime (UTC ISO), localStart, localEnd (clinic ' +
    'wall-clock YYYY-MM-DDTHH:mm), status, allowedNextStatuses, treatmentType, notes, currentStatusSince }] }. ' +
    'Patient names are not included (use patients.get_patient with the patientId). ' +
    'Errors: BAD_USER_INPUT for a malformed date or id.',
  parameters: z.strictObject({
    date: z.string().describe('YYYY-MM-DD (clinic-local day), or "today" / "tomorrow".'),
    cabinetId: z.string().optional().describe('Only this cabinet (id from list_cabinets).'),
    professionalId: z.string().optional().describe('Only this professional (user id).'),
  }),
  permissions: ['agenda.appointments.read'],
  category: 'READ',
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    const day = await svc.day(params.date, { cabinetId: params.cabinetId, professionalId: params.professionalId });
    const cabinets = new Map(day.byCabinet.map((c) => [c.cabinet.id, c.cabinet]));
    const appointments = day.byStatus
      .flatMap((s) => s.appointments)
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.id.localeCompare(b.id));
    return {
      date: day.date,
      timezone: day.timezone,
      total: appointments.length,
      countsByStatus: Object.fromEntries(day.byStatus.map((s) => [toGraphQL(s.status), s.appointments.length])),
      appointments: appointments.map((a) => view(a, day.timezone, cabinets)),
    };
  },
});

const getAppointment = defineTool({
  name: 'get_appointment',
  description:
    'One appointment of the current clinic by id, with its status history. Returns { id, patientId, ' +
    'professionalId, cabinetId, startTime, endTime (UTC ISO), localStart, localEnd (clinic wall-clock), status, ' +
    'allowedNextStatuses, treatmentType, notes, currentStatusSince, timezone, history: [{ fromStatus, toStatus, ' +
    'changedAt, changedBy, note }] } (history oldest first; the first entry is the booking). ' +
    'Errors: NOT_FOUND (no such appointment in this clinic), BAD_USER_INPUT (malformed id).',
  parameters: z.strictObject({ appointmentId }),
  permissions: ['agenda.appointments.read'],
  category: 'READ',
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    const appointment = await svc.get(params.appointmentId);
    if (!appointment) throw notFound('Appointment', params.appointmentId);
    const [history] = await svc.transitionsOf([appointment.id]);
    const timezone = await svc.timezone();
    return { ...view(appointment, timezone), timezone, history: history.map(historyView) };
  },
});

const listCabinets = defineTool({
  name: 'list_cabinets',
  description:
    'The cabinets (treatment rooms) of the current clinic in display order. Returns [{ id, name, color, ' +
    'displayOrder, isActive }]; only active cabinets can be given to new or moved appointments.',
  parameters: z.strictObject({}),
  permissions: ['agenda.cabinets.read'],
  category: 'READ',
  async handler(ctx) {
    return (await new CabinetService(ctx).list()).map(cabinetView);
  },
});

const bookAppointment = defineTool({
  name: 'book_appointment',
  description:
    'Book a new appointment (status SCHEDULED) in the current clinic. ' +
    TIME_RULE +
    ' The patient must be an active (not archived) patient of the clinic; the professional must be a user with ' +
    'a professional membership in the clinic; the cabinet is optional (it can be assigned later with ' +
    'assign_cabinet, and is required before IN_TREATMENT). Returns the appointment (see get_appointment). ' +
    'Errors: SLOT_CONFLICT (the professional or the cabinet already has a live appointment overlapping that time; ' +
    'the error names it), ' +
    'NOT_FOUND (patient or cabinet), CONFLICT (archived patient), BAD_USER_INPUT (bad times, end not after ' +
    'start, inactive cabinet, not a professional).',
  parameters: z.strictObject({
    patientId: scheduleInput.shape.patientId.describe('The patient id (patients.search_patients finds it).'),
    professionalId: scheduleInput.shape.professionalId.describe('The user id of the treating professional.'),
    cabinetId: scheduleInput.shape.cabinetId.describe('Cabinet id from list_cabinets (optional).'),
    startTime: scheduleInput.shape.startTime.describe('Start, e.g. "2026-03-02T10:30" (clinic wall-clock).'),
    endTime: scheduleInput.shape.endTime.describe('End, after the start, e.g. "2026-03-02T11:00".'),
    treatmentType: scheduleInput.shape.treatmentType.describe('What for, e.g. "Cleaning" (optional).'),
    notes: scheduleInput.shape.notes.describe('Administrative notes (optional).'),
  }),
  permissions: ['agenda.appointments.write'],
  category: 'WRITE',
  graphqlMutations: ['scheduleAppointment'],
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    return viewOf(svc, await svc.schedule(params));
  },
});

const rescheduleAppointment = defineTool({
  name: 'reschedule_appointment',
  description:
    'Move an appointment of the current clinic to a new start and end time, and optionally into another cabinet ' +
    'in the same change (status and professional stay; without cabinetId the cabinet stays too). ' +
    TIME_RULE +
    ' Giving the same times changes nothing. Returns the appointment (see get_appointment). Errors: ' +
    'SLOT_CONFLICT (the professional or the cabinet already has a live appointment overlapping the new time), ' +
    'INVALID_TRANSITION (COMPLETED, CANCELLED and NO_SHOW appointments cannot move), NOT_FOUND, BAD_USER_INPUT.',
  parameters: z.strictObject({
    appointmentId,
    startTime: z.string().describe('New start, e.g. "2026-03-02T10:30" (clinic wall-clock).'),
    endTime: z.string().describe('New end, after the start.'),
    cabinetId: z.string().nullable().optional().describe('Also move into this cabinet (list_cabinets); null: none.'),
  }),
  permissions: ['agenda.appointments.write'],
  category: 'WRITE',
  graphqlMutations: ['rescheduleAppointment'],
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    return viewOf(svc, await svc.reschedule(params.appointmentId, params.startTime, params.endTime, params.cabinetId));
  },
});

const updateAppointmentStatus = defineTool({
  name: 'update_appointment_status',
  description:
    'Move an appointment of the current clinic along its lifecycle (e.g. CONFIRMED when the patient confirmed, ' +
    'CHECKED_IN on arrival, NO_SHOW when they did not come). Allowed changes: ' +
    transitionsProse() +
    '. To cancel use cancel_appointment instead (it needs human approval). IN_TREATMENT needs a cabinet ' +
    '(assign_cabinet). Returns the appointment (see get_appointment). Errors: INVALID_TRANSITION (not allowed ' +
    'from the current status; the message lists the allowed ones), ALREADY_IN_STATE, CABINET_REQUIRED, NOT_FOUND.',
  parameters: z.strictObject({
    appointmentId,
    status: z
      .enum(SETTABLE_STATUSES, {
        error: `must be one of ${SETTABLE_STATUSES.join(', ')} (to cancel, use cancel_appointment)`,
      })
      .describe('The new status.'),
    note,
  }),
  permissions: ['agenda.appointments.write'],
  category: 'WRITE',
  graphqlMutations: ['transitionAppointment'],
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    return viewOf(
      svc,
      await svc.transition(params.appointmentId, appointmentStatus.fromGraphQL(params.status), params.note),
    );
  },
});

const cancelAppointment = defineTool({
  name: 'cancel_appointment',
  description:
    'Cancel an appointment of the current clinic (status CANCELLED, which is final: it cannot be undone, and ' +
    'the slot is freed for others). Always waits for a human to approve. Allowed from ' +
    appointmentStatus.values
      .filter((s) => appointmentStatus.can(s, 'cancelled'))
      .map(toGraphQL)
      .join(', ') +
    '. Returns the appointment. Errors: INVALID_TRANSITION (from a final status), ALREADY_IN_STATE (already ' +
    'CANCELLED), NOT_FOUND.',
  parameters: z.strictObject({ appointmentId, note: note.describe('Why it is cancelled (optional).') }),
  permissions: ['agenda.appointments.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['cancelAppointment'],
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    return viewOf(svc, await svc.cancel(params.appointmentId, params.note));
  },
});

const assignCabinet = defineTool({
  name: 'assign_cabinet',
  description:
    'Put an appointment of the current clinic in a cabinet (treatment room), move it to another one, or with ' +
    'cabinetId null take it out of its cabinet. The same cabinet again changes nothing. Returns the ' +
    'appointment. Errors: SLOT_CONFLICT (that cabinet already has a live appointment overlapping this one), ' +
    'CABINET_REQUIRED (an IN_TREATMENT appointment must keep one), INVALID_TRANSITION (the appointment ' +
    'is COMPLETED, CANCELLED or NO_SHOW), NOT_FOUND, BAD_USER_INPUT (inactive cabinet).',
  parameters: z.strictObject({
    appointmentId,
    cabinetId: z.string().nullable().describe('Cabinet id from list_cabinets, or null to unassign.'),
    note,
  }),
  permissions: ['agenda.appointments.write'],
  category: 'WRITE',
  graphqlMutations: ['assignCabinet'],
  async handler(ctx, params) {
    const svc = new AgendaService(ctx);
    return viewOf(svc, await svc.assignCabinet(params.appointmentId, params.cabinetId, params.note));
  },
});

export const tools: Tool[] = [
  getDayOverview,
  getAppointment,
  listCabinets,
  bookAppointment,
  rescheduleAppointment,
  updateAppointmentStatus,
  cancelAppointment,
  assignCabinet,
] as Tool[];

/** Mutations deliberately left to people (checked by tests/integration/agent-contract.test.ts). */
export const toolExemptions: Readonly<Record<string, string>> = {
  createCabinet:
    'Cabinets are physical rooms of the clinic: adding one is clinic set-up done by an administrator ' +
    '(agenda.cabinets.write), not a decision an agent takes while running the agenda.',
};
