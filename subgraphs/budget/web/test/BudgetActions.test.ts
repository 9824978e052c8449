import { describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { jsonResponse as json, mountLayer, settle, type GraphQLAnswer } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import manifestSource from '../../src/manifest.ts?raw';
import BudgetActions from '../components/BudgetActions.vue';
import type { BudgetFieldsFragment } from '@dentalpin/web/gql/types';

// Typenames let Apollo's cache normalise the answers as it does against the real gateway.
const budget: BudgetFieldsFragment & { __typename: 'Budget' } = {
  __typename: 'Budget',
  id: '6f1c1b8e-0000-4000-8000-0000000000b1',
  number: 'PRES-2026-0007',
  version: 1,
  status: 'DRAFT',
  allowedActions: ['SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED'],
  validFrom: '2026-11-26',
  validUntil: '2026-12-26',
  total: '121.00',
  createdAt: '2026-11-26T09:00:00.000Z',
  patient: { __typename: 'Patient', id: '6f1c1b8e-0000-4000-8000-000000000001', fullName: 'Mario Blanco' },
  globalDiscountType: null,
  globalDiscountValue: null,
  subtotal: '100.00',
  totalDiscount: '0.00',
  totalTax: '21.00',
  notes: null,
  acceptedVia: null,
  rejectionReason: null,
  cancellationReason: null,
  items: [],
  history: [],
} as never;
const RECEPTIONIST = ['budget.read', 'budget.write', 'budget.renegotiate', 'budget.accept_in_clinic'];
function mountActions(props: Partial<BudgetFieldsFragment>, permissions = RECEPTIONIST, answers: GraphQLAnswer[] = []) {
  return mountLayer(BudgetActions, {
    props: { budget: { ...budget, ...props } },
    permissions,
    modules: ['budget'],
    messages: { en },
    fetch: answers,
    attach: true,
  });
}
const offered = (w: VueWrapper) => w.findAll('[data-action]').map((b) => [b.attributes('data-action'), b.text()]);

describe('budget layer: BudgetActions', () => {
  it('offers exactly the actions the server allows, in its order, filtered by permission', () => {
    expect(offered(mountActions({}).wrapper)).toEqual([
      ['SENT', 'Send'],
      ['ACCEPTED', 'Accept'],
      ['REJECTED', 'Reject'],
      ['CANCELLED', 'Cancel budget'],
    ]);
    // Accepting needs budget.accept_in_clinic.
    expect(offered(mountActions({}, ['budget.read', 'budget.write']).wrapper).map(([a]) => a)).toEqual([
      'SENT',
      'REJECTED',
      'CANCELLED',
    ]);
    expect(offered(mountActions({}, ['budget.read']).wrapper)).toEqual([]);
    const accepted = mountActions({ status: 'ACCEPTED', allowedActions: ['CANCELLED'] });
    expect(offered(accepted.wrapper).map(([a]) => a)).toEqual(['CANCELLED']);
    const final = mountActions({ status: 'EXPIRED', allowedActions: [] });
    expect(offered(final.wrapper)).toEqual([]);
    expect(final.wrapper.text()).toContain('No further actions.');
  });

  it('sends the budget and reports its new status', async () => {
    const { wrapper, sent, notices } = mountActions({}, undefined, [
      () =>
        json({
          data: { sendBudget: { ...budget, status: 'SENT', allowedActions: ['ACCEPTED', 'REJECTED', 'CANCELLED'] } },
        }),
    ]);
    await wrapper.find('[data-action=SENT]').trigger('click');
    await settle();
    expect(sent[0]).toMatchObject({ operationName: 'SendBudget', variables: { id: budget.id } });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Budget PRES-2026-0007 is now Sent' });
    expect(wrapper.emitted('changed')?.[0]).toEqual([expect.objectContaining({ status: 'SENT' })]);
  });

  it('asks why before rejecting, and sends the reason', async () => {
    const { wrapper, sent } = mountActions({}, undefined, [
      () =>
        json({
          data: { rejectBudget: { ...budget, status: 'REJECTED', allowedActions: [], rejectionReason: 'price' } },
        }),
    ]);
    await wrapper.find('[data-action=REJECTED]').trigger('click');
    await settle();
    expect(sent).toEqual([]);
    const input = document.querySelector<HTMLInputElement>('[data-test=budget-reason]')!;
    input.value = 'price';
    input.dispatchEvent(new Event('input'));
    document.querySelector<HTMLFormElement>('#budget-reason-form')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(sent[0]).toMatchObject({ operationName: 'RejectBudget', variables: { id: budget.id, reason: 'price' } });
  });

  it('has every navigation label and status in both languages', () => {
    const labels = [...manifestSource.matchAll(/label: '([a-z.]+)'/g)].map((m) => m[1]);
    expect(labels).toEqual(['nav.budgets']);
    const get = (messages: Record<string, unknown>, key: string) =>
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    for (const key of labels) expect([get(en, key), get(es, key)]).toEqual([expect.any(String), expect.any(String)]);
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});
