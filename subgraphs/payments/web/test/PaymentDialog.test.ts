import { describe, expect, it } from 'vitest';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse,
  mountLayer,
  settle,
  expectNamedByLabel,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PaymentDialog from '../components/PaymentDialog.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const TARGETS = () => jsonResponse({ data: { invoices: { items: [] }, budgets: { items: [] } } });
const PAYMENT = {
  id: '00000000-0000-4000-8000-0000000000bb',
  amount: '100.50',
  currency: 'EUR',
  method: 'CASH',
  paymentDate: '2026-12-02',
  reference: null,
  origin: 'ACCOUNT',
  refunded: '0.00',
  refundable: '100.50',
  createdAt: '2026-12-02T10:00:00Z',
  allocations: [],
};
const mount = (locale: 'en' | 'es', fetch: Record<string, () => Response>) =>
  mountLayer(PaymentDialog, {
    props: { patientId: PATIENT, visible: true },
    permissions: ['payments.record.read', 'payments.record.write'],
    messages: { en, es },
    locale,
    attach: true,
    confirmDialog: true,
    fetch: { PaymentTargets: TARGETS, ...fetch },
  });

describe('payments layer: PaymentDialog', () => {
  it('takes the amount with the locale decimal separator and sends the exact decimal', async () => {
    const { sent, notices } = mount('es', {
      RecordPayment: () => jsonResponse({ data: { recordPayment: PAYMENT } }),
    });
    await settle();
    const input = document.querySelector<HTMLInputElement>('[data-test=payments-amount]')!;
    input.value = '100,50';
    input.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector<HTMLFormElement>('[data-test=payments-record-form]')!.dispatchEvent(new Event('submit'));
    await settle();
    const record = sent.find((s) => s.operationName === 'RecordPayment');
    expect(record?.variables).toMatchObject({ input: { patientId: PATIENT, amount: '100.50', method: 'CASH' } });
    expect((record?.variables as { input: Record<string, unknown> }).input.allocations).toBeUndefined();
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Cobro registrado' });
  });

  it('says beside the parts when they do not add up to the amount, and sends nothing', async () => {
    const { sent } = mount('en', {
      RecordPayment: () => jsonResponse({ data: { recordPayment: PAYMENT } }),
    });
    await settle();
    const amount = document.querySelector<HTMLInputElement>('[data-test=payments-amount]')!;
    amount.value = '100';
    amount.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-test=payments-add-part]')!.click();
    await settle();
    const part = document.querySelector<HTMLInputElement>('[data-test=payments-part-amount-0]')!;
    part.value = '30';
    part.dispatchEvent(new Event('input'));
    await settle();
    expect(document.querySelector('[data-test=payments-parts-error]')?.textContent).toContain('30.00');
    document.querySelector<HTMLFormElement>('[data-test=payments-record-form]')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(sent.filter((s) => s.operationName === 'RecordPayment')).toEqual([]);
  });

  it('closes at once while untouched, and asks before Cancel throws a typed amount away', async () => {
    const untouched = mount('en', {});
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=payments-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(untouched.wrapper.emitted('update:visible')).toEqual([[false]]);
    untouched.wrapper.unmount();

    const { wrapper } = mount('en', {});
    await settle();
    const amount = document.querySelector<HTMLInputElement>('[data-test=payments-amount]')!;
    amount.value = '80';
    amount.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=payments-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    document.querySelector<HTMLButtonElement>('[data-test=payments-cancel]')!.click();
    await settle();
    await answerConfirm(true);
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
  });

  it('offers the invoices and budgets with what they owe as money, and tells a wrong sum as money (es, EUR)', async () => {
    mount('es', {
      PaymentTargets: () =>
        jsonResponse({
          data: {
            invoices: {
              __typename: 'InvoicePage',
              items: [{ __typename: 'Invoice', id: 'i1', number: 'FAC-2026-0007', balance: '1280.00' }],
            },
            budgets: {
              __typename: 'BudgetPage',
              items: [{ __typename: 'Budget', id: 'b1', number: 'PRES-2026-0003', total: '12800.00' }],
            },
          },
        }),
    });
    await settle();
    const amount = document.querySelector<HTMLInputElement>('[data-test=payments-amount]')!;
    amount.value = '100';
    amount.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-test=payments-add-part]')!.click();
    await settle();
    document.querySelector<HTMLElement>('[data-test=payments-part-doc-0]')!.click();
    await settle();
    const options = () => [...document.querySelectorAll('.p-select-option')].map((o) => o.textContent!.trim());
    // es-ES does not group four digits; a no-break space before "€".
    expect(options()).toEqual(['FAC-2026-0007 · 1280,00\u00a0€']);
    const part = document.querySelector<HTMLInputElement>('[data-test=payments-part-amount-0]')!;
    part.value = '30,5';
    part.dispatchEvent(new Event('input'));
    await settle();
    expect(document.querySelector('[data-test=payments-parts-error]')?.textContent).toContain('suman 30,50\u00a0€');
  });

  it("names the method and each part's boxes by their visible labels only", async () => {
    mount('en', {});
    await settle();
    expectNamedByLabel(document.querySelector('[data-test=payments-method] [role=combobox]'), 'Method');
    document.querySelector<HTMLButtonElement>('[data-test=payments-add-part]')!.click();
    await settle();
    const [target, doc] = document.querySelectorAll('[data-test=payments-part] [role=combobox]');
    expectNamedByLabel(target, 'Goes to');
    expectNamedByLabel(doc, 'Invoice');
  });

  it('has every message in Spanish too', () => {
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });
});
