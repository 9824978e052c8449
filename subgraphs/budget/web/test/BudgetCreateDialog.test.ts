import { describe, expect, it } from 'vitest';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse,
  mountLayer,
  settle,
  type GraphQLAnswer,
  expectNamedByLabel,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import BudgetCreateDialog from '../components/BudgetCreateDialog.vue';

const PATIENT = '6f1c1b8e-0000-4000-8000-000000000001';
const item = (id: string, name: string, pricingStrategy: string, price: string) => ({
  __typename: 'CatalogItem',
  id,
  code: id,
  name,
  price,
  pricingStrategy,
});
const CATALOG = () =>
  jsonResponse({
    data: {
      catalogItems: {
        __typename: 'CatalogItemPage',
        items: [
          item('c1', 'Composite filling', 'PER_SURFACE', '40.00'),
          item('c2', 'In-office whitening', 'FLAT', '300.00'),
          item('c3', 'Implant', 'PER_TOOTH', '1280.00'),
        ],
      },
    },
  });
const mount = (locale = 'en', createBudget?: GraphQLAnswer) =>
  mountLayer(BudgetCreateDialog, {
    props: { visible: true, patientId: PATIENT },
    permissions: ['budget.read', 'budget.write'],
    modules: ['budget'],
    messages: { en, es },
    locale,
    attach: true,
    confirmDialog: true,
    fetch: { BudgetCatalogOptions: CATALOG, ...(createBudget ? { CreateBudget: createBudget } : {}) },
  });

/** Picks a treatment in the dialog's catalog box. */
async function pick(name: string) {
  document.querySelector<HTMLElement>('[data-test=budget-item]')!.click();
  await settle();
  const option = Array.from(document.querySelectorAll<HTMLElement>('.p-select-option')).find((o) =>
    o.textContent!.includes(name),
  );
  option!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await settle();
}
async function type(selector: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}
const lines = () => Array.from(document.querySelectorAll<HTMLElement>('[data-test=budget-line]'));
async function submit() {
  document.querySelector<HTMLFormElement>('#budget-create-form')!.dispatchEvent(new Event('submit'));
  await settle();
}

