import type { DemoContext } from '@dentalpin/core';
import { PatientRelationshipsService } from './service.ts';
import type { RelationshipType } from './status.ts';

/** A small family among the demo patients: a parent with a child, and two siblings. */
const LINKS: [patient: number, related: number, type: RelationshipType, notes: string | null][] = [
  [1, 0, 'parent', 'Pays for the treatment'],
  [1, 2, 'sibling', null],
];

export async function seedDemoRelationships(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query<{ patients: { items: { id: string }[] } }>(
    `query { patients(pageSize: 3) { items { id } } }`,
  );
  if (patients.items.length < 3) return;
  const service = new PatientRelationshipsService(ctx);
  for (const [p, r, type, notes] of LINKS)
    await service.add({ patientId: patients.items[p]!.id, relatedPatientId: patients.items[r]!.id, type, notes });
}
