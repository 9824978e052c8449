import type { ManifestInput } from '@dentalpin/core';

/** One read permission per report family (namespaced: reports.billing.read, …). */
export const permissions = ['billing.read', 'budgets.read', 'scheduling.read'] as const;

export const manifest: ManifestInput = {
  name: 'reports',
  version: '0.1.0',
  summary:
    'Billing, budget conversion and scheduling reports, aggregated from the other modules through the supergraph.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients', 'agenda', 'budget', 'billing'],
  autoInstall: true,
  // No tables: every report is computed on demand from the other modules, so removing it loses nothing.
  removable: true,
  // The original's grants (admin has everything). The navigation needs reports.billing.read, so
  // hygienists and assistants (scheduling only) do not see /reports in the sidebar.
  rolePermissions: {
    dentist: ['billing.read', 'budgets.read', 'scheduling.read'],
    hygienist: ['scheduling.read'],
    assistant: ['scheduling.read'],
    receptionist: ['billing.read', 'scheduling.read'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.reports',
        to: '/reports',
        icon: 'i-lucide-bar-chart-3',
        permission: 'reports.billing.read',
        order: 60,
      },
    ],
  },
};
