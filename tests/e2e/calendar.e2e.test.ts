import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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
 * The agenda's calendar (issue 16, item 2) in a real browser: booking by dragging over an empty range,
 * moving and resizing by drag and by keyboard, a drop the server refuses snapping back with its message,
 * and a second user's browser seeing every change live. The browser runs in New York while the clinic is
 * in Madrid: every time on the calendar is the clinic's.
 */
const SHOTS = join(ROOT, 'tests/e2e/screenshots');
const ADMIN = { email: 'admin@calendar.test', password: 'correct-horse-1' };
const DENTIST = { email: 'dario@calendar.test', password: 'correct-horse-3' };
const CLINIC_TZ = 'Europe/Madrid';
/** vue-cal geometry used by the page: 40 px per 30 minutes, from 07:00. */
const PX_PER_MIN = 40 / 30;
const FIRST_MINUTE = 7 * 60;

let server: RunningServer;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
let adminContext: BrowserContext;
let watcherContext: BrowserContext;
let page: Page;
let watcher: Page;
let token = '';
const ids = { dentist: '', room1: '', room2: '', ana: '', lucia: '' };
const pageErrors: string[] = [];
let day = '';
/** Polls with room for a loaded machine (a change goes through the server and back over the subscription). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

const gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(server.graphqlUrl, query, variables, token);

/** A weekday two weeks ahead in the clinic's zone (open 09:00–14:00 and 16:00–20:00 by default). */
function aWednesdayAhead(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TZ }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function login(p: Page, who: { email: string; password: string }) {
  await p.goto(`${server.url}/login`);
  await p.fill('#login-email', who.email);
  await p.fill('#login-password', who.password);
  await p.click('[data-test=login-submit]');
  await p.waitForSelector('[data-test=dashboard]');
}

const card = (p: Page, name: string) => p.locator(`[data-test=calendar-event][data-appointment="${name}"]`);
/** start, end and cabinet of a card as the page shows them. */
const shownAs = async (c: Locator) =>
  `${await c.getAttribute('data-start')}-${await c.getAttribute('data-end')} ${await c.getAttribute('data-cabinet')}`;
/** The column of a cabinet on the day view. */
const column = (p: Page, cabinetId: string) => p.locator(`.vuecal__schedule--cell[data-schedule="${cabinetId}"]`);
/** Page coordinates of clinic time `hhmm` in a cabinet's column. */
async function at(p: Page, cabinetId: string, hhmm: string, dx = 30) {
  const box = (await column(p, cabinetId).boundingBox())!;
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { x: box.x + dx, y: box.y + (minutes - FIRST_MINUTE) * PX_PER_MIN };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  web = await buildWebApp([]);
  server = await startServer({ webDir: web.dir, moduleDirs: [] });
  token = await setupClinic(server.graphqlUrl, { name: 'Clínica Calendario', timezone: CLINIC_TZ }, ADMIN);
  ids.dentist = (
    await gql<{ createUser: { id: string } }>(
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
    )
  ).createUser.id;
  ids.room2 = (
    await gql<{ createCabinet: { id: string } }>(
      'mutation($input: CabinetInput!) { createCabinet(input: $input) { id } }',
      { input: { name: 'Room 2', color: '#10B981', displayOrder: 2 } },
    )
  ).createCabinet.id;
  const cabinets = (await gql<{ cabinets: { id: string; name: string }[] }>('{ cabinets { id name } }')).cabinets;
  ids.room1 = cabinets.find((c) => c.name === 'Room 1')!.id;
  const patient = async (firstName: string, lastName: string) =>
    (
      await gql<{ createPatient: { id: string } }>(
        'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
        { input: { firstName, lastName } },
      )
    ).createPatient.id;
  ids.ana = await patient('Ana', 'Calendario');
  ids.lucia = await patient('Lucía', 'Ocupada');
  day = aWednesdayAhead();

  browser = await launchBrowser();
  // Tall enough for 07:00–21:00 without scrolling; both browsers in another zone than the clinic.
  const options = { viewport: { width: 1280, height: 1500 }, locale: 'en-US', timezoneId: 'America/New_York' };
  adminContext = await browser.newContext(options);
  watcherContext = await browser.newContext(options);
  page = await adminContext.newPage();
  watcher = await watcherContext.newPage();
  for (const p of [page, watcher]) p.on('pageerror', (e) => pageErrors.push(String(e)));
  await login(page, ADMIN);
  await login(watcher, DENTIST);
  // Building the web app and starting the server take minutes on a busy machine.
}, 600_000);

/** On a failed step: both screens and the server's log as they were (ignored folder), to see what held it up. */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  mkdirSync(SHOTS, { recursive: true });
  for (const [who, p] of [
    ['admin', page],
    ['watcher', watcher],
  ] as const)
    await p?.screenshot({ path: join(SHOTS, `calendar-failed-${who}.png`), fullPage: true }).catch(() => undefined);
  writeFileSync(join(SHOTS, 'calendar-failed-server.log'), server?.output() ?? '');
});

