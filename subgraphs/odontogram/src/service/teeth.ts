/**
 * The dental vocabulary of the chart, pure (no database, no core): FDI tooth numbers, surfaces,
 * conditions and clinical treatment types. The web layer draws from the same lists.
 */

/** FDI quadrants in chart order: upper right, upper left, lower left, lower right (permanent 1–4, deciduous 5–8). */
export const PERMANENT_QUADRANTS = [1, 2, 3, 4] as const;
export const DECIDUOUS_QUADRANTS = [5, 6, 7, 8] as const;

/** Whether `n` is one of the 52 FDI numbers: 11–18, 21–28, 31–38, 41–48, 51–55, 61–65, 71–75, 81–85. */
export function isFdiTooth(n: number): boolean {
  if (!Number.isInteger(n)) return false;
  const quadrant = Math.floor(n / 10);
  const position = n % 10;
  if (quadrant >= 1 && quadrant <= 4) return position >= 1 && position <= 8;
  if (quadrant >= 5 && quadrant <= 8) return position >= 1 && position <= 5;
  return false;
}

/** The teeth of one quadrant from the midline outwards (11, 12 … 18). */
export const quadrantTeeth = (quadrant: number): number[] =>
  Array.from({ length: quadrant <= 4 ? 8 : 5 }, (_, i) => quadrant * 10 + i + 1);

export const ALL_TEETH: readonly number[] = [...PERMANENT_QUADRANTS, ...DECIDUOUS_QUADRANTS].flatMap(quadrantTeeth);

export type Arch = 'upper' | 'lower';
/** Upper arch: quadrants 1, 2, 5, 6. */
export const archOf = (tooth: number): Arch => ([1, 2, 5, 6].includes(Math.floor(tooth / 10)) ? 'upper' : 'lower');
export const isDeciduous = (tooth: number): boolean => Math.floor(tooth / 10) >= 5;

export const SURFACES = ['m', 'd', 'o', 'v', 'l'] as const;
export type Surface = (typeof SURFACES)[number];

export const CONDITIONS = [
  'healthy',
  'caries',
  'filling',
  'crown',
  'missing',
  'root_canal',
  'implant',
  'extraction_indicated',
  'sealant',
  'fracture',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** One colour per condition, shared by the chart and its legend. */
export const CONDITION_COLORS: Record<Condition, string> = {
  healthy: '#FFFFFF',
  caries: '#EF4444',
  filling: '#3B82F6',
  crown: '#F59E0B',
  missing: '#9CA3AF',
  root_canal: '#8B5CF6',
  implant: '#10B981',
  extraction_indicated: '#DC2626',
  sealant: '#06B6D4',
  fracture: '#BE185D',
};

/** Clinical treatment types by category (the original's list); `other` is a global treatment from an unmapped catalog item. */
export const CLINICAL_TYPES = {
  diagnosis: [
    'pulpitis',
    'caries',
    'incipient_caries',
    'pigmentation',
    'fracture',
    'missing',
    'periapical_small',
    'periapical_medium',
    'periapical_large',
    'rotated',
    'displaced',
    'unerupted',
  ],
  restorative: [
    'filling_composite',
    'filling_amalgam',
    'filling_temporary',
    'sealant',
    'veneer',
    'inlay',
    'overlay',
    'crown',
    'crown_on_implant',
    'provisional_crown_on_implant',
    'bridge',
    'splint',
  ],
  surgery: ['extraction', 'implant', 'apicoectomy'],
  endodontics: ['root_canal_full', 'root_canal_two_thirds', 'root_canal_half', 'post', 'root_canal_overfill'],
  orthodontics: ['bracket', 'tube', 'band', 'attachment', 'retainer'],
  general: ['cleaning', 'whitening', 'other'],
} as const satisfies Record<string, readonly string[]>;
export type ClinicalCategory = keyof typeof CLINICAL_TYPES;
export type ClinicalType = (typeof CLINICAL_TYPES)[ClinicalCategory][number];
export const ALL_CLINICAL_TYPES: readonly ClinicalType[] = Object.values(CLINICAL_TYPES).flat();

/** Types drawn and priced per surface; every other type covers the whole tooth (or mouth). */
export const SURFACE_TYPES: ReadonlySet<ClinicalType> = new Set<ClinicalType>([
  'caries',
  'incipient_caries',
  'pigmentation',
  'filling_composite',
  'filling_amalgam',
  'filling_temporary',
  'sealant',
  'veneer',
  'inlay',
]);
/** One treatment spanning several teeth at once (never split per tooth). */
export const ATOMIC_MULTI_TOOTH_TYPES: ReadonlySet<ClinicalType> = new Set<ClinicalType>(['bridge', 'splint']);
/** Types that only make sense for the whole mouth or an arch. */
export const GLOBAL_TYPES: ReadonlySet<ClinicalType> = new Set<ClinicalType>(['cleaning', 'whitening', 'other']);

export const isClinicalType = (value: string): value is ClinicalType =>
  (ALL_CLINICAL_TYPES as readonly string[]).includes(value);

export const categoryOf = (type: ClinicalType): ClinicalCategory =>
  (Object.keys(CLINICAL_TYPES) as ClinicalCategory[]).find((c) =>
    (CLINICAL_TYPES[c] as readonly string[]).includes(type),
  )!;

/**
 * The clinical type a catalog item stands for, from its code (the catalog keeps no odontogram mapping):
 * the first rule whose prefix the code starts with. Null when nothing fits.
 */
const CATALOG_CODE_TYPES: readonly [prefix: string, type: ClinicalType][] = [
  ['filling_amalgam', 'filling_amalgam'],
  ['filling_temporary', 'filling_temporary'],
  ['filling', 'filling_composite'],
  ['sealant', 'sealant'],
  ['veneer', 'veneer'],
  ['inlay', 'inlay'],
  ['overlay', 'overlay'],
  ['crown_on_implant', 'crown_on_implant'],
  ['crown', 'crown'],
  ['bridge', 'bridge'],
  ['splint', 'splint'],
  ['extraction', 'extraction'],
  ['implant', 'implant'],
  ['apicoectomy', 'apicoectomy'],
  ['root_canal', 'root_canal_full'],
  ['post', 'post'],
  ['cleaning', 'cleaning'],
  ['whitening', 'whitening'],
  ['bracket', 'bracket'],
  ['retainer', 'retainer'],
];
export function clinicalTypeOfCatalogCode(code: string): ClinicalType | null {
  const lower = code.toLowerCase();
  return CATALOG_CODE_TYPES.find(([prefix]) => lower.startsWith(prefix))?.[1] ?? null;
}

/** The condition a performed treatment leaves on the tooth, for the chart's colours. */
export function conditionAfter(type: ClinicalType): Condition | null {
  if (type.startsWith('filling') || type === 'inlay' || type === 'overlay') return 'filling';
  if (type.startsWith('root_canal') || type === 'post') return 'root_canal';
  if (type === 'crown' || type === 'crown_on_implant' || type === 'provisional_crown_on_implant') return 'crown';
  if (type === 'caries' || type === 'incipient_caries') return 'caries';
  if (type === 'extraction' || type === 'missing') return 'missing';
  if (type === 'implant') return 'implant';
  if (type === 'sealant') return 'sealant';
  if (type === 'fracture') return 'fracture';
  return null;
}
