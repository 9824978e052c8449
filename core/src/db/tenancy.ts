import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import { logger } from '../logger.ts';
import { DomainError } from '../errors.ts';

/**
 * Tenancy kept by PostgreSQL (docs/security.md "Row-level security").
 *
 * Every table with a `clinic_id` column has ENABLE + FORCE ROW LEVEL SECURITY and the policy
 * `dentalpin_clinic_isolation`: a row is visible and writable only when its clinic is the one bound to the
 * current transaction (`dentalpin.clinic_id`, set with `set_config(…, true)`); no bound clinic, no row.
 *
 * Work that serves a caller runs *bound*: its statements run as the role `dentalpin_app` (not the tables'
 * owner, no BYPASSRLS) in a transaction that carries the caller's clinic. The binding lives in an
 * AsyncLocalStorage cell opened by the core around each unit of work (`bindClinic`, `openBindingCell`) and is
 * applied in ONE place, the connection hook below (`installTenancyHook`), so a module cannot forget it.
 * Work outside any cell — migrations, seeds, the lifecycle, backups, the doctor, the event relay's and job
 * runner's cross-clinic bookkeeping, login — is the platform's own maintenance path and runs as the owner
 * of the connection (DATABASE_URL), visibly: `asOwner(reason, fn)` marks it where it happens inside a cell.
 */

/** The role application statements run as (`SET LOCAL ROLE`). Created by the core, NOLOGIN, NOBYPASSRLS. */
export const APP_ROLE = 'dentalpin_app';
/** The transaction-local setting that carries the bound clinic. */
export const CLINIC_SETTING = 'dentalpin.clinic_id';
/** The name of the policy the core puts on every tenant table. */
export const POLICY_NAME = 'dentalpin_clinic_isolation';
/**
 * On a table whose `clinic_id` may be NULL (rows shared by every clinic, e.g. notifications' default
 * templates): those rows are readable — never writable — by any transaction bound to a clinic.
 */
export const SHARED_POLICY_NAME = 'dentalpin_shared_rows';

/**
 * A unit of work's binding. `clinicId` null: the application role with no clinic (sees no tenant row);
 * `owner`: the maintenance path (the connection's own role).
 */
export interface BindingCell {
  clinicId: string | null;
  owner: boolean;
  /** Why this cell runs as the owner (logged once when set). */
  reason?: string;
}

const storage = new AsyncLocalStorage<BindingCell>();

let bindingOn = true;
/**
 * BENCHMARK ONLY (tests/bench/rls.ts): with `false`, bound units of work run as the owner like the maintenance
 * path, so one run can measure the same requests with and without row-level security. Not exported by the core.
 */
