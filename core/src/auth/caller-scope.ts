import type { Identity } from '../graphql/context.ts';

/**
 * Who may share an answer computed for another caller: the same clinic, user, role, platform-admin flag and
 * grants. An answer may depend on any of these (`me`, "own" grants such as `schedules.professional.own.write`,
 * a note's author), never on more. Null for an anonymous caller (nothing is shared). Used by the gateway's
 * in-flight deduplication and by the subscriptions' shared lookups.
 */
export function callerScope(identity: Identity | null | undefined): string | null {
  if (!identity) return null;
  const grants = [...identity.grants].sort().join(',');
  return `${identity.clinicId}|${identity.userId}|${identity.role}|${identity.isPlatformAdmin ? 1 : 0}|${grants}`;
}
