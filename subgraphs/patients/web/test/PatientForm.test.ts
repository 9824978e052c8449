import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse as json,
  mountLayer,
  settle,
  type GraphQLAnswer,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import PatientForm from '../components/PatientForm.vue';
import type { PatientFieldsFragment } from '@dentalpin/web/gql/types';

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

async function mountForm(answers: GraphQLAnswer[]) {
  const form = mountLayer(PatientForm, {
    props: { visible: true },
    messages: { en },
    fetch: answers,
    attach: true,
    confirmDialog: true,
  });
  await flushPromises(); // the dialog renders into document.body after mounting
  return form;
}

const input = async (id: string, value: string) => {
  const el = document.querySelector<HTMLInputElement>(`#${id}`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const submit = async () => {
  document.querySelector('#patient-form')!.dispatchEvent(new Event('submit'));
  await settle();
};
const errorOf = (field: string) => document.querySelector(`[data-test=error-${field}]`)?.textContent?.trim();

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
    await input('p-email', 'nope');
    await submit();
    expect(form.sent[0].variables.input).toMatchObject({ firstName: '', email: 'nope' });
    expect(errorOf('firstName')).toBe('is required');
    expect(errorOf('email')).toBe('is not an email address');
    expect(form.notices).toEqual([expect.objectContaining({ severity: 'error', code: 'BAD_USER_INPUT' })]);
    expect(form.errorToasts).toEqual([]); // shown inline instead of the generic error toast
    expect(form.wrapper.emitted('saved')).toBeUndefined();
  });

  it('creates the patient, reports it and closes', async () => {
    const form = await mountForm([() => json({ data: { createPatient: patient } })]);
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

  it('saves the date of birth exactly as typed, and refuses a future one with a message beside it', async () => {
    const form = await mountForm([
      (body) => json({ data: { updatePatient: { ...patient, ...(body.variables.input as object) } } }),
    ]);
    await form.wrapper.setProps({ patient });
    expect(document.querySelector<HTMLInputElement>('#p-dob')!.value).toBe('1990-04-12');
    const dob = document.querySelector<HTMLInputElement>('#p-dob')!;
    dob.value = '2999-01-05';
    dob.dispatchEvent(new Event('input'));
    dob.dispatchEvent(new Event('change'));
    await settle();
    expect(dob.value).toBe('2999-01-05'); // kept on screen, not cleared
    expect(errorOf('dateOfBirth')).toMatch(/^must be on or before /);
    await submit();
    expect(form.sent).toEqual([]); // not sent while the field refuses it

    dob.value = '1985-11-23';
    dob.dispatchEvent(new Event('input'));
    await submit();
    expect(errorOf('dateOfBirth')).toBeUndefined();
    expect(form.sent[0].variables).toMatchObject({ input: { dateOfBirth: '1985-11-23' } });
  });

  it('closes at once when nothing changed', async () => {
    const { wrapper } = await mountForm([]);
    document.querySelector<HTMLElement>('[data-test=patient-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
  });

  it('asks before the close button (as Esc) drops edits, and keeps them when the person goes back to the form', async () => {
    const { wrapper } = await mountForm([]);
    await input('p-first', 'Luisa');
    await flushPromises();
    // The dialog's close button and Esc both ask PrimeVue's Dialog to hide (`update:visible` false).
    document
      .querySelector<HTMLElement>('[data-test=patient-form]')!
      .closest('.p-dialog')!
      .querySelector<HTMLElement>('.p-dialog-close-button')!
      .click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    expect(document.querySelector<HTMLInputElement>('#p-first')!.value).toBe('Luisa');
  });

  it('asks before Cancel drops edits, and closes once the person discards them', async () => {
    const { wrapper } = await mountForm([]);
    await input('p-first', 'Luisa');
    await flushPromises();
    document.querySelector<HTMLElement>('[data-test=patient-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    await answerConfirm(true);
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
  });
});
