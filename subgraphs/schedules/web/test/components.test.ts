import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import FreeSlotsPicker from '../components/FreeSlotsPicker.vue';
import WeeklyHoursEditor from '../components/WeeklyHoursEditor.vue';
import SchedulesSettingsSection from '../components/SchedulesSettingsSection.vue';
import en from '../i18n/en.json';
import es from '../i18n/es.json';

const slots = [
  { start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:30:00.000Z', freeUntil: '2027-03-22T11:00:00.000Z' },
  { start: '2027-03-22T15:00:00.000Z', end: '2027-03-22T15:30:00.000Z', freeUntil: '2027-03-22T19:00:00.000Z' },
];

describe('FreeSlotsPicker (slot appointment.booking.free-slots)', () => {
  it("asks for the professional's free slots and hands the picked one back, in the clinic's time zone", async () => {
    const picked: { start: string; end: string }[] = [];
    const { wrapper, sent } = mountLayer(FreeSlotsPicker, {
      props: {
        ctx: {
          professionalId: 'u1',
          durationMinutes: 30,
          onPick: (s: { start: string; end: string }) => picked.push(s),
        },
      },
      permissions: ['schedules.availability.read'],
      messages: { en, es },
      fetch: { ScheduleFreeSlots: () => jsonResponse({ data: { findFreeSlots: slots } }) },
    });
    await settle();
    expect(sent[0]).toMatchObject({
      operationName: 'ScheduleFreeSlots',
      variables: { professionalId: 'u1', durationMinutes: 30 },
    });
    const buttons = wrapper.findAll('[data-test="free-slot"]');
    expect(buttons).toHaveLength(2);
    // 09:00Z is 10:00 in Madrid (the test host's clinic), whatever the browser's zone.
    expect(buttons[0].text()).toContain('10:00');
    expect(buttons[0].attributes('title')).toBe('free until 12:00');
    await buttons[1].trigger('click');
    expect(picked).toEqual([{ start: slots[1].start, end: slots[1].end }]);
  });

  it('stays silent until the dialog knows the professional', async () => {
    const { wrapper, sent } = mountLayer(FreeSlotsPicker, {
      props: { ctx: { professionalId: null, durationMinutes: 30 } },
      messages: { en, es },
    });
    await settle();
    expect(sent).toEqual([]);
    expect(wrapper.find('[data-test="free-slots"]').exists()).toBe(false);
  });

  it('says so in Spanish when there is no free slot', async () => {
    const { wrapper } = mountLayer(FreeSlotsPicker, {
      props: { ctx: { professionalId: 'u1', durationMinutes: 60 } },
      messages: { en, es },
      locale: 'es',
      fetch: { ScheduleFreeSlots: () => jsonResponse({ data: { findFreeSlots: [] } }) },
    });
    await settle();
    expect(wrapper.text()).toContain('No hay huecos libres');
  });
});

describe('WeeklyHoursEditor', () => {
  it('edits by weekday and saves the whole week', async () => {
    const { wrapper } = mountLayer(WeeklyHoursEditor, {
      props: { shifts: [{ weekday: 1, start: '09:00', end: '14:00' }], editable: true },
      messages: { en, es },
    });
    await wrapper.find('[data-test="add-1"]').trigger('click');
    await wrapper.find('[data-test="add-6"]').trigger('click');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('save')?.[0]).toEqual([
      [
        { weekday: 1, start: '09:00', end: '14:00' },
        { weekday: 1, start: '14:00', end: '20:00' },
        { weekday: 6, start: '09:00', end: '14:00' },
      ],
    ]);
    expect(wrapper.find('[data-test="day-7"]').text()).toContain('Closed');
  });

  it('shows the hours read-only without the write permission', () => {
    const { wrapper } = mountLayer(WeeklyHoursEditor, {
      props: { shifts: [{ weekday: 2, start: '10:00', end: '13:00' }], editable: false },
      messages: { en, es },
    });
    expect(wrapper.find('[data-test="save-hours"]').exists()).toBe(false);
    expect(wrapper.find('#s-2-0-start').attributes('disabled')).toBeDefined();
  });
});

describe('SchedulesSettingsSection: refuse bookings outside hours', () => {
  const router = () =>
    createRouter({
      history: createMemoryHistory(),
      routes: ['schedules', 'schedules-professionals', 'home'].map((name) => ({
        name,
        path: `/${name}`,
        component: { render: () => null },
      })),
    });
  const mount = (permissions: string[]) =>
    mountLayer(SchedulesSettingsSection, {
      permissions,
      plugins: [router()],
      messages: { en, es },
      fetch: {
        ScheduleSettings: () => jsonResponse({ data: { scheduleSettings: { refuseBookingsOutsideHours: false } } }),
        UpdateScheduleSettings: () =>
          jsonResponse({ data: { updateScheduleSettings: { refuseBookingsOutsideHours: true } } }),
      },
    });

  it('shows the policy (off by default) and turns it on for a clinic_hours.write holder', async () => {
    const { wrapper, sent } = mount(['schedules.clinic_hours.read', 'schedules.clinic_hours.write']);
    await settle();
    const toggle = wrapper.find('[data-test=schedules-refuse-outside-hours] input');
    expect((toggle.element as HTMLInputElement).checked).toBe(false);
    expect(wrapper.text()).toContain('Refuse bookings outside working hours');
    await toggle.setValue(true);
    await settle();
    expect(sent.find((s) => s.operationName === 'UpdateScheduleSettings')).toMatchObject({
      variables: { refuseBookingsOutsideHours: true },
    });
  });

  it('is read-only without clinic_hours.write', async () => {
    const { wrapper } = mount(['schedules.clinic_hours.read']);
    await settle();
    expect(wrapper.find('[data-test=schedules-refuse-outside-hours] input').attributes('disabled')).toBeDefined();
  });
});
