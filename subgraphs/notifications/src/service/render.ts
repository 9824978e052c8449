import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { badInput } from '@dentalpin/core';

/** Template variables: nested plain values ({{patient.firstName}}, {{appointment.start}}). */
export type TemplateVariables = { [key: string]: string | number | boolean | null | TemplateVariables };

/** A private Handlebars instance: no helpers or partials registered by anyone else leak in. */
const hbs = Handlebars.create();

export interface RenderedMessage {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

export interface TemplateSource {
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
}

/**
 * Renders a template. Subject and text body are plain text (no HTML escaping); the HTML body escapes
 * every variable. Missing variables render as empty strings.
 */
export function render(template: TemplateSource, variables: TemplateVariables): RenderedMessage {
  const text = (source: string) => hbs.compile(source, { noEscape: true })(variables);
  return {
    // A subject is one line, whatever a variable holds.
    subject: text(template.subject)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    bodyText: text(template.bodyText),
    bodyHtml: template.bodyHtml ? hbs.compile(template.bodyHtml)(variables) : null,
  };
}

/** BAD_USER_INPUT naming the field when a template does not parse (checked before it is saved). */
export function checkTemplateSyntax(fields: Record<string, string | null | undefined>): void {
  for (const [field, source] of Object.entries(fields)) {
    if (!source) continue;
    try {
      // A trial render also catches what only fails when run (an unknown helper such as {{shout name}}).
      hbs.compile(source, { noEscape: true })({});
    } catch (e) {
      const first = (e as Error).message.split('\n')[0];
      throw badInput(`${field} is not a valid template: ${first}`, { fields: [{ field, message: first }] });
    }
  }
}

/** An appointment time in the clinic's time zone and the message's language. */
export function formatAppointmentTime(iso: string, timezone: string, locale: string) {
  const at = DateTime.fromISO(iso, { setZone: true }).setZone(timezone).setLocale(locale);
  if (!at.isValid) return { start: iso, date: iso, time: '' };
  return {
    start: at.toLocaleString({
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
    date: at.toLocaleString(DateTime.DATE_HUGE),
    time: at.toLocaleString(DateTime.TIME_SIMPLE),
  };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal string as money in the clinic's currency and the message's language ("1.234,50 €").
 * Intl formats the decimal string exactly (no float), rounding half away from zero to the cent.
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  if (!DECIMAL.test(amount)) return amount;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // ES2023 Intl accepts decimal strings; TypeScript's ES2022 lib types only declare number | bigint.
  return format.format(amount as unknown as number);
}
