import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  clinicDay,
  moduleLifecycle,
  startTestPlatform,
  temporaryBackupDir,
  type ModuleLifecycle,
  type TestPlatform,
} from '@dentalpin/core/testing';
import type { Identity } from '@dentalpin/core';
import { MedicalHistoryService } from '../src/service/index.ts';
import { INR_STALE_AFTER_DAYS } from '../src/service/alerts.ts';
import { seedDemoMedicalHistory } from '../src/demo.ts';
import { MEDICAL_TABLES } from '../src/service/retention.ts';
import { CONTEXT_FIELDS, LIST_SECTIONS, ONE_TO_ONE_SECTIONS } from '../src/service/sections.ts';
import en from '../web/i18n/en.json' with { type: 'json' };
import es from '../web/i18n/es.json' with { type: 'json' };

type Caller = { token: string; clinicId?: string };

const CREATE_PATIENT = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;
const CONTEXT = `query($id: ID!) { medicalContext(patientId: $id) {
  isPregnant pregnancyWeek isLactating anesthesiaAdverseReaction updatedBy
  allergies { id substance type severity reaction } medications { id name isAnticoagulant inrValue inrDate }
  systemicDiseases { id name isCritical } surgicalHistory { id procedure surgeryDate } } }`;
const ALERTS = `query($id: ID!) { medicalAlerts(patientId: $id) { code severity message recordId inrValue inrDate } }`;
const AUDIT = `query($id: ID!, $section: MedicalSection) { medicalHistoryAudit(patientId: $id, section: $section) {
  section recordId action before after reason summary changedBy } }`;
const ADD_ALLERGY = `mutation($p: ID!, $input: AllergyInput!) { addAllergy(patientId: $p, input: $input) { id substance type severity createdBy } }`;
const ADD_MEDICATION = `mutation($p: ID!, $input: MedicationInput!) { addMedication(patientId: $p, input: $input) { id name isAnticoagulant inrValue inrDate } }`;
const REMOVE_ALLERGY = `mutation($id: ID!, $reason: String!) { removeAllergy(id: $id, reason: $reason) { id deletedAt deletedBy deletionReason } }`;
const CONTEXT_UPDATE = `mutation($p: ID!, $input: MedicalContextInput!) { updateMedicalContext(patientId: $p, input: $input) { isPregnant pregnancyWeek isLactating anesthesiaAdverseReaction } }`;

const daysAgo = (n: number) => clinicDay({ days: -n });

