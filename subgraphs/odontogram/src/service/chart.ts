import type { ToothChange, ToothRecord, Treatment } from '../entities.ts';
import { SURFACES, type Condition, type Surface } from './teeth.ts';

/** A tooth as the chart shows it: a stored record, or one replayed from the history as of a date. */
export type ToothState = Pick<ToothRecord, 'toothNumber' | 'condition' | 'surfaces' | 'notes' | 'updatedAt'>;

/** One chart: a patient's, now (`at` null) or as of the end of day `at` (YYYY-MM-DD). */
export interface OdontogramRef {
  patientId: string;
  at: string | null;
  /** The end of day `at` in the clinic's time zone (exclusive). */
  cutoff: Date | null;
}

export const healthySurfaces = (): Record<Surface, Condition> =>
  Object.fromEntries(SURFACES.map((s) => [s, 'healthy'])) as Record<Surface, Condition>;

/** Replays a patient's tooth changes (oldest first, all before the cutoff) into each tooth's state then. */
export function replayTeeth(changes: readonly ToothChange[]): ToothState[] {
  const teeth = new Map<number, ToothState>();
  for (const change of changes) {
    const tooth = teeth.get(change.toothNumber) ?? {
      toothNumber: change.toothNumber,
      condition: 'healthy' as Condition,
      surfaces: healthySurfaces(),
      notes: null,
      updatedAt: change.changedAt,
    };
    if (change.changeType === 'condition' && change.newCondition) tooth.condition = change.newCondition;
    if (change.changeType === 'surface' && change.surface && change.newCondition)
      tooth.surfaces = { ...tooth.surfaces, [change.surface]: change.newCondition };
    if (change.changeType === 'note') tooth.notes = change.notes ?? null;
    tooth.updatedAt = change.changedAt;
    teeth.set(change.toothNumber, tooth);
  }
  return [...teeth.values()].sort((a, b) => a.toothNumber - b.toothNumber);
}

/**
 * A treatment as it stood at the cutoff: recorded before it and not yet deleted then (the caller filters),
 * PERFORMED only if it had been performed by then — the original showed today's status on old charts.
 */
export function treatmentAsOf(treatment: Treatment, cutoff: Date): Treatment {
  const performed = treatment.performedAt != null && treatment.performedAt < cutoff;
  return performed ? treatment : { ...treatment, status: 'planned', performedAt: null, performedBy: null };
}

/** A patient as this subgraph knows one: its id (the patients module owns the rest). */
export interface PatientRef {
  id: string;
}
