/**
 * The bridge between the clinic's time zone and the calendar component. vue-cal works with the browser's
 * `Date`; the agenda shows clinic wall-clock times whatever zone the browser is in, so an appointment is
 * handed to the calendar as a browser-local `Date` carrying the clinic's wall-clock fields, and a moved
 * or created range comes back as a clinic wall-clock `YYYY-MM-DDTHH:mm`, which the server reads in the
 * clinic's zone.
 */
import { addDays, clinicInstant, localDate, minutesOfDay } from './time.ts';

/** A browser-local Date showing the clinic wall-clock time of `iso`. */
export function wallDate(iso: string, timeZone: string): Date {
  const [y, m, d] = localDate(iso, timeZone).split('-').map(Number);
  const minutes = minutesOfDay(iso, timeZone);
  return new Date(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a calendar Date (its browser-local fields are clinic wall-clock fields). */
export const wallDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** `HH:mm` of a calendar Date. */
export const wallTime = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;
/** The clinic wall-clock `YYYY-MM-DDTHH:mm` of a calendar Date (what the API takes as a clinic-local time). */
export const wallString = (date: Date) => `${wallDay(date)}T${wallTime(date)}`;

export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
export const weekdayOf = (day: string): Weekday => WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()];

export interface ClosedRange {
  start: string;
  end: string;
  state: string;
}
export interface ShadedSegment {
  from: number;
  to: number;
  class: string;
  label: string;
}

/**
 * The closed time of the shown days as vue-cal special hours: one entry per weekday, each with the
 * clinic-local minute ranges of that day that are not open (a range crossing midnight is split). Only
 * days in `days` count, and each weekday occurs at most once in a shown day or week, so a weekday key
 * names one date.
 */
export function shadedHours(
  ranges: readonly ClosedRange[],
  days: readonly string[],
  timeZone: string,
  label: (state: string) => string,
): Partial<Record<Weekday, ShadedSegment[]>> {
  const shown = new Set(days);
  const out: Partial<Record<Weekday, ShadedSegment[]>> = {};
  for (const range of ranges) {
    if (range.state === 'OPEN') continue;
    const end = new Date(range.end).toISOString();
    let cursor = new Date(range.start).toISOString();
    while (cursor < end) {
      const day = localDate(cursor, timeZone);
      const midnight = clinicInstant(addDays(day, 1), '00:00', timeZone);
      const segmentEnd = end < midnight ? end : midnight;
      if (shown.has(day)) {
        const from = minutesOfDay(cursor, timeZone);
        const to = segmentEnd === midnight ? 24 * 60 : minutesOfDay(segmentEnd, timeZone);
        if (to > from)
          (out[weekdayOf(day)] ??= []).push({
            from,
            to,
            class: `closed closed-${range.state.toLowerCase().replace(/_/g, '-')}`,
            label: label(range.state),
          });
      }
      cursor = segmentEnd;
    }
  }
  return out;
}

/** The instant (UTC ISO) of an API time: an instant as it is, a clinic wall-clock `YYYY-MM-DDTHH:mm` in the clinic's zone. */
export function instantOf(value: string, timeZone: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value)
    ? clinicInstant(value.slice(0, 10), value.slice(11), timeZone)
    : new Date(value).toISOString();
}

/** A stretch of time that is not open, as the schedules module names it (`reason`: a closure's note). */
export interface ClosedStretch {
  start: string;
  end: string;
  state: string;
  reason?: string | null;
}
/**
 * The working-hours rule of the agenda's web layer, the one check of every booking and move (the booking
 * dialog, a drag, a resize, a key): the first part of [start, end) (instants) that the schedules module's
 * ranges say is not OPEN (clinic closed, professional off), cut to [start, end); null when it is all open or
 * nothing is known of it.
 */
export function closedPart(
  ranges: readonly { start: unknown; end: unknown; state: string; reason?: string | null }[],
  start: string,
  end: string,
): ClosedStretch | null {
  const [from, to] = [Date.parse(start), Date.parse(end)];
  let first: ClosedStretch | null = null;
  for (const range of ranges) {
    if (range.state === 'OPEN') continue;
    const [rangeFrom, rangeTo] = [Date.parse(String(range.start)), Date.parse(String(range.end))];
    if (!(rangeFrom < to && rangeTo > from)) continue;
    const part = {
      start: new Date(Math.max(from, rangeFrom)).toISOString(),
      end: new Date(Math.min(to, rangeTo)).toISOString(),
      state: range.state,
      reason: range.reason ?? null,
    };
    if (!first || part.start < first.start) first = part;
  }
  return first;
}

/** Instants `minutes` apart from `iso` (keyboard moves are exact: 15 minutes are 15 minutes across DST). */
export const shiftInstant = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The same clinic wall-clock time `days` later (a keyboard move to the next day keeps 10:00 at 10:00). */
export function shiftDays(iso: string, days: number, timeZone: string): string {
  const minutes = minutesOfDay(iso, timeZone);
  const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  return clinicInstant(addDays(localDate(iso, timeZone), days), time, timeZone);
}

/** What the booking dialog starts with (a range dragged on the calendar, the filtered professional, a booking request). */
export interface BookingPreset {
  date?: string;
  start?: string;
  end?: string;
  cabinetId?: string | null;
  professionalId?: string | null;
  /** A booking asked for by another page (see BookingRequest). */
  patient?: { id: string; fullName: string } | null;
  treatmentType?: string;
}

/**
 * A booking another page asks for through the URL: `/agenda?book=1&patient=<id>` with optional `professional`,
 * `duration` (minutes), `treatment` (what the visit is for) and `returnTo` (a path of this app the agenda goes
 * back to after booking, with `appointment=<new id>` added). A treatment plan books its visits this way.
 */
export interface BookingRequest {
  patientId: string;
  professionalId: string | null;
  durationMinutes: number;
  treatmentType: string;
  returnTo: string | null;
}

/** The booking the URL asks for, or null. A `returnTo` that is not a path of this app is ignored. */
export function bookingRequest(query: Record<string, unknown>): BookingRequest | null {
  const text = (key: string) => {
    const value = query[key];
    return typeof value === 'string' && value ? value : null;
  };
  const patientId = text('patient');
  if (text('book') !== '1' || !patientId) return null;
  const minutes = Number(text('duration'));
  const returnTo = text('returnTo');
  return {
    patientId,
    professionalId: text('professional'),
    durationMinutes: Number.isInteger(minutes) && minutes >= 5 && minutes <= 12 * 60 ? minutes : 30,
    treatmentType: (text('treatment') ?? '').slice(0, 100),
    returnTo: returnTo && /^\/(?![/\\])/.test(returnTo) ? returnTo : null,
  };
}

/** `HH:MM` plus `minutes`, kept within the day (23:59 at most). */
export function timeAfter(start: string, minutes: number): string {
  const total = Math.min(Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + minutes, 23 * 60 + 59);
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** `returnTo` with the booked appointment's id added to its query. */
export function withAppointment(returnTo: string, appointmentId: string): string {
  const url = new URL(returnTo, 'http://app.invalid');
  url.searchParams.set('appointment', appointmentId);
  return `${url.pathname}${url.search}${url.hash}`;
}
