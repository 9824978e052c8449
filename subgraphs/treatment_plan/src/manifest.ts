import type { ManifestInput } from '@dentalpin/core';

/** `complete` (sessions and items: clinical work, it performs the treatment) is the dentist's, not reception's. */
export const permissions = ['read', 'write', 'confirm', 'close', 'reactivate', 'complete'] as const;

export const manifest: ManifestInput = {
  name: 'treatment_plan',
  version: '0.2.0',
  summary:
    "Treatment plans: a patient's odontogram treatments grouped, confirmed into a budget and followed to completion.",
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients', 'odontogram', 'budget'],
  autoInstall: true,
  removable: false,
  nonRemovableReason: 'Treatment plans are clinical records that must be kept.',
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read'],
    assistant: ['read', 'write'],
    receptionist: ['read', 'write', 'close', 'reactivate'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.treatmentPlans',
        to: '/treatment-plans',
        icon: 'i-lucide-clipboard-list',
        permission: 'treatment_plan.read',
        order: 30,
      },
    ],
  },
};
