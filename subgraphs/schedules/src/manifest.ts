import type { ManifestInput } from '@dentalpin/core';

export const permissions = [
  'clinic_hours.read',
  'clinic_hours.write',
  'professional.read',
  'professional.write',
  'professional.own.read',
  'professional.own.write',
  'availability.read',
  'analytics.read',
] as const;

export const manifest: ManifestInput = {
  name: 'schedules',
  version: '0.2.0',
  summary: 'Clinic and professional working hours, closures, availability, free slots and occupancy analytics.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  // The agenda works without schedules, and schedules reads appointments through the supergraph only.
  depends: [],
  autoInstall: true,
  removable: true,
  rolePermissions: {
    dentist: [
      'clinic_hours.read',
      'professional.own.read',
      'professional.own.write',
      'availability.read',
      'analytics.read',
    ],
    hygienist: ['clinic_hours.read', 'professional.own.read', 'professional.own.write', 'availability.read'],
    assistant: ['clinic_hours.read', 'professional.read', 'availability.read'],
    receptionist: ['clinic_hours.read', 'professional.read', 'availability.read', 'analytics.read'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.schedules',
        to: '/settings/schedules',
        icon: 'i-lucide-clock',
        permission: 'schedules.clinic_hours.read',
        order: 85,
      },
    ],
  },
};
