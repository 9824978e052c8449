import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  buildWebApp,
  expectNoSeriousAxeViolations,
  graphql,
  launchBrowser,
  ROOT,
  startServer,
  type RunningServer,
} from './harness.ts';

/**
 * Every page each demo role reaches, at 1280×800 and 390×844 (issue 17): the pages are read from the
 * navigation the shell renders for that role (a new module's page is covered without touching this file),
 * plus the pages they link to, the dashboard, settings, one patient with each of its tabs, one budget, one
 * invoice and one treatment plan. On each: once settled, no horizontal scroll of the page, no console or
 * page errors, axe finds nothing serious or critical, no raw code (`BANK_TRANSFER`) or unfilled placeholder
 * (`{count}`) in the text, and a screenshot goes to the ignored folder. Then each kind of dialog the page
 * opens (its buttons say so with `aria-haspopup="dialog"`) is opened, checked the same way, and closed with Esc.
 */
const DEMO_PASSWORD = 'demo1234';
/** The dentist's sweep runs in Spanish: every page is also laid out and checked with the longer wording. */
const ROLES = [
  { role: 'admin', email: 'admin@demo.dentalpin.test', locale: 'en-US' },
  { role: 'dentist', email: 'dentist@demo.dentalpin.test', locale: 'es-ES' },
  { role: 'receptionist', email: 'reception@demo.dentalpin.test', locale: 'en-US' },
] as const;
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SHOTS = join(ROOT, 'tests/e2e/screenshots/pages');
/** A path with an id in it (a record's page): not a page of its own to crawl to. */
const RECORD_PATH = /\/[0-9a-f]{8}-[0-9a-f]{4}-/;

let server: RunningServer;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
const ids = { patient: '', budget: '', invoice: '', plan: '' };
/** Per page and size, what went wrong (the test lists them all rather than stopping at the first). */
let problems: string[] = [];
let current: Page | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  web = await buildWebApp([]);
  server = await startServer({ webDir: web.dir, moduleDirs: [], args: ['--demo'] });
  browser = await launchBrowser();
  const { accessToken } = await apiLogin(server.graphqlUrl, { email: ROLES[0].email, password: DEMO_PASSWORD });
  // The opt-in modules too (accounting export, family links…): every official page is swept.
  const { modules } = await graphql<{ modules: { name: string; state: string; category: string }[] }>(
    server.graphqlUrl,
    '{ modules { name state category } }',
    {},
    accessToken,
  );
  const optIn = modules.filter((m) => m.state === 'uninstalled' && m.category === 'official');
  for (const m of optIn)
    await graphql(
      server.graphqlUrl,
      'mutation($n: String!) { installModule(name: $n) { scheduled } }',
      { n: m.name },
      accessToken,
    );
  if (optIn.length)
    await graphql(server.graphqlUrl, 'mutation { restartModules { processed { status } } }', {}, accessToken);
  // The demo's invoiced patient: a budget, an invoice, a payment, a plan and a chart.
  const data = await graphql<{
    invoices: { items: { id: string; patient: { id: string } }[] };
    budgets: { items: { id: string }[] };
    treatmentPlans: { id: string }[];
  }>(
    server.graphqlUrl,
    '{ invoices(pageSize: 1) { items { id patient { id } } } budgets(pageSize: 1) { items { id } } treatmentPlans { id } }',
    {},
    accessToken,
  );
  ids.invoice = data.invoices.items[0]!.id;
  ids.patient = data.invoices.items[0]!.patient.id;
  ids.budget = data.budgets.items[0]!.id;
  ids.plan = data.treatmentPlans[0]!.id;
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await current
    ?.screenshot({ path: join(SHOTS, `failed-${ctx.task.name.split(' ')[0]}.png`), fullPage: true })
    .catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

/** Open requests of a page (its data, a page's script loaded on first visit), to know when it has them. */
function trackRequests(p: Page) {
  let open = 0;
  let last = Date.now();
  const done = () => {
    open = Math.max(0, open - 1);
    last = Date.now();
  };
  p.on('request', () => {
    open++;
    last = Date.now();
  });
  p.on('requestfinished', done);
  p.on('requestfailed', done);
  return { quietFor: () => (open ? 0 : Date.now() - last) };
}

/** Settled: no request for 300 ms, no spinner, skeleton or loading mask, no transition or toast animating. */
async function settle(p: Page, requests: ReturnType<typeof trackRequests>) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const busy = await p.evaluate(
      () =>
        // A transition still running (the drawer sliding away after the resize) is not the page at rest.
        document
          .getAnimations()
          .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity) ||
        !!document.querySelector(
          '.p-skeleton, .p-progressspinner, .pi-spin, .dp-table-loading, .p-toast-message-enter-active, .p-toast-message-leave-active, .p-message-enter-active, .p-message-leave-active',
        ),
    );
    if (!busy && requests.quietFor() >= 300) return;
    await p.waitForTimeout(100);
  }
  throw new Error(`${p.url()} did not settle in 15 s`);
}

