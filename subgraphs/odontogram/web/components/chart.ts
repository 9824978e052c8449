import type { ToothCondition, ToothSurface } from '@dentalpin/web/gql/types';
import {
  CONDITION_COLORS,
  categoryOf,
  conditionAfter,
  isClinicalType,
  quadrantTeeth,
  type ClinicalCategory,
  type Condition,
} from '../../src/service/teeth.ts';

/** Geometry and colours of the chart, pure, so the SVG component stays a template. */

export const CELL = 44;
export const MIDLINE_GAP = 12;
/** Height of the lateral (buccal) view drawn beyond each row: the crown next to the occlusal view, the root outside. */
export const LATERAL = 46;
const R_IN = 7;
const R_OUT = 17;

export const conditionColor = (c: ToothCondition) => CONDITION_COLORS[c.toLowerCase() as Condition];

const CATEGORY_COLORS: Record<ClinicalCategory, string> = {
  diagnosis: '#EF4444',
  restorative: '#3B82F6',
  surgery: '#10B981',
  endodontics: '#8B5CF6',
  orthodontics: '#64748B',
  general: '#0EA5E9',
};
/** A treatment's colour: the condition it leaves when it has one (filling blue, crown amber…), else its category's. */
export function treatmentColor(clinicalType: string): string {
  if (!isClinicalType(clinicalType)) return CATEGORY_COLORS.general;
  const after = conditionAfter(clinicalType);
  return after ? CONDITION_COLORS[after] : CATEGORY_COLORS[categoryOf(clinicalType)];
}

export interface ChartTooth {
  number: number;
  upper: boolean;
  /** On the screen's left half: the patient's right (quadrants 1, 4, 5, 8). */
  left: boolean;
  x: number;
  y: number;
}

/**
 * The teeth in screen order, row by row: upper 18…11 | 21…28 over lower 48…41 | 31…38 (deciduous
 * 55…51 | 61…65 over 85…81 | 71…75, centred), as the dentist faces the patient.
 */
export function layout(deciduous: boolean): ChartTooth[][] {
  const [ur, ul, ll, lr] = deciduous ? [5, 6, 7, 8] : [1, 2, 3, 4];
  const perSide = deciduous ? 5 : 8;
  const offset = deciduous ? 3 * CELL : 0;
  const row = (rightSide: number, leftSide: number, upper: boolean, y: number): ChartTooth[] => [
    ...quadrantTeeth(rightSide)
      .reverse()
      .map((number, i) => ({ number, upper, left: true, x: offset + i * CELL, y })),
    ...quadrantTeeth(leftSide).map((number, i) => ({
      number,
      upper,
      left: false,
      x: offset + perSide * CELL + MIDLINE_GAP + i * CELL,
      y,
    })),
  ];
  return [row(ur, ul, true, 16 + LATERAL), row(lr, ll, false, 16 + LATERAL + CELL + 24)];
}
export const chartWidth = () => 16 * CELL + MIDLINE_GAP;
export const chartHeight = () => 2 * CELL + 24 + 32 + 2 * LATERAL;

/** The smallest a tooth's cell may be drawn on a narrow screen (CSS px): a finger's tap, per tooth and surface. */
export const MIN_TOOTH_PX = 40;
/**
 * The chart's narrowest drawn width (CSS px): a CELL at MIN_TOOTH_PX. On a screen narrower than this the chart
 * keeps it and scrolls sideways in its own box (OdontogramChart), never the page; wider, it fills its box.
 */
export const chartMinWidth = () => Math.ceil((chartWidth() * MIN_TOOTH_PX) / CELL);

/** Position in its quadrant, 1 (central incisor) … 8 (third molar); deciduous 1…5 (4–5 are molars). */
const positionOf = (tooth: number) => tooth % 10;
const isMolar = (tooth: number) => (Math.floor(tooth / 10) >= 5 ? positionOf(tooth) >= 4 : positionOf(tooth) >= 6);

/**
 * The lateral (buccal) view of a tooth in its own 28×44 box, drawn as an upper right (Q1/Q5) tooth seen from the
 * lips: crown at the bottom, root(s) up, the mesial side on the right (towards the midline). Molars have two roots,
 * premolars a wider crown. Other quadrants mirror it with `lateralTransform`.
 */
