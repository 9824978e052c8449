import { describe, expect, it } from 'vitest';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import MedicalAuditList from '../components/MedicalAuditList.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';

/** An entry as the server sends it: the English summary and the fields the web words it from. */
const entry = (
  id: string,
  fields: { section: string; action: string; summary: string } & Record<string, unknown>,
): Record<string, unknown> => ({
  __typename: 'MedicalAuditEntry',
  id,
  subject: null,
  subjectSeverity: null,
  changedFields: [],
  reason: null,
  changedAt: '2026-11-30T09:15:00.000Z',
  changedByUser: { __typename: 'User', id: 'u9', fullName: 'Dra. Marta Ruiz' },
  ...fields,
});

const TRAIL = [
  entry('e1', {
    section: 'ALLERGY',
    action: 'REMOVE',
    summary: 'Allergy removed: Latex (CRITICAL) — entered for the wrong patient',
    subject: 'Latex',
    subjectSeverity: 'CRITICAL',
    reason: 'registrada en otro paciente',
  }),
  entry('e2', {
    section: 'ALLERGY',
    action: 'UPDATE',
    summary: 'Allergy updated: Latex (CRITICAL) (severity, reaction)',
    subject: 'Latex',
    subjectSeverity: 'CRITICAL',
    changedFields: ['severity', 'reaction'],
  }),
  entry('e3', {
    section: 'ALLERGY',
    action: 'CREATE',
    summary: 'Allergy added: Latex (LOW)',
    subject: 'Latex',
    subjectSeverity: 'LOW',
  }),
  entry('e4', {
    section: 'MEDICAL_CONTEXT',
    action: 'CREATE',
    summary: 'Medical context recorded: isPregnant, pregnancyWeek',
    changedFields: ['isPregnant', 'pregnancyWeek'],
  }),
  entry('e5', {
    section: 'LEGAL_GUARDIAN',
    action: 'UPDATE',
    summary: 'Legal guardian updated (phone): Luis Edad',
    subject: 'Luis Edad',
    changedFields: ['phone'],
  }),
  entry('e6', {
    section: 'EMERGENCY_CONTACT',
    action: 'CREATE',
    summary: 'Emergency contact set: Rosa',
    subject: 'Rosa',
  }),
  entry('e7', {
    section: 'MEDICATION',
    action: 'CREATE',
    summary: 'Medication added: Sintrom 4 mg (anticoagulant)',
    subject: 'Sintrom 4 mg',
  }),
  // Written before the structured fields existed: only the English summary.
  entry('e8', {
    section: 'SYSTEMIC_DISEASE',
    action: 'CREATE',
    summary: 'Systemic disease added: Diabetes (critical)',
    changedFields: null,
  }),
];

function mountList(locale: string) {
  return mountLayer(MedicalAuditList, {
    props: { patientId: PATIENT },
    messages: { en, es },
    locale,
    fetch: { MedicalHistoryAudit: () => jsonResponse({ data: { medicalHistoryAudit: TRAIL } }) },
  });
}

/** Each entry's text after the person's name. */
const lines = (wrapper: ReturnType<typeof mountList>['wrapper']) =>
  wrapper.findAll('[data-test=audit-entry]').map((li) => li.text().split('Dra. Marta Ruiz · ')[1]);

describe('MedicalAuditList', () => {
  it('words every entry in Spanish from its fields, keeping the record’s own words', async () => {
    const { wrapper, sent } = mountList('es');
    await settle();
    expect(sent[0]).toMatchObject({ operationName: 'MedicalHistoryAudit', variables: { patientId: PATIENT } });
    expect(lines(wrapper)).toEqual([
      'retiró alergia: Latex (gravedad: Crítica) (motivo: registrada en otro paciente)',
      'cambió alergia: Latex (gravedad: Crítica) — Gravedad, Reacción',
      'añadió alergia: Latex (gravedad: Baja)',
      'registró contexto médico: Embarazada, Semana de embarazo',
      'cambió tutor legal: Luis Edad — Teléfono',
      'estableció contacto de emergencia: Rosa',
      'añadió medicación: Sintrom 4 mg',
      // An old entry has only its summary (in English): it is shown as it is.
      'añadió enfermedad sistémica: Systemic disease added: Diabetes (critical)',
    ]);
    // Neither the server's English nor its codes reach a Spanish reader for the entries that carry fields.
    const worded = lines(wrapper).slice(0, -1).join('\n');
    expect(worded).not.toMatch(/CRITICAL|LOW|severity|reaction|isPregnant|pregnancyWeek|phone|updated|added|removed/);
  });

  it('words the same entries in English', async () => {
    const { wrapper } = mountList('en');
    await settle();
    expect(lines(wrapper).slice(0, 6)).toEqual([
      'removed allergy: Latex (severity: Critical) (reason: registrada en otro paciente)',
      'changed allergy: Latex (severity: Critical) — Severity, Reaction',
      'added allergy: Latex (severity: Low)',
      'recorded medical context: Pregnant, Week of pregnancy',
      'changed legal guardian: Luis Edad — Phone',
      'set emergency contact: Rosa',
    ]);
  });
});
