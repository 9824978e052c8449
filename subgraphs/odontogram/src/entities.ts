import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { treatmentStatus } from './status.ts';
import { CONDITIONS, SURFACES, type Condition, type Surface } from './service/teeth.ts';

export const TREATMENT_SCOPES = ['tooth', 'multi_tooth', 'global_mouth', 'global_arch'] as const;
export type TreatmentScope = (typeof TREATMENT_SCOPES)[number];
export const ARCHES = ['upper', 'lower'] as const;
export const BRIDGE_ROLES = ['pillar', 'pontic'] as const;
export type BridgeRole = (typeof BRIDGE_ROLES)[number];
export const CHANGE_TYPES = ['created', 'condition', 'surface', 'note'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** The current state of one tooth of one patient; every change is also written to ToothChange. */
export const ToothRecord = defineEntity({
  name: 'ToothRecord',
  tableName: 'odontogram_tooth_records',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    /** FDI number (11–48 permanent, 51–85 deciduous). */
    toothNumber: p.smallint(),
    condition: p.enum([...CONDITIONS]).default('healthy'),
    /** Every surface's condition: { m, d, o, v, l }. */
    surfaces: p.json<Record<Surface, Condition>>(),
    notes: p.text().nullable(),
    ...timestamps(p),
  }),
});
export type ToothRecord = InferEntity<typeof ToothRecord>;

/** One change of a tooth, so the chart can be replayed as of any date. */
export const ToothChange = defineEntity({
  name: 'ToothChange',
  tableName: 'odontogram_tooth_changes',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    toothNumber: p.smallint(),
    changeType: p.enum([...CHANGE_TYPES]),
    /** The surface changed (changeType surface), else null. */
    surface: p.enum([...SURFACES]).nullable(),
    oldCondition: p.enum([...CONDITIONS]).nullable(),
    newCondition: p.enum([...CONDITIONS]).nullable(),
    notes: p.text().nullable(),
    changedBy: p.uuid().nullable(),
    changedAt: p.datetime().columnType('timestamptz'),
  }),
});
export type ToothChange = InferEntity<typeof ToothChange>;

/** A clinical treatment, planned or performed, with the catalog's price, duration and VAT as they were. */
export const Treatment = defineEntity({
  name: 'Treatment',
  tableName: 'odontogram_treatments',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    clinicalType: p.string().length(40),
    scope: p.enum([...TREATMENT_SCOPES]),
    /** Only for GLOBAL_ARCH (a check in the migration holds it). */
    arch: p.enum([...ARCHES]).nullable(),
    catalogItemId: p.uuid().nullable(),
    status: p.enum([...treatmentStatus.values]).default('planned'),
    recordedAt: p.datetime().columnType('timestamptz'),
    recordedBy: p.uuid().nullable(),
    performedAt: p.datetime().columnType('timestamptz').nullable(),
    performedBy: p.uuid().nullable(),
    /** Net price for all its teeth, before VAT (null without a catalog item). */
    price: p.decimal('string').precision(12).scale(2).nullable(),
    durationMinutes: p.integer().nullable(),
    vatRate: p.decimal('string').precision(5).scale(2).nullable(),
    notes: p.text().nullable(),
    /** Soft delete: clinical records are never hard-deleted. */
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    deletedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type Treatment = InferEntity<typeof Treatment>;

/** A tooth a treatment covers, with its bridge role and the surfaces treated on it. */
export const TreatmentTooth = defineEntity({
  name: 'TreatmentTooth',
  tableName: 'odontogram_treatment_teeth',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    treatmentId: p.uuid(),
    toothNumber: p.smallint(),
    role: p.enum([...BRIDGE_ROLES]).nullable(),
    surfaces: p.json<Surface[]>(),
  }),
});
export type TreatmentTooth = InferEntity<typeof TreatmentTooth>;
