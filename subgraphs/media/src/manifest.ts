import type { ManifestInput } from '@dentalpin/core';

export const permissions = ['documents.read', 'documents.write', 'attachments.read', 'attachments.write'] as const;

export const manifest: ManifestInput = {
  name: 'media',
  version: '0.2.0',
  summary: 'Patient documents and images: consent forms, X-rays, photos and PDFs, with pairing and attachments.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Patient documents (signed consents, X-rays) are clinical records that must be kept; uninstalling would drop their index.',
  dataFiles: ['data/owner_types.yaml'],
  rolePermissions: {
    dentist: ['*'],
    hygienist: ['documents.read', 'attachments.*'],
    assistant: ['*'],
    receptionist: ['*'],
  },
};
