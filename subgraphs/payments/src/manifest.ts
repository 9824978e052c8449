import type { ManifestInput } from '@dentalpin/core';

/**
 * record.read: see payments and patient accounts; record.write: take payments; record.refund: give money
 * back; reports.read: collections, earned and aging of receivables for the whole clinic.
 */
export const permissions = ['record.read', 'record.write', 'record.refund', 'reports.read'] as const;

export const manifest: ManifestInput = {
  name: 'payments',
  version: '0.1.0',
  summary:
    'The patient account: payments on account or allocated to budgets and invoices, refunds, the earned ledger, balance and receivables.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  minCoreVersion: '0.1.0',
  depends: ['patients', 'budget', 'billing'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Payments and refunds are financial records the clinic must keep; the patient account is built from them.',
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['record.read'],
    assistant: ['record.read', 'record.write'],
    receptionist: ['record.read', 'record.write', 'reports.read'],
  },
  frontend: {
    navigation: [
      {
        label: 'nav.payments',
        to: '/payments',
        icon: 'i-lucide-wallet',
        permission: 'payments.record.read',
        order: 55,
      },
    ],
  },
};