export function lateralShape(tooth: number): { crown: string; root: string; pulp: string } {
  const molar = isMolar(tooth);
  const wide = molar ? 12 : positionOf(tooth) >= 4 ? 10 : 8;
  const left = 14 - wide;
  const right = 14 + wide;
  const crown = `M ${left} 26 Q ${left - 1} 40 ${14} 43 Q ${right + 1} 40 ${right} 26 Z`;
  const root = molar
    ? `M ${left} 26 L ${left + 2} 4 Q ${left + 5} 1 ${left + 8} 6 L 14 18 L ${right - 8} 6 Q ${right - 5} 1 ${right - 2} 4 L ${right} 26 Z`
    : `M ${left} 26 Q ${left + 2} 6 14 1 Q ${right - 2} 6 ${right} 26 Z`;
  const pulp = molar ? `M ${left + 5} 24 L ${left + 5} 8 M ${right - 5} 24 L ${right - 5} 8` : `M 14 25 L 14 6`;
  return { crown, root, pulp };
}

/**
 * Where a tooth's lateral view goes and how it is mirrored: upper teeth have it above their occlusal view
 * (root up), lower teeth below (root down); the patient's left (Q2/Q3/Q6/Q7) flips it horizontally so the mesial
 * side always faces the midline, the lower arch flips it vertically.
 */
export function lateralTransform(cell: ChartTooth): string {
  const x = cell.x + (CELL - 28) / 2;
  const sx = cell.left ? 1 : -1;
  const sy = cell.upper ? 1 : -1;
  const tx = sx === 1 ? x : x + 28;
  const ty = cell.upper ? cell.y - LATERAL + 2 : cell.y + CELL + LATERAL - 2;
  return `translate(${tx} ${ty}) scale(${sx} ${sy})`;
}

type Direction = 'top' | 'right' | 'bottom' | 'left' | 'center';
/**
 * Where a surface is drawn: O in the centre, V towards the lips (top for upper teeth), L opposite, M towards
 * the midline and D away from it — so mesial faces the midline in every quadrant (the original got Q1/Q4 wrong).
 */
export function directionOf(surface: ToothSurface, tooth: ChartTooth): Direction {
  if (surface === 'O') return 'center';
  if (surface === 'V') return tooth.upper ? 'top' : 'bottom';
  if (surface === 'L') return tooth.upper ? 'bottom' : 'top';
  const towardsMidline = tooth.left ? 'right' : 'left';
  if (surface === 'M') return towardsMidline;
  return towardsMidline === 'right' ? 'left' : 'right';
}

const ANGLES: Record<Exclude<Direction, 'center'>, [number, number]> = {
  top: [-135, -45],
  right: [-45, 45],
  bottom: [45, 135],
  left: [135, 225],
};
const point = (cx: number, cy: number, r: number, deg: number) => {
  const rad = (deg * Math.PI) / 180;
  return `${(cx + r * Math.cos(rad)).toFixed(2)} ${(cy + r * Math.sin(rad)).toFixed(2)}`;
};
/** The SVG path of one surface's sector of the occlusal circle centred on (cx, cy). */
export function sectorPath(direction: Direction, cx: number, cy: number): string {
  if (direction === 'center')
    return `M ${cx - R_IN} ${cy} a ${R_IN} ${R_IN} 0 1 0 ${2 * R_IN} 0 a ${R_IN} ${R_IN} 0 1 0 ${-2 * R_IN} 0 Z`;
  const [from, to] = ANGLES[direction];
  return [
    `M ${point(cx, cy, R_OUT, from)}`,
    `A ${R_OUT} ${R_OUT} 0 0 1 ${point(cx, cy, R_OUT, to)}`,
    `L ${point(cx, cy, R_IN, to)}`,
    `A ${R_IN} ${R_IN} 0 0 0 ${point(cx, cy, R_IN, from)}`,
    'Z',
  ].join(' ');
}
export const OUTER_RADIUS = R_OUT + 3;
