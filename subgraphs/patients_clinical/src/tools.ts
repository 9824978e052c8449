import { z } from 'zod';
import { defineTool, enumNames, type Tool } from '@dentalpin/core';
import {
  allergyInput,
  emergencyContactInput,
  legalGuardianInput,
  medicalContextInput,
  medicationInput,
  patientId,
  recordId,
  removalReason,
  surgicalProcedureInput,
  systemicDiseaseInput,
} from './inputs.ts';
import { MedicalHistoryService, type ListSection, type MedicalContextView } from './service/index.ts';
import { allergySeverity, allergyType } from './status.ts';

/** Agents name allergy types and severities as the API does (MEDICATION, HIGH); the service stores them lowercase. */
const types = enumNames(allergyType.resolvers);
const severities = enumNames(allergySeverity.resolvers);
const allergyParameters = allergyInput.extend({
  type: z.enum(types.names).transform(types.stored).optional(),
  severity: z.enum(severities.names).transform(severities.stored).optional(),
});

/** How a record looks to an agent: the GraphQL shape (enums in capitals), without bookkeeping columns. */
const view = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => !['clinicId', 'createdBy', 'updatedBy', 'deletedBy'].includes(k))
      .map(([k, v]) => [
        k,
        k === 'type' && typeof v === 'string'
          ? types.name(v as (typeof allergyType.values)[number])
          : k === 'severity' && typeof v === 'string'
            ? severities.name(v as (typeof allergySeverity.values)[number])
            : v,
      ]),
  );
const contextView = (c: MedicalContextView) => ({
  ...c,
  allergies: c.allergies.map(view),
  medications: c.medications.map(view),
  systemicDiseases: c.systemicDiseases.map(view),
  surgicalHistory: c.surgicalHistory.map(view),
});

const patientParam = patientId.describe('The patient id (a UUID, from patients.search_patients).');

const getMedicalContext = defineTool({
  name: 'get_medical_context',
  description:
    "Get a patient's medical history in the current clinic: pregnancy/breastfeeding, smoking, alcohol, bruxism, " +
    'adverse reactions to anaesthesia, and the active allergies, medications (anticoagulants with their INR), ' +
    'systemic diseases and surgical history. Removed records are not listed. NOT_FOUND for an unknown patient. Read-only.',
  parameters: z.strictObject({ patientId: patientParam }),
  permissions: ['patients_clinical.medical.read'],
  category: 'READ',
  async handler(ctx, params) {
    return contextView(await new MedicalHistoryService(ctx).context(params.patientId));
  },
});

const getMedicalAlerts = defineTool({
  name: 'get_medical_alerts',
  description:
    'Get the medical alerts to read before treating a patient of the current clinic, most severe first: ' +
    'SEVERE_ALLERGY, PREGNANCY, LACTATION, ANTICOAGULANT (with inrValue and inrDate), INR_STALE (INR missing or ' +
    'older than 3 days), ANESTHESIA_REACTION, CRITICAL_DISEASE. Each is { code, severity, message, recordId }; without ' +
    'medical.read the message is generic and recordId and the INR are null. Read-only.',
  parameters: z.strictObject({ patientId: patientParam }),
  permissions: ['patients_clinical.alerts.read'],
  category: 'READ',
  async handler(ctx, params) {
    return new MedicalHistoryService(ctx).alerts(params.patientId);
  },
});

const updateMedicalContext = defineTool({
  name: 'update_medical_context',
  description:
    "Change some fields of a patient's medical context (pregnancy and week, breastfeeding, smoking, alcohol, " +
    'bruxism, anaesthesia adverse reaction and details, notes); fields left out keep their value. Every change is ' +
    'kept in the audit trail. Returns the whole medical context.',
  parameters: z.strictObject({ patientId: patientParam, ...medicalContextInput.shape }),
  permissions: ['patients_clinical.medical.write'],
  category: 'WRITE',
  graphqlMutations: ['updateMedicalContext'],
  async handler(ctx, params) {
    const { patientId: id, ...changes } = params;
    return contextView(await new MedicalHistoryService(ctx).updateContext(id, changes));
  },
});

/** One add and one update tool per list section, from the service's own input schemas. */
const LISTS: { section: ListSection; type: string; what: string; input: z.ZodObject }[] = [
  {
    section: 'allergy',
    type: 'Allergy',
    what: 'an allergy (substance, type MEDICATION|LATEX|FOOD|ENVIRONMENTAL|OTHER, severity LOW|MEDIUM|HIGH|CRITICAL — HIGH and CRITICAL raise an alert — reaction, notes)',
    input: allergyParameters,
  },
  {
    section: 'medication',
    type: 'Medication',
    what: 'a current medication (name, dosage, frequency, startDate; for anticoagulants isAnticoagulant true and the last INR as inrValue "2.5" with its inrDate YYYY-MM-DD)',
    input: medicationInput,
  },
  {
    section: 'systemic_disease',
    type: 'SystemicDisease',
    what: 'a systemic disease (name, diagnosisDate, isControlled, isCritical — critical ones raise an alert — notes)',
    input: systemicDiseaseInput,
  },
  {
    section: 'surgical_procedure',
    type: 'SurgicalProcedure',
    what: 'a past surgical procedure (procedure, surgeryDate, complications, notes)',
    input: surgicalProcedureInput,
  },
];

