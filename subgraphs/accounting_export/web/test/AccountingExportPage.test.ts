import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import AccountingExportPage from '../pages/AccountingExportPage.vue';

/** Amounts as the API sends them: exact decimal strings (a refund negative). */
const preview = {
  __typename: 'AccountingExportPreview',
  invoiceCount: 2,
  creditNoteCount: 0,
  net: '10578.51',
  tax: '2221.49',
  total: '12800.00',
  collectionCount: 2,
  collected: '1269.50',
  refundCount: 1,
  refunded: '-10.50',
  sampleInvoices: [
    {
      __typename: 'AccountingInvoiceRow',
      number: 'FAC-2026-0007',
      kind: 'INVOICE',
      issueDate: '2026-11-12',
      customer: 'Zoe Quintana',
      total: '12800.00',
      status: 'ISSUED',
    },
  ],
  sampleCollections: [
    {
      __typename: 'AccountingCollectionRow',
      paidOn: '2026-11-13',
      invoiceNumber: 'FAC-2026-0007',
      kind: 'PAYMENT',
      amount: '1280.00',
      method: 'CARD',
    },
    {
      __typename: 'AccountingCollectionRow',
      paidOn: '2026-11-14',
      invoiceNumber: 'FAC-2026-0007',
      kind: 'REFUND',
      amount: '-10.50',
      method: 'CARD',
    },
  ],
};

async function previewIn(locale: string) {
  const mounted = mountLayer(AccountingExportPage, {
    permissions: ['accounting_export.read'],
    modules: ['accounting_export'],
    messages: { en, es },
    locale,
    fetch: { AccountingExportPreview: () => json({ data: { accountingExportPreview: preview } }) },
  });
  await settle();
  await mounted.wrapper.find('[data-test=export-form]').trigger('submit');
  await settle();
  return mounted;
}
const cells = (row: { findAll: (s: string) => { text: () => string }[] }) => row.findAll('td').map((c) => c.text());

describe('accounting export layer: the preview’s money and days', () => {
  it('in Spanish, in the clinic’s currency (EUR), exactly as sent', async () => {
    const { wrapper } = await previewIn('es');
    // es-ES groups five digits and not four; a no-break space before "€".
    expect(wrapper.find('[data-test=total]').text()).toBe('12.800,00\u00a0€');
    expect(wrapper.find('[data-test=collected]').text()).toBe('1269,50\u00a0€');
    expect(wrapper.find('[data-test=refunded]').text()).toBe('-10,50\u00a0€');
    expect(wrapper.find('.totals').text()).toContain('10.578,51\u00a0€');
    expect(cells(wrapper.find('[data-test=sample-invoice]'))).toEqual([
      'FAC-2026-0007',
      '12 nov 2026',
      'Zoe Quintana',
      '12.800,00\u00a0€',
      'Emitida',
    ]);
    const collections = wrapper.findAll('[data-test=sample-collection]').map(cells);
    expect(collections.map((c) => [c[0], c[3]])).toEqual([
      ['13 nov 2026', '1280,00\u00a0€'],
      ['14 nov 2026', '-10,50\u00a0€'],
    ]);
    // Codes are words: no raw CARD or ISSUED.
    expect(wrapper.text()).toContain('Tarjeta');
    expect(wrapper.text()).not.toMatch(/\b(CARD|ISSUED)\b/);
  });

  it('in English', async () => {
    const { wrapper } = await previewIn('en');
    expect(wrapper.find('[data-test=total]').text()).toBe('€12,800.00');
    expect(wrapper.find('[data-test=refunded]').text()).toBe('-€10.50');
  });
});
