import type { SearchProvider } from '@dentalpin/web/sdk';

/** The global search's invoices and credit notes: by (part of) their number (drafts have none yet). */
export const invoiceSearch: SearchProvider = {
  id: 'billing.invoices',
  label: 'billing.searchGroup',
  permission: 'billing.read',
  minLength: 3,
  async search(term, client) {
    // Loaded on the first search: the layer's entry stays free of the module's documents.
    const { InvoiceSearchQuery } = await import('./operations.ts');
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
