import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse,
  mountLayer,
  settle,
  expectNamedByLabel,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import FromBudgetDialog from '../components/FromBudgetDialog.vue';

const BUDGETS = () =>
  jsonResponse({
    data: {
      budgets: {
        __typename: 'BudgetPage',
        items: [
          {
            __typename: 'Budget',
            id: 'b1',
            number: 'PRES-2026-0001',
            total: '120.00',
            patient: { __typename: 'Patient', id: 'p1', fullName: 'Lucía Díaz' },
            invoice: null,
          },
          {
            __typename: 'Budget',
            id: 'b2',
            number: 'PRES-2026-0002',
            total: '80.00',
            patient: { __typename: 'Patient', id: 'p2', fullName: 'Pablo Ruiz' },
            invoice: { __typename: 'Invoice', id: 'i2' },
          },
        ],
      },
    },
  });
const mount = () =>
  mountLayer(FromBudgetDialog, {
    props: { visible: true },
    permissions: ['billing.read', 'billing.write', 'budget.read'],
    modules: ['billing', 'budget'],
    messages: { en },
    attach: true,
    confirmDialog: true,
    plugins: [createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] })],
    fetch: { BillingAcceptedBudgets: BUDGETS },
  });
const cancel = () => document.querySelector<HTMLButtonElement>('[data-test=billing-from-budget-cancel]')!.click();

describe('billing layer: FromBudgetDialog', () => {
  it('offers only the accepted budgets that have no invoice yet', async () => {
    mount();
    await settle();
    document.querySelector<HTMLElement>('[data-test=billing-budget]')!.click();
    await settle();
    const offered = [...document.querySelectorAll('.p-select-option')].map((o) => o.textContent);
    expect(offered).toHaveLength(1);
    expect(offered[0]).toContain('PRES-2026-0001');
  });

  it('names the budget box by its visible label only, before and after a pick', async () => {
    mount();
    await settle();
    expectNamedByLabel(document.querySelector('#billing-budget'), 'Accepted budget');
    document.querySelector<HTMLElement>('[data-test=billing-budget]')!.click();
    await settle();
    document
      .querySelector<HTMLElement>('.p-select-option')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await settle();
    expect(document.querySelector('#billing-budget')!.textContent).toContain('PRES-2026-0001');
    expectNamedByLabel(document.querySelector('#billing-budget'), 'Accepted budget');
  });

  it('closes at once while no budget is picked', async () => {
    const { wrapper } = mount();
    await settle();
    cancel();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
  });

  it('asks before Cancel drops the picked budget; keeping it stays open, discarding closes', async () => {
    const { wrapper } = mount();
    await settle();
    document.querySelector<HTMLElement>('[data-test=billing-budget]')!.click();
    await settle();
    document
      .querySelector<HTMLElement>('.p-select-option')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await settle();
    expect(document.querySelector('[data-test=billing-budget]')!.textContent).toContain('PRES-2026-0001');
    cancel();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    cancel();
    await settle();
    await answerConfirm(true);
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
  });
});
