import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['export'] as const;

export const manifest: ManifestInput = {
  name: 'accounting_export',
  version: '0.1.0',
  summary: "Invoices and collections of a period as spreadsheet-ready CSV files in a ZIP, for the clinic's accountant.",
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['billing'],
  autoInstall: false,
  removable: true,
  // Admins only (they hold every permission); a clinic may grant it to another role.
  rolePermissions: {},
  frontend: {
    navigation: [
      {
        label: 'nav.accountingExport',
        to: '/accounting-export',
        icon: 'i-lucide-file-spreadsheet',
        permission: 'accounting_export.export',
        order: 85,
      },
    ],
  },
};
