import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write'] as const;

export const manifest: ManifestInput = {
  name: 'patient_relationships',
  version: '0.1.0',
  summary: 'Family links between patients of a clinic (parent, guardian, spouse, sibling…), shown from both sides.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients'],
  autoInstall: false,
  removable: true,
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read'],
    assistant: ['*'],
    receptionist: ['*'],
  },
};
