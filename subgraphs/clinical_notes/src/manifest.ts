import type { ManifestInput } from '@dentalpin/core';

/**
 * `notes.read` is clinical: a role without it (the receptionist, by default) sees no note. `notes.moderate`
 * lets a holder delete another author's note; only admins hold it unless a clinic grants it.
 */
export const permissions = ['notes.read', 'notes.write', 'notes.moderate', 'templates.write'] as const;

export const manifest: ManifestInput = {
  name: 'clinical_notes',
  version: '0.1.0',
  summary: 'Clinical notes on a patient, a treatment, a plan, an appointment or a tooth, with note templates.',
  author: 'DentalPin Core Team',
  license: 'MIT',
  category: 'official',
  depends: ['patients'],
  autoInstall: true,
  removable: false,
  nonRemovableReason:
    'Clinical notes are part of the clinical record, which is never hard-deleted; uninstalling would drop them.',
  rolePermissions: {
    dentist: ['notes.read', 'notes.write', 'templates.write'],
    hygienist: ['notes.read', 'notes.write'],
    assistant: ['notes.read', 'notes.write'],
    receptionist: [],
  },
};
