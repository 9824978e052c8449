import type { ManifestInput } from '@dentalpin/core';

export const permissions = [
  'alerts.read',
  'medical.read',
  'medical.write',
  'emergency.read',
  'emergency.write',
] as const;

export const manifest: ManifestInput = {
  name: 'patients_clinical',
  version: '0.1.0',
  summary:
    'Medical history of each patient (allergies, medications, diseases, surgery, pregnancy, anaesthesia), emergency contact and legal guardian, with computed medical alerts and an append-only audit trail.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Medical records must be kept (medico-legal retention): uninstalling would drop the medical history and its audit trail, and medical data is never hard-deleted.',
  rolePermissions: {
    dentist: ['*'],
    // Every role sees that a patient has an alert (the banner, the agenda badge); the detail is medical.read.
    hygienist: ['alerts.read', 'medical.read', 'emergency.read'],
    assistant: ['alerts.read', 'medical.read', 'emergency.read', 'emergency.write'],
    receptionist: ['alerts.read', 'emergency.read', 'emergency.write'],
  },
};
