import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { clearSlots, registerSlot } from '@dentalpin/web/sdk';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import TreatmentPlanPage from '../pages/TreatmentPlanPage.vue';

const PLAN = '00000000-0000-4000-8000-0000000000aa';
const PATIENT = '00000000-0000-4000-8000-0000000000dd';
const session = (id: string, sequence: number, appointmentId: string | null = null) => ({
  __typename: 'PlanItemSession',
  id,
  sequence,
  status: 'PENDING',
  appointmentId,
});
const plan = (
  over: { editable?: boolean; bookable?: boolean; status?: string; closureReason?: string; closedAt?: string } = {},
) => ({
  __typename: 'TreatmentPlan',
  id: PLAN,
  number: 'PLAN-2026-0001',
  title: null,
  status: over.status ?? 'DRAFT',
  allowedTransitions: ['PENDING', 'CLOSED'],
  closureReason: over.closureReason ?? null,
  closureNote: null,
  createdAt: '2026-12-02T10:00:00Z',
  confirmedAt: null,
  closedAt: over.closedAt ?? null,
  editable: over.editable ?? true,
  bookable: over.bookable ?? true,
  budget: null,
  patient: { __typename: 'Patient', id: PATIENT, fullName: 'Marta Sesiones' },
  items: [
    {
      __typename: 'PlanItem',
      id: 'item-1',
      status: 'PENDING',
      sequence: 1,
      treatment: { __typename: 'Treatment', id: 'tr-1' },
      sessions: [session('s-1', 1, 'appt-1'), session('s-2', 2)],
    },
  ],
});
const treatments = () => ({
  data: {
    treatmentPlan: {
      __typename: 'TreatmentPlan',
      id: PLAN,
      items: [
        {
          __typename: 'PlanItem',
          id: 'item-1',
          treatment: {
            __typename: 'Treatment',
            id: 'tr-1',
            clinicalType: 'crown_zirconia',
            durationMinutes: 45,
            recordedBy: { __typename: 'User', id: 'dentist-1' },
          },
        },
      ],
    },
  },
});
const ALL = [
  'treatment_plan.read',
  'treatment_plan.write',
  'odontogram.treatments.read',
  'agenda.appointments.read',
  'agenda.appointments.write',
];

/** A stand-in for the odontogram's contribution: shows what it was handed and plans treatment "tr-new". */
const seen: Record<string, unknown>[] = [];
const FakeChart = defineComponent({
  props: { ctx: { type: Object as PropType<Record<string, unknown>>, required: true } },
  setup(props) {
    return () => {
      seen.push({ ...props.ctx });
      return h(
        'button',
        { 'data-test': 'fake-plan', onClick: () => (props.ctx.onPlanned as (id: string) => void)('tr-new') },
        'plan',
      );
    };
  },
});

