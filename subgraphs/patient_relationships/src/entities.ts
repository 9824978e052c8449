import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { relationshipType } from './status.ts';

/**
 * One family link between two patients of a clinic, stored once: `relatedPatientId` is `type` to `patientId`
 * (the inverse is derived on read). Never deleted: removing a link stamps `removedAt`.
 */
export const PatientLink = defineEntity({
  name: 'PatientLink',
  tableName: 'patient_relationships',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    relatedPatientId: p.uuid(),
    type: p.enum([...relationshipType.values]),
    notes: p.text().nullable(),
    createdBy: p.uuid().nullable(),
    removedAt: p.datetime().columnType('timestamptz').nullable(),
    removedBy: p.uuid().nullable(),
    ...timestamps(p),
  }),
});
export type PatientLink = InferEntity<typeof PatientLink>;

export const ENTITIES = [PatientLink];
