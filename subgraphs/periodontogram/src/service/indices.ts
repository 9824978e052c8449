/** The measures of one site that the indices read. */
export interface SiteMeasures {
  probingDepth?: number | null;
  recession?: number | null;
  bleeding: boolean;
  plaque: boolean;
}

/** An exam's indices, as frozen in `periodontogram_exams.indices` and shown by GraphQL. */
export interface Indices {
  sitesExamined: number;
  bleedingPercent: number;
  plaquePercent: number;
  meanProbingDepth: number;
  meanAttachmentLoss: number;
  pocketsOver5mm: number;
}

/** A pocket this deep or deeper counts in `pocketsOver5mm`. */
export const DEEP_POCKET_MM = 5;

/** numerator / denominator rounded half-up to 2 decimals, in integer arithmetic (no float drift). */
const ratio2 = (numerator: number, denominator: number): number =>
  denominator === 0 ? 0 : Math.floor((200 * numerator + denominator) / (2 * denominator)) / 100;

export const attachmentLoss = (s: Pick<SiteMeasures, 'probingDepth' | 'recession'>): number | null =>
  s.probingDepth == null || s.recession == null ? null : s.probingDepth + s.recession;

/**
 * Percentages are of the sites recorded; each mean is over the sites where its measure was recorded (the
 * original divided by every site, so an unmeasured site pulled the mean down, and computed no mean depth).
 */
export function computeIndices(sites: readonly SiteMeasures[]): Indices {
  const depths = sites.flatMap((s) => (s.probingDepth == null ? [] : [s.probingDepth]));
  const losses = sites.flatMap((s) => {
    const cal = attachmentLoss(s);
    return cal == null ? [] : [cal];
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    sitesExamined: sites.length,
    bleedingPercent: ratio2(100 * sites.filter((s) => s.bleeding).length, sites.length),
    plaquePercent: ratio2(100 * sites.filter((s) => s.plaque).length, sites.length),
    meanProbingDepth: ratio2(sum(depths), depths.length),
    meanAttachmentLoss: ratio2(sum(losses), losses.length),
    pocketsOver5mm: depths.filter((d) => d >= DEEP_POCKET_MM).length,
  };
}
