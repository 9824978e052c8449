/** `YYYY-MM-DD` of `date` on the person's own calendar (today by default), as DateField and the API take it. */
export function isoDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
