import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import TodayAlertsCard from '../components/TodayAlertsCard.vue';

type Alert = { code: string; severity: string; message: string };
const visit = (id: string, startTime: string, patientId: string, fullName: string, alerts: Alert[]) => ({
  __typename: 'Appointment' as const,
  id,
  startTime,
  patient: { __typename: 'Patient' as const, id: patientId, fullName, medicalAlerts: alerts },
});
const ALLERGY = { code: 'SEVERE_ALLERGY', severity: 'CRITICAL', message: 'Critical allergy to Penicillin.' };
const INR = { code: 'INR_STALE', severity: 'HIGH', message: 'INR older than 7 days.' };
const ANTICOAGULANT = { code: 'ANTICOAGULANT', severity: 'HIGH', message: 'On anticoagulants.' };
const PREGNANT = { code: 'PREGNANCY', severity: 'MEDIUM', message: 'Pregnant (week 20).' };
// Times in UTC; the test host's clinic is in Europe/Madrid (UTC+1 in December).
const DAY = [
  visit('a1', '2026-12-03T08:00:00.000Z', 'p-pregnant', 'Paula Ortiz', [PREGNANT]),
  visit('a2', '2026-12-03T09:00:00.000Z', 'p-none', 'Nora Gil', []),
  visit('a3', '2026-12-03T15:00:00.000Z', 'p-inr', 'Ivo Pardo', [INR, ANTICOAGULANT]),
  visit('a4', '2026-12-03T11:30:00.000Z', 'p-allergy', 'Ana García', [ALLERGY]),
  visit('a5', '2026-12-03T10:00:00.000Z', 'p-inr', 'Ivo Pardo', [INR, ANTICOAGULANT]),
];

function mountCard(appointments = DAY, locale = 'en') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] });
  return mountLayer(TodayAlertsCard, {
    permissions: ['patients_clinical.alerts.read', 'agenda.appointments.read'],
    modules: ['patients_clinical', 'agenda'],
    messages: { en, es },
    locale,
    fetch: [() => jsonResponse({ data: { appointments } })],
    plugins: [router],
  });
}

describe('patients_clinical layer: the medical alerts of today dashboard card', () => {
  it("asks for the clinic's day of live visits and lists each patient with alerts once, the most severe first", async () => {
    const { wrapper, sent } = mountCard();
    await settle();
    expect(sent[0].operationName).toBe('MedicalAlertsToday');
    const vars = sent[0].variables as { from: string; to: string; status: string[] };
    expect(vars.from).toMatch(/^\d{4}-\d\d-\d\dT00:00$/);
    expect(Date.parse(`${vars.to}Z`) - Date.parse(`${vars.from}Z`)).toBe(86_400_000);
    expect(vars.status).not.toContain('CANCELLED');
    expect(wrapper.find('[data-test=alerts-today-count]').text()).toBe('3 patients today have medical alerts');
    const items = wrapper.findAll('[data-test=alerts-today-item]');
    expect(items.map((i) => i.find('a').text())).toEqual([
      '12:30 PM Ana García',
      '11:00 AM Ivo Pardo',
      '09:00 AM Paula Ortiz',
    ]);
    expect(items[0].find('a').attributes('href')).toBe('/patients/p-allergy');
    // Ivo's first visit of the day, both kinds of alert.
    expect(items[1].find('[data-test=alerts-today-detail]').text()).toBe('INR needed · Anticoagulant');
  });

  it('says so when nobody today has an alert, in Spanish too', async () => {
    const { wrapper } = mountCard([DAY[1]], 'es');
    await settle();
    expect(wrapper.find('[data-test=alerts-today-count]').text()).toBe('Ningún paciente de hoy tiene alertas médicas');
    expect(wrapper.text()).toContain('Nadie en la agenda de hoy necesita cuidados especiales.');
    expect(wrapper.findAll('[data-test=alerts-today-item]')).toHaveLength(0);
  });
});
