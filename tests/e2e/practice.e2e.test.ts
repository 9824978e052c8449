import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  buildWebApp,
  expectNoSeriousAxeViolations,
  graphql,
  launchBrowser,
  ROOT,
  setupClinic,
  startServer,
  type RunningServer,
} from './harness.ts';

/**
 * Running the practice (issue 16) in a real browser: a payment recorded on the patient's Account tab against
 * an invoice, part of it refunded (after a confirmation); the family link between a parent and a child; and
 * the accountant's export preview showing that refund as money given back (negative, off the net collected);
 * the clinic's booking policy and recall settings on the settings page.
 */
const ADMIN = { email: 'admin@practice.test', password: 'correct-horse-1' };
const CLINIC_TZ = 'Europe/Madrid';

let server: RunningServer;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token = '';
const ids = { ana: '', bruno: '', invoice: '', invoiceNumber: '' };
const pageErrors: string[] = [];

const gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(server.graphqlUrl, query, variables, token);
/** axe on a settled page: a toast still fading in has, for a moment, the contrast of its animation. */
async function axe(scope: Parameters<typeof expectNoSeriousAxeViolations>[1] = {}) {
  await page.waitForSelector('.p-toast-message-enter-active', { state: 'detached' }).catch(() => undefined);
  await expectNoSeriousAxeViolations(page, scope);
}

