import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { VueCal } from 'vue-cal';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse as json,
  mountLayer,
  settle,
  type GraphQLAnswer,
} from '@dentalpin/web/testing';
import type { AppointmentFieldsFragment } from '@dentalpin/web/gql/types';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import AgendaCalendar from '../components/AgendaCalendar.vue';
import { wallDate } from '../calendar.ts';

const TZ = 'Europe/Madrid';
const DAY = '2026-12-16';
// Typenames let Apollo's cache normalise the answers as it does against the real gateway.
const room = { __typename: 'Cabinet' as const, id: 'c1', name: 'Room 1', color: '#3B82F6' };
const patient = { __typename: 'Patient' as const, id: 'p1', fullName: 'Lucía Ocupada' };
const professional = { __typename: 'User' as const, id: 'u2', fullName: 'Dario Dentista' };
/** Lucía, 13:30–14:00 in Madrid (12:30–13:00 UTC), Room 1. */
const appointment: AppointmentFieldsFragment & { __typename: 'Appointment' } = {
  __typename: 'Appointment',
  id: 'a1',
  startTime: '2026-12-16T12:30:00.000Z',
  endTime: '2026-12-16T13:00:00.000Z',
  status: 'SCHEDULED',
  allowedTransitions: ['CONFIRMED', 'CANCELLED'],
  treatmentType: 'Cleaning',
  notes: null,
  currentStatusSince: '2026-12-01T09:00:00.000Z',
  patient,
  professional,
  cabinet: room,
};
/** The clinic is closed 14:00–16:00 in Madrid (the schedules module's ranges, as the page passes them). */
const closed = [
  { start: '2026-12-16T08:00:00.000Z', end: '2026-12-16T13:00:00.000Z', state: 'OPEN' },
  { start: '2026-12-16T13:00:00.000Z', end: '2026-12-16T15:00:00.000Z', state: 'CLINIC_CLOSED' },
  { start: '2026-12-16T15:00:00.000Z', end: '2026-12-16T19:00:00.000Z', state: 'OPEN' },
];

const moved = (startTime: string, endTime: string): GraphQLAnswer => {
  return () => json({ data: { rescheduleAppointment: { ...appointment, startTime, endTime } } });
};

async function mountCalendar(fetch: Record<string, GraphQLAnswer>, locale: 'en' | 'es' = 'en') {
  const mounted = mountLayer(AgendaCalendar, {
    props: { view: 'day', date: DAY, timezone: TZ, appointments: [appointment], cabinets: [room], closed },
    permissions: ['agenda.appointments.read', 'agenda.appointments.write'],
    modules: ['agenda', 'schedules'],
    messages: { en, es },
    locale,
    fetch,
    attach: true,
    confirmDialog: true,
  });
  await flushPromises();
  await settle();
  return mounted;
}
const card = () => document.querySelector<HTMLElement>('[data-test=calendar-event][data-appointment-id=a1]')!;
const press = async (key: string) => {
  card().focus();
  card().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await settle();
};
const moves = (sent: { operationName: string; variables: Record<string, unknown> }[]) =>
  sent.filter((s) => s.operationName === 'RescheduleAppointment').map((s) => s.variables);
const ASKED = 'The clinic is closed from 14:00 to 14:15: this time is outside working hours. Move it there anyway?';

describe('agenda layer: AgendaCalendar, moves into closed time', () => {
  it('asks before a keyboard move into closed hours, and moves only once the person accepts', async () => {
    const { wrapper, sent } = await mountCalendar({
      RescheduleAppointment: moved('2026-12-16T12:45:00.000Z', '2026-12-16T13:15:00.000Z'),
    });
    expect(card()).toBeTruthy();

    await press('ArrowDown');
    expect(confirmMessage()).toBe(ASKED);
    expect(moves(sent)).toEqual([]);
    await answerConfirm(false);
    expect(moves(sent)).toEqual([]);
    expect(wrapper.emitted('changed')).toBeUndefined();
    expect(document.activeElement).toBe(card());

    await press('ArrowDown');
    expect(confirmMessage()).toBe(ASKED);
    await answerConfirm(true);
    expect(moves(sent)).toEqual([
      { id: 'a1', startTime: '2026-12-16T12:45:00.000Z', endTime: '2026-12-16T13:15:00.000Z' },
    ]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('asks the same question for a drop there (one check for mouse and keys)', async () => {
    const { wrapper, sent } = await mountCalendar({
      RescheduleAppointment: moved('2026-12-16T12:45:00.000Z', '2026-12-16T13:15:00.000Z'),
    });
    const onDrop = wrapper.findComponent(VueCal).vm.$attrs.onEventDrop as (payload: unknown) => Promise<boolean>;
    const drop = () =>
      onDrop({
        event: {
          id: 'a1',
          start: wallDate('2026-12-16T12:45:00.000Z', TZ),
          end: wallDate('2026-12-16T13:15:00.000Z', TZ),
          schedule: 'c1',
        },
      });

    let kept = drop();
    await settle();
    expect(confirmMessage()).toBe(ASKED);
    expect(moves(sent)).toEqual([]);
    await answerConfirm(false);
    expect(await kept).toBe(false);
    expect(moves(sent)).toEqual([]);

    kept = drop();
    await settle();
    await answerConfirm(true);
    expect(await kept).toBe(true);
    expect(moves(sent)).toEqual([{ id: 'a1', startTime: '2026-12-16T13:45', endTime: '2026-12-16T14:15' }]);
  });

  it('asks nothing for a move within open hours', async () => {
    const { sent } = await mountCalendar({
      RescheduleAppointment: moved('2026-12-16T12:15:00.000Z', '2026-12-16T12:45:00.000Z'),
    });
    await press('ArrowUp');
    expect(confirmMessage()).toBeNull();
    expect(moves(sent)).toEqual([
      { id: 'a1', startTime: '2026-12-16T12:15:00.000Z', endTime: '2026-12-16T12:45:00.000Z' },
    ]);
  });
});

describe('agenda layer: AgendaCalendar, a slot taken', () => {
  const taken: GraphQLAnswer = () =>
    json({
      errors: [
        {
          // What an older server wrote; the page words the extensions instead.
          message:
            'The professional already has an appointment 2026-12-16T09:45:00.000Z–2026-12-16T10:15:00.000Z that overlaps this time.',
          extensions: {
            code: 'SLOT_CONFLICT',
            reason: 'SLOT_TAKEN',
            subject: 'PROFESSIONAL',
            conflictWith: 'a9',
            conflictStart: '2026-12-16T09:45:00.000Z',
            conflictEnd: '2026-12-16T10:15:00.000Z',
          },
        },
      ],
    });

  it('says which time is taken in Spanish and in the clinic time zone, with no ISO time', async () => {
    const { sent, notices, errorToasts } = await mountCalendar({ RescheduleAppointment: taken }, 'es');
    await press('ArrowUp');
    expect(moves(sent)).toHaveLength(1);
    const text = document.querySelector('[data-test=calendar-refusal]')?.textContent?.trim();
    expect(text).toBe(
      'El profesional ya tiene una cita el 16/12/2026 de 10:45 a 11:15 que se solapa con esta hora; elige otra hora u otro profesional.',
    );
    expect(text).not.toMatch(/T\d\d:\d\d|Z\b/);
    // One toast, in the same words (the host's generic one is left to the page).
    expect(errorToasts).toEqual([]);
    expect(notices).toContainEqual(expect.objectContaining({ severity: 'error', detail: text, code: 'SLOT_CONFLICT' }));
  });
});
