import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { expectNamedByLabel, jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import AppointmentDialog from '../components/AppointmentDialog.vue';

const options = () =>
  json({
    data: {
      cabinets: [{ __typename: 'Cabinet', id: 'c1', name: 'Room 1', color: '#0a0', isActive: true }],
      professionals: [{ __typename: 'User', id: 'u2', fullName: 'Dario Dentista' }],
    },
  });

async function open(locale: 'en' | 'es') {
  const dialog = mountLayer(AppointmentDialog, {
    props: { visible: true, timezone: 'Europe/Madrid', date: '2026-12-02' },
    messages: { en, es },
    locale,
    fetch: { AgendaBookingOptions: options },
    attach: true,
  });
  await flushPromises();
  await settle();
  return dialog;
}
const submit = async () => {
  document.querySelector('#appointment-form')!.dispatchEvent(new Event('submit'));
  await settle();
};
const errorOf = (field: string) => document.querySelector(`[data-test=error-${field}]`)?.textContent?.trim();
const bookings = (sent: { operationName: string }[]) => sent.filter((s) => s.operationName !== 'AgendaBookingOptions');

describe('agenda layer: AppointmentDialog', () => {
  it('marks an empty booking’s patient and professional as required, in Spanish, and sends nothing', async () => {
    const dialog = await open('es');
    await submit();
    expect(errorOf('patientId')).toBe('es obligatorio');
    expect(errorOf('professionalId')).toBe('es obligatorio');
    expect(document.querySelector('#a-patient')!.getAttribute('aria-describedby')).toBe('a-patient-error');
    expect(bookings(dialog.sent)).toEqual([]);
    expect(dialog.errorToasts).toEqual([]);
  });

  it('names the professional and cabinet selects by their visible labels only', async () => {
    await open('es');
    expectNamedByLabel(document.querySelector('#a-professional'), 'Profesional');
    expectNamedByLabel(document.querySelector('#a-cabinet'), 'Gabinete');
  });

  it('marks the end field when the end is not after the start', async () => {
    const dialog = await open('en');
    const end = document.querySelector<HTMLInputElement>('#a-end')!;
    end.value = '08:30';
    end.dispatchEvent(new Event('input'));
    await submit();
    expect(errorOf('endTime')).toBe('must be after the start');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(bookings(dialog.sent)).toEqual([]);
  });

  it('starts with a booking request’s patient, professional, times and treatment', async () => {
    const dialog = mountLayer(AppointmentDialog, {
      props: {
        visible: true,
        timezone: 'Europe/Madrid',
        date: '2026-12-02',
        preset: {
          patient: { id: 'p1', fullName: 'Marta Sesiones' },
          professionalId: 'u2',
          start: '09:00',
          end: '09:45',
          treatmentType: 'crown zirconia',
        },
      },
      messages: { en, es },
      fetch: {
        AgendaBookingOptions: options,
        ScheduleAppointment: () => json({ errors: [{ message: 'stop here', extensions: { code: 'CONFLICT' } }] }),
      },
      attach: true,
    });
    await flushPromises();
    await settle();
    expect(document.querySelector<HTMLInputElement>('#a-patient')!.value).toBe('Marta Sesiones');
    expect(document.querySelector<HTMLInputElement>('#a-end')!.value).toBe('09:45');
    await submit();
    expect(dialog.sent.find((x) => x.operationName === 'ScheduleAppointment')?.variables).toMatchObject({
      input: {
        patientId: 'p1',
        professionalId: 'u2',
        startTime: '2026-12-02T09:00',
        endTime: '2026-12-02T09:45',
        treatmentType: 'crown zirconia',
      },
    });
  });
});

describe('agenda layer: AppointmentDialog outside hours', () => {
  const appointment = {
    id: 'a1',
    startTime: '2026-12-02T17:00:00.000Z',
    endTime: '2026-12-02T17:30:00.000Z',
    professional: { id: 'u2', fullName: 'Dario Dentista' },
  };
  const off = () =>
    json({
      data: {
        availability: [
          {
            __typename: 'AvailabilityRange',
            start: '2026-12-02T17:00:00.000Z',
            end: '2026-12-02T17:30:00.000Z',
            state: 'PROFESSIONAL_OFF',
            reason: null,
          },
        ],
      },
    });
  const mount = async (modules: string[], locale: 'en' | 'es' = 'en') => {
    const dialog = mountLayer(AppointmentDialog, {
      props: { visible: true, timezone: 'Europe/Madrid', date: '2026-12-02', appointment: appointment as never },
      messages: { en, es },
      locale,
      modules,
      permissions: ['agenda.appointments.write', 'schedules.availability.read'],
      fetch: { AgendaAvailability: off },
      attach: true,
    });
    await flushPromises();
    await settle();
    return dialog;
  };
  const warning = () => document.querySelector('[data-test=appointment-outside-hours]')?.textContent?.trim();

  it('warns, in the clinic time zone, when the time is outside the professional’s hours', async () => {
    const dialog = await mount(['agenda', 'schedules']);
    expect(dialog.sent.map((s) => s.operationName)).toContain('AgendaAvailability');
    expect(warning()).toBe('The professional does not work from 18:00 to 18:30: this time is outside their hours.');
    expect(document.querySelector('[data-test=appointment-save]')!.hasAttribute('disabled')).toBe(false);
  });

  it('says it in Spanish too', async () => {
    await mount(['agenda', 'schedules'], 'es');
    expect(warning()).toBe('El profesional no trabaja de 18:00 a 18:30: esta hora queda fuera de su horario.');
  });

  it('asks nothing and warns nothing without the schedules module', async () => {
    const dialog = await mount(['agenda']);
    expect(dialog.sent.map((s) => s.operationName)).not.toContain('AgendaAvailability');
    expect(warning()).toBeUndefined();
  });
});

describe('agenda layer: AppointmentDialog refusals', () => {
  const appointment = {
    id: 'a1',
    startTime: '2026-12-03T09:30:00.000Z',
    endTime: '2026-12-03T10:00:00.000Z',
    professional: { id: 'u2', fullName: 'Dario Dentista' },
  };
  /** SLOT_CONFLICT as the server sends it: its message may carry instants; the extensions carry the details. */
  const taken = (subject: 'PROFESSIONAL' | 'CABINET') => () =>
    json({
      errors: [
        {
          message: `The ${subject.toLowerCase()} already has an appointment 2026-12-03T09:45:00.000Z that overlaps this time.`,
          extensions: {
            code: 'SLOT_CONFLICT',
            reason: 'SLOT_TAKEN',
            subject,
            conflictWith: 'a9',
            conflictStart: '2026-12-03T09:45:00.000Z',
            conflictEnd: '2026-12-03T10:15:00.000Z',
          },
        },
      ],
    });
  const reschedule = async (locale: 'en' | 'es', answer: () => Response) => {
    const dialog = mountLayer(AppointmentDialog, {
      props: { visible: true, timezone: 'Europe/Madrid', date: '2026-12-03', appointment: appointment as never },
      messages: { en, es },
      locale,
      permissions: ['agenda.appointments.write'],
      fetch: { RescheduleAppointment: answer },
      attach: true,
    });
    await flushPromises();
    await settle();
    await submit();
    return dialog;
  };
  const refusal = () => document.querySelector('[data-test=appointment-refusal]')?.textContent?.trim();

  it('words a slot conflict in Spanish, with the other appointment’s time in the clinic’s zone (no ISO time)', async () => {
    const dialog = await reschedule('es', taken('PROFESSIONAL'));
    expect(refusal()).toBe(
      'El profesional ya tiene una cita el 3/12/2026 de 10:45 a 11:15 que se solapa con esta hora; elige otra hora u otro profesional.',
    );
    expect(refusal()).not.toMatch(/\d{4}-\d\d-\d\dT|:00(\.000)?Z/);
    // The host's generic toast is left out; the dialog raises one in the same words.
    expect(dialog.errorToasts).toEqual([]);
    expect(dialog.notices).toEqual([
      { severity: 'error', summary: 'Franja ocupada', detail: refusal(), code: 'SLOT_CONFLICT' },
    ]);
  });

  it('words it in English for a cabinet, in the shape the server used', async () => {
    await reschedule('en', taken('CABINET'));
    expect(refusal()).toBe(
      'The cabinet already has an appointment 12/3/2026 10:45–11:15 that overlaps this time; choose another time or cabinet.',
    );
  });

  it('names the closed stretch of a booking the clinic refuses outside hours', async () => {
    await reschedule('es', () =>
      json({
        errors: [
          {
            message: 'This clinic does not book outside working hours, and the clinic is closed from …',
            extensions: {
              code: 'CONFLICT',
              reason: 'OUTSIDE_HOURS',
              outside: [{ start: '2026-12-03T13:00:00.000Z', end: '2026-12-03T13:30:00.000Z', state: 'CLINIC_CLOSED' }],
            },
          },
        ],
      }),
    );
    expect(refusal()).toBe(
      'Esta clínica no reserva fuera del horario. La clínica está cerrada de 14:00 a 14:30: esta hora queda fuera del horario.',
    );
  });
});
