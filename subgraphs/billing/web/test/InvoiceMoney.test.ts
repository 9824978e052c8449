import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { jsonResponse as json, mountLayer, settle, expectNamedByLabel } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import InvoiceDetailPage from '../pages/InvoiceDetailPage.vue';
import InvoicesPage from '../pages/InvoicesPage.vue';

/** Amounts as the API sends them: exact decimal strings. */
const invoice = (over: Record<string, unknown> = {}) => ({
  __typename: 'Invoice',
  id: 'inv-1',
  kind: 'INVOICE',
  number: 'FAC-2026-0007',
  status: 'PARTIAL',
  issueDate: '2026-11-12',
  dueDate: '2026-12-12',
  billingName: null,
  total: '11701.40',
  paid: '1280.00',
  balance: '10421.40',
  createdAt: '2026-11-12T09:00:00.000Z',
  patient: { __typename: 'Patient', id: 'p1', fullName: 'Zoe Quintana' },
  nextStatuses: ['PAID', 'CANCELLED', 'VOIDED'],
  budgetId: null,
  billingTaxId: null,
  billingAddress: null,
  billingEmail: null,
  subtotal: '10589.50',
  totalDiscount: '10.50',
  totalTax: '1111.90',
  notes: null,
  voidReason: null,
  creditNoteFor: null,
  creditNotes: [],
  items: [
    {
      __typename: 'InvoiceItem',
      id: 'it-1',
      description: 'Implante',
      quantity: 2,
      unitPrice: '5300.00',
      discount: '10.50',
      vatRate: '10.50',
      netAmount: '10589.50',
      taxAmount: '1111.90',
      total: '11701.40',
    },
  ],
  payments: [
    {
      __typename: 'InvoicePayment',
      id: 'pay-1',
      kind: 'PAYMENT',
      amount: '1300.00',
      method: 'CARD',
      // 23:30 UTC is already the 13th, 00:30, in Madrid (the clinic's zone).
      paidAt: '2026-11-12T23:30:00.000Z',
      reference: null,
      reason: null,
    },
    {
      __typename: 'InvoicePayment',
      id: 'pay-2',
      kind: 'REFUND',
      amount: '20.00',
      method: 'CASH',
      paidAt: '2026-11-14T10:00:00.000Z',
      reference: null,
      reason: 'Cobrado de más',
    },
  ],
  ...over,
});

const router = () =>
  createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] });

async function mountDetail(locale: string) {
  const r = router();
  await r.push('/invoices/inv-1');
  await r.isReady();
  const mounted = mountLayer(InvoiceDetailPage, {
    permissions: ['billing.read', 'billing.write'],
    modules: ['billing'],
    messages: { en, es },
    locale,
    attach: true,
    plugins: [r],
    fetch: {
      Invoice: () => json({ data: { invoice: invoice() } }),
      RecordInvoicePayment: () =>
        json({ data: { recordInvoicePayment: invoice({ status: 'PAID', paid: '11701.40', balance: '0.00' }) } }),
    },
  });
  await settle();
  return mounted;
}
const cells = (row: { findAll: (s: string) => { text: () => string }[] }) => row.findAll('td').map((c) => c.text());
/** Intl puts a no-break space between the amount and "€" (and before "%") in Spanish. */
const nbsp = (s: string) => s.replace(/ /g, '\u00a0');

describe('billing layer: money, rates and dates in the clinic currency and the person’s language', () => {
  it('the invoice page in Spanish: amounts in euros with a decimal comma, the VAT rate as a percentage', async () => {
    const { wrapper } = await mountDetail('es');
    const text = (test: string) => wrapper.find(`[data-test=${test}]`).text();
    expect(text('invoice-subtotal')).toBe(nbsp('10.589,50 €'));
    expect(text('invoice-discount')).toBe(nbsp('10,50 €'));
    // es-ES does not group four-digit numbers.
    expect(text('invoice-tax')).toBe(nbsp('1111,90 €'));
    expect(text('invoice-total')).toBe(nbsp('11.701,40 €'));
    expect(text('invoice-paid')).toBe(nbsp('1280,00 €'));
    expect(text('invoice-balance')).toBe(nbsp('10.421,40 €'));
    expect(text('invoice-issue-date')).toBe('12 nov 2026');
    expect(text('invoice-due-date')).toBe('12 dic 2026');

    const line = wrapper.find('[data-test=invoice-items] tbody tr');
    expect(cells(line)).toEqual([
      'Implante',
      '2',
      nbsp('5300,00 €'),
      nbsp('10,50 €'),
      nbsp('10,5 %'),
      nbsp('10.589,50 €'),
      nbsp('1111,90 €'),
      nbsp('11.701,40 €'),
    ]);

    const payments = wrapper.findAll('[data-test=invoice-payments] tbody tr').map(cells);
    expect(payments.map((c) => c[0])).toEqual(['13 nov 2026, 0:30', '14 nov 2026, 11:00']);
    // A refund is money given back: a minus sign, placed as the language places it.
    expect(wrapper.findAll('[data-test=payment-amount]').map((a) => a.text())).toEqual([
      nbsp('1300,00 €'),
      nbsp('-20,00 €'),
    ]);
  });

  it('tells the balance after a payment as money', async () => {
    const { wrapper, notices } = await mountDetail('es');
    await wrapper.find('[data-action=pay]').trigger('click');
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=billing-pay-submit]')!.click();
    await settle();
    expect(notices.at(-1)).toMatchObject({ severity: 'success', summary: 'Cobro registrado; pendiente 0,00\u00a0€.' });
  });

  it('names the payment method box by its visible label only, not by the chosen method', async () => {
    const { wrapper } = await mountDetail('en');
    await wrapper.find('[data-action=pay]').trigger('click');
    await settle();
    expectNamedByLabel(document.querySelector('#billing-method'), 'Method');
  });

  it('the invoice page in English', async () => {
    const { wrapper } = await mountDetail('en');
    expect(wrapper.find('[data-test=invoice-total]').text()).toBe('€11,701.40');
    expect(wrapper.find('[data-test=invoice-issue-date]').text()).toBe('Nov 12, 2026');
    expect(cells(wrapper.find('[data-test=invoice-items] tbody tr'))[4]).toBe('10.5%');
    expect(wrapper.findAll('[data-test=payment-amount]').map((a) => a.text())).toEqual(['€1,300.00', '-€20.00']);
  });

  it('the invoice list in Spanish: issue and due days, total, paid and balance', async () => {
    const { wrapper } = mountLayer(InvoicesPage, {
      permissions: ['billing.read'],
      modules: ['billing'],
      messages: { en, es },
      locale: 'es',
      plugins: [router()],
      fetch: {
        Invoices: () =>
          json({
            data: {
              invoices: {
                __typename: 'InvoicePage',
                items: [invoice({ total: '12800.00', paid: '1280.00', balance: '11520.00' })],
                total: 1,
                page: 1,
                pageSize: 20,
              },
            },
          }),
      },
    });
    await settle();
    const row = cells(wrapper.find('[data-test=invoice-table] tbody tr'));
    expect([row[2], row[3], row[5], row[6], row[7]]).toEqual([
      '12 nov 2026',
      '12 dic 2026',
      nbsp('12.800,00 €'),
      nbsp('1280,00 €'),
      nbsp('11.520,00 €'),
    ]);
  });
});
