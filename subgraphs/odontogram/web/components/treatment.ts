import { SURFACE_TYPES, clinicalTypeOfCatalogCode, type ClinicalType } from '../../src/service/teeth.ts';

/**
 * What the treatment form checks before it sends: the server's own notions (`src/service/teeth.ts`, the module's
 * pure vocabulary, imported, not copied) — which clinical types are drawn and priced per surface (`SURFACE_TYPES`)
 * and which clinical type a catalog item stands for (`clinicalTypeOfCatalogCode`, what `addTreatment` compares the
 * given type with). The server still decides: its refusals come back by field (see OdontogramTab).
 */
export interface TreatmentDraft {
  clinicalType: ClinicalType;
  /** The catalog item chosen, if any (its code says which clinical type it is for). */
  item: { code: string; name: string } | null;
  /** On the selected teeth (not the whole mouth or an arch). */
  onTeeth: boolean;
  surfaces: readonly string[];
}

export type TreatmentProblems = {
  /** A per-surface type on teeth with no surface chosen. */
  surfaces?: { problem: 'required' };
  /** The catalog item is for another clinical type than the one chosen. */
  catalogItemId?: { problem: 'mismatch'; itemType: ClinicalType };
};

export function treatmentProblems(draft: TreatmentDraft): TreatmentProblems {
  const problems: TreatmentProblems = {};
  if (draft.onTeeth && SURFACE_TYPES.has(draft.clinicalType) && !draft.surfaces.length)
    problems.surfaces = { problem: 'required' };
  const itemType = draft.item ? clinicalTypeOfCatalogCode(draft.item.code) : null;
  if (itemType && itemType !== draft.clinicalType) problems.catalogItemId = { problem: 'mismatch', itemType };
  return problems;
}

/** The form's field a server refusal is about, from its path in AddTreatmentInput (`teeth.1.surfaces` → surfaces). */
export function formFieldOf(path: string): 'surfaces' | 'catalogItemId' | 'clinicalType' | 'coverage' | null {
  if (/^teeth\.\d+\.surfaces(\.\d+)?$/.test(path)) return 'surfaces';
  if (path === 'catalogItemId' || path === 'clinicalType') return path;
  if (path === 'scope' || path === 'arch' || path === 'teeth' || /^teeth\.\d+(\.toothNumber)?$/.test(path))
    return 'coverage';
  return null;
}
