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
  /**
   * A user asked to reset their password: carries the single-use link, so it is internal (handlers
   * only: notifications e-mails it to the user; no subscriber, timeline or agent ever sees it).
   */
  'user.password_reset_requested': {
    payload: eventPayload({
      user_id: z.string(),
      email: z.string(),
      first_name: z.string(),
      reset_url: z.string(),
      expires_at: z.string(),
      valid_minutes: z.number().int(),
    }),
    permission: 'admin.users.write',
    internal: true,
  },
};

// Registered on load so that every user of `publish` (platform, CLI, tests of the auth service) knows them.
eventCatalog.register('core', CORE_EVENTS);
