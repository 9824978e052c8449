import { defineEntity, type InferEntity, uuidPrimaryKey } from '@dentalpin/core';
import { allergySeverity, allergyType, auditAction, medicalSection } from './status.ts';

/*
 * Medical records of a patient. Rows are never deleted (database triggers refuse DELETE and
 * TRUNCATE): removing a record sets deletedAt/deletedBy/deletionReason, and every change is copied
 * into the append-only MedicalAuditEntry table.
 */

/** The property builders defineEntity hands to `properties`. */
type Builders = typeof defineEntity.properties;

const timestamp = (p: Builders) =>
  p
    .datetime()
    .columnType('timestamptz')
    .onCreate(() => new Date());

/** Who created, changed and (soft-)removed a record. */
const authorship = (p: Builders) => ({
  createdAt: timestamp(p),
  createdBy: p.uuid(),
  updatedAt: timestamp(p).onUpdate(() => new Date()),
  updatedBy: p.uuid(),
  deletedAt: p.datetime().columnType('timestamptz').nullable(),
  deletedBy: p.uuid().nullable(),
  deletionReason: p.text().nullable(),
});

const listRecord = (p: Builders) => ({
  id: uuidPrimaryKey(p),
  clinicId: p.uuid(),
  patientId: p.uuid(),
});

/** One row per patient: pregnancy, habits, anaesthesia reactions. */
export const MedicalContext = defineEntity({
  name: 'MedicalContext',
  tableName: 'patients_clinical_medical_context',
  properties: (p) => ({
    patientId: p.uuid().primary(),
    clinicId: p.uuid(),
    isPregnant: p.boolean().default(false),
    pregnancyWeek: p.smallint().nullable(),
    isLactating: p.boolean().default(false),
    isSmoker: p.boolean().default(false),
    smokingFrequency: p.string().length(100).nullable(),
    alcoholConsumption: p.string().length(100).nullable(),
    bruxism: p.boolean().default(false),
    anesthesiaAdverseReaction: p.boolean().default(false),
    anesthesiaReactionDetails: p.text().nullable(),
    notes: p.text().nullable(),
    createdAt: timestamp(p),
    createdBy: p.uuid(),
    updatedAt: timestamp(p).onUpdate(() => new Date()),
    updatedBy: p.uuid(),
  }),
});
export type MedicalContext = InferEntity<typeof MedicalContext>;

export const Allergy = defineEntity({
  name: 'Allergy',
  tableName: 'patients_clinical_allergies',
  properties: (p) => ({
    ...listRecord(p),
    substance: p.string().length(200),
    type: p.enum([...allergyType.values]),
    severity: p.enum([...allergySeverity.values]),
    reaction: p.text().nullable(),
    notes: p.text().nullable(),
    ...authorship(p),
  }),
});
export type Allergy = InferEntity<typeof Allergy>;

export const Medication = defineEntity({
  name: 'Medication',
  tableName: 'patients_clinical_medications',
  properties: (p) => ({
    ...listRecord(p),
    name: p.string().length(200),
    dosage: p.string().length(100).nullable(),
    frequency: p.string().length(100).nullable(),
    startDate: p.date().nullable(),
    isAnticoagulant: p.boolean().default(false),
    inrValue: p.decimal('string').precision(4).scale(2).nullable(),
    inrDate: p.date().nullable(),
    notes: p.text().nullable(),
    ...authorship(p),
  }),
});
export type Medication = InferEntity<typeof Medication>;

export const SystemicDisease = defineEntity({
  name: 'SystemicDisease',
  tableName: 'patients_clinical_systemic_diseases',
  properties: (p) => ({
    ...listRecord(p),
    name: p.string().length(200),
    diagnosisDate: p.date().nullable(),
    isControlled: p.boolean().nullable(),
    isCritical: p.boolean().default(false),
    notes: p.text().nullable(),
    ...authorship(p),
  }),
});
export type SystemicDisease = InferEntity<typeof SystemicDisease>;

export const SurgicalProcedure = defineEntity({
  name: 'SurgicalProcedure',
  tableName: 'patients_clinical_surgical_history',
  properties: (p) => ({
    ...listRecord(p),
    procedure: p.string().length(200),
    surgeryDate: p.date().nullable(),
    complications: p.text().nullable(),
    notes: p.text().nullable(),
    ...authorship(p),
  }),
});
export type SurgicalProcedure = InferEntity<typeof SurgicalProcedure>;

/** One row per patient; clearing it is a soft delete too. */
export const EmergencyContact = defineEntity({
  name: 'EmergencyContact',
  tableName: 'patients_clinical_emergency_contacts',
  properties: (p) => ({
    patientId: p.uuid().primary(),
    clinicId: p.uuid(),
    name: p.string().length(200),
    relationship: p.string().length(100).nullable(),
    phone: p.string().length(20),
    email: p.string().length(255).nullable(),
    isLegalGuardian: p.boolean().default(false),
    ...authorship(p),
  }),
});
export type EmergencyContact = InferEntity<typeof EmergencyContact>;

export const LegalGuardian = defineEntity({
  name: 'LegalGuardian',
  tableName: 'patients_clinical_legal_guardians',
  properties: (p) => ({
    patientId: p.uuid().primary(),
    clinicId: p.uuid(),
    name: p.string().length(200),
    relationship: p.string().length(100),
    nationalId: p.string().length(50).nullable(),
    phone: p.string().length(20).nullable(),
    email: p.string().length(255).nullable(),
    address: p.text().nullable(),
    notes: p.text().nullable(),
    ...authorship(p),
  }),
});
export type LegalGuardian = InferEntity<typeof LegalGuardian>;

/** Append-only: one row per create, update or removal of any record above. */
export const MedicalAuditEntry = defineEntity({
  name: 'MedicalAuditEntry',
  tableName: 'patients_clinical_audit',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    section: p.enum([...medicalSection.values]),
    recordId: p.uuid(),
    action: p.enum([...auditAction.values]),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    reason: p.text().nullable(),
    /** In English, for API clients and agents; clients word the entry from the fields below. */
    summary: p.text(),
    /** The record's own words (allergen, medication and dosage, disease, procedure, person); null for the context. */
    subject: p.text().nullable(),
    /** Allergies: the severity (after the change; on removal, as it was). */
    subjectSeverity: p.enum([...allergySeverity.values]).nullable(),
    /**
     * The fields the change set, by their API names: those that changed on an update, those recorded on the
     * medical context's first recording, none otherwise. Null on rows written before these columns existed.
     */
    changedFields: p.json<string[]>().nullable(),
    changedBy: p.uuid(),
    changedAt: timestamp(p),
  }),
});
export type MedicalAuditEntry = InferEntity<typeof MedicalAuditEntry>;

export type MedicalSection = MedicalAuditEntry['section'];
