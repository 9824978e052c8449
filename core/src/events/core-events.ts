import { z } from 'zod';
import { eventCatalog, eventPayload, type EventDeclaration } from './catalog.ts';

/** Events the core itself publishes. */
export const CORE_EVENTS: Record<string, EventDeclaration> = {
  /** A clinic was created (setup, createClinic, CLI); modules seed their per-clinic defaults from it. */
  'clinic.created': {
    payload: eventPayload({
      name: z.string(),
      timezone: z.string(),
      currency: z.string(),
      created_by: z.string().nullable(),
      source: z.enum(['setup', 'create_clinic', 'cli']),
    }),
    permission: 'admin.clinic.read',
  },
};

// Registered on load so that every user of `publish` (platform, CLI, tests of the auth service) knows them.
eventCatalog.register('core', CORE_EVENTS);
