/**
 * Clinic-local calendar arithmetic. The server sends instants (UTC ISO) and reads inputs without an
 * offset as wall-clock times in the clinic time zone, so the page formats in that zone and sends
 * `YYYY-MM-DDTHH:mm` strings: the browser's own zone never enters the picture.
 */
const parts = (iso: string, timeZone: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;

/** `YYYY-MM-DD` of an instant in the clinic zone. */
export function localDate(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}
/** `HH:mm` of an instant in the clinic zone. */
export function localTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.hour}:${p.minute}`;
}
/** Minutes since clinic-local midnight. */
export function minutesOfDay(iso: string, timeZone: string): number {
  const p = parts(iso, timeZone);
  return Number(p.hour) * 60 + Number(p.minute);
}
export const today = (timeZone: string) => localDate(new Date().toISOString(), timeZone);
/** The instant (UTC ISO) of a clinic wall-clock `date` + `HH:mm`; two corrections settle DST offsets. */
export function clinicInstant(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const iso = new Date(instant).toISOString();
    instant += wall - Date.parse(`${localDate(iso, timeZone)}T${localTime(iso, timeZone)}:00Z`);
  }
  return new Date(instant).toISOString();
}

/** Calendar arithmetic on `YYYY-MM-DD` (no zone: noon UTC never crosses a date line). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}
