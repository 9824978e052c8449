import { graphqlEnum } from '@dentalpin/core';

/** A patient is ACTIVE or ARCHIVED (archiving is final: archived records cannot be edited). */
export const patientStatus = graphqlEnum(['active', 'archived'], 'a patient status');
export type PatientStatus = (typeof patientStatus.values)[number];
