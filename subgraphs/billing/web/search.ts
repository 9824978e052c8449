import type { SearchProvider } from '@dentalpin/web/sdk';
import { InvoiceSearchQuery } from './operations.ts';

/** The global search's invoices and credit notes: by (part of) their number (drafts have none yet). */
export const invoiceSearch: SearchProvider = {
  id: 'billing.invoices',
  label: 'billing.searchGroup',
  permission: 'billing.read',
  minLength: 3,
  async search(term, client) {
    const r = await client.query({
      query: InvoiceSearchQuery,
      variables: { search: term },
      fetchPolicy: 'network-only',
    });
    return r.data.invoices.items.map((i) => ({
      id: i.id,
      label: i.number ?? '',
      sublabel: i.patient.fullName,
      route: `/invoices/${i.id}`,
    }));
  },
};
