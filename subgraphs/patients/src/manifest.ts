import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write'] as const;

export const manifest: ManifestInput = {
  name: 'patients',
  version: '0.2.0',
  summary: 'Patient records: demographics, contact details, search and archive.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: [],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Uninstalling would drop the patients table, and patient data is never hard-deleted; every clinical module builds on it.',
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read'],
    assistant: ['*'],
    receptionist: ['read', 'write'],
  },
  frontend: {
    navigation: [
      { label: 'nav.patients', to: '/patients', icon: 'i-lucide-users', permission: 'patients.read', order: 10 },
    ],
  },
};
