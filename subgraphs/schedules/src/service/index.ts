import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  activeProfessionalIds,
  badInput,
  clinicTimezone,
  forbidden,
  hasPermission,
  notFound,
  parseClinicDateTime,
  parseClinicInterval,
  parseInput,
  publish,
  requireProfessional,
  uuidArg,
  type ServiceContext,
} from '@dentalpin/core';
import { z } from 'zod';
import { ScheduleOverride, ScheduleSettings } from '../entities.ts';
import { overrideKind, overrideScope } from '../status.ts';
import {
  MAX_RANGE_DAYS,
  addOverrideInput,
  bookingHoursInput,
  findFreeSlotsInput,
  scheduleSettingsInput,
  listOverridesInput,
  weeklyShiftsInput,
} from '../inputs.ts';
import { SchedulesAppointmentsDocument, SchedulesCabinetsDocument } from '../generated/operations.ts';
import { computeAvailability, openMinutes, type AvailabilityRange, type Hours } from './availability.ts';
import { loadWeeklyHours, replaceWeeklyShifts, weeklyView, type WeeklyShiftView } from './hours.ts';
import { freeSlots, type TimeSlotView } from './slots.ts';

export { ensureDefaultHours } from './hours.ts';

const DAY_MS = 86_400_000;
/** The agenda answers at most 31 days per read. */
const AGENDA_WINDOW_DAYS = 31;
/** Appointments that take the time: every status but CANCELLED (a NO_SHOW still held the chair). */
const BOOKED = ['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_TREATMENT', 'COMPLETED', 'NO_SHOW'] as const;
/**
 * Appointments that hold their time against a new booking: the agenda's own rule (it refuses an overlap with
 * any but a CANCELLED or NO_SHOW one), so a COMPLETED visit later today is not offered as free.
 */
const BLOCKING = ['SCHEDULED', 'CONFIRMED', 'CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'] as const;

type ProfessionalAction = 'read' | 'write';
type AgendaStatus = (typeof BOOKED)[number];

const rate = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : 0);