/** The app's router follows a history change: a page without a full reload (as a click on a link would). */
async function navigate(p: Page, path: string) {
  if (new URL(p.url()).pathname === path) return;
  // The page shown now is marked, to wait for the next one to replace it (its script may load first).
  await p.evaluate((to) => {
    document.querySelector('main > *')?.setAttribute('data-sweep-left', '');
    history.pushState(history.state, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, path);
  await p.waitForURL((u) => u.pathname === path);
  await p.waitForSelector('main > :not([data-sweep-left])');
}

async function check(p: Page, requests: ReturnType<typeof trackRequests>, role: string, label: string) {
  for (const size of SIZES) {
    await p.setViewportSize({ width: size.width, height: size.height });
    await settle(p, requests);
    const where = `${role} ${label} at ${size.width}px`;
    const overflow = await p.evaluate(() => {
      const width = document.documentElement.scrollWidth;
      if (width <= innerWidth) return null;
      // The elements that stick out while their parent fits (and no scrolling box holds them): where to look.
      const inScroller = (e: Element) => {
        for (let a = e.parentElement; a; a = a.parentElement)
          if (a.scrollWidth > a.clientWidth && /auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
        return false;
      };
      const culprits = Array.from(document.querySelectorAll('body *'))
        .filter((e) => {
          const parent = e.parentElement?.getBoundingClientRect();
          return (
            e.getBoundingClientRect().right > innerWidth + 1 &&
            !!parent &&
            parent.right <= innerWidth + 1 &&
            !inScroller(e)
          );
        })
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.getAttribute('data-test') ? `[${e.getAttribute('data-test')}]` : ''}.${[...e.classList].join('.')}`,
        );
      return `${width}px wide (${culprits.join(', ')})`;
    });
    if (overflow) problems.push(`${where}: the page scrolls sideways, ${overflow}`);
    // The shell leaves the margin to the page: one without the host's .page padding touches the edge.
    const flush = await p.evaluate(() => {
      const root = document.querySelector('main > *');
      return !!root && parseFloat(getComputedStyle(root).paddingLeft) < 8;
    });
    if (flush) problems.push(`${where}: the content touches the screen's edge (no .page padding)`);
    // A dialog's close button stays inside it (a long title once pushed it off the dialog on a phone).
    const closeOutside = await p.evaluate(
      () =>
        Array.from(document.querySelectorAll('.p-dialog')).filter((d) => {
          const close = d.querySelector('.p-dialog-close-button')?.getBoundingClientRect();
          const box = d.getBoundingClientRect();
          return !!close && (close.left < box.left - 1 || close.right > box.right + 1);
        }).length,
    );
    if (closeOutside) problems.push(`${where}: a dialog's close button lies outside the dialog`);
    // A select showing nothing (no value, no placeholder) reads as a broken box.
    const emptySelects = await p.locator('.p-select-label-empty:visible').count();
    // A code shown as stored, or a message whose placeholder was not filled, reads as a bug in any language.
    const raw = await p.evaluate(() => [
      ...new Set(
        Array.from(document.querySelectorAll('main, [role=dialog], [role=alertdialog]'))
          .map((e) => (e as HTMLElement).innerText)
          .join('\n')
          .match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\{[a-zA-Z]+\}/g) ?? [],
      ),
    ]);
    if (raw.length) problems.push(`${where}: shows raw codes or placeholders: ${raw.slice(0, 5).join(', ')}`);
    if (emptySelects) problems.push(`${where}: ${emptySelects} select(s) show an empty box`);
    await expectNoSeriousAxeViolations(p).catch((e: Error) => problems.push(`${where}: ${e.message}`));
    await p.screenshot({
      path: join(SHOTS, `${role}-${label.replace(/^\//, '').replace(/[^\w]+/g, '_')}-${size.name}.png`),
      fullPage: true,
    });
  }
  await p.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
}

/** An open dialog: PrimeVue's Dialog and ConfirmDialog, in their masks. */
const OPEN_DIALOG = '.p-dialog-mask [role=dialog], .p-dialog-mask [role=alertdialog]';

/**
 * Each kind of dialog the page opens: the first button of each `data-test`, `data-action` or label among those
 * marked `aria-haspopup="dialog"` (a table's rows open the same dialog), opened and checked like a page at both
 * sizes, then closed with Esc, which must leave nothing open (an untouched form closes without asking). `seen`:
 * the kinds already checked elsewhere on the same page (the patient's header button on each of its tabs).
 */
async function checkDialogs(
  p: Page,
  requests: ReturnType<typeof trackRequests>,
  role: string,
  label: string,
  seen = new Set<string>(),
) {
  const openers = p.locator('main button[aria-haspopup=dialog]:visible:enabled');
  const kinds = await openers.evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('data-test') ?? b.getAttribute('data-action') ?? (b.textContent ?? '').trim()),
  );
  for (const [index, kind] of kinds.entries()) {
    if (seen.has(kind)) continue;
    seen.add(kind);
    const where = `${role} ${label}: the dialog of ${kind}`;
    await openers.nth(index).click();
    const opened = await p
      .locator(OPEN_DIALOG)
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!opened) {
      problems.push(`${where} did not open`);
      continue;
    }
    await check(p, requests, role, `${label} dialog ${kind}`);
    await p.keyboard.press('Escape');
    const closed = await p
      .locator('.p-dialog-mask')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!closed) {
      problems.push(`${where} did not close on Esc`);
      return;
    }
  }
}

