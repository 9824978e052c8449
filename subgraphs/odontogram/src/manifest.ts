import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['read', 'write', 'treatments.read', 'treatments.write'] as const;

export const manifest: ManifestInput = {
  name: 'odontogram',
  version: '0.2.0',
  summary:
    'The dental chart: tooth and surface conditions, planned and performed treatments priced from the catalog, history.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients', 'catalog'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'The chart and its treatments are clinical records, which are never hard-deleted; treatment plans and budgets point at its treatments.',
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['read', 'write'],
    assistant: ['read', 'treatments.read'],
    // Reception builds plans from what the dentist charted (addPlanItem reads the treatment) and books its visits.
    receptionist: ['treatments.read'],
  },
};
