import { Migration } from '@mikro-orm/migrations';
import type { Knex } from 'knex';
import { applyTenancy, POLICY_NAME, SHARED_POLICY_NAME, tenantTables } from '../src/db/tenancy.ts';

/**
 * Tenancy kept by PostgreSQL (docs/security.md): the application role `dentalpin_app` and, on every table that
 * has a `clinic_id` column — the core's and those of every module already installed — ENABLE + FORCE ROW LEVEL
 * SECURITY with the policy `dentalpin_clinic_isolation`. No row is changed: rows stay where they are, and each
 * is visible to its own clinic's bound transactions (and to the owner's maintenance path).
 * Tables created later get the same policy from the core after their module's migrations run.
 */
export class Migration20261202000060_row_level_security extends Migration {
  private knex(): Knex | Knex.Transaction {
    return (this.ctx as Knex.Transaction | undefined) ?? this.getKnex();
  }

  override async up(): Promise<void> {
    await applyTenancy(this.knex());
  }

  override async down(): Promise<void> {
    const knex = this.knex();
    for (const t of await tenantTables(knex)) {
      const name = `"${t.schema}"."${t.table}"`;
      await knex.raw(`drop policy if exists ${POLICY_NAME} on ${name}`);
      await knex.raw(`drop policy if exists ${SHARED_POLICY_NAME} on ${name}`);
      await knex.raw(`alter table ${name} no force row level security`);
      await knex.raw(`alter table ${name} disable row level security`);
    }
  }
}
