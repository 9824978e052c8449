import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import type { TreatmentPlanFieldsFragment, TreatmentPlanStatus } from '@dentalpin/web/gql/types';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PlanActions from '../components/PlanActions.vue';

const plan = (status: TreatmentPlanStatus, allowedTransitions: TreatmentPlanStatus[]): TreatmentPlanFieldsFragment => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  number: 'PLAN-2026-0001',
  title: null,
  status,
  allowedTransitions,
  closureReason: null,
  closureNote: null,
  createdAt: '2026-12-02T10:00:00Z',
  budget: null,
  items: [
    {
      id: '00000000-0000-4000-8000-0000000000bb',
      status: 'PENDING',
      sequence: 1,
      treatment: { id: 'x' },
      sessions: [{ id: '00000000-0000-4000-8000-0000000000cc', sequence: 1, status: 'PENDING', appointmentId: null }],
    },
  ],
});
const ALL = [
  'treatment_plan.read',
  'treatment_plan.write',
  'treatment_plan.confirm',
  'treatment_plan.close',
  'treatment_plan.reactivate',
];
const offered = (w: VueWrapper) => w.findAll('[data-action]').map((b) => b.attributes('data-action'));
const mount = (p: TreatmentPlanFieldsFragment, permissions = ALL) =>
  mountLayer(PlanActions, { props: { plan: p }, permissions, messages: { en } }).wrapper;

describe('treatment_plan layer', () => {
  it('offers exactly the moves the transition table and the caller’s permissions allow', () => {
    expect(offered(mount(plan('DRAFT', ['PENDING', 'CLOSED'])))).toEqual(['confirm', 'close']);
    expect(offered(mount(plan('PENDING', ['ACTIVE', 'DRAFT', 'CLOSED'])))).toEqual(['close']);
    expect(offered(mount(plan('CLOSED', ['DRAFT'])))).toEqual(['reactivate']);
    expect(offered(mount(plan('ARCHIVED', [])))).toEqual([]);
    expect(offered(mount(plan('COMPLETED', ['ARCHIVED'])))).toEqual(['archive']);
    // A receptionist closes but does not confirm (that quotes the patient).
    const reception = [
      'treatment_plan.read',
      'treatment_plan.write',
      'treatment_plan.close',
      'treatment_plan.reactivate',
    ];
    expect(offered(mount(plan('DRAFT', ['PENDING', 'CLOSED']), reception))).toEqual(['close']);
    expect(offered(mount(plan('DRAFT', ['PENDING', 'CLOSED']), ['treatment_plan.read']))).toEqual([]);
  });

  it('closes with the chosen reason and note from the keyboard-reachable form (es)', async () => {
    const p = plan('DRAFT', ['PENDING', 'CLOSED']);
    const { wrapper, sent, notices } = mountLayer(PlanActions, {
      props: { plan: p },
      permissions: ALL,
      messages: { en, es },
      locale: 'es',
      fetch: {
        CloseTreatmentPlan: () =>
          jsonResponse({ data: { closeTreatmentPlan: { ...p, status: 'CLOSED', allowedTransitions: ['DRAFT'] } } }),
      },
    });
    const toggle = wrapper.find('[data-action=close]');
    expect(toggle.text()).toBe('Cerrar plan');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    await wrapper.find('[data-test=close-reason]').setValue('REJECTED_BY_PATIENT');
    await wrapper.find('textarea').setValue('  Prefiere esperar ');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(sent[0]).toMatchObject({
      operationName: 'CloseTreatmentPlan',
      variables: { id: p.id, reason: 'REJECTED_BY_PATIENT', note: 'Prefiere esperar' },
    });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Plan cerrado' });
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });
});

describe('treatment_plan layer: the close form keeps what was written', () => {
  const mountClose = () =>
    mountLayer(PlanActions, {
      props: { plan: plan('DRAFT', ['PENDING', 'CLOSED']) },
      permissions: ALL,
      messages: { en },
      attach: true,
      confirmDialog: true,
    }).wrapper;

  it('folds an untouched close form at once', async () => {
    const wrapper = mountClose();
    await wrapper.find('[data-action=close]').trigger('click');
    await wrapper.find('[data-action=close]').trigger('click');
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(wrapper.find('form').exists()).toBe(false);
  });

  it('asks before folding a form with a note; keeping it keeps the note, discarding folds it', async () => {
    const wrapper = mountClose();
    await wrapper.find('[data-action=close]').trigger('click');
    await wrapper.find('textarea').setValue('Moving abroad');
    await wrapper.find('[data-action=close]').trigger('click');
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect((wrapper.find('textarea').element as HTMLTextAreaElement).value).toBe('Moving abroad');
    await wrapper.find('[data-action=close]').trigger('click');
    await settle();
    await answerConfirm(true);
    expect(wrapper.find('form').exists()).toBe(false);
  });
});
