import { describe, expect, it } from 'vitest';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import BudgetCreateDialog from '../components/BudgetCreateDialog.vue';

const PATIENT = '6f1c1b8e-0000-4000-8000-000000000001';
const CATALOG = () =>
  jsonResponse({
    data: {
      catalogItems: {
        __typename: 'CatalogItemPage',
        items: [{ __typename: 'CatalogItem', id: 'c1', name: 'Composite filling' }],
      },
    },
  });
const mount = () =>
  mountLayer(BudgetCreateDialog, {
    props: { visible: true, patientId: PATIENT },
    permissions: ['budget.read', 'budget.write'],
    modules: ['budget'],
    messages: { en, es },
    attach: true,
    confirmDialog: true,
    fetch: { BudgetCatalogOptions: CATALOG },
  });

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
});
