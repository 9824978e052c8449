import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  buildWebApp,
  expectNoSeriousAxeViolations,
  graphql,
  launchBrowser,
  ROOT,
  startServer,
  type AxeScope,
  type RunningServer,
} from './harness.ts';

const FIXTURES = join(ROOT, 'tests/fixtures/modules');
const MODULE_DIRS = ['fixture_base', 'fixture_hello'].map((d) => join(FIXTURES, d));
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const ADMIN = { email: 'admin@e2e.test', password: 'correct-horse-1' };
const DENTIST = { email: 'dario@e2e.test', password: 'correct-horse-3' };
const RECEPTIONIST = { email: 'rosa@e2e.test', password: 'correct-horse-2' };
/** Short-lived access tokens, so that the run crosses expiries and the app must refresh them. */
const ACCESS_TTL_S = 10;

let server: RunningServer;

/** Tokens of `user` through the API (for setting data up beside the browser). */
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** The dentist's browser watching the agenda board (opened by the agenda test, kept across the module restart). */
let watcherContext: BrowserContext | undefined;
let watcher: Page;
/** The receptionist's browser for the money flows (budget → invoice → payments, then the patient, reports, notifications). */
let moneyContext: BrowserContext | undefined;
let cashier: Page;
const money = { budget: '', invoice: '' };