/** Clinic and professional working hours, their overrides, availability, free slots and analytics. */
export class SchedulesService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  timezone(): Promise<string> {
    return clinicTimezone(this.ctx.em, this.clinicId);
  }

  /** Anyone's hours with `professional.<action>`; only their own with `professional.own.<action>`. */
  private assertMayHandle(userId: string, action: ProfessionalAction): void {
    const { grants, userId: self } = this.ctx.identity;
    if (hasPermission(grants, `schedules.professional.${action}`)) return;
    if (userId === self && hasPermission(grants, `schedules.professional.own.${action}`)) return;
    throw forbidden(`schedules.professional.${action}`);
  }

  // ---- weekly hours ------------------------------------------------------------------------

  async clinicHours(): Promise<WeeklyShiftView[]> {
    return weeklyView((await loadWeeklyHours(this.ctx.em, this.clinicId)).clinic);
  }

  async setClinicHours(raw: unknown): Promise<WeeklyShiftView[]> {
    const shifts = parseInput(z.object({ shifts: weeklyShiftsInput }), { shifts: raw }).shifts;
    await this.ctx.em.transactional(async (em) => {
      await replaceWeeklyShifts(em, this.clinicId, null, shifts.map(minutes));
      await publish(em, 'schedules.clinic_hours_changed', { clinic_id: this.clinicId, shift_count: shifts.length });
    });
    return this.clinicHours();
  }

  /** The professional's weekly hours; a professional without their own works the clinic's. */
  async professionalHours(userId: string): Promise<WeeklyShiftView[]> {
    uuidArg('userId', userId, 'user id');
    this.assertMayHandle(userId, 'read');
    const hours = await loadWeeklyHours(this.ctx.em, this.clinicId, [userId]);
    return weeklyView(hours.professionals.get(userId) ?? hours.clinic);
  }

  async setProfessionalHours(userId: string, raw: unknown): Promise<WeeklyShiftView[]> {
    uuidArg('userId', userId, 'user id');
    this.assertMayHandle(userId, 'write');
    const shifts = parseInput(z.object({ shifts: weeklyShiftsInput }), { shifts: raw }).shifts;
    await this.ctx.em.transactional(async (em) => {
      await requireProfessional(em, this.clinicId, userId);
      await replaceWeeklyShifts(em, this.clinicId, userId, shifts.map(minutes));
      await publish(em, 'schedules.professional_hours_changed', {
        clinic_id: this.clinicId,
        user_id: userId,
        shift_count: shifts.length,
      });
    });
    return this.professionalHours(userId);
  }

  // ---- overrides ---------------------------------------------------------------------------

  /** Live overrides, clinic-wide or of one professional, optionally only those touching [from, to] (dates). */
  async overrides(raw: unknown = {}): Promise<ScheduleOverride[]> {
    const input = parseInput(listOverridesInput, raw);
    if (input.userId) this.assertMayHandle(input.userId, 'read');
    return this.ctx.em.find(
      ScheduleOverride,
      {
        clinicId: this.clinicId,
        removedAt: null,
        ...(input.userId ? { scope: 'professional', userId: input.userId } : { scope: 'clinic' }),
        ...(input.to ? { startDate: { $lte: input.to } } : {}),
        ...(input.from ? { endDate: { $gte: input.from } } : {}),
      },
      { orderBy: { startDate: 'asc', createdAt: 'asc' } },
    );
  }

  async addOverride(raw: unknown): Promise<ScheduleOverride> {
    const input = parseInput(addOverrideInput, raw);
    if (input.scope === 'clinic' && !hasPermission(this.ctx.identity.grants, 'schedules.clinic_hours.write'))
      throw forbidden('schedules.clinic_hours.write');
    if (input.userId) this.assertMayHandle(input.userId, 'write');
    return this.ctx.em.transactional(async (em) => {
      if (input.userId) await requireProfessional(em, this.clinicId, input.userId);
      const override = em.create(ScheduleOverride, {
        clinicId: this.clinicId,
        scope: input.scope,
        userId: input.userId ?? null,
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate,
        shifts: (input.shifts ?? []).map(minutes),
        reason: input.reason || null,
        createdBy: this.ctx.identity.userId,
        removedAt: null,
      });
      await em.flush();
      await publish(em, 'schedules.override_added', overridePayload(override));
      return override;
    });
  }

  /** Removes an override from the hours; the record stays (removedAt) so past closures remain known. */
  async removeOverride(id: string): Promise<ScheduleOverride> {
    uuidArg('id', id, 'override id');
    return this.ctx.em.transactional(async (em) => {
      const override = await em.findOne(ScheduleOverride, { id, clinicId: this.clinicId, removedAt: null });
      if (!override) throw notFound('ScheduleOverride', id);
      if (override.scope === 'clinic' && !hasPermission(this.ctx.identity.grants, 'schedules.clinic_hours.write'))
        throw forbidden('schedules.clinic_hours.write');
      if (override.userId) this.assertMayHandle(override.userId, 'write');
      override.removedAt = new Date();
      await em.flush();
      await publish(em, 'schedules.override_removed', overridePayload(override));
      return override;
    });
  }

  // ---- availability ------------------------------------------------------------------------

  /** Every moment of [from, to) (at most 62 days) as OPEN, CLINIC_CLOSED or PROFESSIONAL_OFF ranges. */
  async availability(fromRaw: unknown, toRaw: unknown, professionalId?: string | null): Promise<AvailabilityRange[]> {
    const tz = await this.timezone();
    const { from, to } = boundedInterval(fromRaw, toRaw, tz);
    if (professionalId) {
      uuidArg('professionalId', professionalId, 'professional id');
      await requireProfessional(this.ctx.em, this.clinicId, professionalId);
    }
    const hours = await this.hours(from, to, tz, professionalId ? [professionalId] : []);
    return computeAvailability({
      from,
      to,
      timezone: tz,
      clinic: hours.clinic,
      professional: professionalId ? { id: professionalId, hours: hours.professional(professionalId) } : null,
    });
  }

  /** The clinic's scheduling policy: its row, or the defaults. */
  async settings(): Promise<{ refuseBookingsOutsideHours: boolean }> {
    const row = await this.ctx.em.findOne(ScheduleSettings, { clinicId: this.clinicId });
    return { refuseBookingsOutsideHours: row?.refuseOutsideHours ?? false };
  }

  async updateSettings(raw: unknown): Promise<{ refuseBookingsOutsideHours: boolean }> {
    const input = parseInput(scheduleSettingsInput, raw);
    await this.ctx.em
      .createQueryBuilder(ScheduleSettings)
      .insert({
        id: randomUUID(),
        clinicId: this.clinicId,
        refuseOutsideHours: input.refuseBookingsOutsideHours,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .onConflict('clinicId')
      .merge(['refuseOutsideHours', 'updatedAt'])
      .execute();
    return this.settings();
  }

  /**
   * THE rule for a booking's time: [start, end) is within hours when the professional's availability is OPEN
   * throughout. `refuse` says whether the clinic refuses it otherwise (the agenda then answers CONFLICT).
   */
  async bookingHoursCheck(
    raw: unknown,
  ): Promise<{ withinHours: boolean; refuse: boolean; outside: AvailabilityRange[] }> {
    const input = parseInput(bookingHoursInput, raw);
    const tz = await this.timezone();
    const start = parseClinicDateTime(input.start, tz, 'start');
    const end = parseClinicDateTime(input.end, tz, 'end');
    if (end <= start)
      throw badInput('The booking ends before it starts; pick an end after the start.', {
        fields: [{ field: 'end', message: 'is not after the start' }],
      });
    const outside = (await this.availability(start.toISOString(), end.toISOString(), input.professionalId)).filter(
      (r) => r.state !== 'open',
    );
    const withinHours = outside.length === 0;
    return { withinHours, refuse: !withinHours && (await this.settings()).refuseBookingsOutsideHours, outside };
  }

  /** The first free windows of a professional, from `from` (default now) over `days` days. */
  async findFreeSlots(raw: unknown, now = new Date()): Promise<TimeSlotView[]> {
    const input = parseInput(findFreeSlotsInput, raw);
    const tz = await this.timezone();
    await requireProfessional(this.ctx.em, this.clinicId, input.professionalId);
    const requested = input.from ? parseClinicDateTime(input.from, tz, 'from') : now;
    const from = new Date(Math.max(requested.getTime(), now.getTime()));
    const to = new Date(from.getTime() + input.days * DAY_MS);
    const hours = await this.hours(from, to, tz, [input.professionalId]);
    const open = computeAvailability({
      from,
      to,
      timezone: tz,
      clinic: hours.clinic,
      professional: { id: input.professionalId, hours: hours.professional(input.professionalId) },
    });
    const busy = await this.appointments(from, to, BLOCKING, input.professionalId);
    return freeSlots({
      open,
      busy,
      durationMinutes: input.durationMinutes,
      limit: input.limit,
      professionalId: input.professionalId,
    });
  }

  /**
   * Occupancy per cabinet (booked / clinic open minutes), utilization per professional (booked / working
   * minutes), both capped at 1, and bookings per clinic-local starting hour, over [from, to) (≤ 62 days).
   * Booked: every appointment but the cancelled ones (a no-show held the chair).
   */
  async analytics(fromRaw: unknown, toRaw: unknown) {
    const tz = await this.timezone();
    const { from, to } = boundedInterval(fromRaw, toRaw, tz);
    const [appointments, { cabinets }] = await Promise.all([
      this.appointments(from, to, BOOKED),
      this.ctx.query(SchedulesCabinetsDocument, {}),
    ]);
    const professionalIds = [
      ...new Set([
        ...(await activeProfessionalIds(this.ctx.em, this.clinicId)),
        ...appointments.flatMap((a) => (a.professionalId ? [a.professionalId] : [])),
      ]),
    ];
    const hours = await this.hours(from, to, tz, professionalIds);
    const clinicOpen = openMinutes(computeAvailability({ from, to, timezone: tz, clinic: hours.clinic }));
    const bookedBy = (key: (a: BookedAppointment) => string | null) => {
      const sums = new Map<string, number>();
      for (const a of appointments) {
        const k = key(a);
        if (!k) continue;
        const minutes =
          (Math.min(a.end.getTime(), to.getTime()) - Math.max(a.start.getTime(), from.getTime())) / 60_000;
        sums.set(k, (sums.get(k) ?? 0) + minutes);
      }
      return sums;
    };
    const byCabinet = bookedBy((a) => a.cabinetId);
    const byProfessional = bookedBy((a) => a.professionalId);
    const peak = new Map<number, number>();
    for (const a of appointments) {
      if (a.start < from) continue;
      const hour = DateTime.fromJSDate(a.start).setZone(tz).hour;
      peak.set(hour, (peak.get(hour) ?? 0) + 1);
    }
    return {
      timezone: tz,
      clinicOpenMinutes: clinicOpen,
      // Every active cabinet (an idle one at 0), and inactive ones that still had bookings.
      occupancy: cabinets
        .filter((c) => c.isActive || byCabinet.has(c.id))
        .map((c) => {
          const bookedMinutes = byCabinet.get(c.id) ?? 0;
          return { cabinetId: c.id, bookedMinutes, openMinutes: clinicOpen, rate: rate(bookedMinutes, clinicOpen) };
        }),
      utilization: professionalIds.map((professionalId) => {
        const working = openMinutes(
          computeAvailability({
            from,
            to,
            timezone: tz,
            clinic: hours.clinic,
            professional: { id: professionalId, hours: hours.professional(professionalId) },
          }),
        );
        const bookedMinutes = byProfessional.get(professionalId) ?? 0;
        return { professionalId, bookedMinutes, workingMinutes: working, rate: rate(bookedMinutes, working) };
      }),
      peakHours: [...peak.entries()].sort(([a], [b]) => a - b).map(([hour, count]) => ({ hour, count })),
    };
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** Weekly hours and the live overrides touching [from, to), for the clinic and the given professionals. */
  private async hours(from: Date, to: Date, tz: string, userIds: readonly string[]) {
    const [weekly, overrides] = await Promise.all([
      loadWeeklyHours(this.ctx.em, this.clinicId, userIds),
      this.ctx.em.find(ScheduleOverride, {
        clinicId: this.clinicId,
        removedAt: null,
        startDate: { $lte: DateTime.fromJSDate(to).setZone(tz).toISODate() as string },
        endDate: { $gte: DateTime.fromJSDate(from).setZone(tz).toISODate() as string },
        $or: [{ scope: 'clinic' }, ...(userIds.length ? [{ userId: { $in: [...userIds] } }] : [])],
      }),
    ]);
    const clinic: Hours = { weekly: weekly.clinic, overrides: overrides.filter((o) => o.scope === 'clinic') };
    return {
      clinic,
      professional: (userId: string): Hours => ({
        weekly: weekly.professionals.get(userId) ?? null,
        overrides: overrides.filter((o) => o.scope === 'professional' && o.userId === userId),
      }),
    };
  }

  /** The agenda's appointments over [from, to), read through the supergraph in windows it accepts. */
  private async appointments(
    from: Date,
    to: Date,
    status: readonly AgendaStatus[],
    professionalId?: string,
  ): Promise<BookedAppointment[]> {
    const rows = new Map<string, BookedAppointment>();
    for (let start = from.getTime(); start < to.getTime(); start += AGENDA_WINDOW_DAYS * DAY_MS) {
      const end = Math.min(start + AGENDA_WINDOW_DAYS * DAY_MS, to.getTime());
      const { appointments } = await this.ctx.query(SchedulesAppointmentsDocument, {
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        professionalId: professionalId ?? null,
        status: [...status],
      });
      for (const a of appointments)
        rows.set(a.id, {
          start: new Date(a.startTime as string),
          end: new Date(a.endTime as string),
          cabinetId: a.cabinet?.id ?? null,
          professionalId: a.professional?.id ?? null,
        });
    }
    return [...rows.values()];
  }
}

interface BookedAppointment {
  start: Date;
  end: Date;
  cabinetId: string | null;
  professionalId: string | null;
}

const minutes = <T extends { start: number; end: number }>({ start, end, ...rest }: T) => ({
  ...rest,
  startMinute: start,
  endMinute: end,
});

const overridePayload = (o: ScheduleOverride) => ({
  clinic_id: o.clinicId,
  override_id: o.id,
  scope: overrideScope.toGraphQL(o.scope),
  user_id: o.userId,
  kind: overrideKind.toGraphQL(o.kind),
  start_date: o.startDate,
  end_date: o.endDate,
  reason: o.reason,
});

/** [from, to) under the clinic-time rule, at most MAX_RANGE_DAYS long. */
function boundedInterval(fromRaw: unknown, toRaw: unknown, tz: string): { from: Date; to: Date } {
  const { from, to } = parseClinicInterval(fromRaw, toRaw, tz);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw badInput(`The range may span at most ${MAX_RANGE_DAYS} days; ask for a shorter one.`, {
      fields: ['to'],
    });
  return { from, to };
}
