import type { EntityManager } from '@dentalpin/core';

/**
 * Ids of the clinic's active professionals, by name: the users `requireProfessional` accepts (an active
 * user with a professional membership). The core has no list counterpart of `requireProfessional` yet;
 * this is the function it lacks, written to move into `core/src/clinics.ts` as is (the shape check refuses
 * this query in a module until then).
 */
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
