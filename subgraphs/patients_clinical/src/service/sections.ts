import {
  Allergy,
  EmergencyContact,
  LegalGuardian,
  Medication,
  SurgicalProcedure,
  SystemicDisease,
  type MedicalSection,
} from '../entities.ts';
import {
  allergyInput,
  emergencyContactInput,
  legalGuardianInput,
  medicationInput,
  surgicalProcedureInput,
  systemicDiseaseInput,
} from '../inputs.ts';
import { allergySeverity } from '../status.ts';

/**
 * The four lists of the medical history: one descriptor each, one code path for all. `subject` is the record in
 * its own words (the audit entry's `subject`); `label` adds, in English, what the audit entry's `summary` says.
 */
export const LIST_SECTIONS = {
  allergy: {
    entity: Allergy,
    create: allergyInput,
    update: allergyInput.partial(),
    noun: 'Allergy',
    fields: ['substance', 'type', 'severity', 'reaction', 'notes'],
    defaults: { type: 'other', severity: 'medium' },
    subject: (r: Record<string, unknown>) => String(r.substance),
    label: (r: Record<string, unknown>) =>
      `${r.substance} (${allergySeverity.toGraphQL(r.severity as Allergy['severity'])})`,
  },
  medication: {
    entity: Medication,
    create: medicationInput,
    update: medicationInput.partial(),
    noun: 'Medication',
    fields: ['name', 'dosage', 'frequency', 'startDate', 'isAnticoagulant', 'inrValue', 'inrDate', 'notes'],
    defaults: { isAnticoagulant: false },
    subject: (r: Record<string, unknown>) => `${r.name}${r.dosage ? ` ${r.dosage}` : ''}`,
    label: (r: Record<string, unknown>) =>
      `${r.name}${r.dosage ? ` ${r.dosage}` : ''}${r.isAnticoagulant ? ` (anticoagulant${r.inrValue ? `, INR ${r.inrValue} on ${r.inrDate}` : ''})` : ''}`,
  },
  systemic_disease: {
    entity: SystemicDisease,
    create: systemicDiseaseInput,
    update: systemicDiseaseInput.partial(),
    noun: 'Systemic disease',
    fields: ['name', 'diagnosisDate', 'isControlled', 'isCritical', 'notes'],
    defaults: { isCritical: false },
    subject: (r: Record<string, unknown>) => String(r.name),
    label: (r: Record<string, unknown>) => `${r.name}${r.isCritical ? ' (critical)' : ''}`,
  },
  surgical_procedure: {
    entity: SurgicalProcedure,
    create: surgicalProcedureInput,
    update: surgicalProcedureInput.partial(),
    noun: 'Surgical procedure',
    fields: ['procedure', 'surgeryDate', 'complications', 'notes'],
    defaults: {},
    subject: (r: Record<string, unknown>) => String(r.procedure),
    label: (r: Record<string, unknown>) => `${r.procedure}${r.surgeryDate ? ` (${r.surgeryDate})` : ''}`,
  },
} as const;
export type ListSection = keyof typeof LIST_SECTIONS;
/** The record each list section stores. */
export interface ListRecord {
  allergy: Allergy;
  medication: Medication;
  systemic_disease: SystemicDisease;
  surgical_procedure: SurgicalProcedure;
}
/** The record of each one-to-one section. */
export interface OneToOneRecord {
  emergency_contact: EmergencyContact;
  legal_guardian: LegalGuardian;
}
export const LIST_SECTION_NAMES = Object.keys(LIST_SECTIONS) as ListSection[];

export const CONTEXT_FIELDS = [
  'isPregnant',
  'pregnancyWeek',
  'isLactating',
  'isSmoker',
  'smokingFrequency',
  'alcoholConsumption',
  'bruxism',
  'anesthesiaAdverseReaction',
  'anesthesiaReactionDetails',
  'notes',
] as const;
const EMERGENCY_CONTACT_FIELDS = ['name', 'relationship', 'phone', 'email', 'isLegalGuardian'];
const LEGAL_GUARDIAN_FIELDS = ['name', 'relationship', 'nationalId', 'phone', 'email', 'address', 'notes'];

/** Which permission reads (and writes, with `.write`) each section: one place for the rule. */
export const SECTION_AREA: Record<MedicalSection, 'medical' | 'emergency'> = {
  medical_context: 'medical',
  allergy: 'medical',
  medication: 'medical',
  systemic_disease: 'medical',
  surgical_procedure: 'medical',
  emergency_contact: 'emergency',
  legal_guardian: 'emergency',
};

export type Row = Record<string, unknown>;
export const pick = (row: Row, fields: readonly string[]): Row =>
  Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
export const changedFields = (before: Row, after: Row) =>
  Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

/** The two one-to-one sections: one descriptor each, one code path for both. */
export const ONE_TO_ONE_SECTIONS = {
  emergency_contact: {
    entity: EmergencyContact,
    input: emergencyContactInput,
    fields: EMERGENCY_CONTACT_FIELDS,
    noun: 'Emergency contact',
    defaults: { isLegalGuardian: false },
  },
  legal_guardian: {
    entity: LegalGuardian,
    input: legalGuardianInput,
    fields: LEGAL_GUARDIAN_FIELDS,
    noun: 'Legal guardian',
    defaults: {},
  },
} as const;