afterAll(async () => {
  await adminContext?.close();
  await watcherContext?.close();
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

describe('agenda calendar', () => {
  it('books by dragging over an empty range; the other browser sees it live', async () => {
    for (const p of [page, watcher]) {
      await p.goto(`${server.url}/agenda?view=day&date=${day}`);
      await p.waitForSelector('[data-test=agenda-day] [data-cabinet-column="Room 1"]');
    }
    // The subscriptions are opened as the pages load; give them a moment to reach the server.
    await watcher.waitForTimeout(1_500);
    // Closed time (14:00–16:00, from the schedules module) is shaded.
    await page.locator('.vuecal__special-hours.closed').first().waitFor();

    const from = await at(page, ids.room1, '10:00', 40);
    const to = await at(page, ids.room1, '10:45', 40);
    await page.mouse.move(from.x, from.y + 2);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y - 10, { steps: 8 });
    await page.mouse.move(to.x, to.y - 2, { steps: 2 });
    await page.mouse.up();

    await page.waitForSelector('[data-test=appointment-form]');
    expect(await page.inputValue('#a-start')).toBe('10:00');
    expect(await page.inputValue('#a-end')).toBe('10:45');
    expect(await page.locator('[data-test=a-cabinet]').innerText()).toContain('Room 1');
    await page.fill('#a-patient', 'Calendario');
    await page.click('.p-autocomplete-option:has-text("Ana Calendario")');
    await page.click('[data-test=a-professional]');
    await page.click('.p-select-option:has-text("Dario Dentista")');
    await page.click('[data-test=appointment-save]');
    await page.waitForSelector('[data-test=appointment-form]', { state: 'detached' });

    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('10:00-10:45 Room 1');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('10:00-10:45 Room 1');
    // Stored as the clinic's 10:00 in Madrid, whatever the browser's zone.
    const stored = await gql<{ appointments: { startTime: string }[] }>(
      'query($f: DateTime!, $t: DateTime!) { appointments(from: $f, to: $t) { startTime } }',
      { f: `${day}T00:00`, t: `${day}T23:59` },
    );
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_TZ, hour: '2-digit', minute: '2-digit' }).format(
        new Date(stored.appointments[0].startTime),
      ),
    ).toBe('10:00');
    // Cards are as tall as their duration: 45 minutes.
    const height = (await page.locator('.vuecal__event', { has: card(page, 'Ana Calendario') }).boundingBox())!.height;
    expect(Math.abs(height - 45 * PX_PER_MIN)).toBeLessThan(4);
    await page.screenshot({ path: join(SHOTS, 'calendar-day.png'), fullPage: true });
  });

  it('moves by drag to another time and cabinet, and resizes by dragging the lower edge', async () => {
    const source = card(page, 'Ana Calendario');
    const target = await at(page, ids.room2, '11:00', 40);
    const box = (await column(page, ids.room2).boundingBox())!;
    await source.dragTo(column(page, ids.room2), {
      sourcePosition: { x: 20, y: 4 },
      targetPosition: { x: target.x - box.x, y: target.y - box.y + 4 },
    });
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:00-11:45 Room 2');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('11:00-11:45 Room 2');

    const event = page.locator('.vuecal__event', { has: card(page, 'Ana Calendario') });
    const edge = (await event.locator('.vuecal__event-resizer').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 + 15 * PX_PER_MIN, { steps: 5 });
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 + 30 * PX_PER_MIN, { steps: 5 });
    await page.mouse.up();
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:00-12:15 Room 2');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('11:00-12:15 Room 2');
  });

  it('moves, resizes, changes cabinet and opens from the keyboard', async () => {
    await card(page, 'Ana Calendario').focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:15-12:30 Room 2');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('11:15-12:30 Room 2');
    // The focus stays on the card after it re-renders: the next key acts on it again.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-appointment'))).toBe(
      'Ana Calendario',
    );
    // A key pressed while the previous change is still being saved is ignored: the card may show the change (the
    // live event) before its own request has finished.
    await page.locator('[data-test=agenda-calendar][data-busy="false"]').waitFor();
    await page.keyboard.press('Shift+ArrowUp');
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:15-12:15 Room 2');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('11:15-12:15 Room 2');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-appointment'))).toBe(
      'Ana Calendario',
    );
    await page.locator('[data-test=agenda-calendar][data-busy="false"]').waitFor();
    await page.keyboard.press('ArrowLeft');
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:15-12:15 Room 1');
    await poll(() => shownAs(card(watcher, 'Ana Calendario'))).toBe('11:15-12:15 Room 1');
    await poll(() => page.locator('[data-test=calendar-announcement]').innerText()).toContain('11:15–12:15');

    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-appointment'))).toBe(
      'Ana Calendario',
    );
    await page.keyboard.press('Enter');
    await page.locator('[data-test=appointment-details] [data-appointment="Ana Calendario"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=appointment-details]').waitFor({ state: 'detached' });
  });

  it('a drop the server refuses snaps back and shows the server message', async () => {
    // Lucía with the same dentist at 13:00–13:30 in Room 2: moving Ana onto it overlaps the dentist.
    await gql('mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }', {
      input: {
        patientId: ids.lucia,
        professionalId: ids.dentist,
        cabinetId: ids.room2,
        startTime: `${day}T13:00`,
        endTime: `${day}T13:30`,
      },
    });
    await poll(() => shownAs(card(page, 'Lucía Ocupada'))).toBe('13:00-13:30 Room 2');
    await poll(() => shownAs(card(watcher, 'Lucía Ocupada'))).toBe('13:00-13:30 Room 2');

    // Positions within the cabinet's column: the refusal message above the calendar moves the whole grid down.
    const placeInColumn = async () => {
      const [c, col] = [
        (await card(page, 'Ana Calendario').boundingBox())!,
        (await column(page, ids.room1).boundingBox())!,
      ];
      return { x: c.x - col.x, y: c.y - col.y };
    };
    const before = await placeInColumn();
    const target = await at(page, ids.room1, '12:45', 40);
    const box = (await column(page, ids.room1).boundingBox())!;
    await card(page, 'Ana Calendario').dragTo(column(page, ids.room1), {
      sourcePosition: { x: 20, y: 4 },
      targetPosition: { x: target.x - box.x, y: target.y - box.y + 4 },
    });
    await poll(() => page.locator('[data-test=calendar-refusal]').innerText()).toMatch(
      /The professional already has an appointment .*13:00–13:30/,
    );
    // Snapped back: the same place, the same times, on both browsers.
    await poll(() => shownAs(card(page, 'Ana Calendario'))).toBe('11:15-12:15 Room 1');
    // The card may still be settling (layout after the refusal banner) when its times revert: poll the place too.
    const offBy = async () => {
      const after = await placeInColumn();
      return Math.max(Math.abs(after.y - before.y), Math.abs(after.x - before.x));
    };
    await poll(offBy).toBeLessThan(2);
    expect(await shownAs(card(watcher, 'Ana Calendario'))).toBe('11:15-12:15 Room 1');
    await page.screenshot({ path: join(SHOTS, 'calendar-refused.png'), fullPage: true });
  });

  it('filters by professional, shows the week, and passes axe at 1280x800 and 390x844', async () => {
    // Only the dentist's appointments (both are his), and the choice is kept in the URL.
    await page.click('[data-test=agenda-professional]');
    await page.click('.p-select-option:has-text("Dario Dentista")');
    await page.waitForURL(new RegExp(`professional=${ids.dentist}`));
    // The option list closes with a transition: axe runs on the page as it rests.
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await card(page, 'Ana Calendario').waitFor();
    await card(page, 'Lucía Ocupada').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoSeriousAxeViolations(page);
    // Every cabinet's column is in view side by side (vue-cal made each as wide as the whole calendar).
    const room2 = await column(page, ids.room2).boundingBox();
    expect(room2!.x + room2!.width).toBeLessThanOrEqual(1280);
    expect(
      await page.evaluate(() => {
        const calendar = document.querySelector('.vuecal__scrollable')!;
        return calendar.scrollWidth - calendar.clientWidth;
      }),
    ).toBeLessThanOrEqual(1);
    await page.click('[data-test=agenda-view] >> text=Week');
    await card(page, 'Ana Calendario').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: join(SHOTS, 'calendar-week.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // A phone: the week is a list; the day is one column.
    await page.locator('[data-test=agenda-week] [data-appointment="Ana Calendario"]').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.click('[data-test=agenda-view] >> text=Day');
    await card(page, 'Ana Calendario').waitFor();
    expect(await page.locator('[data-cabinet-column]').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'calendar-phone.png'), fullPage: true });
    // The status board on a phone: its columns scroll inside themselves, not the page, and no card's time is cut.
    await page.click('[data-test=agenda-view] >> text=Board');
    await page.locator('[data-test=agenda-board] .appointment-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const cutTimes = await page.$$eval('[data-test=agenda-board] .appointment-card .time', (times) =>
      times
        .filter(
          (t) =>
            t.scrollWidth > t.clientWidth + 1 ||
            t.getBoundingClientRect().right > t.closest('article')!.getBoundingClientRect().right + 1,
        )
        .map((t) => t.textContent),
    );
    expect(cutTimes).toEqual([]);
    await expectNoSeriousAxeViolations(page);
    expect(pageErrors).toEqual([]);
  });
});
