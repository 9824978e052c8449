import type { MigrationObject } from '@mikro-orm/core';
import type { ValidationIssue } from './validator.ts';

/** What a module's migrations do to the schema, read from the SQL they would run. */
export interface MigrationFootprint {
  /** Tables the migrations create, in creation order. */
  creates: string[];
  /** Tables whose structure or rows they change (alter, drop, index, insert, update, delete). */
  touches: string[];
  /** Tables their foreign keys point at. */
  references: string[];
  /** Migrations whose SQL could not be read without a database (they execute queries in `up()`). */
  opaque: string[];
  /**
   * Statements that would take a table out of PostgreSQL's clinic isolation (disable or un-force row-level
   * security, drop or replace the core's policy, grant BYPASSRLS): discovery refuses the module.
   */
  weakensTenancy: string[];
}

const IDENT = '"?([a-z_][a-z0-9_]*)"?';
const CREATE = new RegExp(`create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:"?public"?\\.)?${IDENT}`, 'g');
const TOUCH = new RegExp(
  `(?:alter\\s+table(?:\\s+if\\s+exists)?(?:\\s+only)?|drop\\s+table(?:\\s+if\\s+exists)?|insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?|create\\s+(?:unique\\s+)?index(?:\\s+concurrently)?(?:\\s+if\\s+not\\s+exists)?(?:\\s+"?[a-z0-9_]+"?)?\\s+on)\\s+(?:"?public"?\\.)?${IDENT}`,
  'g',
);
// A trigger's event list (`before delete or update of a, b on t`) names columns and keywords, not tables:
// the whole clause is read as a touch of its table, then removed before the other patterns run.
const TRIGGER = new RegExp(
  `create\\s+(?:or\\s+replace\\s+)?(?:constraint\\s+)?trigger\\s+"?[a-z0-9_]+"?\\s+(?:before|after|instead\\s+of)\\s+[\\s\\S]*?\\son\\s+(?:"?public"?\\.)?${IDENT}`,
  'g',
);
const COMMENTS = /\/\*[\s\S]*?\*\/|--[^\n]*/g;
const WEAKENS_TENANCY =
  /(?:alter\s+table[^;]*?\s(?:disable|no\s+force)\s+row\s+level\s+security|(?:drop|alter)\s+policy\s+(?:if\s+exists\s+)?"?dentalpin_clinic_isolation"?[^;]*|\bbypassrls\b|set\s+row_security\s*(?:=|to)\s*'?off)/g;
const REFERENCES = new RegExp(`references\\s+(?:"?public"?\\.)?${IDENT}`, 'g');

const matches = (re: RegExp, sql: string) => [...sql.matchAll(re)].map((m) => m[1]);

/** Runs each migration's `up()` in collect-only mode and reads the tables out of its SQL. */
export async function footprintOf(migrations: readonly MigrationObject[]): Promise<MigrationFootprint> {
  const footprint: MigrationFootprint = { creates: [], touches: [], references: [], opaque: [], weakensTenancy: [] };
  for (const { name, class: Cls } of migrations) {
    // The migration only collects SQL here; it never reaches a driver unless it executes queries itself.
    const migration = new (
      Cls as unknown as new (
        driver: unknown,
        config: unknown,
      ) => {
        up(): Promise<void> | void;
        getQueries(): unknown[];
      }
    )(null, null);
    try {
      await migration.up();
    } catch {
      footprint.opaque.push(name);
      continue;
    }
    let sql = migration
      .getQueries()
      .map((q) => String(q))
      .join(';\n')
      .toLowerCase()
      .replace(COMMENTS, ' ');
    for (const t of matches(TRIGGER, sql)) if (!footprint.touches.includes(t)) footprint.touches.push(t);
    sql = sql.replace(TRIGGER, ' ');
    for (const t of matches(CREATE, sql)) if (!footprint.creates.includes(t)) footprint.creates.push(t);
    for (const t of matches(TOUCH, sql)) if (!footprint.touches.includes(t)) footprint.touches.push(t);
    for (const m of sql.matchAll(WEAKENS_TENANCY))
      footprint.weakensTenancy.push(`${name}: ${m[0].replace(/\s+/g, ' ')}`);
    for (const t of matches(REFERENCES, sql)) if (!footprint.references.includes(t)) footprint.references.push(t);
  }
  return footprint;
}

interface ModuleShape {
  name: string;
  removable: boolean;
  depends: readonly string[];
  footprint: MigrationFootprint;
}

/**
 * A removable module must be able to vanish alone: its migrations may change only its own tables,
 * and may point foreign keys only at core tables, its own, or those of modules it depends on.
 */
export function isolationIssues(modules: readonly ModuleShape[], coreTables: ReadonlySet<string>): ValidationIssue[] {
  const owner = new Map<string, string>();
  for (const m of modules) for (const t of m.footprint.creates) owner.set(t, m.name);
  const issues: ValidationIssue[] = [];
  for (const m of modules) {
    for (const statement of m.footprint.weakensTenancy)
      issues.push({
        module: m.name,
        code: 'TENANT_POLICY_WEAKENED',
        message: `its migration would take a table out of clinic isolation (${statement}); every table with clinic_id keeps the core's forced row-level security policy (docs/security.md)`,
      });
    const foreign = m.footprint.touches.filter((t) => !m.footprint.creates.includes(t));
    if (m.removable)
      for (const t of foreign)
        issues.push({
          module: m.name,
          code: 'REMOVABLE_BRANCH_NOT_ISOLATED',
          message: `its migrations change table "${t}" (${coreTables.has(t) ? 'core' : `module ${owner.get(t) ?? 'unknown'}`}), so uninstalling it could not be undone cleanly`,
        });
    for (const t of m.footprint.references) {
      if (coreTables.has(t) || m.footprint.creates.includes(t)) continue;
      const target = owner.get(t);
      if (!target || !m.depends.includes(target))
        issues.push({
          module: m.name,
          code: 'UNDECLARED_CROSS_MODULE_FK',
          message: `a foreign key points at "${t}"${target ? ` of module ${target}` : ''}, which is not in its depends`,
        });
    }
  }
  return issues;
}
