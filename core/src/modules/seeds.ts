import { readFileSync } from 'node:fs';
import { v5 as uuidv5 } from 'uuid';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Knex } from '@mikro-orm/knex';

export class SeedFileError extends Error {}
export class UnresolvedReferenceError extends SeedFileError {}

const IDENT = /^[a-z_][a-z0-9_]*$/;
/** Seeded records get ids derived from module and xml_id, so a re-install recreates the same ids (and backups restore onto them). */
const SEED_NAMESPACE = '6f1d2c0e-6a4b-4f8e-9d53-1f0c2b7a9e41';
export const seedRecordId = (module: string, xmlId: string) => uuidv5(`${module}.${xmlId}`, SEED_NAMESPACE);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const entrySchema = z.object({
  xml_id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "-" and "." only'),
  table: z.string().regex(IDENT, 'a lowercase table name'),
  values: z.record(z.string().regex(IDENT, 'lowercase column names'), z.unknown()),
  noupdate: z.boolean().default(false),
});
export type SeedEntry = z.output<typeof entrySchema>;

/** Parses a seed file; every problem names the file and the entry index. */
export function parseSeedFile(path: string, text = readFileSync(path, 'utf8')): SeedEntry[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new SeedFileError(`${path}: not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new SeedFileError(`${path}: the top level must be a list of records`);
  return doc.map((raw, i) => {
    const r = entrySchema.safeParse(raw);
    if (!r.success)
      throw new SeedFileError(
        `${path}#${i}: ${r.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ')}`,
      );
    return r.data;
  });
}

export interface SeedContext {
  module: string;
  /** Modules whose records `$xmlref:` may point at besides the module itself. */
  depends: readonly string[];
}

/**
 * Loads seed entries in one transaction. A record is matched by `core_external_id`; `noupdate`
 * records, once created, are never overwritten. Running twice changes nothing.
 */
export async function loadSeeds(trx: Knex, ctx: SeedContext, files: { path: string; entries: SeedEntry[] }[]) {
  let inserted = 0;
  let updated = 0;
  const resolveRef = async (ref: string, where: string): Promise<string> => {
    const dot = ref.indexOf('.');
    const prefix = dot > 0 ? ref.slice(0, dot) : '';
    const [module, xmlId] =
      prefix === ctx.module || ctx.depends.includes(prefix) ? [prefix, ref.slice(dot + 1)] : [ctx.module, ref];
    const row = await trx('core_external_id').where({ module_name: module, xml_id: xmlId }).first('record_id');
    if (!row)
      throw new UnresolvedReferenceError(
        `${where}: $xmlref:${ref} not found (module "${module}" has no record "${xmlId}"; only the module itself and its dependencies ${JSON.stringify(ctx.depends)} can be referenced)`,
      );
    return row.record_id as string;
  };
  for (const { path, entries } of files)
    for (const [i, entry] of entries.entries()) {
      const where = `${path}#${i} (${entry.xml_id})`;
      const values: Record<string, unknown> = {};
      for (const [col, v] of Object.entries(entry.values))
        values[col] =
          typeof v === 'string' && v.startsWith('$xmlref:')
            ? await resolveRef(v.slice(8), where)
            : v !== null && typeof v === 'object'
              ? JSON.stringify(v)
              : v;
      const pointer = await trx('core_external_id').where({ module_name: ctx.module, xml_id: entry.xml_id }).first();
      try {
        if (!pointer) {
          const id =
            typeof values.id === 'string' && UUID.test(values.id) ? values.id : seedRecordId(ctx.module, entry.xml_id);
          await trx(entry.table).insert({ ...values, id });
          await trx('core_external_id').insert({
            id: seedRecordId('core_external_id', `${ctx.module}.${entry.xml_id}`),
            module_name: ctx.module,
            xml_id: entry.xml_id,
            table_name: entry.table,
            record_id: id,
            noupdate: entry.noupdate,
          });
          inserted++;
        } else if (!pointer.noupdate) {
          const { id: _ignored, ...rest } = values;
          if (Object.keys(rest).length) await trx(entry.table).where({ id: pointer.record_id }).update(rest);
          await trx('core_external_id').where({ id: pointer.id }).update({ noupdate: entry.noupdate });
          updated++;
        }
      } catch (e) {
        if (e instanceof SeedFileError) throw e;
        throw new SeedFileError(`${where}: ${(e as Error).message}`);
      }
    }
  return { inserted, updated };
}