describe('patients_clinical module', () => {
  let t: TestPlatform;
  let admin: Caller & { clinicId: string; userId: string };
  let dentist: Caller & { userId: string };
  let hygienist: Caller;
  let assistant: Caller;
  let receptionist: Caller;
  let lifecycle: ModuleLifecycle;
  const newPatient = async (firstName: string, lastName = 'Clínica') =>
    (await t.data(CREATE_PATIENT, { input: { firstName, lastName } }, admin)).createPatient.id as string;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        MEDICAL_TABLES.map(async (table) => [table, Number((await t.platform.db.knex(table).count({ n: '*' }))[0].n)]),
      ),
    );

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    lifecycle = moduleLifecycle(t, admin);
    dentist = await t.userWithRole(admin, 'dentist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    assistant = await t.userWithRole(admin, 'assistant');
    receptionist = await t.userWithRole(admin, 'receptionist');
  });
  afterAll(() => t.close());

  it('is installed with patients, and refuses to be uninstalled (medical data is never hard-deleted)', async () => {
    const modules = (await t.data(`{ modules { name state removable depends } }`, {}, admin)).modules;
    expect(modules.find((m: { name: string }) => m.name === 'patients_clinical')).toEqual({
      name: 'patients_clinical',
      state: 'installed',
      removable: false,
      depends: ['patients'],
    });
    const r = await t.gql(`mutation { uninstallModule(name: "patients_clinical") { scheduled } }`, {}, admin);
    expect(r.errors?.[0].extensions?.code).toBe('MODULE_OPERATION_REFUSED');
  });

  it('records allergies, medications, diseases and surgery, and the medical context', async () => {
    const id = await newPatient('Lucía');
    const allergy = (
      await t.data(
        ADD_ALLERGY,
        { p: id, input: { substance: ' Penicillin ', severity: 'HIGH', type: 'MEDICATION', reaction: 'hives' } },
        dentist,
      )
    ).addAllergy;
    expect(allergy).toMatchObject({
      substance: 'Penicillin',
      type: 'MEDICATION',
      severity: 'HIGH',
      createdBy: dentist.userId,
    });
    const defaults = (await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Pollen' } }, dentist)).addAllergy;
    expect(defaults).toMatchObject({ type: 'OTHER', severity: 'MEDIUM' });
    const med = (
      await t.data(
        ADD_MEDICATION,
        { p: id, input: { name: 'Acenocoumarol', isAnticoagulant: true, inrValue: '2.5', inrDate: daysAgo(1) } },
        dentist,
      )
    ).addMedication;
    expect(med).toMatchObject({ isAnticoagulant: true, inrValue: '2.50', inrDate: daysAgo(1) });
    await t.data(
      `mutation($p: ID!) { addSystemicDisease(patientId: $p, input: { name: "Type 1 diabetes", isCritical: true, isControlled: false }) { id } }`,
      { p: id },
      dentist,
    );
    await t.data(
      `mutation($p: ID!) { addSurgicalProcedure(patientId: $p, input: { procedure: "Appendectomy", surgeryDate: "2010-05-01" }) { id } }`,
      { p: id },
      dentist,
    );
    const ctx = (await t.data(CONTEXT_UPDATE, { p: id, input: { isPregnant: true, pregnancyWeek: 20 } }, dentist))
      .updateMedicalContext;
    expect(ctx).toMatchObject({ isPregnant: true, pregnancyWeek: 20, isLactating: false });

    const read = (await t.data(CONTEXT, { id }, hygienist)).medicalContext;
    expect(read.allergies.map((a: { substance: string }) => a.substance)).toEqual(['Penicillin', 'Pollen']);
    expect(read.medications).toEqual([
      { id: med.id, name: 'Acenocoumarol', isAnticoagulant: true, inrValue: '2.50', inrDate: daysAgo(1) },
    ]);
    expect(read.systemicDiseases).toMatchObject([{ name: 'Type 1 diabetes', isCritical: true }]);
    expect(read.surgicalHistory).toMatchObject([{ procedure: 'Appendectomy', surgeryDate: '2010-05-01' }]);
    expect(read.updatedBy).toBe(dentist.userId);

    const [recorded] = (await t.data(AUDIT, { id, section: 'MEDICAL_CONTEXT' }, dentist)).medicalHistoryAudit;
    expect(recorded).toMatchObject({
      action: 'CREATE',
      before: null,
      after: { isPregnant: true, pregnancyWeek: 20, isLactating: false, bruxism: false, notes: null },
      summary: 'Medical context recorded: isPregnant, pregnancyWeek',
    });

    // No longer pregnant: the week is cleared with it.
    const after = (await t.data(CONTEXT_UPDATE, { p: id, input: { isPregnant: false } }, dentist)).updateMedicalContext;
    expect(after).toMatchObject({ isPregnant: false, pregnancyWeek: null });
  });

  it('refuses bad input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
    const id = await newPatient('Marta');
    const before = await counts();
    const bad = await t.gql(ADD_ALLERGY, { p: id, input: { substance: '  ' } }, dentist);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'substance is required' });
    const inr = await t.gql(
      ADD_MEDICATION,
      { p: id, input: { name: 'Ibuprofen', inrValue: '2.1', inrDate: daysAgo(1) } },
      dentist,
    );
    expect(inr.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/only for anticoagulants/),
    });
    const many = await t.gql(
      ADD_MEDICATION,
      { p: id, input: { name: 'Warfarin', isAnticoagulant: true, inrValue: '99', inrDate: '2999-01-01' } },
      dentist,
    );
    expect(many.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(many.errors?.[0].message).toMatch(/inrValue must be between 0.5 and 15/);
    expect(many.errors?.[0].message).toMatch(/inrDate cannot be in the future/);
    const half = await t.gql(
      ADD_MEDICATION,
      { p: id, input: { name: 'Warfarin', isAnticoagulant: true, inrValue: '2.1' } },
      dentist,
    );
    expect(half.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/go together/),
    });
    const week = await t.gql(CONTEXT_UPDATE, { p: id, input: { pregnancyWeek: 12 } }, dentist);
    expect(week.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'pregnancyWeek can only be set when isPregnant is true.',
    });
    const weekRange = await t.gql(CONTEXT_UPDATE, { p: id, input: { isPregnant: true, pregnancyWeek: 50 } }, dentist);
    expect(weekRange.errors?.[0].message).toBe('pregnancyWeek must be between 1 and 42');
    const phone = await t.gql(
      `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Ana", phone: "call me" }) { name } }`,
      { p: id },
      receptionist,
    );
    expect(phone.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'phone is not a phone number',
    });
    const unknown = await t.gql(
      ADD_ALLERGY,
      { p: '00000000-0000-4000-8000-000000000000', input: { substance: 'Latex' } },
      dentist,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await t.gql(ADD_ALLERGY, { p: '42', input: { substance: 'Latex' } }, dentist);
    expect(malformed.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'patientId is not a valid patient id',
    });
    const reasonless = await t.gql(REMOVE_ALLERGY, { id: '00000000-0000-4000-8000-000000000000', reason: '' }, dentist);
    expect(reasonless.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  it('removes by soft delete with a reason, and keeps every change in the audit trail', async () => {
    const id = await newPatient('Pedro');
    const { addAllergy } = await t.data(
      ADD_ALLERGY,
      { p: id, input: { substance: 'Latex', severity: 'LOW' } },
      dentist,
    );
    const updated = await t.data(
      `mutation($id: ID!) { updateAllergy(id: $id, input: { severity: CRITICAL, reaction: "anaphylaxis" }) { severity reaction } }`,
      { id: addAllergy.id },
      dentist,
    );
    expect(updated.updateAllergy).toEqual({ severity: 'CRITICAL', reaction: 'anaphylaxis' });
    const before = await counts();
    const removed = (
      await t.data(REMOVE_ALLERGY, { id: addAllergy.id, reason: 'entered for the wrong patient' }, dentist)
    ).removeAllergy;
    expect(removed).toMatchObject({ deletedBy: dentist.userId, deletionReason: 'entered for the wrong patient' });
    expect(removed.deletedAt).toBeTruthy();
    // The row is still there; only one audit row was added.
    const after = await counts();
    expect(after).toEqual({ ...before, patients_clinical_audit: before.patients_clinical_audit + 1 });
    const row = await t.platform.db.knex('patients_clinical_allergies').where({ id: addAllergy.id }).first();
    expect(row).toMatchObject({
      substance: 'Latex',
      severity: 'critical',
      deletion_reason: 'entered for the wrong patient',
    });
    expect((await t.data(CONTEXT, { id }, dentist)).medicalContext.allergies).toEqual([]);

    // A removed record is read-only.
    const again = await t.gql(REMOVE_ALLERGY, { id: addAllergy.id, reason: 'twice' }, dentist);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const edit = await t.gql(
      `mutation($id: ID!) { updateAllergy(id: $id, input: { notes: "x" }) { id } }`,
      { id: addAllergy.id },
      dentist,
    );
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');

    const trail = (await t.data(AUDIT, { id }, dentist)).medicalHistoryAudit;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['REMOVE', 'UPDATE', 'CREATE']);
    expect(
      trail.every(
        (e: { recordId: string; section: string; changedBy: string }) =>
          e.recordId === addAllergy.id && e.section === 'ALLERGY' && e.changedBy === dentist.userId,
      ),
    ).toBe(true);
    expect(trail[2]).toMatchObject({ before: null, after: { substance: 'Latex', severity: 'low', reaction: null } });
    expect(trail[1]).toMatchObject({
      before: { severity: 'low', reaction: null },
      after: { severity: 'critical', reaction: 'anaphylaxis' },
      summary: 'Allergy updated: Latex (CRITICAL) (severity, reaction)',
    });
    expect(trail[0]).toMatchObject({
      before: { substance: 'Latex', severity: 'critical' },
      after: null,
      reason: 'entered for the wrong patient',
    });
  });

  it('stores each audit entry as data a client words in its language: subject, severity, changed fields', async () => {
    const id = await newPatient('Estructura');
    const STRUCTURED = `query($id: ID!, $section: MedicalSection) { medicalHistoryAudit(patientId: $id, section: $section) {
      section action reason summary subject subjectSeverity changedFields } }`;
    const { addAllergy } = await t.data(
      ADD_ALLERGY,
      { p: id, input: { substance: 'Latex', severity: 'LOW' } },
      dentist,
    );
    await t.data(
      `mutation($id: ID!) { updateAllergy(id: $id, input: { severity: CRITICAL, reaction: "anaphylaxis" }) { id } }`,
      { id: addAllergy.id },
      dentist,
    );
    await t.data(REMOVE_ALLERGY, { id: addAllergy.id, reason: 'entered for the wrong patient' }, dentist);
    await t.data(ADD_MEDICATION, { p: id, input: { name: 'Sintrom', dosage: '4 mg', isAnticoagulant: true } }, dentist);
    await t.data(CONTEXT_UPDATE, { p: id, input: { isPregnant: true, pregnancyWeek: 12 } }, dentist);
    await t.data(CONTEXT_UPDATE, { p: id, input: { isLactating: true } }, dentist);
    await t.data(
      `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Rosa", phone: "+34 600 000 002" }) { name } }`,
      { p: id },
      receptionist,
    );
    await t.data(
      `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Rosa", phone: "+34 600 000 003", email: "rosa@example.com" }) { name } }`,
      { p: id },
      receptionist,
    );

    const trail = (await t.data(STRUCTURED, { id }, dentist)).medicalHistoryAudit;
    expect(trail).toEqual([
      {
        section: 'EMERGENCY_CONTACT',
        action: 'UPDATE',
        reason: null,
        summary: 'Emergency contact updated (phone, email): Rosa',
        subject: 'Rosa',
        subjectSeverity: null,
        changedFields: ['phone', 'email'],
      },
      {
        section: 'EMERGENCY_CONTACT',
        action: 'CREATE',
        reason: null,
        summary: 'Emergency contact set: Rosa',
        subject: 'Rosa',
        subjectSeverity: null,
        changedFields: [],
      },
      {
        section: 'MEDICAL_CONTEXT',
        action: 'UPDATE',
        reason: null,
        summary: 'Medical context updated: isLactating',
        subject: null,
        subjectSeverity: null,
        changedFields: ['isLactating'],
      },
      {
        section: 'MEDICAL_CONTEXT',
        action: 'CREATE',
        reason: null,
        summary: 'Medical context recorded: isPregnant, pregnancyWeek',
        subject: null,
        subjectSeverity: null,
        changedFields: ['isPregnant', 'pregnancyWeek'],
      },
      {
        section: 'MEDICATION',
        action: 'CREATE',
        reason: null,
        summary: 'Medication added: Sintrom 4 mg (anticoagulant)',
        subject: 'Sintrom 4 mg',
        subjectSeverity: null,
        changedFields: [],
      },
      {
        section: 'ALLERGY',
        action: 'REMOVE',
        reason: 'entered for the wrong patient',
        summary: 'Allergy removed: Latex (CRITICAL) — entered for the wrong patient',
        subject: 'Latex',
        subjectSeverity: 'CRITICAL',
        changedFields: [],
      },
      {
        section: 'ALLERGY',
        action: 'UPDATE',
        reason: null,
        summary: 'Allergy updated: Latex (CRITICAL) (severity, reaction)',
        subject: 'Latex',
        subjectSeverity: 'CRITICAL',
        changedFields: ['severity', 'reaction'],
      },
      {
        section: 'ALLERGY',
        action: 'CREATE',
        reason: null,
        summary: 'Allergy added: Latex (LOW)',
        subject: 'Latex',
        subjectSeverity: 'LOW',
        changedFields: [],
      },
    ]);
    // Stored in the audit table itself (severity as stored, fields as a JSON list), not computed on read.
    const knex = t.platform.db.knex;
    const stored = await knex('patients_clinical_audit')
      .where({ patient_id: id, section: 'allergy', action: 'update' })
      .first('subject', 'subject_severity', 'changed_fields');
    expect(stored).toEqual({
      subject: 'Latex',
      subject_severity: 'critical',
      changed_fields: ['severity', 'reaction'],
    });

    // An entry written before these columns existed reads with them null: clients fall back to its summary.
    await knex('patients_clinical_audit').insert({
      id: '00000000-0000-4000-8000-00000000a0d1',
      clinic_id: admin.clinicId,
      patient_id: id,
      section: 'systemic_disease',
      record_id: '00000000-0000-4000-8000-00000000a0d2',
      action: 'create',
      after: JSON.stringify({ name: 'Diabetes', isCritical: true }),
      summary: 'Systemic disease added: Diabetes (critical)',
      changed_by: dentist.userId,
    });
    expect((await t.data(STRUCTURED, { id, section: 'SYSTEMIC_DISEASE' }, dentist)).medicalHistoryAudit).toEqual([
      {
        section: 'SYSTEMIC_DISEASE',
        action: 'CREATE',
        reason: null,
        summary: 'Systemic disease added: Diabetes (critical)',
        subject: null,
        subjectSeverity: null,
        changedFields: null,
      },
    ]);
  });

  it('names every field an audit entry can report, in English and Spanish (the web layer words them)', () => {
    const fields = new Set<string>([
      ...Object.values(LIST_SECTIONS).flatMap((d) => d.fields),
      ...Object.values(ONE_TO_ONE_SECTIONS).flatMap((d) => d.fields),
      ...CONTEXT_FIELDS,
    ]);
    for (const messages of [en, es])
      expect([...fields].filter((f) => !(f in messages.patients_clinical.fields))).toEqual([]);
  });

  it('the database refuses to delete medical records or alter the audit trail; the API offers no way to', async () => {
    const id = await newPatient('Inés');
    const { addAllergy } = await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Nickel' } }, dentist);
    await t.data(
      `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Ana", phone: "+34 600 000 001" }) { name } }`,
      { p: id },
      receptionist,
    );
    await t.data(
      `mutation($p: ID!) { setLegalGuardian(patientId: $p, input: { name: "Luis", relationship: "father" }) { name } }`,
      { p: id },
      receptionist,
    );
    await t.data(CONTEXT_UPDATE, { p: id, input: { isSmoker: true } }, dentist);
    await t.data(ADD_MEDICATION, { p: id, input: { name: 'Metformin' } }, dentist);
    await t.data(
      `mutation($p: ID!) { addSystemicDisease(patientId: $p, input: { name: "Asthma" }) { id } }`,
      { p: id },
      dentist,
    );
    await t.data(
      `mutation($p: ID!) { addSurgicalProcedure(patientId: $p, input: { procedure: "Tonsillectomy" }) { id } }`,
      { p: id },
      dentist,
    );
    const knex = t.platform.db.knex;
    const before = await counts();
    // Every table holds a row of this patient, so each row-level trigger has something to refuse.
    for (const table of MEDICAL_TABLES)
      expect(Number((await knex(table).where({ patient_id: id }).count({ n: '*' }))[0].n)).toBeGreaterThan(0);
    for (const table of MEDICAL_TABLES) {
      await expect(knex(table).where({ patient_id: id }).delete()).rejects.toThrow(/never deleted/);
      await expect(knex.raw(`truncate ${table} cascade`)).rejects.toThrow(/never deleted/);
    }
    await expect(
      knex('patients_clinical_audit').where({ patient_id: id }).update({ summary: 'rewritten' }),
    ).rejects.toThrow(/append-only/);
    expect(await counts()).toEqual(before);
    expect((await knex('patients_clinical_allergies').where({ id: addAllergy.id }).first()).deleted_at).toBeNull();

    // The API: no mutation touches the audit trail, and none deletes.
    const schema = await t.data(`{ __schema { mutationType { fields { name } } } }`, {}, admin);
    const mutations: string[] = schema.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    const ours = mutations.filter((m) =>
      /Allergy|Medication|SystemicDisease|SurgicalProcedure|Medical|EmergencyContact|LegalGuardian/.test(m),
    );
    expect(ours.length).toBe(17);
    expect(ours.filter((m) => /audit|delete/i.test(m))).toEqual([]);
  });

  it('computes every kind of alert, flags a stale INR, and ranks by severity', async () => {
    const id = await newPatient('Alerta');
    expect((await t.data(ALERTS, { id }, dentist)).medicalAlerts).toEqual([]);
    await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Pollen', severity: 'MEDIUM' } }, dentist);
    const critical = (
      await t.data(
        ADD_ALLERGY,
        { p: id, input: { substance: 'Penicillin', severity: 'CRITICAL', reaction: 'anaphylaxis' } },
        dentist,
      )
    ).addAllergy;
    const high = (await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Latex', severity: 'HIGH' } }, dentist))
      .addAllergy;
    const fresh = (
      await t.data(
        ADD_MEDICATION,
        {
          p: id,
          input: {
            name: 'Acenocoumarol',
            dosage: '4 mg',
            isAnticoagulant: true,
            inrValue: '2.8',
            inrDate: daysAgo(INR_STALE_AFTER_DAYS),
          },
        },
        dentist,
      )
    ).addMedication;
    const stale = (
      await t.data(
        ADD_MEDICATION,
        {
          p: id,
          input: {
            name: 'Warfarin',
            isAnticoagulant: true,
            inrValue: '3.1',
            inrDate: daysAgo(INR_STALE_AFTER_DAYS + 7),
          },
        },
        dentist,
      )
    ).addMedication;
    const none = (await t.data(ADD_MEDICATION, { p: id, input: { name: 'Apixaban', isAnticoagulant: true } }, dentist))
      .addMedication;
    await t.data(ADD_MEDICATION, { p: id, input: { name: 'Paracetamol' } }, dentist);
    const disease = (
      await t.data(
        `mutation($p: ID!) { addSystemicDisease(patientId: $p, input: { name: "Heart failure", isCritical: true, isControlled: true }) { id } }`,
        { p: id },
        dentist,
      )
    ).addSystemicDisease;
    await t.data(
      `mutation($p: ID!) { addSystemicDisease(patientId: $p, input: { name: "Asthma" }) { id } }`,
      { p: id },
      dentist,
    );
    await t.data(
      CONTEXT_UPDATE,
      {
        p: id,
        input: {
          isPregnant: true,
          pregnancyWeek: 12,
          isLactating: true,
          anesthesiaAdverseReaction: true,
          anesthesiaReactionDetails: 'tachycardia with epinephrine',
        },
      },
      dentist,
    );
    const alerts = (await t.data(ALERTS, { id }, dentist)).medicalAlerts;
    expect(
      alerts.map((a: { code: string; severity: string; recordId: string | null }) => [a.code, a.severity, a.recordId]),
    ).toEqual([
      ['SEVERE_ALLERGY', 'CRITICAL', critical.id],
      ['ANTICOAGULANT', 'CRITICAL', fresh.id],
      ['ANTICOAGULANT', 'CRITICAL', stale.id],
      ['ANTICOAGULANT', 'CRITICAL', none.id],
      ['ANESTHESIA_REACTION', 'CRITICAL', null],
      ['SEVERE_ALLERGY', 'HIGH', high.id],
      ['PREGNANCY', 'HIGH', null],
      ['INR_STALE', 'HIGH', stale.id],
      ['INR_STALE', 'HIGH', none.id],
      ['CRITICAL_DISEASE', 'HIGH', disease.id],
      ['LACTATION', 'MEDIUM', null],
    ]);
    const byRecord = (code: string, recordId: string | null) =>
      alerts.find((a: { code: string; recordId: string | null }) => a.code === code && a.recordId === recordId);
    expect(byRecord('ANTICOAGULANT', fresh.id)).toMatchObject({
      inrValue: '2.80',
      inrDate: daysAgo(INR_STALE_AFTER_DAYS),
      message: `On anticoagulants (Acenocoumarol 4 mg): INR 2.80 on ${daysAgo(INR_STALE_AFTER_DAYS)}.`,
    });
    expect(byRecord('INR_STALE', stale.id)).toMatchObject({
      inrValue: '3.10',
      message: `INR for Warfarin is ${INR_STALE_AFTER_DAYS + 7} days old (over ${INR_STALE_AFTER_DAYS}): get a current INR before invasive treatment.`,
    });
    expect(byRecord('INR_STALE', none.id).message).toMatch(/No INR recorded for Apixaban/);
    expect(byRecord('SEVERE_ALLERGY', critical.id).message).toBe('Critical allergy to Penicillin (anaphylaxis).');
    expect(byRecord('PREGNANCY', null).message).toMatch(/week 12/);
    expect(byRecord('ANESTHESIA_REACTION', null).message).toMatch(/tachycardia with epinephrine/);

    // A fresh INR clears the stale flag; removing the record clears its alerts.
    await t.data(
      `mutation($id: ID!, $d: Date!) { updateMedication(id: $id, input: { inrValue: "2.4", inrDate: $d }) { id } }`,
      { id: stale.id, d: daysAgo(0) },
      dentist,
    );
    await t.data(
      `mutation($id: ID!) { removeMedication(id: $id, reason: "stopped by the cardiologist") { id } }`,
      { id: none.id },
      dentist,
    );
    await t.data(REMOVE_ALLERGY, { id: critical.id, reason: 'ruled out by allergy test' }, dentist);
    const codes = (await t.data(ALERTS, { id }, dentist)).medicalAlerts.map((a: { code: string }) => a.code);
    expect(codes).toEqual([
      'ANTICOAGULANT',
      'ANTICOAGULANT',
      'ANESTHESIA_REACTION',
      'SEVERE_ALLERGY',
      'PREGNANCY',
      'CRITICAL_DISEASE',
      'LACTATION',
    ]);
  });

  it('adds medicalAlerts and medicalContext to the federated Patient through the gateway', async () => {
    const id = await newPatient('Federico', 'Gómez');
    await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Iodine', severity: 'HIGH' } }, dentist);
    const r = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName medicalAlerts { code severity } medicalContext { allergies { substance } } } }`,
      { id },
      dentist,
    );
    expect(r.patient).toEqual({
      fullName: 'Federico Gómez',
      medicalAlerts: [{ code: 'SEVERE_ALLERGY', severity: 'HIGH' }],
      medicalContext: { allergies: [{ substance: 'Iodine' }] },
    });
    // Who changed the history, by name through the core subgraph (the web app's "who changed what").
    const trail = await t.data(
      `query($id: ID!) { medicalHistoryAudit(patientId: $id) { changedBy changedByUser { id fullName } } }`,
      { id },
      dentist,
    );
    expect(trail.medicalHistoryAudit).toEqual([
      { changedBy: dentist.userId, changedByUser: { id: dentist.userId, fullName: 'dentist Tester' } },
    ]);
  });

  it('publishes patient.medical_updated through one function, once per change, with the payload', async () => {
    const id = await newPatient('Evento');
    const spy = vi.spyOn(
      MedicalHistoryService.prototype as never as { medicalUpdated: () => Promise<void> },
      'medicalUpdated',
    );
    try {
      const { addAllergy } = await t.data(
        ADD_ALLERGY,
        { p: id, input: { substance: 'Aspirin', severity: 'HIGH' } },
        dentist,
      );
      await t.data(
        `mutation($id: ID!) { updateAllergy(id: $id, input: { severity: HIGH }) { id } }`,
        { id: addAllergy.id },
        dentist,
      ); // no change: no event, no audit row
      await t.data(REMOVE_ALLERGY, { id: addAllergy.id, reason: 'duplicate entry' }, dentist);
      await t.data(
        `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Rosa", phone: "+34 600 000 002" }) { name } }`,
        { p: id },
        assistant,
      );
      const events = spy.mock.calls.map((c) => (c as unknown[])[1]);
      expect(events).toEqual([
        {
          patient_id: id,
          clinic_id: admin.clinicId,
          user_id: dentist.userId,
          section: 'allergy',
          summary: 'Allergy added: Aspirin (HIGH)',
        },
        {
          patient_id: id,
          clinic_id: admin.clinicId,
          user_id: dentist.userId,
          section: 'allergy',
          summary: 'Allergy removed: Aspirin (HIGH) — duplicate entry',
        },
        {
          patient_id: id,
          clinic_id: admin.clinicId,
          user_id: expect.any(String),
          section: 'emergency_contact',
          summary: 'Emergency contact set: Rosa',
        },
      ]);
      // Called inside the write's transaction (where the outbox insert must go).
      for (const call of spy.mock.calls)
        expect(((call as unknown[])[0] as { isInTransaction(): boolean }).isInTransaction()).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect((await t.data(AUDIT, { id }, dentist)).medicalHistoryAudit).toHaveLength(3);
  });

  it('grants per role as the original: receptionists handle emergency data only, hygienists read', async () => {
    const id = await newPatient('Roles');
    const forbidden = async (query: string, variables: Record<string, unknown>, who: Caller, permission: string) => {
      const r = await t.gql(query, variables, who);
      expect(r.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringContaining(permission),
      });
    };
    const SET_CONTACT = `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Rosa", phone: "+34 600 000 003", isLegalGuardian: true }) { name isLegalGuardian } }`;
    // receptionist: emergency.read + write, nothing medical
    expect((await t.data(SET_CONTACT, { p: id }, receptionist)).setEmergencyContact).toEqual({
      name: 'Rosa',
      isLegalGuardian: true,
    });
    expect(
      (await t.data(`query($p: ID!) { emergencyContact(patientId: $p) { name phone } }`, { p: id }, receptionist))
        .emergencyContact,
    ).toEqual({
      name: 'Rosa',
      phone: '+34 600 000 003',
    });
    await forbidden(CONTEXT, { id }, receptionist, 'patients_clinical.medical.read');
    // Every role sees that there is an alert; only medical.read sees the allergen, the record and the INR.
    const allergic = await newPatient('Alerta');
    await t.data(
      ADD_ALLERGY,
      { p: allergic, input: { substance: 'Penicillin', severity: 'CRITICAL', reaction: 'anaphylaxis' } },
      dentist,
    );
    expect((await t.data(ALERTS, { id: allergic }, receptionist)).medicalAlerts).toEqual([
      {
        code: 'SEVERE_ALLERGY',
        severity: 'CRITICAL',
        message: 'Severe allergy: ask a clinician before any treatment or prescription.',
        recordId: null,
        inrValue: null,
        inrDate: null,
      },
    ]);
    expect((await t.data(ALERTS, { id: allergic }, hygienist)).medicalAlerts).toEqual([
      expect.objectContaining({
        message: 'Critical allergy to Penicillin (anaphylaxis).',
        recordId: expect.any(String),
      }),
    ]);
    // The fields a client words the alert from (in its person's language): none of them for the receptionist.
    const WORDING = `query($id: ID!) { medicalAlerts(patientId: $id) { generic subject detail pregnancyWeek controlled } }`;
    expect((await t.data(WORDING, { id: allergic }, receptionist)).medicalAlerts).toEqual([
      { generic: true, subject: null, detail: null, pregnancyWeek: null, controlled: null },
    ]);
    expect((await t.data(WORDING, { id: allergic }, hygienist)).medicalAlerts).toEqual([
      { generic: false, subject: 'Penicillin', detail: 'anaphylaxis', pregnancyWeek: null, controlled: null },
    ]);
    const federated = `query($id: ID!) { patient(id: $id) { medicalAlerts { severity message } } }`;
    expect((await t.data(federated, { id: allergic }, receptionist)).patient.medicalAlerts).toEqual([
      { severity: 'CRITICAL', message: 'Severe allergy: ask a clinician before any treatment or prescription.' },
    ]);
    await forbidden(ADD_ALLERGY, { p: id, input: { substance: 'X' } }, receptionist, 'patients_clinical.medical.write');
    // The receptionist sees the emergency part of the trail only.
    await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Sulfites' } }, dentist);
    const recTrail = (await t.data(AUDIT, { id }, receptionist)).medicalHistoryAudit;
    expect(recTrail.map((e: { section: string }) => e.section)).toEqual(['EMERGENCY_CONTACT']);
    await forbidden(AUDIT, { id, section: 'ALLERGY' }, receptionist, 'patients_clinical.medical.read');
    expect(
      (await t.data(AUDIT, { id }, dentist)).medicalHistoryAudit.map((e: { section: string }) => e.section),
    ).toEqual(['ALLERGY', 'EMERGENCY_CONTACT']);
    // hygienist: reads both, writes neither
    expect((await t.data(CONTEXT, { id }, hygienist)).medicalContext.allergies).toHaveLength(1);
    expect(
      (await t.data(`query($p: ID!) { emergencyContact(patientId: $p) { name } }`, { p: id }, hygienist))
        .emergencyContact.name,
    ).toBe('Rosa');
    await forbidden(ADD_ALLERGY, { p: id, input: { substance: 'X' } }, hygienist, 'patients_clinical.medical.write');
    await forbidden(SET_CONTACT, { p: id }, hygienist, 'patients_clinical.emergency.write');
    // assistant: reads medical, writes emergency only
    expect((await t.data(ALERTS, { id }, assistant)).medicalAlerts).toEqual([]);
    expect((await t.data(SET_CONTACT, { p: id }, assistant)).setEmergencyContact.name).toBe('Rosa');
    await forbidden(CONTEXT_UPDATE, { p: id, input: { isSmoker: true } }, assistant, 'patients_clinical.medical.write');
    // dentist: everything, including clearing with a reason (soft delete)
    const cleared = await t.data(
      `mutation($p: ID!) { clearEmergencyContact(patientId: $p, reason: "patient asked to remove it") { deletedAt deletionReason } }`,
      { p: id },
      dentist,
    );
    expect(cleared.clearEmergencyContact.deletionReason).toBe('patient asked to remove it');
    expect(
      (await t.data(`query($p: ID!) { emergencyContact(patientId: $p) { name } }`, { p: id }, dentist))
        .emergencyContact,
    ).toBeNull();
    // The same rules on the federated Patient: per field, with FORBIDDEN (not an internal error).
    const PATIENT = `query($id: ID!) { patient(id: $id) { fullName emergencyContact { name } medicalAlerts { code } } }`;
    const asReceptionist = await t.gql(PATIENT, { id }, receptionist);
    expect(asReceptionist.errors).toBeUndefined();
    expect(asReceptionist.data?.patient).toEqual({
      fullName: 'Roles Clínica',
      emergencyContact: null,
      medicalAlerts: [],
    });
    const contextAsReceptionist = await t.gql(
      `query($id: ID!) { patient(id: $id) { medicalContext { notes } } }`,
      { id },
      receptionist,
    );
    expect(contextAsReceptionist.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['patient.medicalContext', 'FORBIDDEN'],
    ]);
    const asHygienist = await t.gql(PATIENT, { id }, hygienist);
    expect(asHygienist.errors).toBeUndefined();
    expect(asHygienist.data?.patient).toEqual({ fullName: 'Roles Clínica', emergencyContact: null, medicalAlerts: [] });
    // Nobody logged in: nothing.
    expect((await t.gql(ALERTS, { id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('replaces the emergency contact and legal guardian, auditing what changed', async () => {
    const id = await newPatient('Menor', 'Edad');
    const SET_GUARDIAN = `mutation($p: ID!, $input: LegalGuardianInput!) { setLegalGuardian(patientId: $p, input: $input) { name relationship phone nationalId } }`;
    await t.data(
      SET_GUARDIAN,
      { p: id, input: { name: 'Luis Edad', relationship: 'father', nationalId: '12345678Z' } },
      receptionist,
    );
    const changed = await t.data(
      SET_GUARDIAN,
      {
        p: id,
        input: { name: 'Luis Edad', relationship: 'father', nationalId: '12345678Z', phone: '+34 600 000 009' },
      },
      receptionist,
    );
    expect(changed.setLegalGuardian).toEqual({
      name: 'Luis Edad',
      relationship: 'father',
      phone: '+34 600 000 009',
      nationalId: '12345678Z',
    });
    const missing = await t.gql(SET_GUARDIAN, { p: id, input: { name: 'X', relationship: ' ' } }, receptionist);
    expect(missing.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'relationship is required',
    });
    const trail = (await t.data(AUDIT, { id, section: 'LEGAL_GUARDIAN' }, receptionist)).medicalHistoryAudit;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['UPDATE', 'CREATE']);
    expect(trail[0]).toMatchObject({
      before: { phone: null },
      after: { phone: '+34 600 000 009' },
      summary: 'Legal guardian updated (phone): Luis Edad',
    });
    const cleared = await t.gql(
      `mutation($p: ID!) { clearLegalGuardian(patientId: $p, reason: "came of age") { deletionReason } }`,
      { p: id },
      receptionist,
    );
    expect(cleared.data?.clearLegalGuardian).toEqual({ deletionReason: 'came of age' });
    expect(
      (await t.data(`query($p: ID!) { legalGuardian(patientId: $p) { name } }`, { p: id }, receptionist)).legalGuardian,
    ).toBeNull();
    const twice = await t.gql(
      `mutation($p: ID!) { clearLegalGuardian(patientId: $p, reason: "again") { name } }`,
      { p: id },
      receptionist,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Setting one again brings the row back (the removal stays in the trail).
    await t.data(SET_GUARDIAN, { p: id, input: { name: 'Marta Edad', relationship: 'mother' } }, receptionist);
    const actions = (await t.data(AUDIT, { id, section: 'LEGAL_GUARDIAN' }, receptionist)).medicalHistoryAudit.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(['CREATE', 'REMOVE', 'UPDATE', 'CREATE']);
  });

  it('keeps the medical history of archived patients read-only', async () => {
    const id = await newPatient('Archivada');
    await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Codeine' } }, dentist);
    await t.data(`mutation($id: ID!) { archivePatient(id: $id) { id } }`, { id }, admin);
    expect((await t.data(CONTEXT, { id }, dentist)).medicalContext.allergies).toHaveLength(1);
    const r = await t.gql(ADD_ALLERGY, { p: id, input: { substance: 'Latex' } }, dentist);
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/archived/),
    });
  });

  it('isolates clinics: clinic B sees and touches nothing of clinic A, also through _entities', async () => {
    const aPatient = await newPatient('Tenant', 'Alfa');
    const { addAllergy } = await t.data(
      ADD_ALLERGY,
      { p: aPatient, input: { substance: 'Penicillin', severity: 'CRITICAL' } },
      dentist,
    );
    await t.data(
      `mutation($p: ID!) { setEmergencyContact(patientId: $p, input: { name: "Rosa", phone: "+34 600 000 004" }) { name } }`,
      { p: aPatient },
      dentist,
    );
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id;
    const bDentist = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'dentist', clinicB);
    const b = { token: bDentist.token, clinicId: clinicB };
    const before = await counts();
    for (const [query, variables] of [
      [CONTEXT, { id: aPatient }],
      [ALERTS, { id: aPatient }],
      [AUDIT, { id: aPatient }],
      [`query($p: ID!) { emergencyContact(patientId: $p) { name } }`, { p: aPatient }],
      [ADD_ALLERGY, { p: aPatient, input: { substance: 'Latex' } }],
      [CONTEXT_UPDATE, { p: aPatient, input: { isSmoker: true } }],
      [`mutation($id: ID!) { updateAllergy(id: $id, input: { severity: LOW }) { id } }`, { id: addAllergy.id }],
      [REMOVE_ALLERGY, { id: addAllergy.id, reason: 'not mine' }],
      [`mutation($p: ID!) { clearEmergencyContact(patientId: $p, reason: "not mine") { name } }`, { p: aPatient }],
      [
        `mutation($p: ID!) { setLegalGuardian(patientId: $p, input: { name: "X", relationship: "y" }) { name } }`,
        { p: aPatient },
      ],
    ] as [string, Record<string, unknown>][]) {
      const r = await t.gql(query, variables, b);
      expect(r.errors?.[0].extensions?.code, query).toBe('NOT_FOUND');
    }
    expect(await counts()).toEqual(before);
    expect(
      (await t.data(`query($id: ID!) { patient(id: $id) { id medicalAlerts { code } } }`, { id: aPatient }, b)).patient,
    ).toBeNull();

    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id medicalAlerts { code } emergencyContact { name } } } }`;
    const reps = { r: [{ __typename: 'Patient', id: aPatient }] };
    expect((await t.subgraphAs('patients_clinical', b)(entities, reps)).data).toEqual({ _entities: [null] });
    expect((await t.subgraphAs('patients_clinical', admin)(entities, reps)).data).toEqual({
      _entities: [{ id: aPatient, medicalAlerts: [{ code: 'SEVERE_ALLERGY' }], emergencyContact: { name: 'Rosa' } }],
    });
  });

  it('resolves alerts and context for a page of patients with a fixed number of queries (no N+1)', async () => {
    for (let i = 0; i < 20; i++) {
      const id = await newPatient(`Lote${i}`, 'Nmasuno');
      await t.data(ADD_ALLERGY, { p: id, input: { substance: `Substance ${i}`, severity: 'HIGH' } }, dentist);
      if (i % 2)
        await t.data(ADD_MEDICATION, { p: id, input: { name: 'Rivaroxaban', isAnticoagulant: true } }, dentist);
    }
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    t.platform.db.knex.on('query', listener);
    let r;
    try {
      r = await t.data(
        `{ patients(search: "nmasuno", pageSize: 20) { items { fullName medicalAlerts { code } medicalContext { allergies { substance } medications { name } } } } }`,
        {},
        dentist,
      );
    } finally {
      t.platform.db.knex.off('query', listener);
    }
    expect(r.patients.items).toHaveLength(20);
    expect(r.patients.items.filter((p: { medicalAlerts: unknown[] }) => p.medicalAlerts.length === 3)).toHaveLength(10);
    const on = (table: string) => statements.filter((s) => s.includes(`from "${table}"`)).length;
    // One query per table for the whole page: both fields share one batched load.
    expect(on('patients_clinical_allergies')).toBe(1);
    expect(on('patients_clinical_medications')).toBe(1);
    expect(on('patients_clinical_medical_context')).toBe(1);
    expect(on('patients_clinical_systemic_diseases')).toBe(1);
    expect(on('patients_clinical_surgical_history')).toBe(1);
    // And the references themselves: one clinic check for the 20 patients.
    expect(statements.filter((s) => /from "patients" where "clinic_id"/.test(s) && /"id" in/.test(s))).toHaveLength(1);
  });

  it('exposes agent tools with the same rules and permissions as the API', async () => {
    const id = await newPatient('Agente');
    const call = `mutation($n: String!, $a: JSON!) { callAgentTool(name: $n, args: $a) { status result error approvalId } }`;
    const added = (
      await t.data(
        call,
        {
          n: 'patients_clinical.add_medication',
          a: { patientId: id, name: 'Warfarin', isAnticoagulant: true, inrValue: '2.2', inrDate: daysAgo(0) },
        },
        dentist,
      )
    ).callAgentTool;
    expect(added).toMatchObject({ status: 'SUCCESS', result: { name: 'Warfarin', inrValue: '2.20' } });
    const alerts = (await t.data(call, { n: 'patients_clinical.get_medical_alerts', a: { patientId: id } }, hygienist))
      .callAgentTool;
    expect(alerts).toMatchObject({ status: 'SUCCESS', result: [{ code: 'ANTICOAGULANT', inrValue: '2.20' }] });
    const context = (await t.data(call, { n: 'patients_clinical.get_medical_context', a: { patientId: id } }, dentist))
      .callAgentTool;
    expect(context.result.medications).toMatchObject([{ name: 'Warfarin', isAnticoagulant: true }]);
    const bad = (
      await t.data(call, { n: 'patients_clinical.add_allergy', a: { patientId: id, substance: '' } }, dentist)
    ).callAgentTool;
    expect(bad).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/substance is required/) });
    const blocked = (
      await t.data(call, { n: 'patients_clinical.add_allergy', a: { patientId: id, substance: 'Latex' } }, receptionist)
    ).callAgentTool;
    expect(blocked.status).toBe('BLOCKED');
    const removal = (
      await t.data(
        call,
        {
          n: 'patients_clinical.remove_medical_record',
          a: { section: 'medication', recordId: added.result.id, reason: 'wrong patient' },
        },
        dentist,
      )
    ).callAgentTool;
    expect(removal.status).toBe('PENDING_APPROVAL');
    // Nothing happens until a person approves; then the removal runs once, as a soft delete.
    expect((await t.data(CONTEXT, { id }, dentist)).medicalContext.medications).toHaveLength(1);
    const approved = await t.data(
      `mutation($id: ID!) { approveAgentRequest(id: $id) { status result } }`,
      { id: removal.approvalId },
      admin,
    );
    expect(approved.approveAgentRequest).toMatchObject({
      status: 'SUCCESS',
      result: { id: added.result.id, deletionReason: 'wrong patient' },
    });
    expect((await t.data(CONTEXT, { id }, dentist)).medicalContext.medications).toEqual([]);
    expect(
      await t.platform.db.knex('patients_clinical_medications').where({ id: added.result.id }).first(),
    ).toMatchObject({
      deletion_reason: 'wrong patient',
    });
    const contact = (
      await t.data(
        call,
        { n: 'patients_clinical.set_emergency_contact', a: { patientId: id, name: 'Rosa', phone: '+34 600 000 005' } },
        receptionist,
      )
    ).callAgentTool;
    expect(contact).toMatchObject({ status: 'SUCCESS', result: { name: 'Rosa', phone: '+34 600 000 005' } });
  });

  it('seeds a demo medical history with one of each alert kind, audited like any change', async () => {
    const clinicC = (await t.data(`mutation { createClinic(input: { name: "Clínica Demo" }) { id } }`, {}, admin))
      .createClinic.id;
    const c = { token: admin.token, clinicId: clinicC };
    const ids: string[] = [];
    for (const name of ['Ana', 'Bea', 'Carla', 'Dora', 'Eva'])
      ids.push(
        (await t.data(CREATE_PATIENT, { input: { firstName: name, lastName: `Demo ${name}` } }, c)).createPatient.id,
      );
    const orm = await t.platform.kernel.orm('patients_clinical');
    const demoAdmin: Identity = {
      userId: admin.userId,
      email: 'admin@norte.test',
      clinicId: clinicC,
      role: 'admin',
      isPlatformAdmin: true,
      grants: ['*'],
    };
    await orm.em.fork().transactional((em) =>
      seedDemoMedicalHistory({
        moduleName: 'patients_clinical',
        em,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        clinicId: clinicC,
        users: { admin: admin.userId },
        admin: demoAdmin,
        identity: demoAdmin,
        query: () => Promise.reject(new Error('the medical history demo reads nothing else')),
      }),
    );
    const codes = await Promise.all(
      ids.map(async (id) => (await t.data(ALERTS, { id }, c)).medicalAlerts.map((a: { code: string }) => a.code)),
    );
    expect(codes).toEqual([
      ['SEVERE_ALLERGY'],
      ['ANTICOAGULANT', 'INR_STALE'],
      ['PREGNANCY'],
      ['ANESTHESIA_REACTION'],
      ['CRITICAL_DISEASE'],
    ]);
    expect((await t.data(AUDIT, { id: ids[0] }, c)).medicalHistoryAudit).toHaveLength(2);
  });

  it('refuses even a forced uninstall while medical records exist; nothing is dropped, and installing cancels it', async () => {
    const before = await counts();
    // The kernel backs the tables up before it runs the uninstall hook: keep that dump out of the repository.
    const backups = temporaryBackupDir('clinical');
    onTestFinished(() => backups.remove());
    const scheduled = await t.data(
      `mutation { uninstallModule(name: "patients_clinical", force: true) { scheduled } }`,
      {},
      admin,
    );
    expect(scheduled.uninstallModule.scheduled).toEqual(['patients_clinical']);
    expect((await lifecycle.restart()).processed).toEqual([
      {
        module: 'patients_clinical',
        operation: 'uninstall',
        status: 'failed',
        error: expect.stringMatching(/medical records are retained/),
      },
    ]);
    expect(await counts()).toEqual(before);
    await lifecycle.install('patients_clinical');
    const state = (await t.data(`{ modules { name state } }`, {}, admin)).modules.find(
      (m: { name: string }) => m.name === 'patients_clinical',
    );
    expect(state.state).toBe('installed');
    const anyPatient = await t.platform.db.knex('patients_clinical_allergies').first('patient_id');
    expect((await t.gql(ALERTS, { id: anyPatient.patient_id }, dentist)).errors).toBeUndefined();
  });

  // Last: it rolls the schema back. The lifecycle never does this (the module is not removable), but a
  // schema rollback must work, with data in the tables and their delete triggers in place.
  it('its migration goes down (tables, triggers and function gone) and up again', async () => {
    const knex = t.platform.db.knex;
    const tables = () => lifecycle.tables((n) => n.startsWith('patients_clinical_'));
    expect(await tables()).toEqual([...MEDICAL_TABLES].sort());
    const migrator = (await t.platform.kernel.orm('patients_clinical')).getMigrator();
    await migrator.down({ to: 0 });
    expect(await tables()).toEqual([]);
    expect(
      (await knex.raw(`select count(*)::int as n from pg_proc where proname = 'patients_clinical_refuse_change'`))
        .rows[0].n,
    ).toBe(0);
    await migrator.up();
    expect(await tables()).toEqual([...MEDICAL_TABLES].sort());
    expect(await counts()).toEqual(Object.fromEntries(MEDICAL_TABLES.map((table) => [table, 0])));
  });
});
