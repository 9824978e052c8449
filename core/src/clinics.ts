import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from './errors.ts';
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
