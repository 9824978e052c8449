import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read'] as const;

export const manifest: ManifestInput = {
  name: 'patient_timeline',
  version: '0.3.0',
  summary: "A per-patient timeline built from other modules' events (visits, notes, …).",
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients'],
  autoInstall: true,
  removable: true,
  rolePermissions: {
    dentist: ['read'],
    hygienist: ['read'],
    assistant: ['read'],
    receptionist: ['read'],
  },
};
