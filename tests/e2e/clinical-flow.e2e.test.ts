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
 * The clinical core end to end on the demo clinic, as a dentist and a receptionist in two browser contexts:
 * a diagnosis on the odontogram → a plan (a second treatment planned on the plan page's chart) → confirmed
 * (its budget) → accepted → a visit booked from the plan through the agenda → the treatments performed → the
 * plan completes → an invoice from the budget → payment. Each side
 * sees the other's steps live (subscriptions), the allergy badge is on the agenda card and the budget, and
 * every step is in the patient's timeline.
 */
const DEMO_PASSWORD = 'demo1234';
const DENTIST = { email: 'dentist@demo.dentalpin.test', password: DEMO_PASSWORD };
const RECEPTIONIST = { email: 'reception@demo.dentalpin.test', password: DEMO_PASSWORD };

let server: RunningServer;
let web: Awaited<ReturnType<typeof buildWebApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let dentist: Page;
let reception: Page;
const ids = { patient: '', plan: '', budget: '', appointmentDay: '' };
const PATIENT = 'Lucía Peñalver';

const apiToken = async (who: { email: string; password: string }) =>
  (await apiLogin(server.graphqlUrl, who)).accessToken;

async function openAs(who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await p.goto(`${server.url}/login`);
  await p.fill('#login-email', who.email);
  await p.fill('#login-password', who.password);
  await p.click('[data-test=login-submit]');
  await p.waitForSelector('[data-test=dashboard]');
  return p;
}
const lastToast = (p: Page) => p.locator('.p-toast-message').last();
/** axe on a settled page: a toast still fading in or out has, for a moment, the contrast of its animation. */
async function axe(p: Page, scope: Parameters<typeof expectNoSeriousAxeViolations>[1] = {}) {
  await p.waitForSelector('.p-toast-message-enter-active', { state: 'detached' }).catch(() => undefined);
  await p.waitForSelector('.p-toast-message-leave-active', { state: 'detached' }).catch(() => undefined);
  await expectNoSeriousAxeViolations(p, scope);
}
const planStatus = (p: Page) => p.locator('[data-test=treatment-plan-page] header [data-test=plan-status]').innerText();
const timelineTitles = (p: Page) => p.locator('[data-test=timeline-title]').allInnerTexts();

beforeAll(async () => {
  web = await buildWebApp([]);
  server = await startServer({ webDir: web.dir, moduleDirs: [], args: ['--demo'] });
  browser = await launchBrowser();

  // The patient, with a critical penicillin allergy recorded by the dentist (API: the medical history
  // screens have their own tests).
  const dentistToken = await apiToken(DENTIST);
  const { createPatient } = await graphql<{ createPatient: { id: string } }>(
    server.graphqlUrl,
    'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
    { input: { firstName: 'Lucía', lastName: 'Peñalver', email: 'lucia.penalver@example.test' } },
    dentistToken,
  );
  ids.patient = createPatient.id;
  await graphql(
    server.graphqlUrl,
    'mutation($p: ID!, $input: AllergyInput!) { addAllergy(patientId: $p, input: $input) { id } }',
    {
      p: ids.patient,
      input: { substance: 'Penicillin', type: 'MEDICATION', severity: 'CRITICAL', reaction: 'anaphylaxis' },
    },
    dentistToken,
  );
  dentist = await openAs(DENTIST);
  reception = await openAs(RECEPTIONIST);
}, 300_000);

/** On a failed step, both screens as they were (ignored folder, like the other browser tests' screenshots). */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const dir = join(ROOT, 'tests/e2e/screenshots');
  mkdirSync(dir, { recursive: true });
  for (const [who, p] of [
    ['dentist', dentist],
    ['reception', reception],
  ] as const)
    await p?.screenshot({ path: join(dir, `clinical-flow-failed-${who}.png`), fullPage: true }).catch(() => undefined);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
  web?.cleanup();
});

