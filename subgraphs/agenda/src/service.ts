import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DomainError,
  LockMode,
  clinicDayRange,
  clinicTimezone,
  notFound,
  parseClinicDateTime,
  parseInput,
  publish,
  type EntityManager,
  type Identity,
  localToday,
  parseClinicInterval,
} from '@dentalpin/core';
import { Appointment, AppointmentCabinetEvent, AppointmentStatusEvent, Cabinet } from './entities/index.ts';
import {
  APPOINTMENT_STATUSES,
  checkTransition,
  fromGraphQL,
  isTerminal,
  toGraphQL,
  type AppointmentStatus,
} from './lifecycle.ts';
import { STATUS_EVENTS } from './events.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (what: string) => z.string().regex(UUID, `is not a valid ${what} id`);
const note = z.string().trim().max(500, 'is longer than 500 characters').nullish();
/** Widest window the day/week views may ask for. */
export const MAX_RANGE_DAYS = 31;
const SLOT_INDEX = 'appointments_slot_unique';

export const cabinetInput = z.object({
  name: z.string().trim().min(1, 'is required').max(50, 'is longer than 50 characters'),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'must be a hex colour like #3B82F6')
    .nullish(),
  displayOrder: z.number().int().min(0).nullish(),
  isActive: z.boolean().nullish(),
});
export const scheduleInput = z.object({
  patientId: id('patient'),
  professionalId: id('professional'),
  cabinetId: id('cabinet').nullish(),
  startTime: z.string(),
  endTime: z.string(),
  treatmentType: z.string().trim().max(100, 'is longer than 100 characters').nullish(),
  notes: z.string().trim().max(5000).nullish(),
});
export const listInput = z.object({
  from: z.string(),
  to: z.string(),
  cabinetId: id('cabinet').nullish(),
  professionalId: id('professional').nullish(),
  patientId: id('patient').nullish(),
  status: z.array(z.string()).nullish(),
});

const dayFilter = z.object({ cabinetId: id('cabinet').nullish(), professionalId: id('professional').nullish() });

const iso = (d: Date) => d.toISOString();

/** Appointments and cabinets of one clinic; every read and write is scoped to the caller's clinic. */
export class AgendaService {
  private readonly clinicId: string;
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {
    this.clinicId = identity.clinicId;
  }

  timezone(): Promise<string> {
    return clinicTimezone(this.em, this.clinicId);
  }

  // ---- cabinets -----------------------------------------------------------------------

  cabinets(): Promise<Cabinet[]> {
    return this.em.find(Cabinet, { clinicId: this.clinicId }, { orderBy: { displayOrder: 'asc', name: 'asc' } });
  }

