import { describe, expect, it } from 'vitest';
import {
  addDays,
  clinicDayRange,
  localDate,
  localDateTime,
  localToday,
  localWeekday,
  parseClinicInterval,
} from './time.ts';

describe('clinic-local dates', () => {
  const lateUtc = new Date('2026-03-28T23:30:00Z'); // already the 29th in Madrid, the night the clocks change

  it('read the calendar date and wall-clock time in the clinic zone, not UTC', () => {
    expect(localDate(lateUtc, 'Europe/Madrid')).toBe('2026-03-29');
    expect(localDate(lateUtc.toISOString(), 'America/New_York')).toBe('2026-03-28');
    expect(localDateTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Madrid')).toBe('2026-03-29T03:30');
    expect(localDateTime('2026-03-29T00:00:00Z', 'Europe/Madrid')).toBe('2026-03-29T01:00');
    expect(localWeekday(lateUtc, 'Europe/Madrid')).toBe(7); // Sunday the 29th
    expect(localWeekday(lateUtc, 'UTC')).toBe(6);
  });

  it('count days on the calendar: today, tomorrow, across a clock change and a year end', () => {
    expect(localToday('Europe/Madrid', 0, lateUtc)).toBe('2026-03-29');
    expect(localToday('Europe/Madrid', 1, lateUtc)).toBe('2026-03-30');
    expect(localToday('America/New_York', 1, lateUtc)).toBe('2026-03-29');
    expect(localToday('UTC', 1, new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('parse an interval under the clinic-timezone rule and refuse one that ends before it starts', () => {
    expect(parseClinicInterval('2026-03-02T10:00', '2026-03-02T12:00Z', 'Europe/Madrid')).toEqual({
      from: new Date('2026-03-02T09:00:00Z'),
      to: new Date('2026-03-02T12:00:00Z'),
    });
    const refusal = (from: string, to: string, names?: [string, string]) => {
      try {
        parseClinicInterval(from, to, 'UTC', names);
      } catch (e) {
        return [(e as { code?: string }).code, (e as Error).message];
      }
      return null;
    };
    expect(refusal('2026-03-02T10:00', '2026-03-02T10:00')).toEqual(['BAD_USER_INPUT', 'to must be after from.']);
    expect(refusal('2026-03-03', '2026-03-02T10:00', ['createdFrom', 'createdTo'])?.[1]).toMatch(/^createdFrom /);
    expect(refusal('2026-03-02T11:00', '2026-03-02T10:00', ['createdFrom', 'createdTo'])?.[1]).toBe(
      'createdTo must be after createdFrom.',
    );
  });
});

describe('clinicDayRange', () => {
  it('bounds a clinic-local day (23 hours on the spring change) and refuses a day the calendar does not have', () => {
    const { from, to } = clinicDayRange('2026-03-29', 'Europe/Madrid');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(() => clinicDayRange('2026-02-31', 'Europe/Madrid')).toThrow(
      '"2026-02-31" is not a calendar date: February 2026 has 28 days.',
    );
    expect(() => clinicDayRange('tomorrow', 'Europe/Madrid')).toThrow('"tomorrow" must be a date as YYYY-MM-DD.');
  });
});
