import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import CatalogPage from '../pages/CatalogPage.vue';

const item = (id: string, name: string, price: string, rate: string) => ({
  __typename: 'CatalogItem',
  id,
  code: id.toUpperCase(),
  name,
  pricingStrategy: 'FLAT',
  price,
  isActive: true,
  category: { __typename: 'CatalogCategory', name: 'Implantología' },
  vatType: { __typename: 'CatalogVatType', name: rate === '0.00' ? 'Exento' : 'General', rate },
});
const mountPage = (locale: string) =>
  mountLayer(CatalogPage, {
    permissions: ['catalog.read'],
    modules: ['catalog'],
    messages: { en, es },
    locale,
    attach: true,
    fetch: {
      CatalogItems: () =>
        json({
          data: {
            catalogItems: {
              __typename: 'CatalogItemPage',
              items: [item('imp', 'Implante', '1280.00', '21.00'), item('lim', 'Limpieza', '50.00', '0.00')],
              total: 2,
              page: 1,
              pageSize: 20,
            },
          },
        }),
      QuoteTreatment: () =>
        json({
          data: {
            quoteTreatment: {
              __typename: 'TreatmentQuote',
              net: '12800.00',
              vatRate: '10.50',
              vatAmount: '1344.00',
              gross: '14144.00',
              units: 10,
            },
          },
        }),
    },
  });
const rows = (wrapper: ReturnType<typeof mountPage>['wrapper']) =>
  wrapper.findAll('[data-test=catalog-table] tbody tr').map((r) => r.findAll('td').map((c) => c.text()));

describe('catalog layer: prices, VAT rates and quotes in the clinic currency and the person’s language', () => {
  it('lists prices in euros and VAT rates as percentages, in Spanish', async () => {
    const { wrapper } = mountPage('es');
    await settle();
    // Code, name, category, pricing, price, VAT: es-ES does not group four digits; a no-break space before "€"/"%".
    expect(rows(wrapper).map((r) => r.slice(4, 6))).toEqual([
      ['1280,00\u00a0€', 'General (21\u00a0%)'],
      ['50,00\u00a0€', 'Exento (0\u00a0%)'],
    ]);
  });

  it('shows the server’s quote as money, in Spanish', async () => {
    const { wrapper } = mountPage('es');
    await settle();
    await wrapper.find('[data-test=catalog-quote]').trigger('click');
    await settle();
    document.querySelector<HTMLFormElement>('#catalog-quote-form')!.dispatchEvent(new Event('submit'));
    await settle();
    const result = document.querySelector('[data-test=catalog-quote-result]')!;
    expect(result.querySelector('[data-test=catalog-quote-net]')!.textContent).toBe('12.800,00\u00a0€');
    expect(result.querySelector('[data-test=catalog-quote-vat]')!.textContent).toBe('1344,00\u00a0€');
    expect(result.querySelector('[data-test=catalog-quote-gross]')!.textContent).toBe('14.144,00\u00a0€');
    expect(result.textContent).toContain('(10,5\u00a0%)');
  });

  it('in English', async () => {
    const { wrapper } = mountPage('en');
    await settle();
    expect(rows(wrapper)[0].slice(4, 6)).toEqual(['€1,280.00', 'General (21%)']);
  });
});
