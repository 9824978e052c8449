import type { SearchProvider } from '@dentalpin/web/sdk';

/** The global search's budgets: by (part of) their number; each version is its own budget. */
export const budgetSearch: SearchProvider = {
  id: 'budget.budgets',
  label: 'budget.searchGroup',
  permission: 'budget.read',
  minLength: 3,
  async search(term, client) {
    // Loaded on the first search: the layer's entry stays free of the module's documents.
    const { BudgetSearchQuery } = await import('./operations.ts');
    const r = await client.query({
      query: BudgetSearchQuery,
      variables: { search: term },
      fetchPolicy: 'network-only',
    });
    return r.data.budgets.items.map((b) => ({
      id: b.id,
      label: b.version > 1 ? `${b.number} v${b.version}` : b.number,
      sublabel: b.patient.fullName,
      route: `/budgets/${b.id}`,
    }));
  },
};
