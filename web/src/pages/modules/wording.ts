import type { GraphQLFormattedError } from 'graphql';
import { errorText, type Translator } from '../../shell/errors.ts';

/**
 * The modules page's words for what the server says in English: refusal reasons, failures, operation and status
 * names, and the details of the operation log.
 *
 * Refusals and failures read as `errors.reasons.<reason>` with their parameters: the server sends the reason and
 * its parameters with every refusal (`extensions`, core/src/modules/kernel.ts) and beside every failure it knows
 * the reason of (a module's and an outcome's `errorDetails`, a failed step's details). Others show its words.
 */

/** A name of `modules.<group>.<value>` (a state, an operation, a step, a status), else the value itself. */
export function nameOf(tr: Translator, group: string, value: string): string {
  const key = `modules.${group}.${value}`;
  return tr.te(key) ? tr.t(key) : value.replace(/_/g, ' ');
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A parameter as text: lists joined, a `problems` list as `module (code)`. */
function paramText(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value
    .map((v) =>
      isRecord(v) && 'module' in v ? `${String(v.module)}${v.code ? ` (${String(v.code)})` : ''}` : String(v),
    )
    .join(', ');
}

/** The parameters of a reason as the messages use them: lists as text, states by their names. */
function wordedParams(params: Record<string, unknown>, tr: Translator): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[key] = paramText(value);
  if (typeof out.state === 'string') out.state = nameOf(tr, 'states', out.state);
  if (typeof out.operation === 'string') out.operation = nameOf(tr, 'operations', out.operation);
  return out;
}

/**
 * A refused module operation in the person's language: its `extensions.reason` (or the reason read from its
 * message), with its parameters; `module` defaults to the module the person acted on. Else what the host says of
 * any error (the server's words in English, the code's explanation in other languages).
 */
export function refusalText(
  error: Pick<GraphQLFormattedError, 'extensions' | 'message'>,
  tr: Translator,
  module?: string,
): string {
  const given = error.extensions ?? {};
  const reason = typeof given.reason === 'string' ? given.reason : undefined;
  const params = wordedParams({ ...(module ? { module } : {}), ...given }, tr);
  if (reason === 'MODULE_NOT_REMOVABLE' && typeof params.module === 'string')
    params.why = nonRemovableReason(tr, params.module, typeof params.why === 'string' ? params.why : null);
  return errorText({ message: error.message, extensions: reason ? { ...params, reason } : params }, tr);
}

/**
 * Why a module cannot be removed, in the person's language: its web layer's `module_non_removable.<name>`, else
 * the manifest's words (`nonRemovableReason`, English).
 */
export function nonRemovableReason(tr: Translator, module: string, manifestWords: string | null | undefined): string {
  const key = `module_non_removable.${module}`;
  return tr.te(key) ? tr.t(key) : (manifestWords ?? '');
}

/**
 * A failure the server stored (a module's error, an outcome's, a failed step's): worded from its reason and
 * parameters (`details`) when it has them, else the server's words.
 */
export function failureWording(message: string, details: unknown, tr: Translator): string {
  if (!isRecord(details) || typeof details.reason !== 'string') return message;
  const key = `errors.reasons.${details.reason}`;
  return tr.te(key) ? tr.t(key, wordedParams(details, tr)) : message;
}

/** Details keys the log words itself, in the order it shows them (anything else follows as `key: value`). */
const DETAIL_KEYS = [
  'from',
  'to',
  'version',
  'applied',
  'reverted',
  'protectedTables',
  'files',
  'inserted',
  'updated',
  'path',
  'backup',
  'tables',
  'rows',
  'method',
  'records',
  'externalIds',
] as const;

/** A file's name without the folders a path may carry (the server already shows only names). */
const fileName = (value: unknown) => String(value).split(/[\\/]/).pop() ?? '';

/** A value of an unknown key, without braces: lists joined, objects as `key: value` pairs. */
function plain(value: unknown, tr: Translator, count: (n: number) => string): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'number') return count(value);
  if (typeof value === 'boolean') return tr.t(value ? 'modules.detail.yes' : 'modules.detail.no');
  if (Array.isArray(value))
    return value.length ? value.map((v) => plain(v, tr, count)).join(', ') : tr.t('modules.detail.none');
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${plain(v, tr, count)}`)
      .join(', ');
  return String(value);
}

/**
 * A log row's details as lines of readable text in the person's language: versions, migrations, seeded and
 * deleted records, the backup file, the failure's reason. Keys it does not know read as `key: value`.
 */
export function detailLines(details: unknown, tr: Translator): string[] {
  if (details == null || details === '') return [];
  if (typeof details === 'string') {
    try {
      return detailLines(JSON.parse(details), tr);
    } catch {
      return [details];
    }
  }
  const count = (n: number) => new Intl.NumberFormat(tr.locale).format(n);
  if (!isRecord(details)) return [plain(details, tr, count)];
  const list = (v: unknown) => (Array.isArray(v) && !v.length ? tr.t('modules.detail.none') : plain(v, tr, count));
  const d = details;
  // A failed step: its error, worded from the reason and parameters beside it (core's `failureDetails`).
  if (d.error != null)
    return [tr.t('modules.detail.error', { error: failureWording(plain(d.error, tr, count), d, tr) })];
  const lines: string[] = [];
  if (d.from != null && d.to != null) lines.push(tr.t('modules.detail.versions', { from: d.from, to: d.to }));
  else if (d.version != null) lines.push(tr.t('modules.detail.version', { version: d.version }));
  if (d.applied != null) lines.push(tr.t('modules.detail.applied', { list: list(d.applied) }));
  if (d.reverted != null) lines.push(tr.t('modules.detail.reverted', { list: list(d.reverted) }));
  if (Array.isArray(d.protectedTables) && d.protectedTables.length)
    lines.push(tr.t('modules.detail.protectedTables', { list: list(d.protectedTables) }));
  if (typeof d.files === 'number')
    lines.push(d.files ? tr.t('modules.detail.files', { n: count(d.files) }) : tr.t('modules.detail.noFiles'));
  if (typeof d.inserted === 'number' || typeof d.updated === 'number')
    lines.push(
      tr.t('modules.detail.seeded', {
        inserted: count(Number(d.inserted ?? 0)),
        updated: count(Number(d.updated ?? 0)),
      }),
    );
  const backup = d.path ?? d.backup;
  if (backup != null) lines.push(tr.t('modules.detail.backup', { file: fileName(backup) }));
  if (d.tables != null) lines.push(tr.t('modules.detail.tables', { list: list(d.tables) }));
  if (typeof d.rows === 'number') lines.push(tr.t('modules.detail.rows', { n: count(d.rows) }));
  if (d.method != null) lines.push(tr.t('modules.detail.method', { method: String(d.method) }));
  if (typeof d.records === 'number' || typeof d.externalIds === 'number')
    lines.push(
      tr.t('modules.detail.deleted', {
        records: count(Number(d.records ?? 0)),
        ids: count(Number(d.externalIds ?? 0)),
      }),
    );
  const known = new Set<string>([...DETAIL_KEYS, 'reason', 'code']);
  for (const [key, value] of Object.entries(d)) if (!known.has(key)) lines.push(`${key}: ${plain(value, tr, count)}`);
  return lines;
}
