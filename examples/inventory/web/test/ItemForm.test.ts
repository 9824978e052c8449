import { describe, expect, it } from 'vitest';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import ItemForm from '../components/ItemForm.vue';

const CATEGORIES = () => jsonResponse({ data: { inventoryCategories: [] } });
const mount = () =>
  mountLayer(ItemForm, {
    props: { visible: true },
    permissions: ['inventory.items.read', 'inventory.items.write'],
    modules: ['inventory'],
    messages: { en, es },
    attach: true,
    confirmDialog: true,
    fetch: { InventoryCategories: CATEGORIES },
  });
const type = async (selector: string, value: string) => {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
};

describe('inventory layer: ItemForm', () => {
  it('closes at once when nothing was typed', async () => {
    const { wrapper } = mount();
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=inventory-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(wrapper.emitted('update:visible')).toEqual([[false]]);
    wrapper.unmount();
  });

  it('asks before Cancel drops a typed item, and keeps it when the person says so', async () => {
    const { wrapper } = mount();
    await settle();
    await type('#i-name', 'Nitrile gloves');
    document.querySelector<HTMLButtonElement>('[data-test=inventory-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(wrapper.emitted('update:visible')).toBeUndefined();
    expect(document.querySelector<HTMLInputElement>('#i-name')!.value).toBe('Nitrile gloves');
    wrapper.unmount();
  });
});
