import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse,
  mountLayer,
  settle,
  type GraphQLAnswer,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import StatusActions from '../components/StatusActions.vue';
import type { AppointmentFieldsFragment } from '@dentalpin/web/gql/types';

// Typenames let Apollo's cache normalise the answers as it does against the real gateway.
const patient = {
  __typename: 'Patient' as const,
  id: '6f1c1b8e-0000-4000-8000-000000000001',
  fullName: 'Mario Blanco',
};
const cabinet = {
  __typename: 'Cabinet' as const,
  id: '6f1c1b8e-0000-4000-8000-0000000000c1',
  name: 'Room 1',
  color: '#3B82F6',
};
const appointment: AppointmentFieldsFragment & { __typename: 'Appointment' } = {
  __typename: 'Appointment',
  id: '6f1c1b8e-0000-4000-8000-0000000000a1',
  startTime: '2026-11-26T09:00:00.000Z',
  endTime: '2026-11-26T09:30:00.000Z',
  status: 'CHECKED_IN',
  allowedTransitions: ['IN_TREATMENT', 'CANCELLED'],
  treatmentType: 'Cleaning',
  notes: null,
  currentStatusSince: '2026-11-26T08:55:00.000Z',
  patient,
  professional: null,
  cabinet,
};

function mountActions(
  props: { appointment: Partial<AppointmentFieldsFragment> },
  permissions = ['agenda.appointments.read', 'agenda.appointments.write'],
  answers: GraphQLAnswer[] = [],
) {
  return mountLayer(StatusActions, {
    props: { appointment: { ...appointment, ...props.appointment } },
    permissions,
    modules: ['agenda'],
    messages: { en },
    fetch: answers,
    attach: true,
    confirmDialog: true,
  });
}
const offered = (w: VueWrapper) =>
  w.findAll('[data-transition]').map((b) => [b.attributes('data-transition'), b.text()]);

describe('agenda layer: StatusActions', () => {
  it('offers exactly the transitions the server allows from the current status, in its order', () => {
    const { wrapper } = mountActions({ appointment: {} });
    expect(offered(wrapper)).toEqual([
      ['IN_TREATMENT', 'Start treatment'],
      ['CANCELLED', 'Cancel appointment'],
    ]);
    const scheduled = mountActions({
      appointment: { status: 'SCHEDULED', allowedTransitions: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW'] },
    });
    expect(offered(scheduled.wrapper).map(([to]) => to)).toEqual(['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW']);
  });

  it('offers nothing from a final status, and says so', () => {
    const { wrapper } = mountActions({ appointment: { status: 'COMPLETED', allowedTransitions: [] } });
    expect(offered(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain('Final status');
  });

  it('offers nothing to a user who may only read the agenda', () => {
    const { wrapper } = mountActions({ appointment: {} }, ['agenda.appointments.read']);
    expect(offered(wrapper)).toEqual([]);
  });

  it('sends the chosen transition and reports the new status', async () => {
    const { wrapper, sent, notices } = mountActions({ appointment: {} }, undefined, [
      () =>
        jsonResponse({
          data: {
            transitionAppointment: {
              ...appointment,
              status: 'IN_TREATMENT',
              allowedTransitions: ['COMPLETED', 'CANCELLED'],
            },
          },
        }),
    ]);
    await wrapper.find('[data-transition=IN_TREATMENT]').trigger('click');
    await settle();
    expect(sent[0].variables).toEqual({ id: appointment.id, to: 'IN_TREATMENT' });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Mario Blanco: In treatment.' });
    expect(wrapper.emitted('changed')?.[0]).toEqual([expect.objectContaining({ status: 'IN_TREATMENT' })]);
  });

  it('asks before cancelling, and cancels only once the person accepts', async () => {
    const cancelled = { ...appointment, status: 'CANCELLED', allowedTransitions: [] };
    const { wrapper, sent } = mountActions({ appointment: {} }, undefined, [
      () => jsonResponse({ data: { transitionAppointment: cancelled } }),
    ]);
    await wrapper.find('[data-transition=CANCELLED]').trigger('click');
    await settle();
    expect(confirmMessage()).toContain("Cancel Mario Blanco's appointment?");
    expect(sent).toHaveLength(0);
    await answerConfirm(false);
    expect(sent).toHaveLength(0);
    expect(confirmMessage()).toBeNull();

    await wrapper.find('[data-transition=CANCELLED]').trigger('click');
    await settle();
    await answerConfirm(true);
    expect(sent[0].variables).toEqual({ id: appointment.id, to: 'CANCELLED' });
    expect(wrapper.emitted('changed')?.[0]).toEqual([expect.objectContaining({ status: 'CANCELLED' })]);
  });
});
