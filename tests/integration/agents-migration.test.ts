import { it, expect } from 'vitest';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { openDatabase } from '../../core/src/db/database.ts';
import { createOrm } from '../../core/src/db/orm.ts';
import { coreMigrations } from '../../core/migrations/index.ts';
import { CORE_ENTITIES } from '../../core/src/entities/index.ts';
it('the agents core migration has a working down() and re-applies', async () => {
  const tdb = await createTestDatabase();
  const db = openDatabase(tdb.url);
  const orm = await createOrm(db, { name: 'core', entities: CORE_ENTITIES, migrations: coreMigrations });
  await orm.getMigrator().up();
  const tables = async () =>
    (
      await db.knex.raw(
        `select table_name from information_schema.tables where table_schema='public' and table_name like 'agent%' order by 1`,
      )
    ).rows.map((r: { table_name: string }) => r.table_name);
  expect(await tables()).toEqual([
    'agent_approvals',
    'agent_audit_log',
    'agent_guardrails',
    'agent_rate_events',
    'agent_sessions',
  ]);
  await orm.getMigrator().down({ to: 'Migration20261126000001_core' });
  expect(await tables()).toEqual([]);
  await orm.getMigrator().up();
  expect((await tables()).length).toBe(5);
  await orm.close();
  await db.close();
  await tdb.drop();
});
