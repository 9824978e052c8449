import { defineEntity, type InferEntity, uuidPrimaryKey } from '@dentalpin/core';
import { timelineCategory } from './status.ts';

export const TimelineEntry = defineEntity({
  name: 'TimelineEntry',
  tableName: 'patient_timeline',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    clinicId: p.uuid(),
    patientId: p.uuid(),
    /** The domain event this entry came from: at-least-once delivery writes it once. */
    eventId: p.uuid().unique(),
    eventType: p.string().length(100),
    category: p.enum([...timelineCategory.values]),
    sourceId: p.uuid().nullable(),
    title: p.string().length(200),
    description: p.text().nullable(),
    /** The event fields the entry shows (never the whole payload). */
    eventData: p.json<Record<string, unknown>>(),
    /** The permission guarding the event at its source: without it a reader sees only that it happened. */
    detailPermission: p.string().length(150),
    occurredAt: p.datetime().columnType('timestamptz'),
    createdBy: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  }),
});
export type TimelineEntry = InferEntity<typeof TimelineEntry>;