describe('budget layer: BudgetCreateDialog', () => {
  it('closes at once while nothing is picked', async () => {
    const { wrapper } = mount();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=budget-create-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
    wrapper.unmount();
  });

  it('asks before Cancel throws the picked treatments away', async () => {
    const { wrapper } = mount();
    await settle();
    document.querySelector<HTMLElement>('[data-test=budget-item]')!.click();
    await settle();
    document
      .querySelector<HTMLElement>('.p-select-option')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await settle();
    expect(document.querySelectorAll('[data-test=budget-line]')).toHaveLength(1);
    document.querySelector<HTMLButtonElement>('[data-test=budget-create-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    expect(document.querySelectorAll('[data-test=budget-line]')).toHaveLength(1);
    document.querySelector<HTMLButtonElement>('[data-test=budget-create-cancel]')!.click();
    await settle();
    await answerConfirm(true);
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
    wrapper.unmount();
  });

  it('says "None" in the discount box until a discount type is picked (not an empty box)', async () => {
    mount();
    await settle();
    expect(document.querySelector('#b-discount')!.textContent!.trim()).toBe('None');
  });

  it('asks the surfaces of a treatment priced by surfaces, and sends them', async () => {
    const { sent } = mount('en', () =>
      jsonResponse({ errors: [{ message: 'stop here', extensions: { code: 'CONFLICT' } }] }),
    );
    await settle();
    await pick('Composite filling');
    await pick('In-office whitening');
    const [filling, whitening] = lines();
    // Only the per-surface line asks for surfaces; each line says how its treatment is priced, in euros.
    expect(filling.querySelector('[data-test=budget-line-surfaces]')).not.toBeNull();
    expect(whitening.querySelector('[data-test=budget-line-surfaces]')).toBeNull();
    expect(filling.querySelector('[data-test=budget-line-pricing]')!.textContent).toBe(
      'By the surfaces treated, from €40.00 per tooth',
    );
    expect(whitening.querySelector('[data-test=budget-line-pricing]')!.textContent).toBe('€300.00 per treatment');

    // Without surfaces the form does not go: the field says why.
    await type('#b-line-0-quantity', '2');
    await submit();
    expect(sent.filter((o) => o.operationName === 'CreateBudget')).toEqual([]);
    expect(document.querySelector('[data-test=error-b-line-0-surfaces]')!.textContent).toBe('is required');

    await type('#b-line-0-surfaces', '2');
    await type('#b-line-0-teeth', '36, 37');
    await submit();
    const create = sent.filter((o) => o.operationName === 'CreateBudget');
    expect(create).toHaveLength(1);
    expect(create[0].variables.input).toMatchObject({
      patientId: PATIENT,
      items: [
        { catalogItemId: 'c1', quantity: 2, teeth: [36, 37], surfaces: 2 },
        { catalogItemId: 'c2', quantity: 1, teeth: [], surfaces: null },
      ],
    });
  });

  it('checks the teeth it sends: FDI numbers, each once, and some for a treatment priced per tooth', async () => {
    const { sent } = mount('es');
    await settle();
    await pick('Implant');
    await submit();
    const message = () => document.querySelector('[data-test=error-b-line-0-teeth]')?.textContent;
    expect(message()).toBe('Este tratamiento se cobra por pieza: indica las piezas');
    await type('#b-line-0-teeth', '16, 19');
    expect(message()).toBe('19 no es un número de pieza FDI (11–48, 51–85)');
    await type('#b-line-0-teeth', '16 16');
    expect(message()).toBe('La pieza 16 está repetida');
    expect(sent.filter((o) => o.operationName === 'CreateBudget')).toEqual([]);
  });

  it('marks each line the server refuses beside that line, in Spanish', async () => {
    const refusal = {
      message: 'Line 1: This treatment is priced by surfaces: give surfaces, a whole number from 1 to 5. Line 2: …',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'items.0.surfaces', rule: 'required', message: 'This treatment is priced by surfaces: …' },
          { field: 'items.1.catalogItemId', rule: 'inactive', message: '"In-office whitening" is no longer offered' },
          { field: 'items.2', message: 'teeth lists the same tooth twice.' },
        ],
      },
    };
    const { wrapper, notices, errorToasts } = mount('es', () => jsonResponse({ errors: [refusal] }));
    await settle();
    await pick('Composite filling');
    await pick('In-office whitening');
    await pick('Implant');
    await type('#b-line-0-surfaces', '2');
    await type('#b-line-2-teeth', '16');
    await submit();
    const [filling, whitening, implant] = lines();
    expect(filling.querySelector('[data-test=error-b-line-0-surfaces]')!.textContent).toBe(
      'Este tratamiento se cobra por superficies: indica cuántas, de 1 a 5',
    );
    expect(filling.querySelector('#b-line-0-surfaces')!.getAttribute('aria-invalid')).toBe('true');
    expect(whitening.querySelector('[data-test=error-b-line-1]')!.textContent).toBe(
      'Este tratamiento ya no se ofrece (inactivo en el catálogo)',
    );
    // The catalog's own words are English: the line gets a Spanish explanation instead.
    expect(implant.querySelector('[data-test=error-b-line-2]')!.textContent).toBe(
      'El catálogo no puede dar precio a esta línea tal como está: revisa sus piezas y superficies',
    );
    // One toast pointing at the marked fields, not the generic "invalid values" one.
    expect(errorToasts).toEqual([]);
    expect(notices.at(-1)).toMatchObject({
      severity: 'error',
      summary: 'Datos no válidos',
      detail: 'Corrige los campos marcados.',
    });
    expect(wrapper.emitted('created')).toBeUndefined();

    // Removing a line drops the marks (they name lines by position).
    document.querySelectorAll<HTMLButtonElement>('[data-test=budget-line] button')[1].click();
    await settle();
    expect(document.querySelectorAll('[data-test=budget-line] .error')).toHaveLength(0);
  });

  it('names the patient, treatment and discount boxes by their visible labels only', async () => {
    mountLayer(BudgetCreateDialog, {
      props: { visible: true, patientId: null },
      permissions: ['budget.read', 'budget.write'],
      modules: ['budget'],
      messages: { en, es },
      attach: true,
      confirmDialog: true,
      fetch: {
        BudgetCatalogOptions: CATALOG,
        BudgetPatientOptions: () => jsonResponse({ data: { patients: { __typename: 'PatientPage', items: [] } } }),
      },
    });
    await settle();
    expectNamedByLabel(document.querySelector('#b-patient'), 'Patient');
    expectNamedByLabel(document.querySelector('#b-item'), 'Add a treatment');
    expectNamedByLabel(document.querySelector('#b-discount'), 'Global discount');
    // A chosen option is the box's value, not its name.
    document.querySelector<HTMLElement>('#b-discount')!.click();
    await settle();
    document
      .querySelector<HTMLElement>('.p-select-option')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await settle();
    expect(document.querySelector('#b-discount')!.textContent!.trim()).not.toBe('None');
    expectNamedByLabel(document.querySelector('#b-discount'), 'Global discount');
  });
});
