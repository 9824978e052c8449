/**
 * Issue 17 ("Fast"): how long the web app's main pages take to render, cold and warm, in headless Chromium.
 *
 *   node --import tsx tests/bench/web-load.ts [web build folder, default web/dist]
 *
 * One all-in-one platform on a fresh database with the demo clinic, serving the given build. Every cold run is a
 * new browser context (empty cache) holding only the admin's refresh cookie, every warm run a second visit of the
 * same URL in that context (scripts from the cache). Measured in the page: from navigation
 * start to the page's own element in the DOM (`[data-test=…]`, after the session refresh, `me`, the page's
 * chunks and its first data), and the script bytes it fetched over the network (transfer size, so 0 from cache).
 * Medians of BENCH_RUNS runs (default 5), pages interleaved. Figures go to tests/bench/RESULTS.md.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { seedDemo, DEMO_PASSWORD } from '../../core/src/demo.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.DENTALPIN_CHROMIUM ?? '/usr/bin/chromium';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Sample {
  ms: number;
  scriptKb: number;
}

async function visit(context: BrowserContext, url: string, ready: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(ready, { timeout: 60_000 });
    const ms = await page.evaluate(() => performance.now());
    const scriptBytes = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.name.endsWith('.js'))
        .reduce((sum, r) => sum + r.transferSize, 0),
    );
    return { ms, scriptKb: scriptBytes / 1024 };
  } finally {
    await page.close();
  }
}

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const webDir = resolve(process.argv[2] ?? 'web/dist');
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_web_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    await platform.boot();
    const server = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret, webDir });
    const base = server.url.replace(/\/graphql$/, '');
    const logins = await seedDemo(platform);
    const admin = logins!.find((l) => l.role === 'admin')!;
    const { rows } = await platform.db.knex.raw(`select id from patients order by created_at limit 1`);
    const patientId: string = rows[0].id;

    const pages = [
      { name: 'Login', path: '/login', ready: '[data-test=login-form]', signedIn: false },
      { name: 'Dashboard', path: '/', ready: '[data-test=dashboard]', signedIn: true },
      { name: 'Patients list', path: '/patients', ready: '[data-test=patients-page]', signedIn: true },
      { name: 'Patient detail', path: `/patients/${patientId}`, ready: '[data-test=patient-name]', signedIn: true },
      { name: 'Agenda', path: '/agenda', ready: '[data-test=agenda-view]', signedIn: true },
      { name: 'Invoices list', path: '/invoices', ready: '[data-test=invoices-page]', signedIn: true },
      { name: 'Notifications', path: '/notifications', ready: '[data-test=notifications-page]', signedIn: true },
      { name: 'Settings', path: '/settings', ready: '[data-test=settings]', signedIn: true },
    ];
    const samples = new Map(pages.map((p) => [p.name, { cold: [] as Sample[], warm: [] as Sample[] }]));
    for (let run = 0; run < RUNS; run++)
      for (const p of pages) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
        try {
          // Signed in through /auth/login from the context's own request API: the refresh cookie lands in its
          // jar (each refresh rotates it, so contexts cannot share one), its cache stays empty.
          if (p.signedIn) {
            const res = await context.request.post(`${base}/auth/login`, {
              data: { email: admin.email, password: DEMO_PASSWORD },
            });
            if (!res.ok()) throw new Error(`login: ${res.status()} ${await res.text()}`);
          }
          samples.get(p.name)!.cold.push(await visit(context, `${base}${p.path}`, p.ready));
          samples.get(p.name)!.warm.push(await visit(context, `${base}${p.path}`, p.ready));
        } finally {
          await context.close();
        }
      }

    console.log(`\n${RUNS} runs, medians; build ${webDir}`);
    console.log('| page | cold ms | cold script KB (transfer) | warm ms | warm script KB (transfer) |');
    console.log('| ---- | ------: | ------------------------: | ------: | ------------------------: |');
    for (const p of pages) {
      const s = samples.get(p.name)!;
      const row = [
        p.name,
        median(s.cold.map((x) => x.ms)).toFixed(0),
        median(s.cold.map((x) => x.scriptKb)).toFixed(0),
        median(s.warm.map((x) => x.ms)).toFixed(0),
        median(s.warm.map((x) => x.scriptKb)).toFixed(0),
      ];
      console.log(`| ${row.join(' | ')} |`);
    }
    await server.close();
  } finally {
    await browser.close();
    await platform.close();
    await dropDatabase(url);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
