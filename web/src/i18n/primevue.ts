import type { PrimeVueLocaleAriaOptions, PrimeVueLocaleOptions } from '@primevue/core/config';

/** Some of PrimeVue's texts: what is not given stays English. */
type Texts = Partial<Omit<PrimeVueLocaleOptions, 'aria'>> & { aria?: Partial<PrimeVueLocaleAriaOptions> };
import type { Locale } from './index.ts';

/**
 * PrimeVue's own texts (a Select's "No results found", a MultiSelect's "{0} items selected", the aria labels of
 * its buttons) in the app's language. They use PrimeVue's `{0}` markers, not vue-i18n messages, so they
 * live here rather than in the message files; English is PrimeVue's default. Day and month names come from
 * `Intl` (for a layer's DatePicker).
 */
const TEXTS: Record<Locale, Texts> = {
  en: {},
  es: {
    accept: 'Sí',
    reject: 'No',
    cancel: 'Cancelar',
    clear: 'Limpiar',
    apply: 'Aplicar',
    today: 'Hoy',
    weekHeader: 'Sem',
    emptyFilterMessage: 'No se encontraron resultados',
    emptySearchMessage: 'No se encontraron resultados',
    emptyMessage: 'No hay opciones disponibles',
    emptySelectionMessage: 'Ningún elemento seleccionado',
    searchMessage: '{0} resultados disponibles',
    selectionMessage: '{0} elementos seleccionados',
    aria: {
      trueLabel: 'Verdadero',
      falseLabel: 'Falso',
      nullLabel: 'Sin seleccionar',
      selectAll: 'Se seleccionaron todos los elementos',
      unselectAll: 'Ningún elemento seleccionado',
      close: 'Cerrar',
      previous: 'Anterior',
      next: 'Siguiente',
      navigation: 'Navegación',
      scrollTop: 'Volver arriba',
      pageLabel: 'Página {page}',
      firstPageLabel: 'Primera página',
      lastPageLabel: 'Última página',
      nextPageLabel: 'Página siguiente',
      prevPageLabel: 'Página anterior',
      rowsPerPageLabel: 'Filas por página',
      listLabel: 'Lista de opciones',
      star: '1 estrella',
      stars: '{star} estrellas',
    },
  },
};

const names = (locale: Locale, count: number, format: (date: Date) => string, at: (i: number) => Date) =>
  Array.from({ length: count }, (_, i) => format(at(i)));

/** Sunday 2023-01-01 onwards, and the months of 2023: only their names are read. */
function calendarNames(locale: Locale): Texts {
  const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format;
  const day = (i: number) => new Date(Date.UTC(2023, 0, 1 + i, 12));
  const month = (i: number) => new Date(Date.UTC(2023, i, 1, 12));
  return {
    dayNames: names(locale, 7, fmt({ weekday: 'long', timeZone: 'UTC' }), day),
    dayNamesShort: names(locale, 7, fmt({ weekday: 'short', timeZone: 'UTC' }), day),
    dayNamesMin: names(locale, 7, fmt({ weekday: 'narrow', timeZone: 'UTC' }), day),
    monthNames: names(locale, 12, fmt({ month: 'long', timeZone: 'UTC' }), month),
    monthNamesShort: names(locale, 12, fmt({ month: 'short', timeZone: 'UTC' }), month),
    firstDayOfWeek: locale === 'en' ? 0 : 1,
  };
}

/**
 * Puts PrimeVue's texts in `locale` on its config (`app.config.globalProperties.$primevue.config`): English
 * first, so a text Spanish does not translate falls back to English, not to the language shown before.
 */
export function applyPrimeVueLocale(
  config: { locale?: PrimeVueLocaleOptions },
  locale: Locale,
  english: PrimeVueLocaleOptions,
): void {
  const texts = TEXTS[locale];
  config.locale = {
    ...english,
    ...calendarNames(locale),
    ...texts,
    aria: { ...english.aria, ...texts.aria } as PrimeVueLocaleAriaOptions,
  };
}
