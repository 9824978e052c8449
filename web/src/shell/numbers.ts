/** Decimal input in the person's language: `100,50` in Spanish and `100.50` in English are the same amount. */

/** The decimal separator of `locale` (`,` for es, `.` for en). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

export type NumberProblem = 'notANumber' | 'wholeNumber' | 'tooManyDecimals';
export type ParsedNumber =
  { value: string | null; problem?: undefined } | { value?: undefined; problem: NumberProblem };

/**
 * What a person typed, as the exact decimal string the API takes (`"100.50"`; null when empty), or
 * why it is not a number. The locale's decimal separator is the decimal point; the other separator
 * groups thousands when it does so in threes (`1.500` is 1500 in Spanish), else a single one is taken
 * as the decimal point too (`100.5` typed on a Spanish keyboard's numpad). No floats are involved.
 */
export function parseDecimalInput(text: string, locale: string, decimals: number): ParsedNumber {
  const typed = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!typed) return { value: null };
  const point = decimalSeparator(locale);
  const other = point === ',' ? '.' : ',';
  const sign = /^[-+]/.test(typed) ? typed[0] : '';
  let body = typed.slice(sign.length);
  const grouped = new RegExp(`^\\d{1,3}(\\${other}\\d{3})+(\\${point}\\d*)?$`);
  if (grouped.test(body)) body = body.split(other).join('');
  else if (!body.includes(point) && body.split(other).length === 2) body = body.replace(other, point);
  const match = new RegExp(`^(\\d*)(?:\\${point}(\\d*))?$`).exec(body);
  if (!match || !/\d/.test(body)) return { problem: 'notANumber' };
  const whole = match[1].replace(/^0+(?=\d)/, '') || '0';
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > decimals)
    return { problem: decimals === 0 ? 'wholeNumber' : 'tooManyDecimals' };
  const kept = fraction.slice(0, Math.max(decimals, 0));
  const value = `${sign === '-' ? '-' : ''}${whole}${kept ? `.${kept}` : ''}`;
  return { value: value === '-0' ? '0' : value };
}

/** An API decimal string as the person writes it (`"100.50"` → `100,50` in Spanish). */
export function formatDecimalInput(value: string | number | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  return String(value).replace('.', decimalSeparator(locale));
}
