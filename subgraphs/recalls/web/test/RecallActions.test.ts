import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import type { RecallFieldsFragment, RecallStatus } from '@dentalpin/web/gql/types';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import RecallActions from '../components/RecallActions.vue';
import PatientRecalls from '../components/PatientRecalls.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const recall = (status: RecallStatus, allowedTransitions: RecallStatus[]): RecallFieldsFragment => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  status,
  reason: 'HYGIENE',
  reasonNote: null,
  priority: 'NORMAL',
  dueMonth: '2027-06',
  dueDate: '2027-06-15',
  overdue: false,
  contactAttemptCount: 0,
  lastContactAttemptAt: null,
  linkedAppointmentId: null,
  allowedTransitions,
});
const OPEN: RecallStatus[] = [
  'PENDING',
  'CONTACTED_NO_ANSWER',
  'CONTACTED_SCHEDULED',
  'CONTACTED_DECLINED',
  'DONE',
  'CANCELLED',
  'NEEDS_REVIEW',
];
const offered = (w: VueWrapper) => w.findAll('[data-action]').map((b) => b.attributes('data-action'));

describe('recalls layer', () => {
  it('offers exactly the moves the server allows, and nothing to a reader', () => {
    const write = ['recalls.read', 'recalls.write'];
    const mount = (r: RecallFieldsFragment, permissions = write) =>
      mountLayer(RecallActions, { props: { recall: r }, permissions, messages: { en } }).wrapper;
    expect(offered(mount(recall('PENDING', OPEN)))).toEqual(['log', 'snooze', 'complete', 'cancel']);
    expect(offered(mount(recall('CONTACTED_SCHEDULED', ['PENDING', 'DONE'])))).toEqual(['log', 'snooze', 'complete']);
    expect(offered(mount(recall('CONTACTED_DECLINED', ['PENDING', 'CONTACTED_SCHEDULED', 'CANCELLED'])))).toEqual([
      'log',
      'snooze',
      'cancel',
    ]);
    expect(offered(mount(recall('DONE', [])))).toEqual([]);
    expect(offered(mount(recall('PENDING', OPEN), ['recalls.read']))).toEqual([]);
  });

  it('logs a contact with the chosen channel and outcome, from the keyboard-reachable form', async () => {
    const r = recall('PENDING', OPEN);
    const { wrapper, sent, notices } = mountLayer(RecallActions, {
      props: { recall: r },
      permissions: ['recalls.read', 'recalls.write'],
      messages: { en, es },
      locale: 'es',
      fetch: {
        LogRecallContact: () =>
          jsonResponse({ data: { logRecallContact: { ...r, status: 'CONTACTED_SCHEDULED', contactAttemptCount: 1 } } }),
      },
    });
    const toggle = wrapper.find('[data-action=log]');
    expect(toggle.text()).toBe('Registrar contacto');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    await wrapper.find('[data-test=channel]').setValue('WHATSAPP');
    await wrapper.find('[data-test=outcome]').setValue('SCHEDULED');
    await wrapper.find('[data-test=note]').setValue('  Martes a las 10 ');
    await wrapper.find('[data-test=contact-form]').trigger('submit');
    await settle();
    expect(sent[0]).toMatchObject({
      operationName: 'LogRecallContact',
      variables: { id: r.id, channel: 'WHATSAPP', outcome: 'SCHEDULED', note: 'Martes a las 10' },
    });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Contacto registrado.' });
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('shows each recall’s month as words in the person’s language on the patient page', async () => {
    const { wrapper } = mountLayer(PatientRecalls, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['recalls.read'],
      messages: { en, es },
      locale: 'es',
      fetch: {
        PatientRecalls: () =>
          jsonResponse({ data: { recalls: [{ __typename: 'Recall', ...recall('PENDING', OPEN) }] } }),
      },
    });
    await settle();
    expect(wrapper.find('[data-test=patient-recall-month]').text()).toBe('junio de 2027');
  });

  it('sets a recall from the patient page and shows a refused date next to the field', async () => {
    const { wrapper, sent } = mountLayer(PatientRecalls, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['recalls.read', 'recalls.write'],
      messages: { en },
      fetch: {
        PatientRecalls: () => jsonResponse({ data: { recalls: [] } }),
        CreateRecall: () =>
          jsonResponse({
            errors: [
              {
                message: 'dueDate is not a valid date',
                extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'dueDate', message: 'is not a valid date' }] },
              },
            ],
          }),
      },
    });
    await settle();
    await wrapper.find('[data-test=add-recall]').trigger('click');
    await wrapper.find('[data-test=reason]').setValue('CHECKUP');
    await wrapper.find('[data-test=due-date]').setValue('2027-02-28');
    await wrapper.find('[data-test=add-recall-form]').trigger('submit');
    await settle();
    const create = sent.find((s) => s.operationName === 'CreateRecall');
    expect(create?.variables).toMatchObject({
      input: { patientId: PATIENT, reason: 'CHECKUP', priority: 'NORMAL', dueDate: '2027-02-28', note: null },
    });
    expect(wrapper.find('[role=alert]').text()).toBe('is not a valid date');
    expect(wrapper.find('[data-test=add-recall-form]').exists()).toBe(true);
  });
});
