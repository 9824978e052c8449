import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { clearSlots, registerSlot } from '@dentalpin/web/sdk';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import type { AppointmentFieldsFragment } from '@dentalpin/web/gql/types';
import en from '../i18n/en.json';
import AppointmentDialog from '../components/AppointmentDialog.vue';
import AppointmentCard from '../components/AppointmentCard.vue';

type Ctx = Record<string, unknown>;
type Window = { start: string; end: string };

/** A contributor that records every context it renders with and offers one button, as real contributors do. */
function recordingEntry(seen: Ctx[], onClick: (ctx: Ctx) => void = () => undefined) {
  return defineComponent({
    props: { ctx: { type: Object as PropType<Ctx>, required: true } },
    setup(props) {
      return () => {
        seen.push({ ...props.ctx });
        return h('button', { type: 'button', 'data-test': 'slot-button', onClick: () => onClick(props.ctx) }, 'x');
      };
    },
  });
}

// Only Date is faked: "from never before now" needs a fixed now, while the test harness still needs real timers.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
  clearSlots();
});

const options = () =>
  json({ data: { cabinets: [], professionals: [{ __typename: 'User', id: 'u2', fullName: 'Dario Dentista' }] } });
const appointment: AppointmentFieldsFragment = {
  id: 'a1',
  startTime: '2026-12-03T09:00:00.000Z',
  endTime: '2026-12-03T09:45:00.000Z',
  status: 'SCHEDULED',
  allowedTransitions: ['CONFIRMED', 'CANCELLED'],
  treatmentType: null,
  notes: null,
  currentStatusSince: '2026-12-01T08:00:00.000Z',
  patient: { id: 'p1', fullName: 'María García' },
  professional: { id: 'u2', fullName: 'Dario Dentista' },
  cabinet: null,
};
const input = (id: string) => document.querySelector<HTMLInputElement>(`#${id}`)!;

async function openDialog(
  props: { date: string; appointment?: AppointmentFieldsFragment },
  onClick?: (c: Ctx) => void,
) {
  const seen: Ctx[] = [];
  registerSlot('appointment.booking.free-slots', { id: 'test.free-slots', component: recordingEntry(seen, onClick) });
  mountLayer(AppointmentDialog, {
    props: { visible: true, timezone: 'Europe/Madrid', ...props },
    messages: { en },
    fetch: { AgendaBookingOptions: options },
    attach: true,
  });
  await flushPromises();
  await settle();
  return seen;
}

describe('agenda layer: slot appointment.booking.free-slots in the booking dialog', () => {
  it('hands the professional, the length and the clinic day; a picked window fills date, start and end', async () => {
    const picked: Window = { start: '2026-12-10T09:15:00.000Z', end: '2026-12-10T09:45:00.000Z' };
    const seen = await openDialog({ date: '2026-12-01', appointment }, (ctx) =>
      (ctx.onPick as (w: Window) => void)(picked),
    );
    expect(seen.at(-1)).toMatchObject({
      professionalId: 'u2',
      durationMinutes: 45,
      // Madrid midnight of the appointment's day (UTC+1 in December).
      from: '2026-12-02T23:00:00.000Z',
    });

    // Reachable and operable from the keyboard: a real button inside the dialog's form.
    const button = document.querySelector<HTMLButtonElement>(
      '[data-slot="appointment.booking.free-slots"] [data-test=slot-button]',
    )!;
    button.focus();
    expect(document.activeElement).toBe(button);
    button.click();
    await settle();
    expect(input('a-date').value).toBe('2026-12-10');
    expect(input('a-start').value).toBe('10:15');
    expect(input('a-end').value).toBe('10:45');
    expect(seen.at(-1)).toMatchObject({ from: '2026-12-09T23:00:00.000Z', durationMinutes: 30 });
  });

  it('searches from now for a day already begun, and has no professional or length until the form has them', async () => {
    const seen = await openDialog({ date: '2026-12-01' });
    expect(seen.at(-1)).toMatchObject({ professionalId: null, durationMinutes: 30, from: '2026-12-01T10:00:00.000Z' });

    const end = input('a-end');
    end.value = '08:00';
    end.dispatchEvent(new Event('input'));
    await settle();
    expect(seen.at(-1)!.durationMinutes).toBeNull();
  });
});

describe('agenda layer: slot appointment.detail.actions on the appointment card', () => {
  it('renders the contributions with the appointment id, patient id and status', async () => {
    const seen: Ctx[] = [];
    registerSlot('appointment.detail.actions', { id: 'test.actions', component: recordingEntry(seen) });
    const { wrapper } = mountLayer(AppointmentCard, {
      props: { appointment, timezone: 'Europe/Madrid' },
      messages: { en },
    });
    await settle();
    expect(seen.at(-1)).toEqual({ appointmentId: 'a1', patientId: 'p1', status: 'SCHEDULED' });
    expect(wrapper.find('[data-slot="appointment.detail.actions"] button').exists()).toBe(true);
  });

  it('hides a contribution the user lacks the permission for', async () => {
    const seen: Ctx[] = [];
    registerSlot('appointment.detail.actions', {
      id: 'test.actions',
      component: recordingEntry(seen),
      permission: 'clinical_notes.write',
    });
    const { wrapper } = mountLayer(AppointmentCard, {
      props: { appointment, timezone: 'Europe/Madrid' },
      messages: { en },
    });
    await settle();
    expect(seen).toEqual([]);
    expect(wrapper.find('[data-slot="appointment.detail.actions"]').exists()).toBe(false);
  });
});
