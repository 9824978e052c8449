import { useI18n } from 'vue-i18n';
import type { GraphQLFormattedError } from 'graphql';
import {
  errorText,
  failureText,
  KNOWN_ERROR_CODES,
  notify,
  useTranslator,
  type OperationContext,
} from '@dentalpin/web/sdk';
import { localDate, localTime } from './time.ts';
import type { ClosedStretch } from './calendar.ts';

/** `extensions.reason` of a SLOT_CONFLICT: the time overlaps another appointment of the professional or cabinet. */
export const SLOT_TAKEN = 'SLOT_TAKEN';
/** `extensions.reason` of a CONFLICT: the clinic does not book outside working hours. */
export const OUTSIDE_HOURS = 'OUTSIDE_HOURS';
/**
 * The context of an agenda write whose page words these refusals itself (`useAgendaWords().refusal`): their
 * details are times, which the host's generic toast cannot put in the clinic's zone, so it leaves them to the
 * page, which raises its own toast in the same words.
 */
export const OWN_REFUSALS: OperationContext = { inlineErrorReasons: [SLOT_TAKEN, OUTSIDE_HOURS] };

const ownReason = (e: GraphQLFormattedError) =>
  (OWN_REFUSALS.inlineErrorReasons ?? []).includes(String(e.extensions?.reason));

/**
 * The agenda's words for working hours and refusals, in the person's language and the clinic's time zone
 * (`timezone`, the zone the agenda shows): the server sends codes and structured details (`extensions`), the
 * page words them and never shows the instants they carry.
 */
export function useAgendaWords(timezone: () => string) {
  const { t, locale } = useI18n();
  const tr = useTranslator();
  /** A clinic `YYYY-MM-DD` as the person writes dates (`12/3/2026`, `3/12/2026`). */
  const day = (isoDay: string) =>
    new Intl.DateTimeFormat(locale.value, {
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${isoDay}T00:00:00Z`));

  /** A time that is not open: "The clinic is closed from 14:00 to 14:30: …" (with the closure's note, if any). */
  function outsideHours(stretch: ClosedStretch): string {
    const text = t(stretch.state === 'CLINIC_CLOSED' ? 'agenda.outsideHours.clinicClosed' : 'agenda.outsideHours.off', {
      from: localTime(stretch.start, timezone()),
      to: localTime(stretch.end, timezone()),
    });
    return stretch.reason ? `${text} (${stretch.reason})` : text;
  }

  /**
   * The date and times of an appointment's span in the clinic's zone: the date as the person writes dates, the
   * times as the agenda shows them everywhere (`13:00`, 24 hours, in every language).
   */
  function span(start: string, end: string) {
    const zone = timezone();
    const [startDay, endDay] = [localDate(start, zone), localDate(end, zone)];
    return {
      day: day(startDay),
      start: localTime(start, zone),
      end: endDay === startDay ? localTime(end, zone) : `${day(endDay)} ${localTime(end, zone)}`,
    };
  }

  /**
   * One refusal's words: a slot conflict names whose time is taken and the other appointment's span; a booking
   * the clinic refuses outside hours names the first stretch that is not open. Others are the host's words.
   */
  function errorWords(error: GraphQLFormattedError): string {
    const x = error.extensions ?? {};
    if (x.reason === SLOT_TAKEN) {
      const who = x.subject === 'CABINET' ? 'cabinet' : 'professional';
      if (typeof x.conflictStart === 'string' && typeof x.conflictEnd === 'string')
        return t(`agenda.conflict.${who}`, span(x.conflictStart, x.conflictEnd));
      return t(`agenda.conflict.${who}Taken`);
    }
    const outside = Array.isArray(x.outside) ? (x.outside[0] as ClosedStretch | undefined) : undefined;
    if (x.reason === OUTSIDE_HOURS && outside) return `${t('agenda.outsideHours.refused')} ${outsideHours(outside)}`;
    return errorText(error, tr);
  }

  /**
   * The words of a failed agenda write, for the page to show in place. A refusal the host left to the page
   * (`OWN_REFUSALS`) is also raised as a toast in the same words: nothing fails silently.
   */
  function refusal(failure: unknown): string {
    const errors = (failure as { graphQLErrors?: GraphQLFormattedError[] } | null)?.graphQLErrors ?? [];
    if (!errors.length) return failureText(failure, tr);
    const text = errors.map(errorWords).join(' ');
    const own = errors.find(ownReason);
    if (own) {
      const code = String(own.extensions?.code);
      const known = (KNOWN_ERROR_CODES as readonly string[]).includes(code) ? code : 'INTERNAL_SERVER_ERROR';
      notify({ severity: 'error', summary: t(`errors.codes.${known}`), detail: text, code: known });
    }
    return text;
  }

  return { outsideHours, refusal };
}