export function setBindingForBenchmark(on: boolean): void {
  bindingOn = on;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedClinic(clinicId: string | null): string | null {
  if (clinicId !== null && !UUID.test(clinicId))
    throw new Error(`Cannot bind clinic "${clinicId}": a clinic id is a UUID.`);
  return clinicId;
}

/**
 * Runs `fn` bound to `clinicId` (null: the application role with no clinic: no tenant row at all). Awaits what
 * `fn` returns inside the binding, so a lazy query builder (knex) runs bound too. A malformed id throws at once.
 */
export function bindClinic<T>(clinicId: string | null, fn: () => T | PromiseLike<T>): Promise<T> {
  const cell: BindingCell = { clinicId: checkedClinic(clinicId), owner: false };
  return storage.run(cell, async () => await fn());
}

/**
 * Runs `fn` in a binding cell that starts as `initial` and that `bindCurrent` may re-bind later: for units of
 * work whose clinic is known only once they run (a module's HTTP route after `authorize`, a job choosing its
 * next clinic with `forClinic`).
 */
export function openBindingCell<T>(initial: { clinicId: string | null } | 'owner', fn: () => T): T {
  const cell: BindingCell =
    initial === 'owner' ? { clinicId: null, owner: true, reason: 'cross-clinic step' } : { ...initial, owner: false };
  return storage.run(cell, fn);
}

/**
 * A job's step for one clinic: from here on, in this async flow only, statements see only `clinicId`'s rows. A
 * new cell is entered (not the job's cell changed), so steps run in parallel (`Promise.all` over clinics) each
 * keep their own clinic, and one step never re-binds another. The job's own flow stays bound to the last clinic
 * it stepped into (it then sees only that clinic's rows: it chooses its clinics before its first step). Outside
 * any cell (no unit of work) it does nothing.
 */
export function enterClinicStep(clinicId: string): void {
  if (!storage.getStore()) return;
  storage.enterWith({ clinicId: checkedClinic(clinicId), owner: false });
}

/**
 * Re-binds the current cell (if any) to `clinicId`; statements from now on see only that clinic's rows. For a
 * unit of work with one caller whose clinic is known late (a module route after `authorize`).
 */
export function bindCurrent(clinicId: string): void {
  const cell = storage.getStore();
  if (!cell) return;
  cell.clinicId = checkedClinic(clinicId);
  cell.owner = false;
}

/**
 * The audited maintenance path inside a unit of work: `fn` runs as the connection's owner role (RLS does not
 * filter a superuser or a BYPASSRLS owner). Use only for the platform's own cross-clinic work.
 */
export function asOwner<T>(reason: string, fn: () => T | PromiseLike<T>): Promise<T> {
  if (storage.getStore()) logger.debug(`tenancy: owner path inside a bound unit of work (${reason})`);
  return storage.run({ clinicId: null, owner: true, reason }, async () => await fn());
}

/** The current binding: undefined outside any cell (the maintenance path). */
export const currentBinding = (): Readonly<BindingCell> | undefined => storage.getStore();

// ── The one place the binding reaches PostgreSQL ─────────────────────────────────────────────────

interface PgConnection {
  query(config: { text: string; values?: unknown[] }, cb: (err: Error | null, res: unknown) => void): void;
  /**
   * A transaction is open on this connection, as the statements seen here say (BEGIN … COMMIT/ROLLBACK).
   * Not knex's `__knexTxId`: a nested transaction (a savepoint) deletes that while the outer one is still open.
   */
  __dentalpinInTransaction?: boolean;
  /** The binding applied to the current transaction of this connection ('' = app role, no clinic). */
  __dentalpinBinding?: string;
}

interface QueryObject {
  sql: string;
  bindings?: unknown[];
}

interface KnexClient {
  _query(connection: PgConnection, obj: QueryObject): Promise<QueryObject>;
}

/** One statement, no bindings: the simple protocol, so several may travel in one round trip. */
const simple = (connection: PgConnection, text: string) =>
  new Promise<void>((resolve, reject) => connection.query({ text }, (err) => (err ? reject(err) : resolve())));

/** The statements binding the current transaction (the clinic id is a checked UUID, so it can be inlined). */
const bindSql = (clinicId: string | null) =>
  `SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('${CLINIC_SETTING}', '${clinicId ?? ''}', true)`;
const unbindSql = `SET LOCAL ROLE NONE; SELECT set_config('${CLINIC_SETTING}', '', true)`;

const BEGIN = /^\s*BEGIN\b/i;
const END = /^\s*(COMMIT|ROLLBACK)\b(?!\s+TO\b)/i;
const ROLLBACK_TO = /^\s*ROLLBACK\s+TO\b/i;
/** A binding no cell has: the connection's binding is not known (after a rollback to a savepoint). */
const UNKNOWN_BINDING = '\u0000unknown';

/**
 * Installs the binding on a knex client: every statement issued in a bound cell runs as `dentalpin_app` inside
 * a transaction whose `dentalpin.clinic_id` is the cell's clinic, set locally (`set_config(…, true)`), so a
 * pooled connection (or a PgBouncer server connection in transaction mode) never carries it to the next caller.
 * - a transaction begun in a bound cell is bound in the same round trip as its BEGIN;
 * - a statement inside a transaction whose binding differs (a job's transaction re-bound by `forClinic`) binds first;
 * - a statement outside any transaction is wrapped in BEGIN … COMMIT with the binding.
 */
export function installTenancyHook(knex: Knex): void {
  const client = knex.client as unknown as { constructor: new (...args: never[]) => KnexClient };
  const Base = client.constructor;
  if ((Base as unknown as { tenancy?: boolean }).tenancy) return;
  // A subclass, not an instance property: knex builds each transaction's client from `client.constructor.prototype`.
  class TenancyClient extends Base {
    static tenancy = true;
    override async _query(connection: PgConnection, obj: QueryObject): Promise<QueryObject> {
      const cell = bindingOn ? storage.getStore() : undefined;
      const run = () => super._query(connection, obj);
      const sql = obj.sql;
      if (BEGIN.test(sql)) {
        const result = await run();
        connection.__dentalpinInTransaction = true;
        if (cell && !cell.owner) {
          await simple(connection, bindSql(cell.clinicId));
          connection.__dentalpinBinding = cell.clinicId ?? '';
        } else delete connection.__dentalpinBinding;
        return result;
      }
      if (ROLLBACK_TO.test(sql)) {
        // Undoes a SET LOCAL made inside the savepoint too: the next statement binds again.
        connection.__dentalpinBinding = UNKNOWN_BINDING;
        return run();
      }
      if (END.test(sql)) {
        delete connection.__dentalpinBinding;
        delete connection.__dentalpinInTransaction;
        return run();
      }
      if (connection.__dentalpinInTransaction) {
        const wanted = !cell || cell.owner ? undefined : (cell.clinicId ?? '');
        if (wanted !== connection.__dentalpinBinding) {
          await simple(connection, wanted === undefined ? unbindSql : bindSql(wanted || null));
          if (wanted === undefined) delete connection.__dentalpinBinding;
          else connection.__dentalpinBinding = wanted;
        }
        return run();
      }
      if (!cell || cell.owner) return run();
      await simple(connection, `BEGIN; ${bindSql(cell.clinicId)}`);
      try {
        const result = await run();
        await simple(connection, 'COMMIT');
        return result;
      } catch (e) {
        await simple(connection, 'ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
  }
  Object.setPrototypeOf(client, TenancyClient.prototype);
}

// ── Policies: applied by the core after every migration, verified by the doctor ───────────────────

/** A table with a `clinic_id` column, and whether it carries the forced policy. */
export interface TenantTable {
  schema: string;
  table: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  hasPolicy: boolean;
  /** `clinic_id` may be NULL: the table holds rows shared by every clinic. */
  nullable: boolean;
  hasSharedPolicy: boolean;
}

/** Every base table with a `clinic_id` column outside the system schemas, with its RLS state. */
export async function tenantTables(knex: Knex | Knex.Transaction): Promise<TenantTable[]> {
  const { rows } = await knex.raw(
    `select n.nspname as schema, c.relname as "table", c.relrowsecurity as "rlsEnabled",
            c.relforcerowsecurity as "rlsForced",
            exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = ?) as "hasPolicy",
            not a.attnotnull as nullable,
            exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = ?) as "hasSharedPolicy"
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'clinic_id' and not a.attisdropped
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'
      order by 1, 2`,
    [POLICY_NAME, SHARED_POLICY_NAME],
  );
  return rows as TenantTable[];
}

/** A tenant table lacks ENABLE, FORCE or the policy. */
export const unprotected = (t: TenantTable) => !t.rlsEnabled || !t.rlsForced || !t.hasPolicy;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The policy's predicate: the bound clinic, and none when nothing is bound. */
const POLICY_PREDICATE = `clinic_id = nullif(current_setting('${CLINIC_SETTING}', true), '')::uuid`;

/**
 * Makes the database safe for the application role, idempotently: creates `dentalpin_app` (NOLOGIN,
 * NOBYPASSRLS) when missing and lets the connecting role switch to it, grants it the DML of every table and
 * sequence, and puts ENABLE + FORCE RLS and the clinic policy on every table with `clinic_id`. Returns the
 * tables it protected now. Runs after the core's and every module's migrations (install, upgrade, migrate).
 */
export async function applyTenancy(knex: Knex | Knex.Transaction): Promise<string[]> {
  await knex.raw(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin nobypassrls;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  await knex.raw(`
    do $$
    begin
      if not pg_has_role(current_user, '${APP_ROLE}', 'member') then
        execute format('grant ${APP_ROLE} to %I', current_user);
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  const { rows: schemas } = await knex.raw(
    `select nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg_toast%'
        and nspname not like 'pg_temp%' and has_schema_privilege(current_user, nspname, 'create')`,
  );
  for (const { nspname } of schemas as { nspname: string }[]) {
    await knex.raw(`grant usage on schema ${ident(nspname)} to ${APP_ROLE}`);
    await knex.raw(`grant select, insert, update, delete on all tables in schema ${ident(nspname)} to ${APP_ROLE}`);
    await knex.raw(`grant usage, select, update on all sequences in schema ${ident(nspname)} to ${APP_ROLE}`);
  }
  const protectedNow: string[] = [];
  for (const t of await tenantTables(knex)) {
    const name = `${ident(t.schema)}.${ident(t.table)}`;
    if (t.nullable && !t.hasSharedPolicy)
      await knex.raw(
        `create policy ${SHARED_POLICY_NAME} on ${name} as permissive for select to public
           using (clinic_id is null and nullif(current_setting('${CLINIC_SETTING}', true), '') is not null)`,
      );
    if (!unprotected(t)) continue;
    if (!t.rlsEnabled) await knex.raw(`alter table ${name} enable row level security`);
    if (!t.rlsForced) await knex.raw(`alter table ${name} force row level security`);
    if (!t.hasPolicy)
      await knex.raw(
        `create policy ${POLICY_NAME} on ${name} as permissive for all to public
           using (${POLICY_PREDICATE}) with check (${POLICY_PREDICATE})`,
      );
    protectedNow.push(`${t.schema}.${t.table}`);
  }
  return protectedNow;
}

/** The doctor's and the lifecycle's code for a table with `clinic_id` that PostgreSQL does not isolate. */
export const TENANT_TABLE_WITHOUT_POLICY = 'TENANT_TABLE_WITHOUT_POLICY';

/**
 * `applyTenancy`, then checks that no tenant table is left unprotected (a migration that disabled RLS or dropped
 * the policy in the same run): refuses with MODULE_OPERATION_REFUSED, reason TENANT_TABLE_WITHOUT_POLICY.
 * One transaction under an advisory lock: server processes starting together (`serve --workers`) and a CLI
 * run would otherwise race on the same GRANTs and policies ("tuple concurrently updated").
 */
export async function applyAndVerifyTenancy(knex: Knex, by: string): Promise<string[]> {
  const protectedNow = await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [TENANCY_LOCK]);
    return applyTenancy(trx);
  });
  if (protectedNow.length) logger.info(`${by}: row-level security on ${protectedNow.join(', ')}`);
  const missing = (await tenantTables(knex)).filter(unprotected).map((t) => `${t.schema}.${t.table}`);
  if (missing.length)
    throw new DomainError(
      'MODULE_OPERATION_REFUSED',
      `${by}: table(s) ${missing.join(', ')} have a clinic_id column but no forced row-level security policy ` +
        `(${POLICY_NAME}); a module must not disable it. Remove the statement that does, then run the operation again.`,
      { reason: TENANT_TABLE_WITHOUT_POLICY, tables: missing },
    );
  return protectedNow;
}

const TENANCY_LOCK = 'dentalpin.tenancy';

/**
 * At start: applies tenancy only when there is something to apply — migrations just ran, the application role
 * is new, or a tenant table lost its protection (which `modules doctor` reports on a running instance and a
 * start repairs, loudly). An ordinary start of N processes writes nothing to the catalog.
 */
export async function ensureTenancy(knex: Knex, by: string, migrationsRan: boolean): Promise<void> {
  if (!migrationsRan) {
    const { rows } = await knex.raw('select 1 from pg_roles where rolname = ?', [APP_ROLE]);
    const exposed = (await tenantTables(knex)).filter(unprotected).map((t) => `${t.schema}.${t.table}`);
    if (rows.length && !exposed.length) return;
    if (exposed.length)
      logger.warn(`${by}: tenant table(s) ${exposed.join(', ')} had lost row-level security; restoring it`);
  }
  await applyAndVerifyTenancy(knex, by);
}
