import { graphqlEnum } from '@dentalpin/core';

/** Why stock moved: GraphQL's StockMovementReason (PURCHASE, …) over the stored `purchase`, …. */
export const movementReason = graphqlEnum(
  ['purchase', 'consumption', 'adjustment', 'waste'],
  'a stock movement reason',
);
export type MovementReason = (typeof movementReason.values)[number];