beforeAll(async () => {
  web = await buildWebApp([]);
  server = await startServer({ webDir: web.dir, moduleDirs: [] });
  token = await setupClinic(server.graphqlUrl, { name: 'Clínica Práctica', timezone: CLINIC_TZ }, ADMIN);
  // The two opt-in modules of this flow.
  for (const name of ['patient_relationships', 'accounting_export'])
    await gql('mutation($n: String!) { installModule(name: $n) { scheduled } }', { n: name });
  const restart = await gql<{ restartModules: { processed: { module: string; status: string }[] } }>(
    'mutation { restartModules { processed { module status } } }',
  );
  expect(restart.restartModules.processed.map((p) => p.status)).toEqual(['completed', 'completed']);

  const patient = async (firstName: string, lastName: string) =>
    (
      await gql<{ createPatient: { id: string } }>(
        'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
        { input: { firstName, lastName } },
      )
    ).createPatient.id;
  ids.ana = await patient('Ana', 'Práctica');
  ids.bruno = await patient('Bruno', 'Práctica');
  const { createInvoice } = await gql<{ createInvoice: { id: string } }>(
    'mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }',
    {
      input: {
        patientId: ids.ana,
        items: [{ description: 'Cleaning', quantity: 1, unitPrice: '80.00', vatRate: '0' }],
      },
    },
  );
  ids.invoice = createInvoice.id;
  ids.invoiceNumber = (
    await gql<{ issueInvoice: { number: string } }>('mutation($id: ID!) { issueInvoice(id: $id) { number } }', {
      id: ids.invoice,
    })
  ).issueInvoice.number;

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}/login`);
  await page.fill('#login-email', ADMIN.email);
  await page.fill('#login-password', ADMIN.password);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=dashboard]');
}, 300_000);

/** On a failed step, the screen as it was (ignored folder, like the other browser tests' screenshots). */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const dir = join(ROOT, 'tests/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  await page?.screenshot({ path: join(dir, 'practice-failed.png'), fullPage: true }).catch(() => undefined);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

describe.sequential('running the practice', () => {
  it('records a payment on the Account tab against the invoice, then refunds part of it after confirming', async () => {
    await page.goto(`${server.url}/patients/${ids.ana}`);
    await page.click('[data-test=patient-detail] .p-tab:has-text("Account")');
    await page.waitForSelector('[data-test=patient-account]');
    await page.click('[data-test=payments-record-open]');
    await page.waitForSelector('[data-test=payments-record-form]');
    await page.fill('[data-test=payments-amount]', '50.00');
    await page.click('[data-test=payments-add-part]');
    await page.click('[data-test=payments-part-doc-0]');
    await page.click(`.p-select-option:has-text("${ids.invoiceNumber}")`);
    await page.fill('[data-test=payments-part-amount-0]', '50.00');
    await axe({ include: ['[data-test=payments-record-form]'] });
    await page.click('[data-test=payments-record-submit]');
    await expect.poll(() => page.locator('[data-test=account-paid]').innerText()).toContain('50.00');
    // Billing recorded it on the invoice.
    const paid = async () =>
      (await gql<{ invoice: { paid: string } }>('query($id: ID!) { invoice(id: $id) { paid } }', { id: ids.invoice }))
        .invoice.paid;
    expect(await paid()).toBe('50.00');

    await page.locator('[data-test^=payments-refund-]').first().click();
    await page.waitForSelector('[data-test=payments-refund-form]');
    await page.fill('[data-test=payments-refund-amount]', '20.00');
    await page.click('[data-test=payments-refund-submit]');
    // Money leaves the clinic: the dialog asks first.
    await page.click('.p-confirmdialog-accept-button');
    await expect.poll(() => page.locator('[data-test=account-refunded]').innerText()).toContain('20.00');
    await expect.poll(paid).toBe('30.00');
    await axe({ include: ['[data-test=patient-account]'] });

    // The invoice page lists the refund as one, with a minus sign.
    await page.goto(`${server.url}/invoices/${ids.invoice}`);
    const rows = page.locator('[data-test=invoice-payments] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.locator('[data-kind=REFUND]').innerText()).toBe('Refund');
    expect(await page.locator('[data-test=payment-amount]').allInnerTexts()).toEqual(['€50.00', '-€20.00']);
    await axe();
  });

  it('links a parent and a child; each sees the other with their own label', async () => {
    await page.goto(`${server.url}/patients/${ids.ana}`);
    await page.waitForSelector('[data-test=patient-family]');
    await page.click('[data-test=add-family-link]');
    await page.locator('[data-test=family-form] input[role=combobox]').fill('Bruno');
    await page.click('.p-autocomplete-option:has-text("Bruno Práctica")');
    await page.selectOption('[data-test=family-type-select]', 'CHILD');
    await page.fill('[data-test=family-notes]', 'Comes with his mother');
    await page.click('[data-test=save-family-link]');
    await expect.poll(() => page.locator('[data-test=family-link]').count()).toBe(1);
    expect(await page.locator('[data-test=family-type]').innerText()).toBe('Child');
    await axe({ include: ['[data-test=patient-family]'] });

    await page.click('[data-test=family-link] a:has-text("Bruno Práctica")');
    await page.waitForURL(`**/patients/${ids.bruno}`);
    await expect.poll(() => page.locator('[data-test=family-link]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-test=family-type]').innerText()).toBe('Parent');
  });

  it('previews the accounting export with the refund as negative money, net collected, on a phone too', async () => {
    await page.goto(`${server.url}/accounting-export`);
    await page.click('[data-test=export-preview]');
    await page.waitForSelector('[data-test=export-summary]');
    await expect.poll(() => page.locator('[data-test=count-collections]').innerText()).toBe('2');
    expect(await page.locator('[data-test=collected]').innerText()).toBe('€30.00');
    expect(await page.locator('[data-test=refunded]').innerText()).toBe('-€20.00');
    const collections = page.locator('[data-test=sample-collection]');
    expect(await collections.nth(0).innerText()).toContain('Payment');
    expect(await collections.nth(1).innerText()).toMatch(/Refund\s+-€20\.00/);
    await axe();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('[data-test=export-summary]');
    // Nothing wider than the phone's screen but the tables' own scrolling wrappers.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await axe();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("sets the clinic's booking policy and recall intervals on the settings page", async () => {
    await page.goto(`${server.url}/settings`);
    await page.waitForSelector('[data-test=settings-schedules] [data-test=schedules-refuse-outside-hours]');
    await page.click('[data-test=schedules-refuse-outside-hours]');
    const policy = async () =>
      (
        await gql<{ scheduleSettings: { refuseBookingsOutsideHours: boolean } }>(
          '{ scheduleSettings { refuseBookingsOutsideHours } }',
        )
      ).scheduleSettings.refuseBookingsOutsideHours;
    await expect.poll(policy).toBe(true);

    await page.waitForSelector('[data-test=settings-recalls] #recall-interval-HYGIENE');
    expect(await page.inputValue('#recall-interval-HYGIENE')).toBe('6');
    await page.fill('#recall-interval-HYGIENE', '4');
    await page.fill('#recall-lead-days', '30');
    await page.click('[data-test=recall-settings-save]');
    const recalls = async () =>
      (
        await gql<{ recallSettings: { reminderLeadDays: number; intervals: { reason: string; months: number }[] } }>(
          '{ recallSettings { reminderLeadDays intervals { reason months } } }',
        )
      ).recallSettings;
    await expect.poll(async () => (await recalls()).reminderLeadDays).toBe(30);
    expect((await recalls()).intervals).toContainEqual({ reason: 'HYGIENE', months: 4 });
    await axe({ include: ['[data-test=settings-schedules]', '[data-test=settings-recalls]'] });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('[data-test=settings-recalls]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await axe({ include: ['[data-test=settings-schedules]', '[data-test=settings-recalls]'] });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  });

  it('shows a Spanish browser the app in Spanish (host and layer messages, placeholders) and switches to English', async () => {
    // Each language's messages are one download, loaded when shown (issue 17): Spanish before the first render.
    const es = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
    const p = await es.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    const scripts: string[] = [];
    p.on('request', (r) => void (r.url().endsWith('.js') && scripts.push(r.url())));
    try {
      await p.goto(`${server.url}/login`);
      await expect.poll(() => p.locator('label[for=login-email]').innerText()).toBe('Correo electrónico');
      await p.fill('#login-email', ADMIN.email);
      await p.fill('#login-password', ADMIN.password);
      await p.click('[data-test=login-submit]');
      await p.waitForSelector('[data-test=dashboard]');
      expect(await p.locator('[data-test=logout]').innerText()).toContain('Cerrar sesión');
      await p.goto(`${server.url}/patients`);
      // A layer's message with a placeholder, precompiled at build time.
      await expect.poll(() => p.locator('[data-test=patients-total]').innerText()).toBe('2 pacientes');
      expect(await p.locator('#app-sidebar').innerText()).toContain('Pacientes');
      expect(scripts.some((u) => /\/messages-es-[\w-]+\.js$/.test(u))).toBe(true);

      await p.click('[data-test=locale] >> text=en');
      await expect.poll(() => p.locator('[data-test=patients-total]').innerText()).toBe('2 patients');
      expect(await p.locator('[data-test=logout]').innerText()).toContain('Log out');
      expect(await p.locator('#app-sidebar').innerText()).toContain('Patients');
      expect(scripts.some((u) => /\/messages-en-[\w-]+\.js$/.test(u))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await es.close();
    }
  });
});
