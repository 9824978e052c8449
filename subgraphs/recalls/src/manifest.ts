import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write'] as const;

export const manifest: ManifestInput = {
  name: 'recalls',
  version: '0.1.0',
  summary: 'The call-back list: patients to recall by due month, contact attempts, snoozes and reminders.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients', 'agenda'],
  autoInstall: true,
  removable: true,
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['*'],
    assistant: ['*'],
    receptionist: ['*'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.recalls',
        to: '/recalls',
        icon: 'i-lucide-phone-call',
        permission: 'recalls.read',
        order: 25,
      },
    ],
  },
};
