import type { ManifestInput } from '@dentalpin/core';

/**
 * read: see budgets; write: create, edit, send, reject, cancel; accept_in_clinic: record the patient's
 * acceptance; renegotiate: cancel a sent budget to start over; admin: everything (clinic settings).
 */
export const permissions = ['read', 'write', 'admin', 'renegotiate', 'accept_in_clinic'] as const;

export const manifest: ManifestInput = {
  name: 'budget',
  version: '0.1.0',
  summary:
    'Treatment budgets (quotes): priced lines from the catalog, discounts, VAT, numbering, acceptance and expiry.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients', 'catalog'],
  autoInstall: true,
  // Removable: the core refuses while billing or reports (which depend on it) are installed, and the
  // uninstall backs the tables up first.
  removable: true,
  // The original's grants (admin has everything).
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read'],
    assistant: ['read', 'write', 'accept_in_clinic'],
    receptionist: ['read', 'write', 'renegotiate', 'accept_in_clinic'],
  },
  frontend: {
    navigation: [
      { label: 'nav.budgets', to: '/budgets', icon: 'i-lucide-file-text', permission: 'budget.read', order: 40 },
    ],
  },
};
