import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write', 'settings'] as const;

export const manifest: ManifestInput = {
  name: 'recalls',
  version: '0.2.0',
  summary: 'The call-back list: patients to recall by due month, contact attempts, snoozes and reminders.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients', 'agenda'],
  autoInstall: true,
  removable: true,
  rolePermissions: {
    // The intervals and reminder lead time (`settings`) are the clinic's policy: admins (every permission).
    dentist: ['read', 'write'],
    hygienist: ['read', 'write'],
    assistant: ['read', 'write'],
    receptionist: ['read', 'write'],
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