describe.sequential('the clinical flow, dentist and receptionist side by side', () => {
  it("the dentist's dashboard lists today's patients with a medical alert, before they sit down", async () => {
    // The demo day: five patients with one alert kind each; three of them are still to be seen (confirmed,
    // checked in, in treatment), two are done.
    const card = dentist.locator('[data-test=widget-alerts-today]');
    await expect.poll(() => card.locator('[data-test=alerts-today-item]').count()).toBe(3);
    expect(await card.locator('[data-test=alerts-today-count]').innerText()).toBe(
      '3 patients today have medical alerts',
    );
    await card.locator('[data-test=alerts-today-item] a').first().click();
    await dentist.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await expect.poll(() => dentist.locator('[data-test=medical-alert-banner]').count()).toBe(1);
    await dentist.goto(`${server.url}/`);
    await dentist.waitForSelector('[data-test=widget-alerts-today]');
    await axe(dentist);
  });

  it('the dentist diagnoses caries on 36 and plans a filling; the receptionist sees it in the timeline live', async () => {
    await reception.goto(`${server.url}/patients/${ids.patient}`);
    await reception.click('[data-test=patient-detail] .p-tab:has-text("Timeline")');
    await reception.waitForSelector('[data-test=patient-timeline]');
    // Every role sees that there is an alert; only clinical staff see what it is.
    await expect.poll(() => reception.locator('[data-test=medical-alert-banner]').count()).toBe(1);
    expect(await reception.locator('[data-test=medical-alert-banner]').innerText()).not.toContain('Penicillin');

    const p = dentist;
    await p.goto(`${server.url}/patients/${ids.patient}`);
    await expect.poll(() => p.locator('[data-test=medical-alert-banner]').innerText()).toContain('Penicillin');
    await p.click('[data-test=patient-detail] .p-tab:has-text("Chart")');
    await p.waitForSelector('[data-test=odontogram-chart]');
    // Diagnosis: the brush (caries) on the occlusal surface of 36.
    await p.selectOption('[data-test=brush]', 'CARIES');
    await p.click('[data-surface="36-O"]');
    await expect.poll(() => p.locator('[data-surface="36-O"]').getAttribute('data-condition')).toBe('CARIES');
    // The treatment: a composite filling on 36 O, priced from the catalog, planned.
    await p.selectOption('[data-test=clinical-type]', 'filling_composite');
    await p.selectOption('[data-test=catalog-item]', { index: 1 });
    await p.check('[data-test=surface-O]');
    await p.selectOption('[data-test=treatment-status]', 'PLANNED');
    await p.click('[data-test=add-treatment]');
    await expect.poll(() => p.locator('[data-test=treatment][data-status=PLANNED]').count()).toBe(1);
    await axe(p);

    await expect
      .poll(() => timelineTitles(reception), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Treatment planned', 'Treatment updated']));
  });

  it('the dentist makes a plan of it and confirms it: its budget exists in the same step', async () => {
    const p = dentist;
    await p.click('[data-test=patient-treatment-plans] [data-action=new-plan]');
    await p.waitForSelector('[data-test=new-plan-form]');
    await expect.poll(() => p.locator('[data-test=new-plan-treatment]').count()).toBe(1);
    expect(await p.locator('[data-test=new-plan-treatment]').isChecked()).toBe(true);
    await p.fill('[data-test=new-plan-title]', 'Caries 36');
    await axe(p, { include: ['[data-test=new-plan-form]'] });
    await p.click('[data-action=create-plan]');
    await p.waitForURL(/\/treatment-plans\/[0-9a-f-]{36}$/);
    ids.plan = p.url().split('/').pop()!;
    await expect.poll(() => planStatus(p)).toBe('Draft');
    expect(await p.locator('[data-test=plan-item]').count()).toBe(1);

    // The plan page's chart (planning mode): the plan's filling stands out; a second filling planned on 37 O
    // from the chart joins the plan.
    const chart = p.locator('[data-slot="treatment_plan.detail.chart"]');
    await chart.locator('[data-test=odontogram-chart]').waitFor();
    await expect.poll(() => chart.locator('[data-mark$="-O"].in-plan').count()).toBe(1);
    expect(await chart.locator('[data-test=brush]').count()).toBe(0);
    await chart.locator('[data-surface="37-O"]').click();
    expect(await chart.locator('[data-test=selected-teeth]').innerText()).toContain('37');
    expect(await chart.locator('[data-test=surface-O]').isChecked()).toBe(true);
    await chart.locator('[data-test=clinical-type]').selectOption('filling_composite');
    await chart.locator('[data-test=catalog-item]').selectOption({ index: 1 });
    await chart.locator('[data-test=add-treatment]').click();
    await expect.poll(() => lastToast(p).innerText()).toContain('Treatment added to the plan');
    await expect.poll(() => p.locator('[data-test=plan-item]').count()).toBe(2);
    await expect.poll(() => chart.locator('[data-test=in-plan]').count()).toBe(2);
    await expect.poll(() => chart.locator('[data-mark$="-O"].in-plan').count()).toBe(2);
    await axe(p);

    await p.click('[data-test=plan-actions] [data-action=confirm]');
    await expect.poll(() => lastToast(p).innerText()).toContain('Plan confirmed; its budget was created');
    await expect.poll(() => planStatus(p)).toBe('Waiting for the patient');
    const href = await p.locator('[data-test=plan-budget]').getAttribute('href');
    ids.budget = href!.split('/').pop()!;
    await axe(p);
  });

  it('the receptionist sends and accepts the budget (alert shown); the dentist sees the plan start live', async () => {
    const p = reception;
    await p.goto(`${server.url}/budgets/${ids.budget}`);
    await p.waitForSelector('[data-test=budget-detail] [data-test=budget-number]');
    await expect.poll(() => p.locator('[data-test=budget-detail] [data-test=medical-alert-banner]').count()).toBe(1);
    expect(await p.locator('[data-test=budget-lines]').innerText()).toMatch(/36/);
    await p.click('[data-test=budget-actions] [data-action=SENT]');
    await expect.poll(() => p.locator('[data-test=budget-actions]').getAttribute('data-status')).toBe('SENT');
    await p.click('[data-test=budget-actions] [data-action=ACCEPTED]');
    await expect.poll(() => p.locator('[data-test=budget-actions]').getAttribute('data-status')).toBe('ACCEPTED');

    // The dentist's plan page, open all along, follows the budget's answer.
    await expect.poll(() => planStatus(dentist), { timeout: 20_000 }).toBe('In treatment');
  });

  it('reception books a visit from the plan (the agenda pre-filled), and its agenda card carries the allergy badge', async () => {
    const p = reception;
    await p.goto(`${server.url}/treatment-plans/${ids.plan}`);
    await expect.poll(() => planStatus(p)).toBe('In treatment');
    await p.locator('[data-action=book-session]').first().click();
    await p.waitForURL(/\/agenda\?/);
    // The booking dialog opens with the patient and the dentist who planned it; a free slot fills the time.
    await expect.poll(() => p.locator('#a-patient').inputValue()).toBe(PATIENT);
    await expect.poll(() => p.locator('[data-test=a-professional]').innerText()).toMatch(/\S/);
    await p.locator('[data-test=free-slot]').first().click();
    await p.click('[data-test=appointment-save]');
    await p.waitForURL(new RegExp(`/treatment-plans/${ids.plan}$`));
    await expect.poll(() => lastToast(p).innerText()).toContain('Visit booked');
    await expect.poll(() => p.locator('[data-test=session-appointment]').count()).toBe(1);
    await expect.poll(() => p.locator('[data-test=session-appointment]').innerText()).toMatch(/^Booked for /);
    await axe(p);

    const token = await apiToken(RECEPTIONIST);
    const { treatmentPlan } = await graphql<{
      treatmentPlan: { items: { sessions: { appointmentId: string | null }[] }[] };
    }>(
      server.graphqlUrl,
      'query($id: ID!) { treatmentPlan(id: $id) { items { sessions { appointmentId } } } }',
      { id: ids.plan },
      token,
    );
    const appointmentId = treatmentPlan.items.flatMap((i) => i.sessions).find((x) => x.appointmentId)!.appointmentId;
    const { me, appointment } = await graphql<{
      me: { clinic: { timezone: string } };
      appointment: { startTime: string };
    }>(
      server.graphqlUrl,
      'query($id: ID!) { me { clinic { timezone } } appointment(id: $id) { startTime } }',
      { id: appointmentId },
      token,
    );
    ids.appointmentDay = new Intl.DateTimeFormat('en-CA', { timeZone: me.clinic.timezone }).format(
      new Date(appointment.startTime),
    );
    for (const page of [reception, dentist]) {
      await page.goto(`${server.url}/agenda?view=day&date=${ids.appointmentDay}`);
      const card = page.locator(`[data-test=calendar-event][data-appointment="${PATIENT}"]`);
      await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
      // The badge is beside the focusable card, in the same calendar event.
      const badge = page.locator('.vuecal__event', { has: card }).locator('[data-test=medical-alert-badge]');
      await expect.poll(() => badge.count()).toBe(1);
      expect(await badge.getAttribute('data-severity')).toBe('CRITICAL');
    }
  });

  it('at the visit the dentist performs the treatments: the plan completes, live on reception', async () => {
    await reception.goto(`${server.url}/treatment-plans/${ids.plan}`);
    await expect.poll(() => planStatus(reception)).toBe('In treatment');

    const p = dentist;
    await p.goto(`${server.url}/patients/${ids.patient}`);
    await p.click('[data-test=patient-detail] .p-tab:has-text("Chart")');
    await p.waitForSelector('[data-test=treatment][data-status=PLANNED]');
    for (const done of [1, 2]) {
      await p.locator('[data-test=treatment][data-status=PLANNED] [data-test=perform]').first().click();
      await expect.poll(() => p.locator('[data-test=treatment][data-status=PERFORMED]').count()).toBe(done);
    }

    await expect.poll(() => planStatus(reception), { timeout: 20_000 }).toBe('Completed');
    expect(await reception.locator('[data-test=plan-item]').allInnerTexts()).toEqual([
      expect.stringContaining('Done'),
      expect.stringContaining('Done'),
    ]);
  });

  it('the receptionist invoices the budget and takes payment; the timeline tells the whole story', async () => {
    const p = reception;
    await p.goto(`${server.url}/invoices`);
    await p.waitForSelector('[data-test=invoices-page]');
    const { budget } = await graphql<{ budget: { number: string } }>(
      server.graphqlUrl,
      'query($id: ID!) { budget(id: $id) { number } }',
      { id: ids.budget },
      await apiToken(RECEPTIONIST),
    );
    await p.click('[data-test=billing-from-budget]');
    await p.click('[data-test=billing-budget]');
    await p.click(`.p-select-option:has-text("${budget.number}")`);
    await p.click('[data-test=billing-from-budget-submit]');
    await p.waitForSelector('[data-test=invoice-detail] [data-test=invoice-number]');
    const status = () => p.locator('[data-test=invoice-detail] h1 [data-status]').getAttribute('data-status');
    await p.click('[data-test=invoice-actions] [data-action=issue]');
    // Issuing gives the invoice its permanent number: the app asks first.
    await p.click('.p-confirmdialog-accept-button');
    await expect.poll(status).toBe('ISSUED');
    await p.click('[data-test=invoice-actions] [data-action=pay]');
    await p.click('[data-test=billing-pay-submit]');
    await expect.poll(status).toBe('PAID');

    // Dentist's timeline (clinical detail allowed) has every step, pushed live while it is open.
    await dentist.goto(`${server.url}/patients/${ids.patient}`);
    await dentist.click('[data-test=patient-detail] .p-tab:has-text("Timeline")');
    await dentist.waitForSelector('[data-test=patient-timeline]');
    await expect
      .poll(() => timelineTitles(dentist), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          'Treatment planned',
          'Treatment plan created',
          'Treatment plan confirmed, budget created',
          'Budget sent',
          'Budget accepted',
          'Treatment plan started',
          'Appointment scheduled',
          'Treatment performed',
          'Treatment plan item completed',
          'Treatment plan completed',
          'Invoice issued',
          'Invoice paid in full',
        ]),
      );
    await axe(dentist);
  });

  it('raised no uncaught error in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