async function mountPage(
  path: string,
  options: {
    permissions?: string[];
    modules?: string[];
    answers?: Record<string, () => Response>;
    locale?: string;
  } = {},
) {
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/treatment-plans/:id', component: TreatmentPlanPage },
      { path: '/agenda', component: { render: () => null } },
      { path: '/patients/:id', component: { render: () => null } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const mounted = mountLayer(TreatmentPlanPage, {
    permissions: options.permissions ?? ALL,
    modules: options.modules ?? ['treatment_plan', 'odontogram', 'agenda'],
    messages: { en, es },
    locale: options.locale,
    plugins: [router],
    fetch: {
      TreatmentPlan: () => json({ data: { treatmentPlan: plan() } }),
      PlanTreatmentsBooking: () => json(treatments()),
      PlanSessionAppointment: () =>
        json({
          data: {
            appointment: {
              __typename: 'Appointment',
              id: 'appt-1',
              startTime: '2026-12-10T08:30:00.000Z',
              status: 'SCHEDULED',
            },
          },
        }),
      ...options.answers,
    },
  });
  await settle();
  await settle();
  return { ...mounted, router };
}

afterEach(() => {
  clearSlots('treatment_plan.detail.chart');
  seen.length = 0;
});

describe('treatment plan page', () => {
  it('works without a chart contribution, and shows a booked visit with its appointment time (clinic zone)', async () => {
    const { wrapper } = await mountPage(`/treatment-plans/${PLAN}`);
    expect(wrapper.find('[data-test=treatment-plan-page] h1').text()).toContain('PLAN-2026-0001');
    expect(wrapper.find('[data-slot="treatment_plan.detail.chart"]').exists()).toBe(false);
    expect(wrapper.find('[data-test=plan-item]').text()).toContain('crown zirconia');
    // 08:30 UTC is 09:30 in Madrid.
    expect(wrapper.find('[data-test=session-appointment]').text()).toMatch(/Booked for .*9:30/);
  });

  it('shows the day it closed and the visit’s time on the clinic’s clock (Madrid), in Spanish', async () => {
    const { wrapper } = await mountPage(`/treatment-plans/${PLAN}`, {
      locale: 'es',
      answers: {
        TreatmentPlan: () =>
          json({
            data: {
              // 23:30 UTC on 30 November is already 1 December in Madrid.
              treatmentPlan: plan({ status: 'CLOSED', closureReason: 'OTHER', closedAt: '2026-11-30T23:30:00.000Z' }),
            },
          }),
      },
    });
    expect(wrapper.find('[data-test=plan-closed-at]').text()).toBe('· 1 dic 2026');
    expect(wrapper.find('[data-test=session-appointment]').text()).toBe('Citada el 10 dic 2026, 9:30');
  });

  it('hands the chart slot the patient, the plan’s treatments and whether it may change; a planned treatment is added', async () => {
    registerSlot('treatment_plan.detail.chart', { id: 'test.chart', component: FakeChart });
    const { wrapper, sent, notices } = await mountPage(`/treatment-plans/${PLAN}`, {
      answers: {
        AddPlanItem: () => json({ data: { addPlanItem: plan() } }),
      },
    });
    expect(seen.at(-1)).toMatchObject({ patientId: PATIENT, treatmentIds: ['tr-1'], editable: true });
    await wrapper.find('[data-test=fake-plan]').trigger('click');
    await settle();
    expect(sent.find((o) => o.operationName === 'AddPlanItem')?.variables).toEqual({
      planId: PLAN,
      treatmentId: 'tr-new',
    });
    expect(notices.at(-1)).toMatchObject({ severity: 'success', summary: 'Treatment added to the plan' });
  });

  it('a reader’s chart is not editable', async () => {
    registerSlot('treatment_plan.detail.chart', { id: 'test.chart', component: FakeChart });
    await mountPage(`/treatment-plans/${PLAN}`, { permissions: ['treatment_plan.read'] });
    expect(seen.at(-1)).toMatchObject({ editable: false });
  });

  it('"Book" opens the agenda booking with the patient, length, professional and the way back to link the visit', async () => {
    const { wrapper, router } = await mountPage(`/treatment-plans/${PLAN}`);
    const books = wrapper.findAll('[data-action=book-session]');
    expect(books).toHaveLength(1); // the first visit is booked already
    await books[0].trigger('click');
    await settle();
    const { path, query } = router.currentRoute.value;
    expect(path).toBe('/agenda');
    expect(query).toMatchObject({
      book: '1',
      patient: PATIENT,
      duration: '45',
      professional: 'dentist-1',
      treatment: 'crown zirconia',
      returnTo: `/treatment-plans/${PLAN}?linkSession=s-2`,
    });
  });

  it('offers no booking without the agenda, its permission, or once the plan cannot book', async () => {
    for (const options of [
      { modules: ['treatment_plan', 'odontogram'] },
      { permissions: ['treatment_plan.read', 'treatment_plan.write'] },
      { answers: { TreatmentPlan: () => json({ data: { treatmentPlan: plan({ bookable: false }) } }) } },
    ]) {
      const { wrapper } = await mountPage(`/treatment-plans/${PLAN}`, options);
      expect(wrapper.find('[data-action=book-session]').exists()).toBe(false);
    }
  });

  it('back from the agenda with the appointment, links it to the visit once and clears the URL (es)', async () => {
    const { sent, notices, router } = await mountPage(`/treatment-plans/${PLAN}?linkSession=s-2&appointment=appt-9`, {
      answers: { LinkPlanSession: () => json({ data: { linkPlanSessionAppointment: plan() } }) },
    });
    const links = sent.filter((o) => o.operationName === 'LinkPlanSession');
    expect(links.map((o) => o.variables)).toEqual([{ sessionId: 's-2', appointmentId: 'appt-9' }]);
    expect(router.currentRoute.value.query).toEqual({});
    expect(notices.at(-1)).toMatchObject({ severity: 'success', summary: 'Visit booked' });
  });
});
