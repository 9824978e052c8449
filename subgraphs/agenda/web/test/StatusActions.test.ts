import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { createI18n } from 'vue-i18n';
import { createApolloClient } from '../../../../web/src/shell/apollo.ts';
import { createSession } from '../../../../web/src/shell/session.ts';
import { createHostState, HOST_KEY, type HostState } from '../../../../web/src/shell/host.ts';
import { onNotice, type Notice } from '../../../../web/src/shell/notify.ts';
import hostEn from '../../../../web/src/i18n/en.json';
import en from '../i18n/en.json';
import StatusActions from '../components/StatusActions.vue';
import type { AppointmentFieldsFragment } from '@dentalpin/web/gql/types';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
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
const host = (permissions: string[]): HostState =>
  createHostState({
    me: {
      user: { id: 'u1', email: 'a@b.test', fullName: 'Ada Admin', isPlatformAdmin: false },
      clinic: { id: 'c1', name: 'Clínica', timezone: 'Europe/Madrid' },
      clinics: [],
      role: 'receptionist',
      permissions,
    },
    activeModules: [
      { name: 'agenda', version: '0.1.0', category: 'official', summary: '', permissions: [], navigation: [] },
    ],
    bakedLayers: ['agenda'],
    loaded: true,
  });

function mountActions(
  props: { appointment: Partial<AppointmentFieldsFragment> },
  permissions = ['agenda.appointments.read', 'agenda.appointments.write'],
  answers: ((body: { variables: Record<string, unknown> }) => Response)[] = [],
) {
  const sent: { variables: Record<string, unknown> }[] = [];
  const fetchImpl = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string);
    sent.push(body);
    return answers.shift()!(body);
  });
  const { client } = createApolloClient({
    session: createSession({ endpoint: 'http://test/graphql', storage: memory() }),
    httpUri: 'http://test/graphql',
    wsUrl: 'ws://test/graphql',
    fetchImpl: fetchImpl as never,
    onGraphQLError: () => undefined,
    onNetworkError: () => undefined,
    onSessionLost: () => undefined,
  });
  const notices: Notice[] = [];
  const stop = onNotice((n) => notices.push(n));
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { ...hostEn, ...en } } });
  const wrapper = mount(StatusActions, {
    props: { appointment: { ...appointment, ...props.appointment } },
    global: {
      plugins: [PrimeVue, i18n],
      provide: { [DefaultApolloClient as symbol]: client, [HOST_KEY as symbol]: host(permissions) },
    },
  });
  cleanup.push(stop, () => wrapper.unmount());
  return { wrapper, sent, notices };
}
const offered = (w: ReturnType<typeof mount>) =>
  w.findAll('[data-transition]').map((b) => [b.attributes('data-transition'), b.text()]);

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((fn) => fn());
  cleanup = [];
});

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
        json({
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
    await flushPromises();
    await new Promise((r) => setTimeout(r, 20));
    expect(sent[0].variables).toEqual({ id: appointment.id, to: 'IN_TREATMENT' });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Mario Blanco: In treatment.' });
    expect(wrapper.emitted('changed')?.[0]).toEqual([expect.objectContaining({ status: 'IN_TREATMENT' })]);
  });
});
