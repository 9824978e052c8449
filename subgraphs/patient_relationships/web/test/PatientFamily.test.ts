import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import PatientFamily from '../components/PatientFamily.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const link = (id: string, name: string, notes: string | null) => ({
  __typename: 'PatientRelationship',
  id,
  type: 'PARENT',
  notes,
  relatedPatient: { __typename: 'Patient', id: `${id}-p`, fullName: name },
});
const mount = () =>
  mountLayer(PatientFamily, {
    props: { ctx: { patientId: PATIENT } },
    permissions: ['patient_relationships.read', 'patient_relationships.write'],
    modules: ['patient_relationships'],
    messages: { en },
    attach: true,
    confirmDialog: true,
    plugins: [createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] })],
    fetch: {
      PatientFamily: () =>
        jsonResponse({
          data: { patientRelationships: [link('r1', 'Ana Práctica', 'Mother'), link('r2', 'Luis Práctica', null)] },
        }),
    },
  });
const all = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];
const notes = () => document.querySelector<HTMLInputElement>('[data-test=family-notes]');
async function typeNotes(value: string) {
  notes()!.value = value;
  notes()!.dispatchEvent(new Event('input'));
  await settle();
}

describe('patient_relationships layer: PatientFamily keeps unsaved edits', () => {
  it('cancels an untouched form at once', async () => {
    mount();
    await settle();
    all('[data-test=edit-family-link]')[0]!.click();
    await settle();
    expect(notes()!.value).toBe('Mother');
    all('[data-test=cancel-family-link]')[0]!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(document.querySelector('[data-test=family-form]')).toBeNull();
  });

  it('asks before Cancel or editing another link drops edited notes', async () => {
    mount();
    await settle();
    all('[data-test=edit-family-link]')[0]!.click();
    await settle();
    await typeNotes('Mother, pays the bills');
    all('[data-test=edit-family-link]')[1]!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(notes()!.value).toBe('Mother, pays the bills');

    all('[data-test=cancel-family-link]')[0]!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(true);
    expect(document.querySelector('[data-test=family-form]')).toBeNull();
  });
});
