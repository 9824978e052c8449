import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PaymentsPage from '../pages/PaymentsPage.vue';

describe('payments layer: PaymentsPage', () => {
  it('names the method filter by its visible label only', async () => {
    mountLayer(PaymentsPage, {
      permissions: ['payments.record.read'],
      messages: { en, es },
      attach: true,
      plugins: [createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] })],
      fetch: {
        PaymentsList: () =>
          jsonResponse({
            data: { payments: { __typename: 'PaymentPage', total: 0, page: 1, pageSize: 50, items: [] } },
          }),
      },
    });
    await settle();
    // The MultiSelect's combobox is a real <input>: the <label for> names it, with no aria-label over it.
    const combobox = document.querySelector<HTMLInputElement>('#payments-methods')!;
    expect(combobox.tagName).toBe('INPUT');
    expect(combobox.getAttribute('role')).toBe('combobox');
    expect(combobox.hasAttribute('aria-label')).toBe(false);
    expect(combobox.hasAttribute('aria-labelledby')).toBe(false);
    expect([...combobox.labels!].map((l) => l.textContent!.trim())).toEqual(['Method']);
  });
});
