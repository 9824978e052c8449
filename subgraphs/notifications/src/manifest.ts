import type { ManifestInput } from '@dentalpin/core';

/**
 * templates.*: the clinic's message templates; preferences.*: a patient's choices; logs.read: the message
 * log (outbox); send: queue a message to a patient; settings.*: the clinic's notification settings.
 */
export const permissions = [
  'templates.read',
  'templates.write',
  'preferences.read',
  'preferences.write',
  'logs.read',
  'send',
  'settings.read',
  'settings.write',
] as const;

const STAFF = ['preferences.read', 'preferences.write', 'send', 'logs.read'];

export const manifest: ManifestInput = {
  name: 'notifications',
  version: '0.4.0',
  summary:
    'Patient e-mail notifications: templates per clinic and language, patient preferences, an outbox with ' +
    'retries, and automatic messages for appointments (confirmation, reminder, thank-you), budgets and invoices.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients', 'agenda'],
  autoInstall: true,
  // Removable: the message log is an audit of communications, not a clinical record; the uninstall backup keeps it.
  removable: true,
  dataFiles: ['data/templates.yaml'],
  // The original's grants: dentists, assistants and receptionists; hygienists none; admin has everything.
  rolePermissions: {
    dentist: STAFF,
    assistant: STAFF,
    receptionist: STAFF,
  },
  frontend: {
    navigation: [
      {
        label: 'nav.notifications',
        to: '/notifications',
        icon: 'i-lucide-mail',
        permission: 'notifications.logs.read',
        order: 80,
      },
    ],
  },
};
