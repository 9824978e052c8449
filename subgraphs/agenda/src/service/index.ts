import {
  activeProfessionalIds,
  badInput,
  DomainError,
  LockMode,
  clinicDayRange,
  clinicTimezone,
  groupedBy,
  inOrder,
  isUuid,
  localDateTime,
  localToday,
  notFound,
  parseClinicDateTime,
  parseClinicInterval,
  parseInput,
  pgErrorCode,
  retryingDeadlocks,
  publish,
  readRows,
  requireProfessional,
  uuidArg,
  withEm,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import {
  Appointment,
  AppointmentCabinetEvent,
  MAX_APPOINTMENT_HOURS,
  AppointmentStatusEvent,
  Cabinet,
} from '../entities.ts';
import { dayFilter, listInput, note, scheduleInput } from '../inputs.ts';
import { appointmentStatus, type AppointmentStatus } from '../status.ts';
import { STATUS_EVENTS } from '../events.ts';
import { CabinetService } from './cabinets.ts';
import { AgendaBookingHoursDocument } from '../generated/operations.ts';

export { CabinetService, DEFAULT_CABINET, ensureDefaultCabinet } from './cabinets.ts';

/** Widest window the day/week views may ask for. */
export const MAX_RANGE_DAYS = 31;
const MAX_APPOINTMENT_MS = MAX_APPOINTMENT_HOURS * 3_600_000;
/** The start bounds of the appointments overlapping [from, to). */
const overlapping = (from: Date, to: Date) => ({
  startTime: { $gte: new Date(from.getTime() - MAX_APPOINTMENT_MS), $lt: to },
  endTime: { $gt: from },
});
/** The exclusion constraints (migration 20261202000001) keeping live appointments from overlapping. */
const NO_OVERLAP = {
  appointments_professional_no_overlap: 'professional',
  appointments_cabinet_no_overlap: 'cabinet',
} as const;
type OverlapSubject = (typeof NO_OVERLAP)[keyof typeof NO_OVERLAP];

/** Raised inside a write's transaction; reported as SLOT_CONFLICT once the transaction has rolled back. */
class SlotTaken extends Error {
  constructor(
    readonly subject: OverlapSubject,
    readonly appointment: Pick<Appointment, 'id' | 'professionalId' | 'cabinetId' | 'startTime' | 'endTime'>,
  ) {
    super(`appointment overlaps another live appointment of the same ${subject}`);
  }
}

function requireValidSpan(startTime: Date, endTime: Date): void {
  if (endTime <= startTime)
    throw badInput('endTime must be after startTime.', {
      fields: [{ field: 'endTime', message: 'must be after startTime' }],
    });
  if (endTime.getTime() - startTime.getTime() > MAX_APPOINTMENT_MS)
    throw badInput(`An appointment may last at most ${MAX_APPOINTMENT_HOURS} hours.`, {
      fields: [{ field: 'endTime', message: `must be at most ${MAX_APPOINTMENT_HOURS} hours after startTime` }],
    });
}

/** "2026-03-03 13:00–13:30" in the clinic's zone (the end date too when it falls on another day). */
function clinicSpan(start: Date, end: Date, tz: string): string {
  const [from, to] = [localDateTime(start, tz), localDateTime(end, tz)];
  return `${from.replace('T', ' ')}–${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to.replace('T', ' ')}`;
}

const iso = (d: Date) => d.toISOString();

/**
 * The extensions of a SLOT_CONFLICT: `reason` SLOT_TAKEN, whose time is taken (`subject` PROFESSIONAL or
 * CABINET) and, when known, the appointment in the way (`conflictWith`) and its span as instants
 * (`conflictStart`, `conflictEnd`): clients word it in the person's language and the clinic's zone.
 */
function slotTaken(subject: OverlapSubject, conflict?: Pick<Appointment, 'id' | 'startTime' | 'endTime'>) {
  return {
    reason: 'SLOT_TAKEN',
    subject: subject === 'professional' ? 'PROFESSIONAL' : 'CABINET',
    ...(conflict
      ? { conflictWith: conflict.id, conflictStart: iso(conflict.startTime), conflictEnd: iso(conflict.endTime) }
      : {}),
  };
}
/** An event of a change, published (into the outbox, same transaction) once the change is flushed. */
type PendingEvent = () => Promise<unknown>;

/** Appointments of one clinic; every read and write is scoped to the caller's clinic. */
export class AgendaService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  private get userId(): string {
    return this.ctx.identity.userId;
  }

  timezone(): Promise<string> {
    return clinicTimezone(this.ctx.em, this.clinicId);
  }

  // ---- reading appointments -------------------------------------------------------------

  async get(appointmentId: string): Promise<Appointment | null> {
    uuidArg('id', appointmentId, 'appointment id');
    return this.ctx.em.findOne(Appointment, { id: appointmentId, clinicId: this.clinicId });
  }

  async getMany(ids: readonly string[]): Promise<(Appointment | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await readRows(this.ctx.em, Appointment, { id: { $in: valid }, clinicId: this.clinicId })
      : [];
    return inOrder(ids, rows, (a) => a.id);
  }

  /** Appointments overlapping [from, to) with optional filters; the window is at most MAX_RANGE_DAYS. */
  async list(raw: unknown): Promise<Appointment[]> {
    const input = parseInput(listInput, raw);
    const tz = await this.timezone();
    const { from, to } = parseClinicInterval(input.from, input.to, tz);
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      throw new DomainError('BAD_USER_INPUT', `The range may span at most ${MAX_RANGE_DAYS} days.`);
    return readRows(
      this.ctx.em,
      Appointment,
      {
        clinicId: this.clinicId,
        ...overlapping(from, to),
        ...(input.cabinetId ? { cabinetId: input.cabinetId } : {}),
        ...(input.professionalId ? { professionalId: input.professionalId } : {}),
        ...(input.patientId ? { patientId: input.patientId } : {}),
        ...(input.status?.length ? { status: { $in: input.status } } : {}),
      },
      { orderBy: { startTime: 'asc', id: 'asc' } },
    );
  }

  /**
   * A kanban-style day (clinic-local): the day's appointments by status and by cabinet, optionally only
   * one cabinet's or one professional's. `date` is YYYY-MM-DD, or `today` / `tomorrow` in the clinic's
   * zone (callers such as agents rarely know the clinic's current date).
   */
  async day(date: string, filter: { cabinetId?: string | null; professionalId?: string | null } = {}) {
    const tz = await this.timezone();
    const day = date === 'today' || date === 'tomorrow' ? localToday(tz, date === 'tomorrow' ? 1 : 0) : date;
    const { from, to } = clinicDayRange(day, tz);
    const { cabinetId, professionalId } = parseInput(dayFilter, filter);
    const [appointments, cabinets] = await Promise.all([
      readRows(
        this.ctx.em,
        Appointment,
        {
          clinicId: this.clinicId,
          startTime: { $gte: from, $lt: to },
          ...(cabinetId ? { cabinetId } : {}),
          ...(professionalId ? { professionalId } : {}),
        },
        { orderBy: { startTime: 'asc', id: 'asc' } },
      ),
      new CabinetService(this.ctx).list(),
    ]);
    return {
      date: day,
      timezone: tz,
      byStatus: appointmentStatus.values.map((status) => ({
        status,
        appointments: appointments.filter((a) => a.status === status),
      })),
      byCabinet: cabinets
        .filter((c) => c.isActive || appointments.some((a) => a.cabinetId === c.id))
        .map((cabinet) => ({ cabinet, appointments: appointments.filter((a) => a.cabinetId === cabinet.id) })),
      unassigned: appointments.filter((a) => !a.cabinetId),
    };
  }

  async transitionsOf(appointmentIds: readonly string[]): Promise<AppointmentStatusEvent[][]> {
    const rows = await readRows(
      this.ctx.em,
      AppointmentStatusEvent,
      { appointmentId: { $in: [...appointmentIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return groupedBy(appointmentIds, rows, (r) => r.appointmentId);
  }

  async cabinetHistoryOf(appointmentIds: readonly string[]): Promise<AppointmentCabinetEvent[][]> {
    const rows = await readRows(
      this.ctx.em,
      AppointmentCabinetEvent,
      { appointmentId: { $in: [...appointmentIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return groupedBy(appointmentIds, rows, (r) => r.appointmentId);
  }

  /** Ids of the clinic's active professionals, by name (the same rule as `requireProfessional`). */
  professionalIds(): Promise<string[]> {
    return activeProfessionalIds(this.ctx.em, this.clinicId);
  }

  // ---- writing appointments -------------------------------------------------------------

  /**
   * Flushes `appointment`'s change; an overlap with another live appointment becomes SlotTaken. Writes that
   * could overlap (same professional, or same cabinet) take turns first: concurrent inserts checked by the
   * exclusion constraints otherwise wait on each other, and a burst of three bookings of one slot could deadlock
   * again on every retry. Keys are locked one at a time in one order, so the locks never deadlock themselves.
   */
  private async flushGuardingSlot(em: EntityManager, appointment: Appointment): Promise<void> {
    const keys = [
      `professional:${appointment.professionalId}`,
      ...(appointment.cabinetId ? [`cabinet:${appointment.cabinetId}`] : []),
    ]
      .map((key) => `dentalpin.agenda.slot:${this.clinicId}:${key}`)
      .sort();
    for (const key of keys)
      await em
        .getConnection()
        .execute('select pg_advisory_xact_lock(hashtext(?))', [key], 'all', em.getTransactionContext());
    try {
      await em.flush();
    } catch (e) {
      const constraint = (e as { constraint?: unknown }).constraint;
      if (pgErrorCode(e) === '23P01' && typeof constraint === 'string' && constraint in NO_OVERLAP)
        throw new SlotTaken(NO_OVERLAP[constraint as keyof typeof NO_OVERLAP], {
          id: appointment.id,
          professionalId: appointment.professionalId,
          cabinetId: appointment.cabinetId,
          startTime: appointment.startTime,
          endTime: appointment.endTime,
        });
      throw e;
    }
  }

  /**
   * Runs a write in a transaction; SlotTaken becomes SLOT_CONFLICT naming the appointment in the way, looked up
   * after the rollback (the constraint made any concurrent winner wait for commit, so it is visible now).
   * Two bookings checked by both constraints at once can deadlock: the victim runs again and meets the winner.
   */
  private async transactional<T>(write: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await retryingDeadlocks(() => this.ctx.em.transactional(write));
    } catch (e) {
      if (!(e instanceof SlotTaken)) {
        // An overlap raised by a flush other than flushGuardingSlot's (MikroORM flushes before a query too).
        const constraint = (e as { constraint?: unknown }).constraint;
        if (pgErrorCode(e) === '23P01' && typeof constraint === 'string' && constraint in NO_OVERLAP) {
          const subject = NO_OVERLAP[constraint as keyof typeof NO_OVERLAP];
          throw new DomainError(
            'SLOT_CONFLICT',
            `${subject === 'professional' ? 'The professional' : 'The cabinet'} already has an appointment at this time; choose another time.`,
            slotTaken(subject),
          );
        }
        throw e;
      }
      const { subject, appointment: a } = e;
      const conflict = await this.ctx.em.findOne(
        Appointment,
        {
          clinicId: this.clinicId,
          id: { $ne: a.id },
          status: { $nin: ['cancelled', 'no_show'] },
          ...overlapping(a.startTime, a.endTime),
          ...(subject === 'professional' ? { professionalId: a.professionalId } : { cabinetId: a.cabinetId }),
        },
        { orderBy: { startTime: 'asc', id: 'asc' }, disableIdentityMap: true },
      );
      const who = subject === 'professional' ? 'The professional' : 'The cabinet';
      if (!conflict)
        throw new DomainError(
          'SLOT_CONFLICT',
          `${who} was booked at this time meanwhile; reload and choose another.`,
          slotTaken(subject),
        );
      const span = clinicSpan(conflict.startTime, conflict.endTime, await this.timezone());
      throw new DomainError(
        'SLOT_CONFLICT',
        `${who} already has an appointment ${span} that overlaps this time; choose another time or ${subject}.`,
        slotTaken(subject, conflict),
      );
    }
  }

  private async requirePatient(em: EntityManager, patientId: string): Promise<void> {
    const [row] = await em
      .getConnection()
      .execute(
        `select status from patients where id = ? and clinic_id = ?`,
        [patientId, this.clinicId],
        'all',
        em.getTransactionContext(),
      );
    if (!row) throw notFound('Patient', patientId);
    if (row.status !== 'active')
      throw new DomainError('CONFLICT', 'This patient is archived; appointments cannot be booked.');
  }

  private async requireAppointment(em: EntityManager, appointmentId: string): Promise<Appointment> {
    uuidArg('id', appointmentId, 'appointment id');
    // Row lock: concurrent changes of one appointment apply one after the other, each seeing the last.
    const appointment = await em.findOne(
      Appointment,
      { id: appointmentId, clinicId: this.clinicId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!appointment) throw notFound('Appointment', appointmentId);
    return appointment;
  }

  private base(a: Appointment) {
    return {
      clinic_id: this.clinicId,
      appointment_id: a.id,
      patient_id: a.patientId,
      professional_id: a.professionalId,
      start_time: iso(a.startTime),
      end_time: iso(a.endTime),
    };
  }

  /**
   * When the clinic refuses bookings outside hours (a schedules setting), a booking of the professional over
   * [start, end) outside their availability is refused: CONFLICT, nothing written. Schedules owns the rule
   * (`bookingHoursCheck`); without schedules active the agenda books at any time.
   */
  private async requireWithinHours(professionalId: string, start: Date, end: Date): Promise<void> {
    let check;
    try {
      ({ bookingHoursCheck: check } = await this.ctx.query(AgendaBookingHoursDocument, {
        professionalId,
        start: start.toISOString(),
        end: end.toISOString(),
      }));
    } catch (e) {
      // Schedules not active: the supergraph has no `bookingHoursCheck` (the gateway answers BAD_USER_INPUT
      // naming it), and there are no hours to keep to.
      if (
        e instanceof DomainError &&
        e.code === 'BAD_USER_INPUT' &&
        /Cannot query field "bookingHoursCheck"/.test(e.message)
      )
        return;
      throw e;
    }
    if (!check.refuse) return;
    const tz = await this.timezone();
    const first = check.outside[0]!;
    const from = localDateTime(new Date(first.start as string), tz).replace('T', ' ');
    const to = localDateTime(new Date(first.end as string), tz).replace('T', ' ');
    const why = first.state === 'CLINIC_CLOSED' ? 'the clinic is closed' : 'the professional is not working';
    throw new DomainError(
      'CONFLICT',
      `This clinic does not book outside working hours, and ${why} from ${from} to ${to}${first.reason ? ` (${first.reason})` : ''}; pick a time within the professional's hours.`,
      { reason: 'OUTSIDE_HOURS', outside: check.outside.map((r) => ({ start: r.start, end: r.end, state: r.state })) },
    );
  }

  async schedule(raw: unknown): Promise<Appointment> {
    const input = parseInput(scheduleInput, raw);
    const tz = await this.timezone();
    const startTime = parseClinicDateTime(input.startTime, tz, 'startTime');
    const endTime = parseClinicDateTime(input.endTime, tz, 'endTime');
    requireValidSpan(startTime, endTime);
    await this.requireWithinHours(input.professionalId, startTime, endTime);
    return this.transactional(async (em) => {
      await this.requirePatient(em, input.patientId);
      await requireProfessional(em, this.clinicId, input.professionalId);
      const cabinet = input.cabinetId
        ? await new CabinetService(withEm(this.ctx, em)).requireActive(input.cabinetId)
        : null;
      const now = new Date();
      const appointment = em.create(Appointment, {
        clinicId: this.clinicId,
        patientId: input.patientId,
        professionalId: input.professionalId,
        cabinetId: cabinet?.id ?? null,
        cabinetAssignedAt: cabinet ? now : null,
        cabinetAssignedBy: cabinet ? this.userId : null,
        startTime,
        endTime,
        treatmentType: input.treatmentType || null,
        notes: input.notes || null,
        status: 'scheduled',
        currentStatusSince: now,
      });
      // The appointment row first (history rows reference it; the no-overlap constraints may refuse it).
      await this.flushGuardingSlot(em, appointment);
      em.create(AppointmentStatusEvent, {
        clinicId: this.clinicId,
        appointmentId: appointment.id,
        fromStatus: null,
        toStatus: 'scheduled',
        changedAt: now,
        changedBy: this.userId,
        note: null,
      });
      if (cabinet)
        em.create(AppointmentCabinetEvent, {
          clinicId: this.clinicId,
          appointmentId: appointment.id,
          fromCabinetId: null,
          toCabinetId: cabinet.id,
          changedAt: now,
          changedBy: this.userId,
          note: null,
        });
      await em.flush();
      await publish(em, 'appointment.scheduled', {
        ...this.base(appointment),
        treatment_type: appointment.treatmentType ?? null,
        cabinet: cabinet?.name ?? null,
        cabinet_id: cabinet?.id ?? null,
      });
      return appointment;
    });
  }

  /** The one way an appointment changes status (cancel included): checked against `appointmentStatus`. */
  async transition(appointmentId: string, to: AppointmentStatus, noteRaw?: string | null): Promise<Appointment> {
    const noteText = parseInput(note, noteRaw) ?? null;
    return this.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      const from = appointment.status;
      appointmentStatus.assertTransition(from, to);
      if (to === 'in_treatment' && !appointment.cabinetId)
        throw new DomainError('CABINET_REQUIRED', 'Assign a cabinet before moving the appointment to IN_TREATMENT.');
      const now = new Date();
      appointment.status = to;
      appointment.currentStatusSince = now;
      em.create(AppointmentStatusEvent, {
        clinicId: this.clinicId,
        appointmentId: appointment.id,
        fromStatus: from,
        toStatus: to,
        changedAt: now,
        changedBy: this.userId,
        note: noteText,
      });
      await this.flushGuardingSlot(em, appointment);
      const cabinet = appointment.cabinetId ? await em.findOne(Cabinet, { id: appointment.cabinetId }) : null;
      const payload = {
        ...this.base(appointment),
        treatment_type: appointment.treatmentType ?? null,
        cabinet: cabinet?.name ?? null,
        cabinet_id: appointment.cabinetId ?? null,
        from_status: appointmentStatus.toGraphQL(from),
        to_status: appointmentStatus.toGraphQL(to),
        changed_at: iso(now),
        changed_by: this.userId,
        note: noteText,
      };
      await publish(em, 'appointment.status_changed', payload);
      await publish(em, STATUS_EVENTS[to as keyof typeof STATUS_EVENTS], payload);
      return appointment;
    });
  }

  cancel(appointmentId: string, noteRaw?: string | null): Promise<Appointment> {
    return this.transition(appointmentId, 'cancelled', noteRaw);
  }

  /** Assigns (or with null unassigns) the cabinet; the same cabinet again changes nothing. */
  async assignCabinet(appointmentId: string, cabinetId: string | null, noteRaw?: string | null): Promise<Appointment> {
    const noteText = parseInput(note, noteRaw) ?? null;
    if (cabinetId !== null) uuidArg('cabinetId', cabinetId, 'cabinet id');
    return this.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      return this.commitChanges(em, appointment, [await this.setCabinet(em, appointment, cabinetId, noteText)]);
    });
  }

  /**
   * Moves the appointment to [start, end) and, when `cabinetId` is given (null: none), into that cabinet, in one
   * write: either both land or, on a conflict of either, nothing does (a calendar drag across cabinets).
   */
  async reschedule(
    appointmentId: string,
    startRaw: string,
    endRaw: string,
    cabinetId?: string | null,
  ): Promise<Appointment> {
    if (cabinetId) uuidArg('cabinetId', cabinetId, 'cabinet id');
    const current = await this.get(appointmentId);
    if (current) {
      const tz = await this.timezone();
      const startTime = parseClinicDateTime(startRaw, tz, 'startTime');
      const endTime = parseClinicDateTime(endRaw, tz, 'endTime');
      requireValidSpan(startTime, endTime);
      const moved =
        current.startTime.getTime() !== startTime.getTime() || current.endTime.getTime() !== endTime.getTime();
      if (moved && !appointmentStatus.isFinal(current.status))
        await this.requireWithinHours(current.professionalId, startTime, endTime);
    }
    return this.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      if (appointmentStatus.isFinal(appointment.status))
        throw new DomainError(
          'INVALID_TRANSITION',
          `A ${appointmentStatus.toGraphQL(appointment.status)} appointment cannot be rescheduled.`,
        );
      const tz = await clinicTimezone(em, this.clinicId);
      const startTime = parseClinicDateTime(startRaw, tz, 'startTime');
      const endTime = parseClinicDateTime(endRaw, tz, 'endTime');
      requireValidSpan(startTime, endTime);
      const changes = [
        ...(appointment.startTime.getTime() !== startTime.getTime() ? ['startTime'] : []),
        ...(appointment.endTime.getTime() !== endTime.getTime() ? ['endTime'] : []),
      ];
      appointment.startTime = startTime;
      appointment.endTime = endTime;
      const rescheduled: PendingEvent | null = changes.length
        ? () => publish(em, 'appointment.updated', { ...this.base(appointment), changes })
        : null;
      const cabinetChange = cabinetId === undefined ? null : await this.setCabinet(em, appointment, cabinetId, null);
      return this.commitChanges(em, appointment, [rescheduled, cabinetChange]);
    });
  }

  /**
   * Sets the cabinet of a locked appointment and records the change; the event to publish once the change is
   * flushed, or null when it is already there.
   */
  private async setCabinet(
    em: EntityManager,
    appointment: Appointment,
    cabinetId: string | null,
    noteText: string | null,
  ): Promise<PendingEvent | null> {
    if ((appointment.cabinetId ?? null) === cabinetId) return null;
    if (appointmentStatus.isFinal(appointment.status))
      throw new DomainError(
        'INVALID_TRANSITION',
        `The appointment is ${appointmentStatus.toGraphQL(appointment.status)}; its cabinet can no longer change.`,
      );
    if (cabinetId === null && appointment.status === 'in_treatment')
      throw new DomainError('CABINET_REQUIRED', 'An appointment IN_TREATMENT must keep a cabinet.');
    const cabinet = cabinetId ? await new CabinetService(withEm(this.ctx, em)).requireActive(cabinetId) : null;
    const now = new Date();
    const fromCabinetId = appointment.cabinetId ?? null;
    appointment.cabinetId = cabinet?.id ?? null;
    appointment.cabinetAssignedAt = cabinet ? now : null;
    appointment.cabinetAssignedBy = cabinet ? this.userId : null;
    em.create(AppointmentCabinetEvent, {
      clinicId: this.clinicId,
      appointmentId: appointment.id,
      fromCabinetId,
      toCabinetId: cabinet?.id ?? null,
      changedAt: now,
      changedBy: this.userId,
      note: noteText,
    });
    return () =>
      publish(em, 'appointment.cabinet_changed', {
        ...this.base(appointment),
        from_cabinet_id: fromCabinetId,
        to_cabinet_id: cabinet?.id ?? null,
        changed_at: iso(now),
        changed_by: this.userId,
        note: noteText,
      });
  }

  /** One flush for every change made to `appointment` (an overlap refuses them all), then their events. */
  private async commitChanges(
    em: EntityManager,
    appointment: Appointment,
    events: (PendingEvent | null)[],
  ): Promise<Appointment> {
    const pending = events.filter((e): e is PendingEvent => e !== null);
    if (!pending.length) return appointment;
    await this.flushGuardingSlot(em, appointment);
    for (const publishEvent of pending) await publishEvent();
    return appointment;
  }
}
