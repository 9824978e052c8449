import type { ManifestInput } from '@dentalpin/core';

/** read: see and price the catalog; write: items; admin: VAT types, categories and restoring the defaults. */
export const permissions = ['read', 'write', 'admin'] as const;

export const manifest: ManifestInput = {
  name: 'catalog',
  version: '0.1.0',
  summary: 'Treatment catalog: VAT types, categories, items with their pricing, and the price calculator.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: [],
  autoInstall: true,
  // Removable: it holds no patient data. Budget and billing will depend on it, and the core refuses to
  // remove a module others depend on.
  removable: true,
  dataFiles: ['data/vat_presets.yaml', 'data/categories.yaml', 'data/items.yaml'],
  // The original's grants (admin has everything).
  rolePermissions: {
    dentist: ['read'],
    hygienist: ['read'],
    assistant: ['read'],
    receptionist: ['read'],
  },
  frontend: {
    navigation: [
      { label: 'nav.catalog', to: '/catalog', icon: 'i-lucide-list', permission: 'catalog.read', order: 45 },
    ],
  },
};
