import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import WeeklyHoursEditor, { type Shift } from '../components/WeeklyHoursEditor.vue';
import OverridesEditor from '../components/OverridesEditor.vue';
import ProfessionalHoursPage from '../pages/ProfessionalHoursPage.vue';
import en from '../i18n/en.json';

/** The editor as a page renders it, on a route; returns the router to try leaving. */
async function onPage(editor: Component, props: Record<string, unknown>) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/hours', component: defineComponent({ setup: () => () => h(editor, props) }) },
      { path: '/elsewhere', component: { render: () => h('p', { 'data-test': 'elsewhere' }) } },
    ],
  });
  await router.push('/hours');
  mountLayer(RouterView, {
    plugins: [router],
    messages: { en },
    attach: true,
    confirmDialog: true,
    permissions: ['schedules.read', 'schedules.write'],
    fetch: { ScheduleOverrides: () => jsonResponse({ data: { scheduleOverrides: [] } }) },
  });
  await settle();
  return router;
}
/** Starts leaving the page; the navigation settles once any question is answered. */
function leave(router: Awaited<ReturnType<typeof onPage>>) {
  const leaving = router.push('/elsewhere');
  return { leaving, asked: settle() };
}
const type = async (selector: string, value: string) => {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
};

describe('schedules layer: editors ask before leaving with unsaved changes', () => {
  it('weekly hours: leaves an unchanged week at once; asks for an edited one, stays, then discards', async () => {
    const shifts = ref<Shift[]>([{ weekday: 1, start: '09:00', end: '14:00' }]);
    const router = await onPage(WeeklyHoursEditor, { shifts: shifts.value, editable: true });
    await leave(router).leaving;
    expect(confirmMessage()).toBeNull();
    expect(router.currentRoute.value.path).toBe('/elsewhere');

    await router.push('/hours');
    await settle();
    await type('#s-1-0-end', '15:00');
    const first = leave(router);
    await first.asked;
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    await first.leaving;
    expect(router.currentRoute.value.path).toBe('/hours');
    const second = leave(router);
    await second.asked;
    await answerConfirm(true);
    await second.leaving;
    expect(router.currentRoute.value.path).toBe('/elsewhere');
  });

  it('overrides: asks before a typed reason is dropped by leaving the page', async () => {
    const router = await onPage(OverridesEditor, { editable: true, today: '2027-03-22' });
    await type('#o-reason', 'Staff training');
    const leaving = leave(router);
    await leaving.asked;
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    await leaving.leaving;
    expect(router.currentRoute.value.path).toBe('/hours');
  });

  it('professional hours: asks before another professional replaces an edited week; stays or switches', async () => {
    const { wrapper, sent } = mountLayer(ProfessionalHoursPage, {
      messages: { en },
      attach: true,
      confirmDialog: true,
      permissions: ['schedules.professional.read', 'schedules.professional.write'],
      fetch: {
        ScheduleProfessionals: () =>
          jsonResponse({
            data: {
              professionals: [
                { __typename: 'User', id: 'p1', fullName: 'Ana Dentist' },
                { __typename: 'User', id: 'p2', fullName: 'Bruno Hygienist' },
              ],
            },
          }),
        ScheduleProfessionalHours: () =>
          jsonResponse({
            data: { professionalHours: [{ __typename: 'WeeklyShift', weekday: 1, start: '09:00', end: '14:00' }] },
          }),
        ScheduleOverrides: () => jsonResponse({ data: { scheduleOverrides: [] } }),
      },
    });
    await settle();
    const hoursFor = () =>
      sent.filter((o) => o.operationName === 'ScheduleProfessionalHours').map((o) => o.variables.userId);
    expect(hoursFor()).toEqual(['p1']);
    const pick = async (id: string) => {
      wrapper.findComponent({ name: 'Select' }).vm.$emit('update:modelValue', id);
      await settle();
    };

    await type('#s-1-0-end', '15:00');
    await pick('p2');
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(hoursFor()).toEqual(['p1']);
    expect(document.querySelector<HTMLInputElement>('#s-1-0-end')!.value).toBe('15:00');

    await pick('p2');
    await answerConfirm(true);
    expect(hoursFor()).toEqual(['p1', 'p2']);
  });
});
