import { defineEntity, type InferEntity, timestamps, uuidPrimaryKey } from '@dentalpin/core';
import { examStatus, siteCode } from './status.ts';
import type { Indices } from './service/indices.ts';

/**
 * One periodontal exam of a patient. The database allows one DRAFT per patient (partial unique index);
 * a CLOSED exam keeps the indices computed when it was closed and is never edited or deleted.
 */
export const PeriodontalExam = defineEntity({
  name: 'PeriodontalExam',
  tableName: 'periodontogram_exams',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    status: p.enum([...examStatus.values]).default('draft'),
    startedBy: p.uuid(),
    closedAt: p.datetime().columnType('timestamptz').nullable(),
    closedBy: p.uuid().nullable(),
    indices: p.json<Indices>().nullable(),
    ...timestamps(p),
  }),
});
export type PeriodontalExam = InferEntity<typeof PeriodontalExam>;

/** Per-tooth findings of an exam (mobility 0–3, furcation 0–3). */
export const PeriodontalTooth = defineEntity({
  name: 'PeriodontalTooth',
  tableName: 'periodontogram_teeth',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    examId: p.uuid(),
    toothNumber: p.smallint(),
    mobility: p.smallint().nullable(),
    furcation: p.smallint().nullable(),
  }),
});
export type PeriodontalTooth = InferEntity<typeof PeriodontalTooth>;

/** One of the six sites of a tooth in an exam; millimetres, recession negative for an overgrown margin. */
export const PeriodontalSite = defineEntity({
  name: 'PeriodontalSite',
  tableName: 'periodontogram_sites',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    examId: p.uuid(),
    toothNumber: p.smallint(),
    site: p.enum([...siteCode.values]),
    probingDepth: p.smallint().nullable(),
    recession: p.smallint().nullable(),
    bleeding: p.boolean().default(false),
    plaque: p.boolean().default(false),
    suppuration: p.boolean().default(false),
  }),
});
export type PeriodontalSite = InferEntity<typeof PeriodontalSite>;

export const ENTITIES = [PeriodontalExam, PeriodontalTooth, PeriodontalSite];
