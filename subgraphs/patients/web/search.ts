import type { SearchProvider } from '@dentalpin/web/sdk';

/** The global search's patients: by name, phone or e-mail (the patients list's own search). */
export const patientSearch: SearchProvider = {
  id: 'patients.patients',
  label: 'patients.searchGroup',
  permission: 'patients.read',
  async search(term, client) {
    // Loaded on the first search: the layer's entry stays free of the module's documents.
    const { PatientSearchQuery } = await import('./operations.ts');
    const r = await client.query({
      query: PatientSearchQuery,
      variables: { search: term },
      fetchPolicy: 'network-only',
    });
    return r.data.patients.items.map((p) => ({
      id: p.id,
      label: p.fullName,
      sublabel: [p.phone, p.email].filter(Boolean).join(' · ') || undefined,
      route: `/patients/${p.id}`,
    }));
  },
};