const listTools = LISTS.flatMap(({ section, type, what, input }) => [
  defineTool({
    name: `add_${section}`,
    description: `Record ${what} in the medical history of a patient of the current clinic. Returns the new record with its id.`,
    parameters: z.strictObject({ patientId: patientParam, ...input.shape }),
    permissions: ['patients_clinical.medical.write'],
    category: 'WRITE',
    graphqlMutations: [`add${type}`],
    async handler(ctx, params) {
      const { patientId: id, ...fields } = params as { patientId: string };
      return view(await new MedicalHistoryService(ctx).addRecord(section, id, fields));
    },
  }),
  defineTool({
    name: `update_${section}`,
    description: `Correct ${what.replace(/^an? /, 'the fields of an existing ')}; fields left out keep their value. Removed records cannot be changed (CONFLICT). Returns the record.`,
    parameters: z.strictObject({ recordId: recordId.describe(`The ${type} id.`), ...input.partial().shape }),
    permissions: ['patients_clinical.medical.write'],
    category: 'WRITE',
    graphqlMutations: [`update${type}`],
    async handler(ctx, params) {
      const { recordId: id, ...fields } = params as { recordId: string };
      return view(await new MedicalHistoryService(ctx).updateRecord(section, id, fields));
    },
  }),
]);

const removeMedicalRecord = defineTool({
  name: 'remove_medical_record',
  description:
    'Remove an allergy, medication, systemic disease or surgical procedure from the active medical history, with the ' +
    'reason. The record is kept (soft delete) and the removal is audited; it always needs a human approval.',
  parameters: z.strictObject({
    section: z.enum(['allergy', 'medication', 'systemic_disease', 'surgical_procedure']).describe('Which list.'),
    recordId: recordId.describe('The record id.'),
    reason: removalReason.describe('Why it is removed, e.g. "entered for the wrong patient".'),
  }),
  permissions: ['patients_clinical.medical.write'],
  category: 'DESTRUCTIVE',
  graphqlMutations: ['removeAllergy', 'removeMedication', 'removeSystemicDisease', 'removeSurgicalProcedure'],
  async handler(ctx, params) {
    return view(await new MedicalHistoryService(ctx).removeRecord(params.section, params.recordId, params.reason));
  },
});

const setEmergencyContact = defineTool({
  name: 'set_emergency_contact',
  description:
    'Set or replace the emergency contact of a patient of the current clinic (name, phone, relationship, email, ' +
    'isLegalGuardian). The previous contact is kept in the audit trail. Returns the contact.',
  parameters: z.strictObject({ patientId: patientParam, ...emergencyContactInput.shape }),
  permissions: ['patients_clinical.emergency.write'],
  category: 'WRITE',
  graphqlMutations: ['setEmergencyContact'],
  async handler(ctx, params) {
    const { patientId: id, ...fields } = params;
    return view(await new MedicalHistoryService(ctx).setEmergencyContact(id, fields));
  },
});

const setLegalGuardian = defineTool({
  name: 'set_legal_guardian',
  description:
    'Set or replace the legal guardian of a patient of the current clinic (name, relationship, nationalId, phone, ' +
    'email, address, notes). The previous guardian is kept in the audit trail. Returns the guardian.',
  parameters: z.strictObject({ patientId: patientParam, ...legalGuardianInput.shape }),
  permissions: ['patients_clinical.emergency.write'],
  category: 'WRITE',
  graphqlMutations: ['setLegalGuardian'],
  async handler(ctx, params) {
    const { patientId: id, ...fields } = params;
    return view(await new MedicalHistoryService(ctx).setLegalGuardian(id, fields));
  },
});

export const tools: Tool[] = [
  getMedicalContext,
  getMedicalAlerts,
  updateMedicalContext,
  ...listTools,
  removeMedicalRecord,
  setEmergencyContact,
  setLegalGuardian,
] as Tool[];

export const toolExemptions = {
  clearEmergencyContact:
    'Leaving a patient without anyone to call in an emergency is a decision a person takes at the desk, with a reason.',
  clearLegalGuardian:
    'Removing who may consent for a patient (a minor, a dependent adult) is a legal decision a person takes, not an agent.',
};
