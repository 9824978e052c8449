import { describe, expect, it } from 'vitest';
import {
  bookingRequest,
  closedPart,
  instantOf,
  shadedHours,
  shiftDays,
  shiftInstant,
  timeAfter,
  wallDate,
  wallString,
  withAppointment,
} from '../calendar.ts';

const MADRID = 'Europe/Madrid';

describe('calendar time bridge (clinic zone ↔ vue-cal Dates)', () => {
  it('hands vue-cal the clinic wall clock and reads it back, whatever the browser zone', () => {
    // 09:00 UTC in winter is 10:00 in Madrid.
    const date = wallDate('2026-12-16T09:00:00.000Z', MADRID);
    expect([date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()]).toEqual([
      2026, 12, 16, 10, 0,
    ]);
    expect(wallString(date)).toBe('2026-12-16T10:00');
    // Just before midnight UTC is already the next day in Madrid.
    expect(wallString(wallDate('2026-12-16T23:30:00.000Z', MADRID))).toBe('2026-12-17T00:30');
  });

  it('reads an API time as an instant: a wall-clock string in the clinic zone, an instant as it is', () => {
    expect(instantOf('2026-12-16T10:00', MADRID)).toBe('2026-12-16T09:00:00.000Z');
    expect(instantOf('2026-07-16T10:00', MADRID)).toBe('2026-07-16T08:00:00.000Z');
    expect(instantOf('2026-12-16T09:00:00.000Z', MADRID)).toBe('2026-12-16T09:00:00.000Z');
  });

  it('finds the first part of a time that is not open, cut to that time (the one working-hours check)', () => {
    const ranges = [
      { start: '2026-12-16T08:00:00.000Z', end: '2026-12-16T13:00:00.000Z', state: 'OPEN' },
      {
        start: '2026-12-16T15:00:00.000Z',
        end: '2026-12-16T19:00:00.000Z',
        state: 'PROFESSIONAL_OFF',
        reason: 'Course',
      },
      { start: '2026-12-16T13:00:00.000Z', end: '2026-12-16T15:00:00.000Z', state: 'CLINIC_CLOSED' },
    ];
    expect(closedPart(ranges, '2026-12-16T12:00:00.000Z', '2026-12-16T13:00:00.000Z')).toBeNull();
    expect(closedPart(ranges, '2026-12-16T12:45:00.000Z', '2026-12-16T13:15:00.000Z')).toEqual({
      start: '2026-12-16T13:00:00.000Z',
      end: '2026-12-16T13:15:00.000Z',
      state: 'CLINIC_CLOSED',
      reason: null,
    });
    expect(closedPart(ranges, '2026-12-16T14:45:00.000Z', '2026-12-16T16:00:00.000Z')).toMatchObject({
      start: '2026-12-16T14:45:00.000Z',
      end: '2026-12-16T15:00:00.000Z',
      state: 'CLINIC_CLOSED',
    });
    expect(closedPart(ranges, '2026-12-16T15:30:00.000Z', '2026-12-16T16:00:00.000Z')).toMatchObject({
      state: 'PROFESSIONAL_OFF',
      reason: 'Course',
    });
    // Nothing known of that time (the schedules module not running): nothing to ask.
    expect(closedPart([], '2026-12-16T13:00:00.000Z', '2026-12-16T14:00:00.000Z')).toBeNull();
  });

  it('moves by exact minutes and by whole days keeping the wall-clock time across DST', () => {
    expect(shiftInstant('2026-12-16T09:00:00.000Z', 15)).toBe('2026-12-16T09:15:00.000Z');
    expect(shiftInstant('2026-12-16T09:00:00.000Z', -15)).toBe('2026-12-16T08:45:00.000Z');
    // Saturday 28 March 2026 10:00 in Madrid (UTC+1) → Sunday 29 March 10:00 (UTC+2, after the change).
    expect(shiftDays('2026-03-28T09:00:00.000Z', 1, MADRID)).toBe('2026-03-29T08:00:00.000Z');
  });

  it('turns closed ranges into per-weekday shaded minutes of the shown days only, split at midnight', () => {
    const label = (state: string) => `[${state}]`;
    const shaded = shadedHours(
      [
        // Wednesday 16 Dec: closed 14:00–16:00 Madrid time.
        { start: '2026-12-16T13:00:00.000Z', end: '2026-12-16T15:00:00.000Z', state: 'CLINIC_CLOSED' },
        // From Wednesday 20:00 to Thursday 09:00 Madrid time.
        { start: '2026-12-16T19:00:00.000Z', end: '2026-12-17T08:00:00.000Z', state: 'PROFESSIONAL_OFF' },
        { start: '2026-12-16T08:00:00.000Z', end: '2026-12-16T13:00:00.000Z', state: 'OPEN' },
      ],
      ['2026-12-16'],
      MADRID,
      label,
    );
    expect(shaded).toEqual({
      wed: [
        { from: 14 * 60, to: 16 * 60, class: 'closed closed-clinic-closed', label: '[CLINIC_CLOSED]' },
        { from: 20 * 60, to: 24 * 60, class: 'closed closed-professional-off', label: '[PROFESSIONAL_OFF]' },
      ],
    });
    // With Thursday shown too, its morning until 09:00 is shaded.
    expect(
      shadedHours(
        [{ start: '2026-12-16T19:00:00.000Z', end: '2026-12-17T08:00:00.000Z', state: 'CLINIC_CLOSED' }],
        ['2026-12-16', '2026-12-17'],
        MADRID,
        label,
      ).thu,
    ).toEqual([{ from: 0, to: 9 * 60, class: 'closed closed-clinic-closed', label: '[CLINIC_CLOSED]' }]);
  });
});

describe('booking requests in the URL (/agenda?book=1&…)', () => {
  it('reads the patient, professional, length, treatment and the way back', () => {
    expect(
      bookingRequest({
        book: '1',
        patient: 'p1',
        professional: 'u2',
        duration: '45',
        treatment: 'crown zirconia',
        returnTo: '/treatment-plans/x?linkSession=s2',
      }),
    ).toEqual({
      patientId: 'p1',
      professionalId: 'u2',
      durationMinutes: 45,
      treatmentType: 'crown zirconia',
      returnTo: '/treatment-plans/x?linkSession=s2',
    });
    expect(bookingRequest({ view: 'week' })).toBeNull();
    expect(bookingRequest({ book: '1' })).toBeNull();
  });

  it('defaults a missing or absurd length to 30 minutes and never returns to another site', () => {
    const ask = (over: Record<string, string>) => bookingRequest({ book: '1', patient: 'p1', ...over });
    expect(ask({ duration: 'x' })?.durationMinutes).toBe(30);
    expect(ask({ duration: '2' })?.durationMinutes).toBe(30);
    expect(ask({ returnTo: 'https://evil.test/' })?.returnTo).toBeNull();
    expect(ask({ returnTo: '//evil.test/' })?.returnTo).toBeNull();
    expect(ask({ returnTo: '/\\evil.test/' })?.returnTo).toBeNull();
  });

  it('ends the visit its length after the start, within the day, and adds the appointment to the way back', () => {
    expect(timeAfter('09:00', 45)).toBe('09:45');
    expect(timeAfter('23:30', 60)).toBe('23:59');
    expect(withAppointment('/treatment-plans/x?linkSession=s2', 'a9')).toBe(
      '/treatment-plans/x?linkSession=s2&appointment=a9',
    );
  });
});
