import { describe, expect, it } from 'vitest';
import { computeAvailability, openMinutes, type Hours } from '../src/service/availability.ts';
import { freeSlots } from '../src/service/slots.ts';

const TZ = 'Europe/Madrid';
const allDaySunday: Hours = { weekly: new Map([[7, [{ startMinute: 0, endMinute: 1440 }]]]), overrides: [] };
const day = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe('availability on clock-change days (pure)', () => {
  it('a Sunday open all day lasts 23 hours in spring and 25 in autumn', () => {
    const spring = computeAvailability({
      ...day('2027-03-27T23:00:00Z', '2027-03-28T22:00:00Z'),
      timezone: TZ,
      clinic: allDaySunday,
    });
    expect(spring).toEqual([
      expect.objectContaining({
        state: 'open',
        start: new Date('2027-03-27T23:00:00Z'),
        end: new Date('2027-03-28T22:00:00Z'),
      }),
    ]);
    expect(openMinutes(spring)).toBe(23 * 60);
    const autumn = computeAvailability({
      ...day('2027-10-30T22:00:00Z', '2027-10-31T23:00:00Z'),
      timezone: TZ,
      clinic: allDaySunday,
    });
    expect(openMinutes(autumn)).toBe(25 * 60);
  });

  it('a 09:00 shift starts at 09:00 local on both sides of the change', () => {
    const clinic: Hours = { weekly: new Map([[7, [{ startMinute: 540, endMinute: 600 }]]]), overrides: [] };
    const before = computeAvailability({
      ...day('2027-03-21T00:00:00Z', '2027-03-22T00:00:00Z'),
      timezone: TZ,
      clinic,
    });
    const after = computeAvailability({ ...day('2027-03-28T00:00:00Z', '2027-03-29T00:00:00Z'), timezone: TZ, clinic });
    expect(before.find((r) => r.state === 'open')?.start).toEqual(new Date('2027-03-21T08:00:00Z'));
    expect(after.find((r) => r.state === 'open')?.start).toEqual(new Date('2027-03-28T07:00:00Z'));
  });
});

describe('free slots (pure)', () => {
  it('offers each free window once, rounded up to 5 minutes, skipping windows too short', () => {
    const open = [
      {
        start: new Date('2027-03-22T08:03:00Z'),
        end: new Date('2027-03-22T13:00:00Z'),
        state: 'open' as const,
        professionalId: 'p',
        reason: null,
      },
    ];
    const busy = [
      { start: new Date('2027-03-22T08:30:00Z'), end: new Date('2027-03-22T12:40:00Z') },
      { start: new Date('2027-03-22T10:00:00Z'), end: new Date('2027-03-22T10:30:00Z') },
    ];
    expect(freeSlots({ open, busy, durationMinutes: 20, limit: 5, professionalId: 'p' })).toEqual([
      {
        start: new Date('2027-03-22T08:05:00Z'),
        end: new Date('2027-03-22T08:25:00Z'),
        freeUntil: new Date('2027-03-22T08:30:00Z'),
        professionalId: 'p',
      },
      {
        start: new Date('2027-03-22T12:40:00Z'),
        end: new Date('2027-03-22T13:00:00Z'),
        freeUntil: new Date('2027-03-22T13:00:00Z'),
        professionalId: 'p',
      },
    ]);
  });
});
