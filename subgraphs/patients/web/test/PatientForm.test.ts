import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { createI18n } from 'vue-i18n';
import { createApolloClient } from '../../../../web/src/shell/apollo.ts';
import { createSession } from '../../../../web/src/shell/session.ts';
import { onNotice, type Notice } from '../../../../web/src/shell/notify.ts';
import hostEn from '../../../../web/src/i18n/en.json';
import en from '../i18n/en.json';
import PatientForm from '../components/PatientForm.vue';
import type { PatientFieldsFragment } from '@dentalpin/web/gql/types';

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const memory = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
const patient: PatientFieldsFragment & { __typename: 'Patient' } = {
  __typename: 'Patient',
  id: '6f1c1b8e-0000-4000-8000-000000000001',
  firstName: 'Zoe',
  lastName: 'Quintana',
  fullName: 'Zoe Quintana',
  phone: null,
  email: 'zoe@example.test',
  dateOfBirth: '1990-04-12',
  notes: null,
  status: 'ACTIVE',
  doNotContact: false,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
};

async function mountForm(answers: ((body: { variables: Record<string, unknown> }) => Response)[]) {
  const sent: { variables: Record<string, unknown> }[] = [];
  const fetchImpl = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string);
    sent.push(body);
    return answers.shift()!(body);
  });
  const toasts = vi.fn();
  const { client } = createApolloClient({
    session: createSession({ endpoint: 'http://test/graphql', storage: memory() }),
    httpUri: 'http://test/graphql',
    wsUrl: 'ws://test/graphql',
    fetchImpl: fetchImpl as never,
    onGraphQLError: toasts,
    onNetworkError: toasts,
    onSessionLost: () => undefined,
  });
  const notices: Notice[] = [];
  const stop = onNotice((n) => notices.push(n));
  const i18n = createI18n({ legacy: false, locale: 'en', messages: { en: { ...hostEn, ...en } } });
  const wrapper = mount(PatientForm, {
    props: { visible: true },
    attachTo: document.body,
    global: { plugins: [PrimeVue, i18n], provide: { [DefaultApolloClient as symbol]: client } },
  });
  await flushPromises(); // the dialog renders into document.body after mounting
  return { wrapper, sent, toasts, notices, stop };
}

const input = async (id: string, value: string) => {
  const el = document.querySelector<HTMLInputElement>(`#${id}`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const submit = async () => {
  document.querySelector('#patient-form')!.dispatchEvent(new Event('submit'));
  await flushPromises();
  await new Promise((r) => setTimeout(r, 20));
  await flushPromises();
};
const errorOf = (field: string) => document.querySelector(`[data-test=error-${field}]`)?.textContent?.trim();

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((fn) => fn());
  cleanup = [];
  document.body.innerHTML = '';
});

describe('patients layer: PatientForm', () => {
  it('shows the server’s BAD_USER_INPUT messages under the fields, with a toast, and nothing else', async () => {
    const form = await mountForm([
      () =>
        json({
          data: null,
          errors: [
            {
              message: 'firstName is required; email is not an email address',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [
                  { field: 'firstName', message: 'is required' },
                  { field: 'email', message: 'is not an email address' },
                ],
              },
            },
          ],
        }),
    ]);
    cleanup.push(form.stop, () => form.wrapper.unmount());
    await input('p-email', 'nope');
    await submit();
    expect(form.sent[0].variables.input).toMatchObject({ firstName: '', email: 'nope' });
    expect(errorOf('firstName')).toBe('is required');
    expect(errorOf('email')).toBe('is not an email address');
    expect(form.notices).toEqual([expect.objectContaining({ severity: 'error', code: 'BAD_USER_INPUT' })]);
    expect(form.toasts).not.toHaveBeenCalled(); // shown inline instead of the generic error toast
    expect(form.wrapper.emitted('saved')).toBeUndefined();
  });

  it('creates the patient, reports it and closes', async () => {
    const form = await mountForm([() => json({ data: { createPatient: patient } })]);
    cleanup.push(form.stop, () => form.wrapper.unmount());
    await input('p-first', 'Zoe');
    await input('p-last', 'Quintana');
    await submit();
    expect(form.sent[0].variables.input).toMatchObject({ firstName: 'Zoe', lastName: 'Quintana', dateOfBirth: null });
    expect(form.wrapper.emitted('saved')?.[0]).toEqual([expect.objectContaining({ id: patient.id })]);
    expect(form.wrapper.emitted('update:visible')?.[0]).toEqual([false]);
    expect(form.notices[0]).toMatchObject({ severity: 'success', summary: 'Zoe Quintana was added.' });
  });

  it('edits an existing patient with its values prefilled (date of birth round-trips as YYYY-MM-DD)', async () => {
    const form = await mountForm([
      (body) => json({ data: { updatePatient: { ...patient, ...(body.variables.input as object) } } }),
    ]);
    cleanup.push(form.stop, () => form.wrapper.unmount());
    await form.wrapper.setProps({ patient });
    expect(document.querySelector<HTMLInputElement>('#p-first')!.value).toBe('Zoe');
    await input('p-phone', '+34 600 999 888');
    await submit();
    expect(form.sent[0].variables).toMatchObject({
      id: patient.id,
      input: { firstName: 'Zoe', phone: '+34 600 999 888', dateOfBirth: '1990-04-12' },
    });
    expect(form.notices[0]).toMatchObject({ severity: 'success', summary: 'Zoe Quintana was saved.' });
  });
});
