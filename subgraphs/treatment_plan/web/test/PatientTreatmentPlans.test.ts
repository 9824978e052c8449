import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import PatientTreatmentPlans from '../components/PatientTreatmentPlans.vue';

/** The odontogram layer's name for the one clinical type here (its layer is a dependency, not imported). */
const odontogramEn = { odontogram: { clinical_types: { filling_composite: 'Composite filling' } } };
const PATIENT = '00000000-0000-4000-8000-000000000001';
const mount = () =>
  mountLayer(PatientTreatmentPlans, {
    props: { ctx: { patientId: PATIENT } },
    permissions: ['treatment_plan.read', 'treatment_plan.write', 'odontogram.treatments.read'],
    modules: ['treatment_plan', 'odontogram'],
    messages: { en: { ...en, ...odontogramEn } },
    attach: true,
    confirmDialog: true,
    plugins: [createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] })],
    fetch: {
      TreatmentPlans: () => jsonResponse({ data: { treatmentPlans: [] } }),
      PlannedTreatments: () =>
        jsonResponse({
          data: {
            odontogram: {
              __typename: 'Odontogram',
              patientId: PATIENT,
              treatments: [
                {
                  __typename: 'Treatment',
                  id: 't1',
                  clinicalType: 'filling_composite',
                  scope: 'TOOTH',
                  teeth: [{ __typename: 'TreatmentTooth', toothNumber: 36 }],
                  price: '60.00',
                },
              ],
            },
          },
        }),
    },
  });
const form = () => document.querySelector('[data-test=new-plan-form]');
const click = (selector: string) => document.querySelector<HTMLElement>(selector)!.click();

describe('treatment_plan layer: PatientTreatmentPlans', () => {
  it('closes an untouched new-plan form at once (the preselected treatments are not an edit)', async () => {
    mount();
    await settle();
    click('[data-action=new-plan]');
    await settle();
    expect(document.querySelectorAll<HTMLInputElement>('[data-test=new-plan-treatment]:checked')).toHaveLength(1);
    // The treatment by its name (the odontogram layer's), not its code.
    expect(document.querySelector('.candidate')!.textContent!.trim()).toBe('Composite filling · 36 · €60.00');
    click('[data-action=cancel-plan]');
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(form()).toBeNull();
  });

  it('asks before Cancel drops a typed title; keeping it keeps the form, discarding closes it', async () => {
    mount();
    await settle();
    click('[data-action=new-plan]');
    await settle();
    const title = document.querySelector<HTMLInputElement>('[data-test=new-plan-title]')!;
    title.value = 'Upper arch';
    title.dispatchEvent(new Event('input'));
    await settle();
    click('[data-action=cancel-plan]');
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(form()).not.toBeNull();
    expect(document.querySelector<HTMLInputElement>('[data-test=new-plan-title]')!.value).toBe('Upper arch');
    click('[data-action=cancel-plan]');
    await settle();
    await answerConfirm(true);
    expect(form()).toBeNull();
  });
});
