import { graphqlEnum } from '@dentalpin/core';

/**
 * What the related patient is to the patient. One row holds a pair; read from the other side the label is
 * the inverse (parent ↔ child, guardian ↔ ward, grandparent ↔ grandchild; the others are symmetric).
 */
export const relationshipType = graphqlEnum(
  ['parent', 'child', 'guardian', 'ward', 'grandparent', 'grandchild', 'spouse', 'sibling', 'other'] as const,
  'a relationship type (PARENT, CHILD, GUARDIAN, WARD, GRANDPARENT, GRANDCHILD, SPOUSE, SIBLING or OTHER)',
);
export type RelationshipType = (typeof relationshipType.values)[number];

const INVERSE: Record<RelationshipType, RelationshipType> = {
  parent: 'child',
  child: 'parent',
  guardian: 'ward',
  ward: 'guardian',
  grandparent: 'grandchild',
  grandchild: 'grandparent',
  spouse: 'spouse',
  sibling: 'sibling',
  other: 'other',
};

/** The label of the same link seen from the related patient's side. */
export const inverseOf = (type: RelationshipType): RelationshipType => INVERSE[type];