/** The page as it is, then its dialogs. */
async function checkPage(
  p: Page,
  requests: ReturnType<typeof trackRequests>,
  role: string,
  label: string,
  seenDialogs?: Set<string>,
) {
  await check(p, requests, role, label);
  await checkDialogs(p, requests, role, label, seenDialogs);
}

describe.sequential('every page of each role, on a desktop and on a phone', () => {
  for (const { role, email, locale } of ROLES) {
    it(`${role}: every page they can reach is laid out, accessible and error-free at both sizes (${locale})`, async () => {
      problems = [];
      const context: BrowserContext = await browser.newContext({
        viewport: { width: SIZES[0].width, height: SIZES[0].height },
        locale,
      });
      try {
        const p = await context.newPage();
        current = p;
        const requests = trackRequests(p);
        const errors: string[] = [];
        p.on('pageerror', (e) => errors.push(`${p.url()}: ${String(e)}`));
        p.on('console', (m) => void (m.type() === 'error' && errors.push(`${p.url()}: ${m.text()}`)));
        await p.goto(`${server.url}/login`);
        await p.fill('#login-email', email);
        await p.fill('#login-password', DEMO_PASSWORD);
        await p.click('[data-test=login-submit]');
        await p.waitForSelector('[data-test=dashboard]');

        const nav = await p
          .locator('[data-test=sidebar] a.nav-item')
          .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
        expect(nav.length).toBeGreaterThan(3);
        // The navigation's pages, then the pages they link to (e.g. Payments → reports), breadth first.
        const queue = ['/', ...nav.filter((path) => path !== '/')];
        const seen = new Set(queue);
        for (let i = 0; i < queue.length; i++) {
          const path = queue[i]!;
          await navigate(p, path);
          await settle(p, requests);
          await checkPage(p, requests, role, path === '/' ? 'dashboard' : path);
          const links = await p.locator('main a[href^="/"]').evaluateAll((as) =>
            as
              .map((a) => new URL((a as HTMLAnchorElement).href))
              .filter((u) => !u.search)
              .map((u) => u.pathname),
          );
          // Settings → Users is a button (RouterLink custom) rather than a link.
          if (await p.locator('[data-test=manage-users]').count()) links.push('/settings/users');
          for (const link of links)
            if (!RECORD_PATH.test(link) && !seen.has(link)) {
              seen.add(link);
              queue.push(link);
            }
        }

        if (nav.includes('/patients')) {
          await navigate(p, `/patients/${ids.patient}`);
          await p.waitForSelector('[data-test=patient-detail] .p-tab');
          const tabs = p.locator('[data-test=patient-detail] .p-tab');
          const patientDialogs = new Set<string>();
          const names = (await tabs.allInnerTexts()).map((s) => s.trim());
          expect(names.length).toBeGreaterThan(1);
          for (const [index, name] of names.entries()) {
            await tabs.nth(index).click();
            await settle(p, requests);
            await checkPage(p, requests, role, `patient-${name}`, patientDialogs);
          }
        }
        for (const [list, path] of [
          ['/budgets', `/budgets/${ids.budget}`],
          ['/invoices', `/invoices/${ids.invoice}`],
          ['/treatment-plans', `/treatment-plans/${ids.plan}`],
        ] as const)
          if (nav.includes(list)) {
            await navigate(p, path);
            await settle(p, requests);
            await checkPage(p, requests, role, list.slice(1).replace(/s$/, ''));
          }
        expect([...problems, ...errors], [...problems, ...errors].join('\n\n')).toEqual([]);
      } finally {
        current = undefined;
        await context.close();
      }
    });
  }
});
