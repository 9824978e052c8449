import { describe, expect, it } from 'vitest';
import { addDays, localDate, localDateTime, localToday, localWeekday } from './time.ts';

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
});
