import type { ManifestInput } from '@dentalpin/core';

/** read: see invoices and payments; write: create, issue, take payments, void, credit; admin: series. */
export const permissions = ['read', 'write', 'admin'] as const;

export const manifest: ManifestInput = {
  name: 'billing',
  version: '0.2.0',
  summary: 'Invoices and credit notes: gap-free numbering per series, payments, invoicing accepted budgets.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients', 'catalog', 'budget'],
  autoInstall: true,
  // Removable (the uninstall backs the tables up first); reinstalling starts with empty books.
  removable: true,
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read'],
    assistant: ['read', 'write'],
    receptionist: ['read', 'write'],
  },
  frontend: {
    navigation: [
      { label: 'nav.invoices', to: '/invoices', icon: 'i-lucide-receipt', permission: 'billing.read', order: 50 },
    ],
  },
};