/** Screenshots without the toasts of earlier steps covering the header. */
async function shot(name: string, p: Page = page) {
  // A toast may leave while it is being closed: do not wait the default 30 s for it.
  for (const close of await p.locator('.p-toast-close-button').all())
    await close.click({ timeout: 2_000 }).catch(() => undefined);
  await p
    .locator('.p-toast-message')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
const sidebarLabels = async (p: Page = page) =>
  (await p.locator('[data-test=sidebar] a.nav-item').allInnerTexts()).map((s) => s.trim());
const lastToast = (p: Page = page) => p.locator('.p-toast-message').last();
/** The trimmed text of each cell of each body row of a table. */
const cells = (p: Page, table: string) =>
  p
    .locator(`${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
    );
/** The bearer tokens a page sends to /graphql and the /auth/* endpoints it calls, in order, from now on. */
function watchAuth(p: Page = page) {
  const seen = { bearers: [] as string[], endpoints: [] as string[] };
  p.on('request', (request) => {
    const url = new URL(request.url());
    const bearer = request.headers().authorization;
    if (url.pathname === '/graphql' && bearer) seen.bearers.push(bearer);
    if (url.pathname.startsWith('/auth/')) seen.endpoints.push(url.pathname);
  });
  return seen;
}
async function sql(query: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query(query, params)).rows;
  } finally {
    await client.end();
  }
}

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/**
 * The page as it is now, at 1280×800 and at 390×844: axe finds nothing serious or critical, and the
 * page itself never scrolls sideways (wide tables scroll inside themselves). The viewport is restored.
 */
async function checkAtBothSizes(p: Page, scope: AxeScope = {}) {
  const before = p.viewportSize();
  try {
    for (const size of [DESKTOP, PHONE]) {
      await p.setViewportSize(size);
      await p.waitForTimeout(300); // the layout switch and the drawer's transition
      await expectNoSeriousAxeViolations(p, scope);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      // On failure, name the elements that stick out while their parent fits (where to look).
      const culprits =
        width > size.width
          ? await p.evaluate(() =>
              Array.from(document.querySelectorAll('body *'))
                .filter((e) => {
                  const parent = e.parentElement?.getBoundingClientRect();
                  return e.getBoundingClientRect().right > innerWidth + 1 && !!parent && parent.right <= innerWidth + 1;
                })
                .slice(0, 5)
                .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
            )
          : [];
      expect(width, `${p.url()} at ${size.width}px: ${culprits.join(', ')}`).toBeLessThanOrEqual(size.width);
      // An open dialog is fixed, so the page does not scroll for it: it must fit the screen itself.
      const dialogs = await p.evaluate(() =>
        Array.from(document.querySelectorAll('.p-dialog')).map((d) => {
          const r = d.getBoundingClientRect();
          return { left: Math.round(r.left), right: Math.round(r.right) };
        }),
      );
      for (const d of dialogs) expect(d.left >= 0 && d.right <= size.width, `a dialog at ${size.width}px`).toBe(true);
    }
  } finally {
    if (before) await p.setViewportSize(before);
  }
}

async function newPage(): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  return p;
}

async function login(p: Page, who: { email: string; password: string }) {
  await p.goto(`${server.url}/login`);
  await p.fill('#login-email', who.email);
  await p.fill('#login-password', who.password);
  await p.click('[data-test=login-submit]');
  await p.waitForSelector('[data-test=dashboard]');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  web = await buildWebApp(MODULE_DIRS);
  server = await startServer({
    webDir: web.dir,
    moduleDirs: MODULE_DIRS,
    env: { DENTALPIN_ACCESS_TTL: `${ACCESS_TTL_S}s` },
  });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  page = await newPage();
});

afterAll(async () => {
  await watcherContext?.close();
  await moneyContext?.close();
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

describe('web app in a browser', () => {
  it('asks for setup on a new instance, then shows the sidebar built from activeModules', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/);
    await page.fill('#setup-clinic', 'Clínica E2E');
    await page.fill('#setup-first', 'Ada');
    await page.fill('#setup-last', 'Admin');
    await page.fill('#setup-email', ADMIN.email);
    await page.fill('#setup-password', ADMIN.password);
    await shot('setup');
    await checkAtBothSizes(page);
    await page.click('[data-test=setup-submit]');
    await page.waitForSelector('[data-test=dashboard]');
    expect(await sidebarLabels()).toEqual([
      'Dashboard',
      'Patients',
      'Agenda',
      'Recalls',
      'Treatment plans',
      'Budgets',
      'Catalog',
      'Invoices',
      'Payments',
      'Reports',
      'Notifications',
      'Working hours',
      'Modules',
      'Settings',
    ]);
    await expect.poll(() => page.locator('[data-test=patient-count]').innerText()).toBe('0');
    await shot('dashboard');
    await checkAtBothSizes(page);
  });

  it('on a phone: the navigation is a drawer behind a menu button, operable from the keyboard', async () => {
    await page.setViewportSize(PHONE);
    try {
      const toggle = page.locator('[data-test=menu-toggle]');
      await expect.poll(() => page.locator('[data-test=sidebar]').isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      // The main content starts at the left edge: the 240 px sidebar no longer takes the width.
      expect((await page.locator('main#main-content').boundingBox())!.x).toBe(0);
      // The top bar keeps two rows (menu and clinic, then the search): the account controls are in the drawer.
      expect(await page.locator('header.topbar [data-test=logout]').count()).toBe(0);
      expect((await page.locator('header.topbar').boundingBox())!.height).toBeLessThanOrEqual(120);
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-test=sidebar]').isVisible()).toBe(true);
      expect(await page.locator('[data-test=sidebar] [data-test=logout]').isVisible()).toBe(true);
      expect(await page.locator('[data-test=sidebar] [data-test=user-name]').innerText()).toBe('Ada Admin');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      // Focus moved into the drawer; the keyboard follows a link and the drawer closes.
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('#app-sidebar'))).toBe(true);
      await shot('drawer-phone');
      await page.locator('[data-test=sidebar] [data-nav="/settings"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/settings$/);
      await expect.poll(() => page.locator('[data-test=sidebar]').isVisible()).toBe(false);
      // Escape closes an open drawer and gives the focus back to the button.
      await toggle.click();
      await expect.poll(() => page.locator('[data-test=sidebar]').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-test=sidebar]').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('menu-toggle');
      // The skip link comes before everything else of the shell (the closed drawer's links are out of
      // the tab order) and lands on the page's content.
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test'))).toBe('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
    await checkAtBothSizes(page);
    await page.click('[data-nav="/"]');
    await page.waitForSelector('[data-test=dashboard]');
  });

  it('logs out and back in', async () => {
    await page.click('[data-test=logout]');
    await page.waitForURL(/\/login/);
    await page.fill('#login-email', ADMIN.email);
    await page.fill('#login-password', 'wrong-password');
    await page.click('[data-test=login-submit]');
    await expect.poll(() => page.locator('[data-test=login-error]').innerText()).toBe('Wrong e-mail or password.');
    await shot('login');
    await checkAtBothSizes(page);
    await login(page, ADMIN);
    expect(await page.locator('[data-test=user-name]').innerText()).toBe('Ada Admin');
  });

  it('Settings → Users on a phone: roles, the last admin kept, deactivation confirmed; a wrong current password', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    await graphql(
      server.graphqlUrl,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: 'hugo@e2e.test',
          password: 'correct-horse-9',
          firstName: 'Hugo',
          lastName: 'Higienista',
          role: 'hygienist',
        },
      },
      tokens.accessToken,
    );
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    try {
      const p = await phone.newPage();
      p.on('pageerror', (e) => pageErrors.push(String(e)));
      await login(p, ADMIN);
      await p.goto(`${server.url}/settings`);
      await p.click('[data-test=manage-users]');
      await p.waitForSelector('[data-test=users-table] tr[data-user="hugo@e2e.test"]');
      const hugo = p.locator('tr[data-user="hugo@e2e.test"]');
      const ada = p.locator(`tr[data-user="${ADMIN.email}"]`);
      // Nothing wider than the phone's screen: the table's rows become cards.
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect((await p.locator('[data-test=users-table]').boundingBox())!.width).toBeLessThanOrEqual(390);
      await checkAtBothSizes(p);

      // Keyboard: focus the role, open it, pick "assistant".
      await hugo.locator('[data-test=role] [role=combobox]').focus();
      await p.keyboard.press('Enter');
      await p.click('.p-select-option:has-text("assistant")');
      await expect.poll(() => lastToast(p).innerText()).toContain('Saved: Hugo Higienista');
      expect(
        await sql(`select role from clinic_memberships m join users u on u.id = m.user_id where u.email = $1`, [
          'hugo@e2e.test',
        ]),
      ).toEqual([{ role: 'assistant' }]);

      // The only admin cannot be demoted: said next to the row, the role stays.
      await ada.locator('[data-test=role]').click();
      await p.click('.p-select-option:has-text("dentist")');
      await expect
        .poll(() => ada.locator('[data-test=row-error]').innerText())
        .toBe('A clinic needs at least one active admin: make someone else admin first.');
      expect(await ada.locator('[data-test=role]').innerText()).toContain('admin');
      await shot('users-phone', p);

      // Deactivating asks first.
      await hugo.locator('[data-test=deactivate]').click();
      await p.click('[role=dialog] [data-test=confirm]');
      await expect.poll(() => hugo.innerText()).toContain('Deactivated');

      await p.goto(`${server.url}/settings`);
      await p.fill('#current-password', 'not-my-password');
      await p.fill('#new-password', 'a brand new password 1');
      await p.click('[data-test=change-password-submit]');
      await expect.poll(() => p.locator('[data-test=error-currentPassword]').innerText()).toContain('current password');
      await checkAtBothSizes(p);
    } finally {
      await phone.close();
    }
  });

  it('creates a patient (with server validation), searches, edits and archives it', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    for (const [firstName, lastName] of [
      ['Mario', 'Blanco'],
      ['Lucía', 'Ortega'],
    ])
      await graphql(
        server.graphqlUrl,
        'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
        { input: { firstName, lastName } },
        tokens.accessToken,
      );

    await page.click('[data-nav="/patients"]');
    await page.waitForSelector('[data-test=patients-page]');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toBe('2 patients');

    await page.click('[data-test=patient-new]');
    // The dialog focuses its first field, not its close button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('p-first');
    await page.fill('#p-email', 'not-an-email');
    await page.click('[data-test=patient-save]');
    await expect.poll(() => page.locator('[data-test=error-firstName]').innerText()).toContain('is required');
    expect(await page.locator('[data-test=error-email]').innerText()).toContain('is not an email address');
    await expect.poll(() => lastToast().innerText()).toContain('Invalid input');
    await shot('patient-form-errors');
    await checkAtBothSizes(page, { include: ['[role=dialog]'] });

    await page.fill('#p-first', 'Zoe');
    await page.fill('#p-last', 'Quintana');
    await page.fill('#p-phone', '+34 600 111 222');
    await page.fill('#p-email', 'zoe@example.test');
    // A date typed digit by digit (en-US order in this browser) is the date saved; a future one is refused beside the field.
    await page.fill('#p-dob', '2999-01-05');
    await page.locator('#p-dob').blur();
    await expect
      .poll(() => page.locator('[data-test=error-dateOfBirth]').innerText())
      .toMatch(/^must be on or before /);
    expect(await page.inputValue('#p-dob')).toBe('2999-01-05');
    await page.click('[data-test=patient-save]');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-test=patient-form]').count()).toBe(1); // not sent
    await page.fill('#p-dob', '');
    await page.locator('#p-dob').focus();
    await page.keyboard.type('04121990');
    await expect.poll(() => page.inputValue('#p-dob')).toBe('1990-04-12');
    expect(await page.locator('[data-test=error-dateOfBirth]').count()).toBe(0);
    await page.click('[data-test=patient-save]');
    await expect.poll(() => lastToast().innerText()).toContain('Zoe Quintana was added.');
    await page.waitForSelector('[data-test=patient-form]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toBe('3 patients');

    await page.fill('[data-test=patient-search]', 'quint');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toBe('1 patient');
    expect(await page.locator('[data-test=patients-table] tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining('Quintana, Zoe'),
    ]);
    expect(await page.locator('[data-test=patients-table] tbody tr').innerText()).toContain('1990-04-12');
    await page.waitForURL(/q=quint/);

    await page.click('[data-test=patients-table] [data-test=patient-edit]');
    await expect.poll(() => page.inputValue('#p-first')).toBe('Zoe');
    await page.fill('#p-phone', '+34 600 999 888');
    await page.click('[data-test=patient-save]');
    await expect.poll(() => lastToast().innerText()).toContain('Zoe Quintana was saved.');
    await expect.poll(() => page.locator('[data-test=patients-table] tbody').innerText()).toContain('+34 600 999 888');
    await page.waitForSelector('[data-test=patient-form]', { state: 'detached' });
    await shot('patients');
    await checkAtBothSizes(page);

    await page.click('[data-patient="Zoe Quintana"]');
    await page.waitForSelector('[data-test=patient-detail]');
    expect(await page.locator('[data-test=patient-name]').innerText()).toBe('Zoe Quintana');
    // The contact card is the patients layer's entry in the patient.detail.sidebar slot.
    expect(
      await page.locator('[data-slot="patient.detail.sidebar"] [data-test=patient-contact]').innerText(),
    ).toContain('+34 600 999 888');
    await shot('patient-detail');
    await checkAtBothSizes(page);

    await page.click('[data-test=patient-detail] [data-test=patient-archive]');
    await page.click('.p-confirmdialog-accept-button');
    await expect.poll(() => lastToast().innerText()).toContain('Zoe Quintana was archived.');
    await page.waitForSelector('[data-test=patients-page]');
    await page.fill('[data-test=patient-search]', 'quint');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toBe('No patients');
    await page.click('[data-test=include-archived]');
    await expect.poll(() => page.locator('[data-test=patients-table] tbody').innerText()).toContain('Archived');
  });

  it('books an appointment on the agenda and moves it along the board; a second user sees it live', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    // A dentist is a professional of the clinic (bookable) and the second user watching the board.
    await graphql(
      server.graphqlUrl,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: DENTIST.email,
          password: DENTIST.password,
          firstName: 'Dario',
          lastName: 'Dentista',
          role: 'dentist',
        },
      },
      tokens.accessToken,
    );
    await graphql(
      server.graphqlUrl,
      'mutation($input: CabinetInput!) { createCabinet(input: $input) { id } }',
      { input: { name: 'Room 2', color: '#10B981', displayOrder: 2 } },
      tokens.accessToken,
    );

    watcherContext = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    watcher = await watcherContext.newPage();
    watcher.on('pageerror', (e) => pageErrors.push(String(e)));
    await login(watcher, DENTIST);
    await watcher.click('[data-nav="/agenda"]');
    await watcher.waitForSelector('[data-test=agenda-page]');
    await watcher.click('[data-test=agenda-view] >> text=Board');
    await watcher.waitForSelector('[data-test=agenda-board] [data-column=SCHEDULED]');
    // Marks this document: it must still be there at the end (no reload happened).
    await watcher.evaluate(() => ((window as unknown as { agendaMarker: number }).agendaMarker = 42));

    await page.click('[data-nav="/agenda"]');
    await page.waitForSelector('[data-test=agenda-day] [data-cabinet-column="Room 1"]');
    await page.click('[data-test=appointment-new]');
    await page.waitForSelector('[data-test=appointment-form]');
    // The dialog opens with the focus on its first field, the patient.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('a-patient');
    // An empty booking: each missing choice is marked required beside its field; an end before the start too.
    await page.fill('#a-start', '10:00');
    await page.fill('#a-end', '09:30');
    // The previous test's last toast (4 s) must be gone, so the check below sees only this dialog's.
    await expect.poll(() => page.locator('.p-toast-message').count(), { timeout: 10_000 }).toBe(0);
    await page.click('[data-test=appointment-save]');
    await expect.poll(() => page.locator('[data-test=error-patientId]').innerText()).toBe('is required');
    expect(await page.locator('[data-test=error-professionalId]').innerText()).toBe('is required');
    expect(await page.locator('[data-test=error-endTime]').innerText()).toBe('must be after the start');
    expect(await page.locator('#a-end').getAttribute('aria-invalid')).toBe('true');
    await page.click('[data-test=appointment-save]');
    await page.waitForTimeout(300);
    // Marked beside the fields, not toasted (and never stacked).
    expect(await page.locator('.p-toast-message').allInnerTexts()).toEqual([]);

    await page.fill('#a-patient', 'Blanco');
    await page.click('.p-autocomplete-option:has-text("Mario Blanco")');
    await page.click('[data-test=a-professional]');
    await page.click('.p-select-option:has-text("Dario Dentista")');
    await page.fill('#a-start', '10:00');
    await page.fill('#a-end', '10:30');
    await page.fill('#a-treatment', 'Cleaning');
    await shot('agenda-booking');
    await page.click('[data-test=appointment-save]');
    await expect.poll(() => lastToast().innerText()).toContain('Appointment booked for Mario Blanco.');
    await page.waitForSelector('[data-test=appointment-form]', { state: 'detached' });
    // Booked without a cabinet: it sits in the "No cabinet" column of the day view.
    await page.waitForSelector('[data-test=agenda-day] [data-appointment="Mario Blanco"][data-cabinet="No cabinet"]');
    await shot('agenda-day');
    await checkAtBothSizes(page);

    const watched = (column: string) => watcher.locator(`[data-column=${column}] [data-appointment="Mario Blanco"]`);
    await watched('SCHEDULED').waitFor();

    // The board: only the transitions the server allows from SCHEDULED are offered.
    await page.click('[data-test=agenda-view] >> text=Board');
    const card = (column: string) => page.locator(`[data-column=${column}] [data-appointment="Mario Blanco"]`);
    await card('SCHEDULED').waitFor();
    expect(
      await card('SCHEDULED')
        .locator('[data-transition]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-transition'))),
    ).toEqual(['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW']);

    // Drag the card onto a cabinet: assignCabinet; the watcher sees the cabinet appear.
    await card('SCHEDULED').dragTo(page.locator('[data-cabinet-drop="Room 1"]'));
    await expect.poll(() => lastToast().innerText()).toContain('Mario Blanco is now in Room 1.');
    await expect.poll(() => watched('SCHEDULED').locator('[data-test=appointment-cabinet]').innerText()).toBe('Room 1');

    // The same professional, cabinet and start: the server refuses with SLOT_CONFLICT, shown in the dialog.
    await page.click('[data-test=appointment-new]');
    await page.fill('#a-patient', 'Ortega');
    await page.click('.p-autocomplete-option:has-text("Lucía Ortega")');
    await page.click('[data-test=a-professional]');
    await page.click('.p-select-option:has-text("Dario Dentista")');
    await page.click('[data-test=a-cabinet]');
    await page.click('.p-select-option:has-text("Room 1")');
    await page.fill('#a-start', '10:00');
    await page.fill('#a-end', '10:30');
    await page.click('[data-test=appointment-save]');
    await expect
      .poll(() => page.locator('[data-test=appointment-refusal]').innerText())
      .toMatch(/The professional already has an appointment \S+ 10:00–10:30 that overlaps this time/);
    await expect.poll(() => lastToast().innerText()).toContain('The professional already has an appointment');
    // The form has edits: Cancel asks before dropping them.
    await page.click('[data-test=appointment-cancel]');
    await expect.poll(() => page.locator('.p-confirmdialog').innerText()).toContain('Discard changes?');
    await page.click('.p-confirmdialog-accept-button');
    await page.waitForSelector('[data-test=appointment-form]', { state: 'detached' });

    await card('SCHEDULED').locator('[data-transition=CHECKED_IN]').click();
    await card('CHECKED_IN').waitFor();
    await watched('CHECKED_IN').waitFor();
    expect(
      await card('CHECKED_IN')
        .locator('[data-transition]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-transition'))),
    ).toEqual(['IN_TREATMENT', 'CANCELLED']);
    await shot('agenda-board-watcher-checked-in', watcher);

    await card('CHECKED_IN').locator('[data-transition=IN_TREATMENT]').click();
    await card('IN_TREATMENT').waitFor();
    await watched('IN_TREATMENT').waitFor();
    expect(
      await watched('IN_TREATMENT')
        .locator('[data-transition]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-transition'))),
    ).toEqual(['COMPLETED', 'CANCELLED']);
    expect(await watched('SCHEDULED').count()).toBe(0);
    expect(await watcher.evaluate(() => (window as unknown as { agendaMarker?: number }).agendaMarker)).toBe(42);
    await shot('agenda-board');
    await checkAtBothSizes(page);
    await shot('agenda-board-watcher', watcher);

    await page.click('[data-test=agenda-view] >> text=Week');
    await page.waitForSelector('[data-test=agenda-week] [data-appointment="Mario Blanco"]');
    await shot('agenda-week');
    await checkAtBothSizes(page);
  });

  it('installs a module with its dependency chain from the modules admin page, and its navigation appears', async () => {
    await page.click('[data-nav="/settings/modules"]');
    await page.waitForSelector('[data-test=modules-table] [data-module=fixture_hello]');
    expect(await sidebarLabels()).not.toContain('Hello');
    await checkAtBothSizes(page);
    await page.click('[data-test=install-fixture_hello]');
    await expect
      .poll(() => page.locator('[data-test=install-chain] li').allInnerTexts())
      .toEqual(['fixture_base', 'fixture_hello']);
    // A confirmation dialog focuses its action, not its close button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-test')))
      .toBe('confirm-install');
    await checkAtBothSizes(page, { include: ['[role=dialog]'] });
    await page.click('[data-test=confirm-install]');
    await expect
      .poll(() => page.locator('[data-test=pending-banner]').innerText())
      .toContain('fixture_base, fixture_hello');
    await shot('modules');

    await page.click('[data-test=apply-changes]');
    await page.waitForSelector('[data-test=restart-progress][data-running=false]', { timeout: 60_000 });
    expect(await page.locator('[data-test=restart-progress]').innerText()).toContain('Module changes applied.');
    const log = await page.locator('[data-test=restart-progress] [data-test=operation-log] tbody').innerText();
    expect(log).toContain('fixture_base');
    expect(log).toContain('completed');
    await shot('modules-restart');
    await page.click('[data-test=close-restart]');

    await expect
      .poll(() => sidebarLabels())
      .toEqual([
        'Dashboard',
        'Patients',
        'Agenda',
        'Recalls',
        'Treatment plans',
        'Budgets',
        'Catalog',
        'Hello',
        'Invoices',
        'Payments',
        'Reports',
        'Notifications',
        'Working hours',
        'Modules',
        'Settings',
      ]);
    await page.click('[data-nav="/hello"]');
    await expect.poll(() => page.locator('[data-test=hello-words]').innerText()).toContain('Hola');
    await page.click('[data-nav="/"]');
    await page.waitForSelector('[data-test=widget-hello]');
    await shot('dashboard-with-module');
  });

  it('keeps the live board live across the supergraph change of a module install (4205: resubscribe)', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    const [{ id }] = await sql(`select id from appointments where status = 'in_treatment'`);
    await graphql(
      server.graphqlUrl,
      'mutation($id: ID!) { transitionAppointment(id: $id, to: COMPLETED) { id } }',
      { id },
      tokens.accessToken,
    );
    await watcher.locator('[data-column=COMPLETED] [data-appointment="Mario Blanco"]').waitFor();
    expect(await watcher.evaluate(() => (window as unknown as { agendaMarker?: number }).agendaMarker)).toBe(42);
    await watcherContext?.close();
    watcherContext = undefined;
  });

  it('upgrades a module whose code is newer than the installed version, and the doctor reports it first', async () => {
    // As if fixture_base 0.9.0 had been installed and the 1.0.0 code deployed since.
    await sql(`update core_module set version = '0.9.0' where name = 'fixture_base'`);
    await page.click('[data-nav="/settings/modules"]');
    await page.waitForSelector('[data-test=modules-table]');
    await expect
      .poll(() => page.locator('[data-module=fixture_base]').locator('xpath=ancestor::tr').innerText())
      .toContain('0.9.0 → 1.0.0');
    await expect.poll(() => page.locator('[data-test=doctor]').innerText()).toContain('fixture_base 0.9.0 → 1.0.0');
    await page.click('[data-test=upgrade-fixture_base]');
    await page.click('[data-test=confirm-upgrade]');
    await expect.poll(() => page.locator('[data-test=pending-banner]').innerText()).toContain('fixture_base');
    await page.click('[data-test=apply-changes]');
    await page.waitForSelector('[data-test=restart-progress][data-running=false]', { timeout: 60_000 });
    const progress = await page.locator('[data-test=restart-progress]').innerText();
    expect(progress).toContain('fixture_base: upgrade completed');
    await page.click('[data-test=close-restart]');
    await expect.poll(() => page.locator('[data-test=doctor]').innerText()).toContain('All checks passed.');
    expect(await sql(`select version, state from core_module where name = 'fixture_base'`)).toEqual([
      { version: '1.0.0', state: 'installed' },
    ]);
  });

  it('installs, disables, enables and uninstalls the inventory module from the modules admin page, live', async () => {
    const row = (name: string) => page.locator(`[data-module=${name}]`).locator('xpath=ancestor::tr');
    const state = (name: string) => row(name).locator('[data-state]').getAttribute('data-state');
    const applied = async () => {
      await page.waitForSelector('[data-test=restart-progress][data-running=false]', { timeout: 60_000 });
      expect(await page.locator('[data-test=restart-progress]').innerText()).toContain('Module changes applied.');
      const log = await page.locator('[data-test=restart-progress] [data-test=operation-log] tbody').innerText();
      await page.click('[data-test=close-restart]');
      return log;
    };
    const startedAt = await page.evaluate(() => performance.timeOrigin);
    await page.click('[data-nav="/settings/modules"]');
    await page.waitForSelector('[data-test=modules-table] [data-module=inventory]');
    expect(await state('inventory')).toBe('uninstalled');
    expect(await sidebarLabels()).not.toContain('Inventory');

    // A non-removable module says why; asking anyway is refused with that reason, and only then is force offered.
    expect(await row('patients').locator('[data-test=non-removable]').innerText()).toContain('Cannot be removed:');
    expect(await row('inventory').locator('[data-test=non-removable]').count()).toBe(0);
    await row('patients').locator('[data-test=uninstall-patients]').click();
    expect(await page.locator('[data-test=backup-notice]').innerText()).toContain('backup');
    expect(await page.locator('[data-test=confirm-force]').count()).toBe(0);
    await page.click('[data-test=confirm-lifecycle]');
    await expect.poll(() => page.locator('[data-test=refusal]').innerText()).toContain('cannot be removed');
    expect(await page.locator('[data-test=confirm-force]').count()).toBe(1);
    await shot('modules-uninstall-refused');
    await page.click('[data-test=cancel-lifecycle]');
    expect(await state('patients')).toBe('installed');

    // Install → its navigation appears → its page works.
    await page.click('[data-test=install-inventory]');
    await expect.poll(() => page.locator('[data-test=install-chain] li').allInnerTexts()).toEqual(['inventory']);
    await page.click('[data-test=confirm-install]');
    await expect.poll(() => page.locator('[data-test=pending-banner]').innerText()).toContain('inventory');
    await page.click('[data-test=apply-changes]');
    expect(await applied()).toContain('inventory');
    await expect.poll(() => state('inventory')).toBe('installed');
    expect(await row('inventory').locator('[data-test=disable-inventory]').count()).toBe(1);
    expect(await row('inventory').locator('[data-test=install-inventory]').count()).toBe(0);
    await expect.poll(() => sidebarLabels()).toContain('Inventory');
    await page.click('[data-nav="/inventory"]');
    await page.waitForSelector('[data-test=inventory-page]');
    await page.click('[data-test=inventory-new]');
    await page.fill('#i-name', 'Nitrile gloves M');
    await page.fill('#i-unit', 'box');
    await page.fill('#i-min', '5');
    await page.fill('#i-stock', '12');
    await page.click('[data-test=inventory-item-save]');
    await expect.poll(() => page.locator('[data-item-stock="Nitrile gloves M"]').innerText()).toBe('12');
    await shot('inventory-page');

    // Disable → navigation gone, data kept.
    await page.click('[data-nav="/settings/modules"]');
    await page.click('[data-test=disable-inventory]');
    await page.click('[data-test=confirm-lifecycle]');
    await applied();
    await expect.poll(() => state('inventory')).toBe('disabled');
    await expect.poll(() => sidebarLabels()).not.toContain('Inventory');
    expect(await row('inventory').locator('[data-test=enable-inventory]').count()).toBe(1);
    expect(await row('inventory').locator('[data-test=uninstall-inventory]').count()).toBe(1);
    expect(await row('inventory').locator('[data-test=disable-inventory]').count()).toBe(0);
    expect(await sql(`select count(*)::int as n from inventory_items`)).toEqual([{ n: 1 }]);

    // Enable → back with its data.
    await page.click('[data-test=enable-inventory]');
    await page.click('[data-test=confirm-lifecycle]');
    await applied();
    await expect.poll(() => state('inventory')).toBe('installed');
    await expect.poll(() => sidebarLabels()).toContain('Inventory');
    await page.click('[data-nav="/inventory"]');
    await expect.poll(() => page.locator('[data-item-stock="Nitrile gloves M"]').innerText()).toBe('12');

    // Uninstall → the confirm dialog says a backup is taken first; the log shows the backup step.
    await page.click('[data-nav="/settings/modules"]');
    await page.click('[data-test=uninstall-inventory]');
    expect(await page.locator('[data-test=backup-notice]').innerText()).toContain('A backup');
    await shot('modules-uninstall-confirm');
    await page.click('[data-test=confirm-lifecycle]');
    const log = await applied();
    expect(log).toContain('backup');
    expect(log).toContain('completed');
    await expect.poll(() => state('inventory')).toBe('uninstalled');
    await expect.poll(() => sidebarLabels()).not.toContain('Inventory');
    expect(await row('inventory').locator('[data-test=install-inventory]').count()).toBe(1);
    expect(await sql(`select to_regclass('inventory_items') as t`)).toEqual([{ t: null }]);
    await shot('modules-after-uninstall');
    // All of it in one page load, with the same server process.
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(startedAt);
  });

  it('refreshes the access token before it expires, after the server rejects it and on reload, storing none', async () => {
    const seen = watchAuth();
    await page.click('[data-nav="/"]');
    await page.click('[data-nav="/patients"]');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toMatch(/\d+ patients/);
    const before = seen.bearers.at(-1);
    await page.waitForTimeout(ACCESS_TTL_S * 1000 + 500);
    await page.click('[data-nav="/"]');
    await page.click('[data-nav="/patients"]');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toMatch(/\d+ patients/);
    await expect.poll(() => seen.bearers.at(-1)).not.toBe(before);
    expect(seen.endpoints).toContain('/auth/refresh');

    // The server refuses the token once (revoked, say): one refresh through the cookie, the request is replayed.
    let refused = 0;
    await page.route('**/graphql', (route) =>
      refused++ === 0
        ? route.fulfill({
            contentType: 'application/json',
            body: JSON.stringify({ errors: [{ message: 'Token revoked', extensions: { code: 'UNAUTHENTICATED' } }] }),
          })
        : route.fallback(),
    );
    const refreshesBefore = seen.endpoints.length;
    await page.click('[data-nav="/"]');
    await page.click('[data-nav="/patients"]');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toMatch(/\d+ patients/);
    await page.unroute('**/graphql');
    expect(refused).toBeGreaterThan(1);
    expect(seen.endpoints.slice(refreshesBefore)).toContain('/auth/refresh');

    // A reload starts without a token in memory: the HttpOnly cookie signs the page in again.
    const reloadsFrom = seen.endpoints.length;
    await page.reload();
    await page.waitForSelector('[data-test=patients-page]');
    await expect.poll(() => page.locator('[data-test=patients-total]').innerText()).toMatch(/\d+ patients/);
    expect(seen.endpoints.slice(reloadsFrom)).toEqual(['/auth/refresh']);
    expect(page.url()).not.toContain('/login');
    expect(await page.locator('.p-toast-message:has-text("Not signed in")').count()).toBe(0);

    // No token in any storage script can read; the refresh token is an HttpOnly cookie of /auth only.
    const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
    for (const bearer of seen.bearers) expect(stored).not.toContain(bearer.replace('Bearer ', ''));
    expect(stored).not.toMatch(/eyJ/);
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.filter((c) => c.path !== '/auth' || !c.httpOnly || c.sameSite !== 'Strict')).toEqual([]);
  });

  it('switches clinic: x-clinic-id selects the data', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    await graphql(
      server.graphqlUrl,
      'mutation($input: CreateClinicInput!) { createClinic(input: $input) { id } }',
      { input: { name: 'Clínica Sur', timezone: 'Europe/Madrid' } },
      tokens.accessToken,
    );
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-test=dashboard]');
    await expect.poll(() => page.locator('[data-test=patient-count]').innerText()).toBe('2');
    await page.click('[data-test=clinic-switcher]');
    await page.click('.p-select-option:has-text("Clínica Sur")');
    await expect.poll(() => page.locator('[data-test=patient-count]').innerText()).toBe('0');
    await page.reload();
    await page.waitForSelector('[data-test=dashboard]');
    expect(await page.locator('[data-test=clinic-switcher]').innerText()).toContain('Clínica Sur');
    await page.click('[data-test=clinic-switcher]');
    await page.click('.p-select-option:has-text("Clínica E2E")');
    await expect.poll(() => page.locator('[data-test=patient-count]').innerText()).toBe('2');
  });

  it('does not show the modules admin to a receptionist', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    await graphql(
      server.graphqlUrl,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: {
          email: RECEPTIONIST.email,
          password: RECEPTIONIST.password,
          firstName: 'Rosa',
          lastName: 'Recepción',
          role: 'receptionist',
        },
      },
      tokens.accessToken,
    );
    const isolated = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'es-ES' });
    const p = await isolated.newPage();
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    await login(p, RECEPTIONIST);
    // Spanish (from the browser's language): labels come from the layers' i18n.
    expect(await sidebarLabels(p)).toEqual([
      'Panel',
      'Pacientes',
      'Agenda',
      'Revisiones',
      'Planes de tratamiento',
      'Presupuestos',
      'Catálogo',
      'Facturas',
      'Hola',
      'Cobros',
      'Informes',
      'Notificaciones',
      'Horarios',
      'Ajustes',
    ]);
    await shot('receptionist', p);
    await p.goto(`${server.url}/settings/modules`);
    await p.waitForSelector('[data-test=not-found]');
    expect(await p.locator('[data-test=modules-admin]').count()).toBe(0);
    await isolated.close();
  });

  it('money: a receptionist budgets a treatment, sends and accepts it, invoices it, issues it and takes payment', async () => {
    const tokens = await apiLogin(server.graphqlUrl, ADMIN);
    // With an e-mail address, so that the automatic messages of the budget and the invoice are queued.
    await graphql(
      server.graphqlUrl,
      'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
      { input: { firstName: 'Elena', lastName: 'Fuentes', email: 'elena.fuentes@example.test' } },
      tokens.accessToken,
    );
    const year = new Date().getFullYear();
    money.budget = `PRES-${year}-0001`;
    money.invoice = `FAC-${year}-0001`;

    moneyContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    cashier = await moneyContext.newPage();
    cashier.on('pageerror', (e) => pageErrors.push(String(e)));
    const p = cashier;
    await login(p, RECEPTIONIST);

    // Budgets page → new budget: a patient and a flat-priced treatment (In-office whitening, 300.00 + 21 % VAT).
    await p.click('[data-nav="/budgets"]');
    await p.waitForSelector('[data-test=budgets-page]');
    await p.click('[data-test=budget-new]');
    await p.waitForSelector('[data-test=budget-create]');
    await p.click('[data-test=budget-patient]');
    await p.fill('.p-select-overlay .p-select-filter', 'Fuentes');
    await p.click('.p-select-option:has-text("Elena Fuentes")');
    await p.click('[data-test=budget-item]');
    await p.fill('.p-select-overlay .p-select-filter', 'whitening');
    await p.click('.p-select-option:has-text("In-office whitening")');
    await expect
      .poll(() => p.locator('[data-test=budget-line]').allInnerTexts())
      .toEqual([expect.stringContaining('In-office whitening')]);
    await shot('budget-create', p);
    await checkAtBothSizes(p, { include: ['[role=dialog]'] });
    await p.click('[data-test=budget-create-submit]');
    await expect.poll(() => lastToast(p).innerText()).toContain(`Budget ${money.budget} created`);
    await p.waitForSelector('[data-test=budget-detail] [data-test=budget-number]');
    expect(await p.locator('[data-test=budget-number]').innerText()).toBe(money.budget);
    expect(await p.locator('[data-test=budget-actions]').getAttribute('data-status')).toBe('DRAFT');
    expect(await cells(p, '[data-test=budget-lines]')).toEqual([
      ['In-office whitening', '', '1', '€300.00', '€0.00', '€300.00', '€63.00 (21%)', '€363.00', ''],
    ]);
    expect(await p.locator('[data-test=budget-totals] dd').allInnerTexts()).toEqual([
      '€300.00',
      '−€0.00',
      '€63.00',
      '€363.00',
    ]);
    expect(await p.locator('[data-test=budget-total]').innerText()).toBe('€363.00');

    // Only the moves the server allows: send, then accept (in the clinic).
    await p.click('[data-test=budget-actions] [data-action=SENT]');
    await expect.poll(() => lastToast(p).innerText()).toContain(`Budget ${money.budget} is now Sent`);
    await expect.poll(() => p.locator('[data-test=budget-actions]').getAttribute('data-status')).toBe('SENT');
    await p.click('[data-test=budget-actions] [data-action=ACCEPTED]');
    await expect.poll(() => lastToast(p).innerText()).toContain(`Budget ${money.budget} is now Accepted`);
    await expect.poll(() => p.locator('[data-test=budget-actions]').getAttribute('data-status')).toBe('ACCEPTED');
    expect(await p.locator('[data-test=budget-detail] .page-header [data-status]').getAttribute('data-status')).toBe(
      'ACCEPTED',
    );
    await expect.poll(() => p.locator('[data-test=budget-history]').innerText()).toContain('→ Accepted');
    await shot('budget-accepted', p);
    await p.click('[data-nav="/budgets"]');
    await expect.poll(() => p.locator('[data-test=budgets-table] tbody').innerText()).toContain(money.budget);
    const budgetRows = await cells(p, '[data-test=budgets-table]');
    expect(budgetRows.map((c) => [c[0], c[1], c[2], c[4]])).toEqual([
      [money.budget, 'Elena Fuentes', 'Accepted', '€363.00'],
    ]);

    // Invoices page → invoice the accepted budget → a draft with the budget's amounts.
    await p.click('[data-nav="/invoices"]');
    await p.waitForSelector('[data-test=invoices-page]');
    await p.click('[data-test=billing-from-budget]');
    await p.click('[data-test=billing-budget]');
    await p.click(`.p-select-option:has-text("${money.budget} · Elena Fuentes · €363.00")`);
    await p.click('[data-test=billing-from-budget-submit]');
    await expect.poll(() => lastToast(p).innerText()).toContain('Draft invoice created.');
    await p.waitForSelector('[data-test=invoice-detail] [data-test=invoice-number]');
    const status = () => p.locator('[data-test=invoice-detail] h1 [data-status]').getAttribute('data-status');
    expect(await status()).toBe('DRAFT');
    expect(await p.locator('[data-test=invoice-number]').innerText()).toBe('Draft');
    expect(await p.locator('[data-test=invoice-total]').innerText()).toBe('€363.00');
    expect(await p.locator('[data-test=invoice-items] tbody tr').innerText()).toContain('In-office whitening');

    // Issue: the first number of the year's FAC series.
    await p.click('[data-test=invoice-actions] [data-action=issue]');
    await p.click('.p-confirmdialog-accept-button'); // the number is permanent: the app asks first
    await expect.poll(() => lastToast(p).innerText()).toContain(`Invoice ${money.invoice} issued.`);
    await expect.poll(() => p.locator('[data-test=invoice-number]').innerText()).toBe(money.invoice);
    expect(await status()).toBe('ISSUED');
    expect(await p.locator('[data-test=invoice-balance]').innerText()).toBe('€363.00');

    // A partial payment, then the rest (the dialog offers the balance).
    await p.click('[data-test=invoice-actions] [data-action=pay]');
    await expect.poll(() => p.inputValue('[data-test=billing-amount]')).toBe('363.00');
    await p.fill('[data-test=billing-amount]', '100.00');
    await p.click('[data-test=billing-pay-submit]');
    await expect.poll(() => lastToast(p).innerText()).toContain('Payment recorded; balance €263.00.');
    await expect.poll(status).toBe('PARTIAL');
    expect(await p.locator('[data-test=invoice-detail] h1 [data-status]').innerText()).toBe('Part paid');
    expect(await p.locator('[data-test=invoice-paid]').innerText()).toBe('€100.00');
    expect(await p.locator('[data-test=invoice-balance]').innerText()).toBe('€263.00');
    await shot('invoice-partial', p);
    await p.click('[data-test=invoice-actions] [data-action=pay]');
    await expect.poll(() => p.inputValue('[data-test=billing-amount]')).toBe('263.00');
    await p.click('[data-test=billing-method]');
    await p.click('.p-select-option:has-text("Card")');
    await p.click('[data-test=billing-pay-submit]');
    await expect.poll(() => lastToast(p).innerText()).toContain('Payment recorded; balance €0.00.');
    await expect.poll(status).toBe('PAID');
    expect(await p.locator('[data-test=invoice-total]').innerText()).toBe('€363.00');
    expect(await p.locator('[data-test=invoice-paid]').innerText()).toBe('€363.00');
    expect(await p.locator('[data-test=invoice-balance]').innerText()).toBe('€0.00');
    expect(await p.locator('[data-test=invoice-actions] [data-action=pay]').count()).toBe(0);
    const payments = (await cells(p, '[data-test=invoice-payments]')).map((c) => c.slice(1));
    expect(payments).toEqual([
      ['Payment', 'Cash', '', '€100.00'],
      ['Payment', 'Card', '', '€263.00'],
    ]);
    await shot('invoice-paid', p);
    await checkAtBothSizes(p);

    await p.click('[data-nav="/invoices"]');
    await expect.poll(() => p.locator('[data-test=invoice-table] tbody').innerText()).toContain(money.invoice);
    const invoiceRows = await cells(p, '[data-test=invoice-table]');
    expect(invoiceRows.map((c) => [c[0], c[1], c[4], c[5], c[6], c[7]])).toEqual([
      [money.invoice, 'Elena Fuentes', 'Paid', '€363.00', '€363.00', '€0.00'],
    ]);
  });

  it("money: the patient's page lists the budget and the invoice in their tabs", async () => {
    const p = cashier;
    await p.click('[data-nav="/patients"]');
    await p.waitForSelector('[data-test=patients-page]');
    await p.fill('[data-test=patient-search]', 'Fuentes');
    await p.click('[data-patient="Elena Fuentes"]');
    await p.waitForSelector('[data-test=patient-detail] [data-test=patient-name]');
    // The tabs come from the modules' layers; a receptionist holds no clinical permission, so the chart,
    // the medical history and the clinical notes are not among them.
    const tabs = (await p.locator('[data-test=patient-detail] .p-tab').allInnerTexts()).map((s) => s.trim());
    expect(tabs).toEqual(['Overview', 'Timeline', 'Budgets', 'Documents', 'Invoices', 'Account']);

    await p.click('[data-test=patient-detail] .p-tab:has-text("Budgets")');
    await expect
      .poll(async () => (await cells(p, '[data-test=patient-budgets]')).map((c) => [c[0], c[1], c[3]]))
      .toEqual([[money.budget, 'Accepted', '€363.00']]);
    await shot('patient-budgets', p);

    await p.click('[data-test=patient-detail] .p-tab:has-text("Invoices")');
    await expect
      .poll(async () => (await cells(p, '[data-test=patient-invoices]')).map((c) => [c[0], c[3], c[4], c[5], c[6]]))
      .toEqual([[money.invoice, 'Paid', '€363.00', '€363.00', '€0.00']]);
    await shot('patient-invoices', p);

    // The Timeline tab, filtered to money: what happened to the budget and the invoice, newest first.
    await p.click('[data-test=patient-detail] .p-tab:has-text("Timeline")');
    await p.waitForSelector('[data-test=patient-timeline]');
    await p.click('[data-test=timeline-category] button:has-text("Money")');
    await expect
      .poll(async () => (await p.locator('[data-test=timeline-title]').allInnerTexts()).sort())
      .toEqual([
        'Budget accepted',
        'Budget sent',
        'Invoice issued',
        'Invoice paid in full',
        'Payment received',
        'Payment received',
      ]);
    expect(await p.locator('[data-test=timeline-description]').allInnerTexts()).toContain(`${money.invoice} · €363.00`);
    await shot('patient-timeline', p);
    await checkAtBothSizes(p);
  });

  it("money: the reports page counts today's invoice", async () => {
    const p = cashier;
    const [{ timezone }] = await sql(`select timezone from clinics where name = 'Clínica E2E'`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: String(timezone) }).format(new Date());
    await p.click('[data-nav="/reports"]');
    await p.waitForSelector('[data-test=reports-page]');
    await p.fill('[data-test=reports-from]', today);
    await p.fill('[data-test=reports-to]', today);
    await p.click('[data-test=reports-tab-billing]');
    const figure = (label: string) =>
      p.locator(`[data-test=billing-summary] tr:has(th:text-is("${label}")) td`).innerText();
    await expect.poll(() => figure('Invoices')).toBe('1');
    expect(await figure('Invoiced')).toBe('€363.00');
    expect(await figure('VAT')).toBe('€63.00');
    expect(await figure('Collected')).toBe('€363.00');
    expect(await figure('Outstanding')).toBe('€0.00');
    await shot('reports-billing', p);
    await checkAtBothSizes(p);

    // More than 365 days: said beside the dates before anything is asked of the server (never "GraphQL response
    // contains errors"), and gone with a shorter range.
    await p.fill('[data-test=reports-from]', '2024-01-01');
    await expect.poll(() => p.locator('[data-test=error-reports-to]').innerText()).toMatch(/365 days/);
    expect(await p.locator('[data-test=reports-error]').count()).toBe(0);
    await p.fill('[data-test=reports-from]', today);
    await expect.poll(() => p.locator('[data-test=error-reports-to]').count()).toBe(0);
  });

  it('money: the dashboard cards and the global search (/ then arrows and Enter; Ctrl+K) reach the patient and the invoice', async () => {
    const p = cashier;
    await p.click('[data-nav="/"]');
    await p.waitForSelector('[data-test=dashboard]');
    // Reception sees the clinic's day; the budget was answered and the invoice paid, so neither card lists them.
    await expect.poll(() => p.locator('[data-test=agenda-today-count]').innerText()).toContain('in the clinic today');
    await expect
      .poll(() => p.locator('[data-test=budgets-pending-count]').innerText())
      .toBe('No budget is waiting for the patient.');
    await expect
      .poll(() => p.locator('[data-test=invoices-unpaid-count]').innerText())
      .toBe('No issued invoice is owed.');
    await checkAtBothSizes(p);

    await p.keyboard.press('/');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('global-search-input');
    await p.keyboard.type('Elena Fu');
    const results = p.locator('[data-test=global-search-result]');
    await expect.poll(() => results.first().innerText()).toContain('Elena Fuentes');
    expect(await results.first().getAttribute('data-provider')).toBe('patients.patients');
    await checkAtBothSizes(p); // with the results open
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await p.waitForSelector('[data-test=patient-detail]');

    await p.keyboard.press('Control+k');
    await p.keyboard.type(money.invoice.toLowerCase());
    await expect.poll(() => results.allInnerTexts()).toEqual([expect.stringContaining(money.invoice)]);
    await p.keyboard.press('ArrowDown'); // one result: the arrows wrap around to it
    await p.keyboard.press('Enter');
    await p.waitForSelector('[data-test=invoice-detail] [data-test=invoice-number]');
    expect(await p.locator('[data-test=invoice-number]').innerText()).toBe(money.invoice);

    await p.keyboard.press('/');
    await p.keyboard.type(money.budget);
    await expect.poll(() => results.allInnerTexts()).toEqual([expect.stringContaining(money.budget)]);
    await p.keyboard.press('Escape');
    expect(await p.locator('[data-test=global-search-panel]').isVisible()).toBe(false);
    expect(await p.inputValue('#global-search-input')).toBe('');
  });

  it('money: the notifications page lists the messages of the sent budget and the issued invoice', async () => {
    const p = cashier;
    await p.click('[data-nav="/notifications"]');
    await p.waitForSelector('[data-test=notifications-page]');
    const rows = () => cells(p, '[data-test=notifications-table]');
    await expect
      .poll(async () => (await rows()).filter((c) => c[1] === 'elena.fuentes@example.test').map((c) => c[3]))
      .toEqual(expect.arrayContaining(['Budget sent', 'Invoice issued']));
    const mine = (await rows()).filter((c) => c[1] === 'elena.fuentes@example.test');
    expect(mine).toHaveLength(2);
    const budgetMessage = mine.find((c) => c[3] === 'Budget sent')!;
    const invoiceMessage = mine.find((c) => c[3] === 'Invoice issued')!;
    expect(budgetMessage[2]).toContain(money.budget);
    expect(invoiceMessage[2]).toContain(money.invoice);
    // Queued by the events; the dispatcher (console channel here) may have sent them since.
    for (const m of [budgetMessage, invoiceMessage]) expect(m[4]).toMatch(/^(Queued|Sending|Sent)/);
    await p.locator('[data-test=notifications-table] .dp-table-loading').waitFor({ state: 'detached' });
    await shot('notifications', p);
    await checkAtBothSizes(p);
    await moneyContext?.close();
    moneyContext = undefined;
  });

  it('raised no uncaught error in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
