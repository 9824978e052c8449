import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write'] as const;

export const manifest: ManifestInput = {
  name: 'periodontogram',
  version: '0.1.0',
  summary: 'Periodontal exams: six sites per tooth, one draft per patient, indices frozen on close, exams compared.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients'],
  autoInstall: false,
  removable: true,
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['*'],
    assistant: ['read'],
  },
};
