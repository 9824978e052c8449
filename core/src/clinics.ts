import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from './errors.ts';
import type { Role } from './modules/manifest.ts';
import { isUuid } from './validation.ts';
import { clinicTimezone } from './time.ts';

export interface ClinicInfo {
  id: string;
  name: string;
  /** IANA time zone. */
  timezone: string;
  /** ISO 4217 code, e.g. EUR. */
  currency: string;
  /** The clinic's language for patient-facing text (`settings.locale`, default "es"). */
  locale: string;
}

/** What modules may know about a clinic (core table, read inside the caller's transaction). */
export async function clinicInfo(em: EntityManager, clinicId: string): Promise<ClinicInfo> {
  const [row] = await em
    .getConnection()
    .execute<{ id: string; name: string; currency: string; locale: string | null }[]>(
      `select id, name, currency, settings->>'locale' as locale from clinics where id = ?`,
      [clinicId],
      'all',
      em.getTransactionContext(),
    );
  if (!row) throw notFound('Clinic', clinicId);
  return { ...row, timezone: await clinicTimezone(em, clinicId), locale: row.locale ?? 'es' };
}

/**
 * The clinic role of `userId` if they are an active user with a professional membership of the clinic
 * (who may be an appointment's, a budget's or an invoice's professional); BAD_USER_INPUT otherwise.
 * Read inside the caller's transaction.
 */
export async function requireProfessional(
  em: EntityManager,
  clinicId: string,
  userId: string,
): Promise<{ role: Role }> {
  const refused = badInput(`User ${userId} is not an active professional of this clinic.`);
  if (!isUuid(userId)) throw refused;
  const [row] = await em.getConnection().execute<{ role: Role }[]>(
    `select m.role from clinic_memberships m join users u on u.id = m.user_id
      where m.clinic_id = ? and m.user_id = ? and m.is_professional and u.is_active`,
    [clinicId, userId],
    'all',
    em.getTransactionContext(),
  );
  if (!row) throw refused;
  return { role: row.role };
}

/** Ids of the clinic's active professionals by name: every user `requireProfessional` accepts. */
export async function activeProfessionalIds(em: EntityManager, clinicId: string): Promise<string[]> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select u.id from clinic_memberships m join users u on u.id = m.user_id
      where m.clinic_id = ? and m.is_professional and u.is_active
      order by u.last_name, u.first_name, u.id`,
    [clinicId],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((r) => r.id);
}
