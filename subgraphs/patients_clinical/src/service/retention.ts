import type { ModuleHookContext } from '@dentalpin/core';

/** Every table of the module (the audit trail last). */
export const MEDICAL_TABLES = [
  'patients_clinical_medical_context',
  'patients_clinical_allergies',
  'patients_clinical_medications',
  'patients_clinical_systemic_diseases',
  'patients_clinical_surgical_history',
  'patients_clinical_emergency_contacts',
  'patients_clinical_legal_guardians',
  'patients_clinical_audit',
] as const;

/**
 * The module is not removable, but an administrator can force an uninstall, which would drop the
 * tables. This hook refuses that while any medical record (or audit row) exists, in any clinic:
 * medical records are retained. An instance that never recorded anything can still remove it.
 */
export async function refuseUninstallWhileRecordsExist(ctx: ModuleHookContext): Promise<void> {
  const connection = ctx.em.getConnection();
  const trx = ctx.em.getTransactionContext();
  const counts = await connection.execute<{ table: string; n: number }[]>(
    MEDICAL_TABLES.map((t) => `select '${t}' as "table", count(*)::int as n from ${t}`).join(' union all '),
    [],
    'all',
    trx,
  );
  const held = counts.filter((c) => c.n > 0);
  if (held.length)
    throw new Error(
      `patients_clinical holds medical records (${held.map((c) => `${c.table}: ${c.n}`).join(', ')}); ` +
        'medical records are retained and never hard-deleted, so the module cannot be uninstalled. Disable it instead.',
    );
}
