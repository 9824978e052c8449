/** Calendar arithmetic on 'YYYY-MM-DD' strings: recalls are due by month, in the clinic's time zone. */

/** The first day of the month of `day` ('2027-06-15' → '2027-06-01'); also accepts 'YYYY-MM'. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** `day` moved by whole months, the day clamped to the target month's length (Jan 31 + 1 → Feb 28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Stored dates come back from the driver as strings or Dates; both become 'YYYY-MM-DD'. */
export const isoDay = (value: string | Date): string =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
