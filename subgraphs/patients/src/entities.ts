import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { patientStatus } from './status.ts';

export const Patient = defineEntity({
  name: 'Patient',
  tableName: 'patients',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    phone: p.string().length(20).nullable(),
    email: p.string().length(255).nullable(),
    dateOfBirth: p.date().nullable(),
    notes: p.text().nullable(),
    status: p.enum([...patientStatus.values]).default('active'),
    doNotContact: p.boolean().default(false),
    ...timestamps(p),
  }),
});
export type Patient = InferEntity<typeof Patient>;
