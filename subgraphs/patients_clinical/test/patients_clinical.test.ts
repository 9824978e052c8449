import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';
import { MedicalHistoryService } from '../src/service.ts';
import { INR_STALE_AFTER_DAYS } from '../src/alerts.ts';

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

const MEDICAL_TABLES = [
  'patients_clinical_medical_context',
  'patients_clinical_allergies',
  'patients_clinical_medications',
  'patients_clinical_systemic_diseases',
  'patients_clinical_surgical_history',
  'patients_clinical_emergency_contacts',
  'patients_clinical_legal_guardians',
  'patients_clinical_audit',
];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('patients_clinical module', () => {
  let t: TestPlatform;
  let admin: Caller & { clinicId: string; userId: string };
  let dentist: Caller & { userId: string };
  let hygienist: Caller;
  let assistant: Caller;
  let receptionist: Caller;
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
      await t.data(ADD_ALLERGY, { p: id, input: { substance: ' Penicillin ', severity: 'HIGH', type: 'MEDICATION', reaction: 'hives' } }, dentist)
    ).addAllergy;
    expect(allergy).toMatchObject({ substance: 'Penicillin', type: 'MEDICATION', severity: 'HIGH', createdBy: dentist.userId });
    const defaults = (await t.data(ADD_ALLERGY, { p: id, input: { substance: 'Pollen' } }, dentist)).addAllergy;
    expect(defaults).toMatchObject({ type: 'OTHER', severity: 'MEDIUM' });
    const med = (
      await t.data(ADD_MEDICATION, { p: id, input: { name: 'Acenocoumarol', isAnticoagulant: true, inrValue: '2.5', inrDate: daysAgo(1) } }, dentist)
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

    // No longer pregnant: the week is cleared with it.
    const after = (await t.data(CONTEXT_UPDATE, { p: id, input: { isPregnant: false } }, dentist)).updateMedicalContext;
    expect(after).toMatchObject({ isPregnant: false, pregnancyWeek: null });
  });

  it('refuses bad input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
    const id = await newPatient('Marta');
    const before = await counts();
    const bad = await t.gql(ADD_ALLERGY, { p: id, input: { substance: '  ' } }, dentist);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'substance is required' });
    const inr = await t.gql(ADD_MEDICATION, { p: id, input: { name: 'Ibuprofen', inrValue: '2.1', inrDate: daysAgo(1) } }, dentist);
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
    const half = await t.gql(ADD_MEDICATION, { p: id, input: { name: 'Warfarin', isAnticoagulant: true, inrValue: '2.1' } }, dentist);
    expect(half.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/go together/) });
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
    expect(phone.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'phone is not a phone number' });
    const unknown = await t.gql(ADD_ALLERGY, { p: '00000000-0000-4000-8000-000000000000', input: { substance: 'Latex' } }, dentist);
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
});
