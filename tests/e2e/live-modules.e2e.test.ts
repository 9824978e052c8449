import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWebApp, graphql, launchBrowser, setupClinic, startServer, type RunningServer } from './harness.ts';

/**
 * Issue #17 item 11: a module installed in one session reaches every other open session (navigation,
 * routes, slots) through the core's `activeModulesChanged` subscription, without a reload or a new login.
 */
const ADMIN = { email: 'admin@live.test', password: 'correct-horse-1' };
const DENTIST = { email: 'dana@live.test', password: 'correct-horse-2' };

let server: RunningServer;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('#login-email', who.email);
  await page.fill('#login-password', who.password);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=dashboard]');
  return page;
}

const sidebarLabels = async (p: Page) =>
  (await p.locator('[data-test=sidebar] a.nav-item').allInnerTexts()).map((s) => s.trim());

beforeAll(async () => {
  web = await buildWebApp([]);
  server = await startServer({ webDir: web.dir, moduleDirs: [] });
  const login = {
    accessToken: await setupClinic(server.graphqlUrl, { name: 'Clínica Viva', timezone: 'Europe/Madrid' }, ADMIN),
  };
  await graphql(
    server.graphqlUrl,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    {
      input: { ...DENTIST, firstName: 'Dana', lastName: 'Dentista', role: 'dentist', isProfessional: true },
    },
    login.accessToken,
  );
  browser = await launchBrowser();
  // A web build and a server start: many minutes when the machine is shared.
}, 900_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

describe('module changes reach every open session', () => {
  it('installing inventory in the admin session adds its menu to the dentist session, without a reload', async () => {
    const admin = await signedIn(ADMIN);
    const dentist = await signedIn(DENTIST);
    expect(await sidebarLabels(dentist)).not.toContain('Inventory');
    // A mark in the dentist's window: a page load would wipe it.
    await dentist.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    const applied = async () => {
      // The scheduling mutation may take a while on a loaded machine: apply only once it is pending.
      await expect
        .poll(() => admin.locator('[data-test=pending-banner]').innerText(), { timeout: 120_000 })
        .toContain('inventory');
      await admin.click('[data-test=apply-changes]', { timeout: 120_000 });
      await admin.waitForSelector('[data-test=restart-progress][data-running=false]', { timeout: 90_000 });
      expect(await admin.locator('[data-test=restart-progress]').innerText()).toContain('Module changes applied.');
      await admin.click('[data-test=close-restart]');
    };

    await admin.click('[data-nav="/settings/modules"]');
    await admin.waitForSelector('[data-test=modules-table] [data-module=inventory]');
    await admin.click('[data-test=install-inventory]');
    await admin.click('[data-test=confirm-install]');
    await applied();

    // The dentist did nothing: the subscription told their session, which re-read the active modules.
    await expect.poll(() => sidebarLabels(dentist), { timeout: 30_000 }).toContain('Inventory');
    await dentist.click('[data-nav="/inventory"]');
    await dentist.waitForSelector('[data-test=inventory-page]');
    expect(await dentist.evaluate(() => 'stillTheSamePage' in window)).toBe(true);

    expect(await sidebarLabels(dentist)).toContain('Patients');
  });
});