  async cabinetsByIds(ids: readonly string[]): Promise<(Cabinet | null)[]> {
    const valid = ids.filter((i) => UUID.test(i));
    const rows = valid.length ? await this.em.find(Cabinet, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    const byId = new Map(rows.map((c) => [c.id, c]));
    return ids.map((i) => byId.get(i) ?? null);
  }

  async createCabinet(raw: unknown): Promise<Cabinet> {
    const input = parseInput(cabinetInput, raw);
    return this.em.transactional(async (em) => {
      if (await em.count(Cabinet, { clinicId: this.clinicId, name: input.name }))
        throw new DomainError('CONFLICT', `A cabinet named "${input.name}" already exists in this clinic.`);
      const [{ next }] = await em
        .getConnection()
        .execute(
          `select coalesce(max(display_order), 0) + 1 as next from cabinets where clinic_id = ?`,
          [this.clinicId],
          'all',
          em.getTransactionContext(),
        );
      const cabinet = em.create(Cabinet, {
        clinicId: this.clinicId,
        name: input.name,
        color: input.color ?? '#3B82F6',
        displayOrder: input.displayOrder ?? Number(next),
        isActive: input.isActive ?? true,
      });
      await em.flush();
      return cabinet;
    });
  }

  private async requireCabinet(em: EntityManager, cabinetId: string): Promise<Cabinet> {
    const cabinet = await em.findOne(Cabinet, { id: cabinetId, clinicId: this.clinicId });
    if (!cabinet) throw notFound('Cabinet', cabinetId);
    if (!cabinet.isActive) throw new DomainError('BAD_USER_INPUT', `Cabinet "${cabinet.name}" is not active.`);
    return cabinet;
  }

  // ---- reading appointments -------------------------------------------------------------

  async get(appointmentId: string): Promise<Appointment | null> {
    if (!UUID.test(appointmentId))
      throw new DomainError('BAD_USER_INPUT', `"${appointmentId}" is not a valid appointment id.`);
    return this.em.findOne(Appointment, { id: appointmentId, clinicId: this.clinicId });
  }

  async getMany(ids: readonly string[]): Promise<(Appointment | null)[]> {
    const valid = ids.filter((i) => UUID.test(i));
    const rows = valid.length ? await this.em.find(Appointment, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    const byId = new Map(rows.map((a) => [a.id, a]));
    return ids.map((i) => byId.get(i) ?? null);
  }

  /** Appointments overlapping [from, to) with optional filters; the window is at most MAX_RANGE_DAYS. */
  async list(raw: unknown): Promise<Appointment[]> {
    const input = parseInput(listInput, raw);
    const tz = await this.timezone();
    const { from, to } = parseClinicInterval(input.from, input.to, tz);
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
      throw new DomainError('BAD_USER_INPUT', `The range may span at most ${MAX_RANGE_DAYS} days.`);
    return this.em.find(
      Appointment,
      {
        clinicId: this.clinicId,
        startTime: { $lt: to },
        endTime: { $gt: from },
        ...(input.cabinetId ? { cabinetId: input.cabinetId } : {}),
        ...(input.professionalId ? { professionalId: input.professionalId } : {}),
        ...(input.patientId ? { patientId: input.patientId } : {}),
        ...(input.status?.length ? { status: { $in: input.status.map(fromGraphQL) } } : {}),
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
      this.em.find(
        Appointment,
        {
          clinicId: this.clinicId,
          startTime: { $gte: from, $lt: to },
          ...(cabinetId ? { cabinetId } : {}),
          ...(professionalId ? { professionalId } : {}),
        },
        { orderBy: { startTime: 'asc', id: 'asc' } },
      ),
      this.cabinets(),
    ]);
    return {
      date: day,
      timezone: tz,
      byStatus: APPOINTMENT_STATUSES.map((status) => ({
        status: toGraphQL(status),
        appointments: appointments.filter((a) => a.status === status),
      })),
      byCabinet: cabinets
        .filter((c) => c.isActive || appointments.some((a) => a.cabinetId === c.id))
        .map((cabinet) => ({ cabinet, appointments: appointments.filter((a) => a.cabinetId === cabinet.id) })),
      unassigned: appointments.filter((a) => !a.cabinetId),
    };
  }

  async transitionsOf(appointmentIds: readonly string[]): Promise<AppointmentStatusEvent[][]> {
    const rows = await this.em.find(
      AppointmentStatusEvent,
      { appointmentId: { $in: [...appointmentIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return appointmentIds.map((a) => rows.filter((r) => r.appointmentId === a));
  }

  async cabinetHistoryOf(appointmentIds: readonly string[]): Promise<AppointmentCabinetEvent[][]> {
    const rows = await this.em.find(
      AppointmentCabinetEvent,
      { appointmentId: { $in: [...appointmentIds] }, clinicId: this.clinicId },
      { orderBy: { changedAt: 'asc', id: 'asc' } },
    );
    return appointmentIds.map((a) => rows.filter((r) => r.appointmentId === a));
  }

  // ---- writing appointments -------------------------------------------------------------

  /** Flushes, turning a hit on the slot index into SLOT_CONFLICT. */
  private async flushGuardingSlot(em: EntityManager): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (String((e as Error)?.message).includes(SLOT_INDEX))
        throw new DomainError(
          'SLOT_CONFLICT',
          'That cabinet and professional already have a live appointment starting at this time.',
        );
      throw e;
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

  /** Ids of the clinic's active professionals, by name (the same rule as `requireProfessional`). */
  async professionalIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.em.getConnection().execute(
      `select u.id from clinic_memberships m join users u on u.id = m.user_id
       where m.clinic_id = ? and m.is_professional and u.is_active
       order by u.last_name, u.first_name, u.id`,
      [this.clinicId],
    );
    return rows.map((r) => r.id);
  }

  /** Professionals are users with an `is_professional` membership in the clinic (not a role). */
  private async requireProfessional(em: EntityManager, userId: string): Promise<void> {
    const [row] = await em.getConnection().execute(
      `select 1 from clinic_memberships m join users u on u.id = m.user_id
       where m.user_id = ? and m.clinic_id = ? and m.is_professional and u.is_active`,
      [userId, this.clinicId],
      'all',
      em.getTransactionContext(),
    );
    if (!row) throw new DomainError('BAD_USER_INPUT', `User ${userId} is not an active professional of this clinic.`);
  }

  private async requireAppointment(em: EntityManager, appointmentId: string): Promise<Appointment> {
    if (!UUID.test(appointmentId))
      throw new DomainError('BAD_USER_INPUT', `"${appointmentId}" is not a valid appointment id.`);
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

  async schedule(raw: unknown): Promise<Appointment> {
    const input = parseInput(scheduleInput, raw);
    return this.em.transactional(async (em) => {
      const tz = await clinicTimezone(em, this.clinicId);
      const startTime = parseClinicDateTime(input.startTime, tz, 'startTime');
      const endTime = parseClinicDateTime(input.endTime, tz, 'endTime');
      if (endTime <= startTime) throw new DomainError('BAD_USER_INPUT', 'endTime must be after startTime.');
      await this.requirePatient(em, input.patientId);
      await this.requireProfessional(em, input.professionalId);
      const cabinet = input.cabinetId ? await this.requireCabinet(em, input.cabinetId) : null;
      const now = new Date();
      const appointment = em.create(Appointment, {
        id: randomUUID(),
        clinicId: this.clinicId,
        patientId: input.patientId,
        professionalId: input.professionalId,
        cabinetId: cabinet?.id ?? null,
        cabinetAssignedAt: cabinet ? now : null,
        cabinetAssignedBy: cabinet ? this.identity.userId : null,
        startTime,
        endTime,
        treatmentType: input.treatmentType || null,
        notes: input.notes || null,
        status: 'scheduled',
        currentStatusSince: now,
      });
      // The appointment row first (history rows reference it; the slot index may refuse it).
      await this.flushGuardingSlot(em);
      em.create(AppointmentStatusEvent, {
        clinicId: this.clinicId,
        appointmentId: appointment.id,
        fromStatus: null,
        toStatus: 'scheduled',
        changedAt: now,
        changedBy: this.identity.userId,
        note: null,
      });
      if (cabinet)
        em.create(AppointmentCabinetEvent, {
          clinicId: this.clinicId,
          appointmentId: appointment.id,
          fromCabinetId: null,
          toCabinetId: cabinet.id,
          changedAt: now,
          changedBy: this.identity.userId,
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

  /** The one way an appointment changes status (cancel included): checked against TRANSITIONS. */
  async transition(appointmentId: string, toRaw: string, noteRaw?: string | null): Promise<Appointment> {
    const to = fromGraphQL(toRaw);
    const noteText = parseInput(note, noteRaw) ?? null;
    return this.em.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      const from = appointment.status as AppointmentStatus;
      checkTransition(from, to, !!appointment.cabinetId);
      const now = new Date();
      appointment.status = to;
      appointment.currentStatusSince = now;
      em.create(AppointmentStatusEvent, {
        clinicId: this.clinicId,
        appointmentId: appointment.id,
        fromStatus: from,
        toStatus: to,
        changedAt: now,
        changedBy: this.identity.userId,
        note: noteText,
      });
      await this.flushGuardingSlot(em);
      const cabinet = appointment.cabinetId ? await em.findOne(Cabinet, { id: appointment.cabinetId }) : null;
      const payload = {
        ...this.base(appointment),
        treatment_type: appointment.treatmentType ?? null,
        cabinet: cabinet?.name ?? null,
        cabinet_id: appointment.cabinetId ?? null,
        from_status: toGraphQL(from),
        to_status: toGraphQL(to),
        changed_at: iso(now),
        changed_by: this.identity.userId,
        note: noteText,
      };
      await publish(em, 'appointment.status_changed', payload);
      await publish(em, STATUS_EVENTS[to as keyof typeof STATUS_EVENTS], payload);
      return appointment;
    });
  }

  cancel(appointmentId: string, noteRaw?: string | null): Promise<Appointment> {
    return this.transition(appointmentId, 'CANCELLED', noteRaw);
  }

  /** Assigns (or with null unassigns) the cabinet; the same cabinet again changes nothing. */
  async assignCabinet(appointmentId: string, cabinetId: string | null, noteRaw?: string | null): Promise<Appointment> {
    const noteText = parseInput(note, noteRaw) ?? null;
    if (cabinetId !== null && !UUID.test(cabinetId))
      throw new DomainError('BAD_USER_INPUT', `"${cabinetId}" is not a valid cabinet id.`);
    return this.em.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      if ((appointment.cabinetId ?? null) === cabinetId) return appointment;
      if (isTerminal(appointment.status as AppointmentStatus))
        throw new DomainError(
          'INVALID_TRANSITION',
          `The appointment is ${toGraphQL(appointment.status as AppointmentStatus)}; its cabinet can no longer change.`,
        );
      if (cabinetId === null && appointment.status === 'in_treatment')
        throw new DomainError('CABINET_REQUIRED', 'An appointment IN_TREATMENT must keep a cabinet.');
      const cabinet = cabinetId ? await this.requireCabinet(em, cabinetId) : null;
      const now = new Date();
      const fromCabinetId = appointment.cabinetId ?? null;
      appointment.cabinetId = cabinet?.id ?? null;
      appointment.cabinetAssignedAt = cabinet ? now : null;
      appointment.cabinetAssignedBy = cabinet ? this.identity.userId : null;
      em.create(AppointmentCabinetEvent, {
        clinicId: this.clinicId,
        appointmentId: appointment.id,
        fromCabinetId,
        toCabinetId: cabinet?.id ?? null,
        changedAt: now,
        changedBy: this.identity.userId,
        note: noteText,
      });
      await this.flushGuardingSlot(em);
      await publish(em, 'appointment.cabinet_changed', {
        ...this.base(appointment),
        from_cabinet_id: fromCabinetId,
        to_cabinet_id: cabinet?.id ?? null,
        changed_at: iso(now),
        changed_by: this.identity.userId,
        note: noteText,
      });
      return appointment;
    });
  }

  async reschedule(appointmentId: string, startRaw: string, endRaw: string): Promise<Appointment> {
    return this.em.transactional(async (em) => {
      const appointment = await this.requireAppointment(em, appointmentId);
      const status = appointment.status as AppointmentStatus;
      if (isTerminal(status))
        throw new DomainError('INVALID_TRANSITION', `A ${toGraphQL(status)} appointment cannot be rescheduled.`);
      const tz = await clinicTimezone(em, this.clinicId);
      const startTime = parseClinicDateTime(startRaw, tz, 'startTime');
      const endTime = parseClinicDateTime(endRaw, tz, 'endTime');
      if (endTime <= startTime) throw new DomainError('BAD_USER_INPUT', 'endTime must be after startTime.');
      const changes = [
        ...(appointment.startTime.getTime() !== startTime.getTime() ? ['startTime'] : []),
        ...(appointment.endTime.getTime() !== endTime.getTime() ? ['endTime'] : []),
      ];
      if (!changes.length) return appointment;
      appointment.startTime = startTime;
      appointment.endTime = endTime;
      await this.flushGuardingSlot(em);
      await publish(em, 'appointment.updated', { ...this.base(appointment), changes });
      return appointment;
    });
  }
}
