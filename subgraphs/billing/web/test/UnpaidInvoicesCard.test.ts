import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import UnpaidInvoicesCard from '../components/UnpaidInvoicesCard.vue';

const invoice = (id: string, number: string, balance: string, dueDate: string | null) => ({
  __typename: 'Invoice' as const,
  id,
  number,
  balance,
  dueDate,
  patient: { __typename: 'Patient' as const, id: `p-${id}`, fullName: 'Zoe Quintana' },
});
const answer = () =>
  jsonResponse({
    data: {
      invoices: {
        __typename: 'InvoicePage',
        items: [invoice('i1', 'FAC-2026-0007', '1250.50', '2026-12-31'), invoice('i2', 'FAC-2026-0003', '80.00', null)],
        total: 7,
      },
    },
  });

function mountCard(locale = 'en') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] });
  return mountLayer(UnpaidInvoicesCard, {
    permissions: ['billing.read'],
    modules: ['billing'],
    messages: { en, es },
    locale,
    fetch: [answer],
    plugins: [router],
  });
}

describe('billing layer: the unpaid invoices dashboard card', () => {
  it('asks for issued and partly paid invoices only, and lists what is owed in the clinic currency, linking each', async () => {
    const { wrapper, sent } = mountCard();
    await settle();
    expect(sent[0].operationName).toBe('UnpaidInvoices');
    expect(wrapper.find('[data-test=invoices-unpaid-count]').text()).toBe('7 issued invoices are owed.');
    const items = wrapper.findAll('[data-test=invoices-unpaid-item]');
    expect(items).toHaveLength(2);
    expect(items[0].find('a').attributes('href')).toBe('/invoices/i1');
    expect(items[0].find('a').text()).toBe('FAC-2026-0007 · Zoe Quintana');
    expect(items[0].find('[data-test=invoices-unpaid-detail]').text()).toBe('€1,250.50 due · due by Dec 31, 2026');
    expect(items[1].text()).not.toContain('due by');
  });

  it('speaks Spanish with Spanish money', async () => {
    const { wrapper } = mountCard('es');
    await settle();
    expect(wrapper.find('[data-test=invoices-unpaid-detail]').text()).toMatch(/^Pendiente: 1250,50\u00a0€/);
  });
});
