import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['items.read', 'items.write', 'stock.write'] as const;

export const manifest: ManifestInput = {
  name: 'inventory',
  version: '0.1.0',
  summary: 'Stock of consumables, instruments and implants, with every movement recorded.',
  author: 'DentalPin community',
  license: 'MIT',
  category: 'community',
  minCoreVersion: '0.1.0',
  depends: [],
  autoInstall: false,
  removable: true,
  dataFiles: ['data/categories.yaml'],
  rolePermissions: {
    dentist: ['items.read', 'stock.write'],
    hygienist: ['items.read', 'stock.write'],
    assistant: ['*'],
    receptionist: ['items.read'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.inventory',
        to: '/inventory',
        icon: 'i-lucide-package',
        permission: 'inventory.items.read',
        order: 70,
      },
    ],
  },
};
