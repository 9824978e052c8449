import type { DocumentNode } from 'graphql';
import {
  AddAllergyMutation,
  AddMedicationMutation,
  AddSurgicalProcedureMutation,
  AddSystemicDiseaseMutation,
  RemoveAllergyMutation,
  RemoveMedicationMutation,
  RemoveSurgicalProcedureMutation,
  RemoveSystemicDiseaseMutation,
  UpdateAllergyMutation,
  UpdateMedicationMutation,
  UpdateSurgicalProcedureMutation,
  UpdateSystemicDiseaseMutation,
} from '../operations.ts';

export type FieldKind = 'text' | 'textarea' | 'date' | 'checkbox' | 'select' | 'decimal' | 'integer';

export interface FieldSpec {
  /** The record's and the input's field name (errors from the server are keyed by it too). */
  key: string;
  kind: FieldKind;
  required?: boolean;
  /** select: the GraphQL enum values, translated under `patients_clinical.enums.<key>.<VALUE>`. */
  options?: readonly string[];
  /** select: the value a new record starts with. */
  initial?: string;
  /** Shown only while this checkbox is ticked (the INR of an anticoagulant). */
  onlyWith?: string;
}

/** One list section of the medical history: its fields and its add/update/remove mutations. */
export interface SectionSpec {
  /** The MedicalContext list field, and the i18n key under `patients_clinical.sections`. */
  list: 'allergies' | 'medications' | 'systemicDiseases' | 'surgicalHistory';
  /** The field that names a record (its heading). */
  nameField: string;
  fields: readonly FieldSpec[];
  add: DocumentNode;
  update: DocumentNode;
  remove: DocumentNode;
}

const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** The four list sections, in the order a clinician reads them (what can kill first). */
export const SECTIONS: readonly SectionSpec[] = [
  {
    list: 'allergies',
    nameField: 'substance',
    fields: [
      { key: 'substance', kind: 'text', required: true },
      {
        key: 'type',
        kind: 'select',
        options: ['MEDICATION', 'LATEX', 'FOOD', 'ENVIRONMENTAL', 'OTHER'],
        initial: 'OTHER',
      },
      { key: 'severity', kind: 'select', options: SEVERITIES, initial: 'MEDIUM' },
      { key: 'reaction', kind: 'text' },
      { key: 'notes', kind: 'textarea' },
    ],
    add: AddAllergyMutation,
    update: UpdateAllergyMutation,
    remove: RemoveAllergyMutation,
  },
  {
    list: 'medications',
    nameField: 'name',
    fields: [
      { key: 'name', kind: 'text', required: true },
      { key: 'dosage', kind: 'text' },
      { key: 'frequency', kind: 'text' },
      { key: 'startDate', kind: 'date' },
      { key: 'isAnticoagulant', kind: 'checkbox' },
      { key: 'inrValue', kind: 'decimal', onlyWith: 'isAnticoagulant' },
      { key: 'inrDate', kind: 'date', onlyWith: 'isAnticoagulant' },
      { key: 'notes', kind: 'textarea' },
    ],
    add: AddMedicationMutation,
    update: UpdateMedicationMutation,
    remove: RemoveMedicationMutation,
  },
  {
    list: 'systemicDiseases',
    nameField: 'name',
    fields: [
      { key: 'name', kind: 'text', required: true },
      { key: 'diagnosisDate', kind: 'date' },
      { key: 'isControlled', kind: 'checkbox' },
      { key: 'isCritical', kind: 'checkbox' },
      { key: 'notes', kind: 'textarea' },
    ],
    add: AddSystemicDiseaseMutation,
    update: UpdateSystemicDiseaseMutation,
    remove: RemoveSystemicDiseaseMutation,
  },
  {
    list: 'surgicalHistory',
    nameField: 'procedure',
    fields: [
      { key: 'procedure', kind: 'text', required: true },
      { key: 'surgeryDate', kind: 'date' },
      { key: 'complications', kind: 'text' },
      { key: 'notes', kind: 'textarea' },
    ],
    add: AddSurgicalProcedureMutation,
    update: UpdateSurgicalProcedureMutation,
    remove: RemoveSurgicalProcedureMutation,
  },
];

export type FormValues = Record<string, string | boolean>;
/** A record as the history query returns it: its id and the section's fields. */
export type HistoryRecord = { id: string } & Record<string, unknown>;

/** The form's starting values: the record's, or empty (select fields at their default). */
export function formValues(fields: readonly FieldSpec[], record?: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    fields.map((f) => {
      const v = record?.[f.key];
      if (f.kind === 'checkbox') return [f.key, v === true];
      return [f.key, v == null ? (record ? '' : (f.initial ?? '')) : String(v)];
    }),
  );
}

/**
 * The mutation input: trimmed text, empty text as null (clears it on update), and the fields a ticked
 * box governs dropped when it is not ticked.
 */
export function toInput(
  fields: readonly FieldSpec[],
  values: FormValues,
): Record<string, string | number | boolean | null> {
  const input: Record<string, string | number | boolean | null> = {};
  for (const f of fields) {
    if (f.onlyWith && values[f.onlyWith] !== true) continue;
    const v = values[f.key];
    if (typeof v === 'boolean') input[f.key] = v;
    else if (f.kind === 'integer') input[f.key] = v.trim() ? Number(v) : null;
    else input[f.key] = v.trim() || null;
  }
  return input;
}

/** The medical context (pregnancy, habits, anaesthesia) edited as one form through updateMedicalContext. */
export const CONTEXT_FIELDS: readonly FieldSpec[] = [
  { key: 'isPregnant', kind: 'checkbox' },
  { key: 'pregnancyWeek', kind: 'integer', onlyWith: 'isPregnant' },
  { key: 'isLactating', kind: 'checkbox' },
  { key: 'isSmoker', kind: 'checkbox' },
  { key: 'smokingFrequency', kind: 'text', onlyWith: 'isSmoker' },
  { key: 'alcoholConsumption', kind: 'text' },
  { key: 'bruxism', kind: 'checkbox' },
  { key: 'anesthesiaAdverseReaction', kind: 'checkbox' },
  { key: 'anesthesiaReactionDetails', kind: 'text', onlyWith: 'anesthesiaAdverseReaction' },
  { key: 'notes', kind: 'textarea' },
];
