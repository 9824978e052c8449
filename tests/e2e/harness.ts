import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createTestDatabase } from '@dentalpin/core/testing';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.DENTALPIN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The web app with the module layers found on disk plus those of `moduleDirs`: the build the global setup
 * made once for every browser test when it includes them, else a build of its own.
 */
export async function buildWebApp(moduleDirs: string[]): Promise<{ dir: string; cleanup(): void }> {
  const shared = inject('e2eWeb');
  if (shared && moduleDirs.every((d) => shared.moduleDirs.includes(d))) return { dir: shared.dir, cleanup: () => {} };
  return buildWebAppInto(moduleDirs);
}

/**
 * Builds the web app into a temporary folder with the module layers found on disk plus the test
 * fixtures' layers (so the committed list and web/dist stay untouched).
 */
export async function buildWebAppInto(moduleDirs: string[]): Promise<{ dir: string; cleanup(): void }> {
  const work = mkdtempSync(join(tmpdir(), 'dentalpin-e2e-web-'));
  const layers = join(work, 'module-layers.ts');
  const sync = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'core/src/cli/run.ts', 'modules', 'sync-frontend', '--out', layers],
    { cwd: ROOT, env: { ...process.env, DENTALPIN_MODULE_PATHS: moduleDirs.join(':') }, encoding: 'utf8' },
  );
  if (sync.status !== 0) throw new Error(`sync-frontend failed:\n${sync.stdout}\n${sync.stderr}`);
  const dist = join(work, 'dist');
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: join(ROOT, 'web'),
      // A production build, as `npm run build:web` makes it: vitest sets NODE_ENV=test, which would give Vue's and
      // vue-i18n's development builds (about 110 KB more script per page, other code paths).
      env: { ...process.env, NODE_ENV: 'production', DENTALPIN_MODULE_LAYERS: layers, DENTALPIN_WEB_OUT: dist },
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  return { dir: dist, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

export interface RunningServer {
  url: string;
  databaseUrl: string;
  graphqlUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** `dentalpin serve` as a child process on a fresh database, serving the given web build. */
export async function startServer(options: {
  webDir: string;
  moduleDirs: string[];
  env?: Record<string, string>;
  /** More `serve` options, e.g. `--demo`. */
  args?: string[];
}): Promise<RunningServer> {
  const db = await createTestDatabase('dentalpin_e2e');
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'core/src/cli/run.ts', 'serve', '--port', String(port), ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        DENTALPIN_SECRET: randomBytes(32).toString('hex'),
        DENTALPIN_MODULE_PATHS: options.moduleDirs.join(':'),
        DENTALPIN_WEB_DIR: options.webDir,
        APOLLO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'test',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // A loaded machine (several suites at once) may need longer: DENTALPIN_E2E_START_TIMEOUT_MS.
  const deadline = Date.now() + Number(process.env.DENTALPIN_E2E_START_TIMEOUT_MS ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    // Healthy is not enough: with --demo the server seeds the demo clinic after it listens, and says it is
    // running only once that is done (a test that logs in earlier sees half a demo).
    const ok = await fetch(`${url}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok && output.includes(' is running: ')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    databaseUrl: db.url,
    graphqlUrl: `${url}/graphql`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            r(undefined);
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            r(undefined);
          });
        });
      }
      await db.drop();
    },
  };
}

export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** The tokens of `user` through the API (for setting data up beside the browser). */
export async function apiLogin(graphqlUrl: string, user: { email: string; password: string }) {
  const { login } = await graphql<{ login: { accessToken: string; refreshToken: string } }>(
    graphqlUrl,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
    { e: user.email, p: user.password },
  );
  return login;
}

/** A new instance's setup (clinic and its first admin, Ada Admin); returns the admin's access token. */
export async function setupClinic(
  graphqlUrl: string,
  clinic: { name: string; timezone: string },
  admin: { email: string; password: string },
): Promise<string> {
  await graphql(graphqlUrl, 'mutation($input: SetupInput!) { setup(input: $input) { user { id } } }', {
    input: {
      clinicName: clinic.name,
      adminEmail: admin.email,
      adminPassword: admin.password,
      adminFirstName: 'Ada',
      adminLastName: 'Admin',
      timezone: clinic.timezone,
    },
  });
  return (await apiLogin(graphqlUrl, admin)).accessToken;
}

const AXE_SOURCE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

export interface AxeScope {
  /** Only these parts of the page (CSS selectors); default the whole document. */
  include?: string[];
  /** Parts left out (e.g. a module's page content while only the host is checked). */
  exclude?: string[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it is now and fails, listing each rule with the
 * elements it found, when any violation is serious or critical.
 */
export async function expectNoSeriousAxeViolations(page: Page, scope: AxeScope = {}): Promise<void> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async (s: AxeScope) => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const context = {
      include: s.include?.length ? s.include.map((sel) => [sel]) : [['html']],
      exclude: (s.exclude ?? []).map((sel) => [sel]),
    };
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  }, scope);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
          )
          .join('\n'),
    )
    .join('\n');
  if (serious.length) throw new Error(`axe found serious accessibility violations on ${page.url()}:\n${report}`);
}
