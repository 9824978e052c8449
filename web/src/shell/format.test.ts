import { describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { mountLayer } from '../testing/index.ts';
import { useClinicFormat } from './format.ts';

/** The composable as a component of a clinic in Madrid with EUR (the test host) gets it, in `locale`. */
function formatIn(locale: string): ReturnType<typeof useClinicFormat> {
  let format: ReturnType<typeof useClinicFormat> | undefined;
  mountLayer(
    defineComponent({
      setup() {
        format = useClinicFormat();
        return () => null;
      },
    }),
    { locale },
  );
  return format!;
}
const nbsp = '\u00a0';

describe('useClinicFormat: the clinic’s currency and clock, the person’s language', () => {
  it('formats money from the API’s decimal strings exactly, in euros', () => {
    const es = formatIn('es');
    // es-ES groups five digits and more, not four.
    expect(es.money('1280.00')).toBe(`1280,00${nbsp}€`);
    expect(es.money('12800.00')).toBe(`12.800,00${nbsp}€`);
    expect(es.money('-10.50')).toBe(`-10,50${nbsp}€`);
    // More digits than a double holds: not one lost.
    expect(es.money('12345678901234567.89')).toBe(`12.345.678.901.234.567,89${nbsp}€`);
    expect(es.money(null)).toBe('');
    expect(formatIn('en').money('1280.5')).toBe('€1,280.50');
  });

  it('formats rates given in percentage points (VAT "21.00") and shares of one (0.755) as percentages', () => {
    const es = formatIn('es');
    expect(es.percent('21.00')).toBe(`21${nbsp}%`);
    expect(es.percent('10.50')).toBe(`10,5${nbsp}%`);
    expect(es.percent('0.00')).toBe(`0${nbsp}%`);
    expect(es.percent(4)).toBe(`4${nbsp}%`);
    expect(es.percent(null)).toBe('');
    expect(es.ratio(0.755)).toBe(`75,5${nbsp}%`);
    expect(es.ratio(2 / 3, 0)).toBe(`67${nbsp}%`);
    const en = formatIn('en');
    expect(en.percent('10.50')).toBe('10.5%');
    expect(en.ratio(0.75)).toBe('75.0%');
  });

  it('formats plain numbers, decimal strings exactly, with the options given', () => {
    const es = formatIn('es');
    expect(es.number('1250.500', { maximumFractionDigits: 3 })).toBe('1250,5');
    expect(es.number(12.5, { style: 'unit', unit: 'minute' })).toMatch(/^12,5\smin$/);
    expect(es.number(undefined)).toBe('');
    expect(formatIn('en').number('12345.25')).toBe('12,345.25');
  });

  it('gives days, months and moments on the clinic’s calendar (Madrid)', () => {
    const es = formatIn('es');
    expect(es.day('2026-11-12')).toBe('12 nov 2026');
    expect(es.month('2026-11')).toBe('noviembre de 2026');
    // 23:30 UTC on 30 November is already 1 December, 00:30, in Madrid.
    expect(es.date('2026-11-30T23:30:00.000Z')).toBe('1 dic 2026');
    expect(es.dateTime('2026-11-30T23:30:00.000Z')).toBe('1 dic 2026, 0:30');
    const en = formatIn('en');
    expect(en.month('2026-11')).toBe('November 2026');
    expect(en.date('2026-11-30T23:30:00.000Z')).toBe('Dec 1, 2026');
  });
});
