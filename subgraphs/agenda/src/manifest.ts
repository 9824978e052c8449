import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['appointments.read', 'appointments.write', 'cabinets.read', 'cabinets.write'] as const;

export const manifest: ManifestInput = {
  name: 'agenda',
  version: '0.3.0',
  summary: 'Appointments, cabinets and the real-time agenda: status lifecycle, slot guarantee, clinic time zone.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Appointments and their status history are part of the clinical record; uninstalling would drop them.',
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['appointments.read', 'appointments.write', 'cabinets.read'],
    assistant: ['appointments.read', 'appointments.write', 'cabinets.read'],
    receptionist: ['appointments.read', 'appointments.write', 'cabinets.read'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.agenda',
        to: '/agenda',
        icon: 'i-lucide-calendar',
        permission: 'agenda.appointments.read',
        order: 20,
      },
    ],
  },
};
