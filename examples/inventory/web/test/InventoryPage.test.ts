import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import InventoryPage from '../pages/InventoryPage.vue';

/** Quantities as the API sends them: decimal strings with three decimals. */
const ITEMS = [
  {
    __typename: 'InventoryItem',
    id: 'i1',
    name: 'Guantes de nitrilo M',
    sku: null,
    unit: 'caja',
    stockQuantity: '1250.500',
    minimumStock: '5.000',
    lowStock: false,
    category: { __typename: 'InventoryCategory', code: 'ppe', name: 'EPI' },
    consumption: [{ __typename: 'ConsumptionRule', treatmentType: 'cleaning', quantity: '0.250' }],
  },
];
const mountPage = (locale: string) =>
  mountLayer(InventoryPage, {
    permissions: ['inventory.items.read'],
    modules: ['inventory'],
    messages: { en, es },
    locale,
    fetch: { InventoryItems: () => json({ data: { inventoryItems: ITEMS } }) },
  });

describe('inventory layer: InventoryPage', () => {
  it('shows stock, minimum and consumption in the person’s language (a decimal comma in Spanish)', async () => {
    const { wrapper } = mountPage('es');
    await settle();
    // Shown raw, "1250.500" reads as 1 250 500 in Spanish: the quantity is 1250,5.
    expect(wrapper.find('[data-item-stock="Guantes de nitrilo M"]').text()).toBe('1250,5');
    const cells = wrapper.findAll('[data-test=inventory-table] tbody td').map((c) => c.text());
    expect(cells[3]).toBe('5');
    expect(cells[4]).toBe('cleaning: 0,25');
  });

  it('in English', async () => {
    const { wrapper } = mountPage('en');
    await settle();
    expect(wrapper.find('[data-item-stock="Guantes de nitrilo M"]').text()).toBe('1,250.5');
  });
});
