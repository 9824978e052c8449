import { describe, expect, it } from 'vitest';
import { defaultOptions, type PrimeVueLocaleOptions } from '@primevue/core/config';
import { applyPrimeVueLocale } from './primevue.ts';

describe("PrimeVue's own texts in the app's language", () => {
  const english = defaultOptions.locale as PrimeVueLocaleOptions;

  it('are Spanish in Spanish, English for what Spanish leaves out, and English again after switching back', () => {
    const config: { locale?: PrimeVueLocaleOptions } = { locale: english };
    applyPrimeVueLocale(config, 'es', english);
    expect(config.locale).toMatchObject({
      emptySearchMessage: 'No se encontraron resultados',
      selectionMessage: '{0} elementos seleccionados',
      aria: { close: 'Cerrar', selectAll: 'Se seleccionaron todos los elementos', moveUp: english.aria?.moveUp },
      startsWith: 'Starts with',
      firstDayOfWeek: 1,
    });
    expect(config.locale?.dayNames?.[1]).toBe('lunes');
    expect(config.locale?.monthNamesShort?.[0]).toMatch(/^ene/);

    applyPrimeVueLocale(config, 'en', english);
    expect(config.locale).toMatchObject({
      emptySearchMessage: english.emptySearchMessage,
      aria: { close: 'Close' },
      firstDayOfWeek: 0,
    });
    expect(config.locale?.dayNames?.[0]).toBe('Sunday');
  });
});
