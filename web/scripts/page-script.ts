/**
 * How much script each page of a production build downloads before its first render, read from the build's
 * `.vite/manifest.json` (`build.manifest` in vite.config.ts): the entry chunk and its static imports, the shell
 * layout's chunk and its static imports (pages inside the shell), the page's chunk and its static imports, and
 * the messages of one language (`i18n/<locale>.json` of the host and every layer: main.ts loads them before the
 * first render; English by default), each chunk counted once, uncompressed (gzip beside it). Dynamic imports (slot tabs and cards, search providers,
 * dialogs loaded on demand) are not counted: they load after the page rendered.
 *
 *   node --import tsx web/scripts/page-script.ts [dist folder, default web/dist] [locale, default en]
 *
 * tests/e2e/page-script.e2e.test.ts checks the budget on the browser tests' own build.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface PageScript {
  /** The page's source, relative to web/ (as the manifest names it). */
  page: string;
  /** Short name: the component's file name without `.vue`, or `entry` for what every page loads. */
  name: string;
  bytes: number;
  gzipBytes: number;
  files: string[];
  /** Rolldown's names of the chunks counted (e.g. `column` for PrimeVue's DataTable and Column). */
  chunks: string[];
}

/** Pages outside the shell layout (the router's public routes): they render without AppShell. */
const STANDALONE = /(^|[\\/])src[\\/]pages[\\/](Setup|Login|ForgotPassword|ResetPassword|Unavailable)Page\.vue$/;
const SHELL_LAYOUT = 'src/layout/AppShell.vue';
/** A routed page: the host's pages and every layer's `web/pages/*.vue`. */
const PAGE = /(^|[\\/])pages[\\/][A-Za-z]+Page\.vue$/;

function staticClosure(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build's manifest`);
  if (into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
}

export function measurePages(dist: string, locale = 'en'): PageScript[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('the manifest has no entry chunk');
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const content = readFileSync(join(dist, file));
      size = { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      sizes.set(file, size);
    }
    return size;
  };
  // vite.config.ts puts a language's message files in one chunk, `messages-<locale>` (older builds: in the entry).
  const messageKeys = Object.keys(manifest).filter((k) => manifest[k]!.name === `messages-${locale}`);
  const measure = (page: string, name: string, keys: string[]): PageScript => {
    const files = new Set<string>();
    for (const key of [...keys, ...messageKeys]) staticClosure(manifest, key, files);
    const script = [...files].filter((f) => f.endsWith('.js'));
    const names = new Map(Object.values(manifest).map((c) => [c.file, c.name ?? '']));
    return {
      page,
      name,
      bytes: script.reduce((sum, f) => sum + sizeOf(f).bytes, 0),
      gzipBytes: script.reduce((sum, f) => sum + sizeOf(f).gzipBytes, 0),
      files: script.sort(),
      chunks: script.map((f) => names.get(f) ?? '').sort(),
    };
  };
  const pages = Object.keys(manifest)
    .filter((k) => manifest[k]!.isDynamicEntry && PAGE.test(k))
    .sort();
  return [
    measure(entryKey, 'entry', [entryKey]),
    ...pages.map((page) =>
      measure(
        page,
        page.replace(/^.*[\\/]/, '').replace(/\.vue$/, ''),
        STANDALONE.test(page) || !manifest[SHELL_LAYOUT] ? [entryKey, page] : [entryKey, SHELL_LAYOUT, page],
      ),
    ),
  ];
}

/**
 * The largest script file of the build, any chunk (issue 17's finding was "largest script 410 KB"): the libraries
 * every page needs come in several files (vite.config.ts's vendor groups), so no single download dominates a page.
 */
export function largestScriptFile(dist: string): { file: string; bytes: number } {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const files = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'));
  return files
    .map((file) => ({ file, bytes: readFileSync(join(dist, file)).length }))
    .reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

const kb = (bytes: number) => Math.round(bytes / 1024);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
  const rows = measurePages(dist, process.argv[3]);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows)
    console.log(`${row.name.padEnd(width)}  ${String(kb(row.bytes)).padStart(5)} KB  (gzip ${kb(row.gzipBytes)} KB)`);
  const largest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(`largest: ${largest.name} ${kb(largest.bytes)} KB`);
  const file = largestScriptFile(dist);
  console.log(`largest file: ${file.file} ${kb(file.bytes)} KB`);
}
