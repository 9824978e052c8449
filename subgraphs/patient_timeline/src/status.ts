import { graphqlEnum } from '@dentalpin/core';

/** What a timeline entry is about; GraphQL's TimelineCategory (VISIT, …) over the stored `visit`, …. */
export const timelineCategory = graphqlEnum(
  ['visit', 'treatment', 'financial', 'communication', 'medical', 'document', 'note'],
  'a timeline category',
);
export type Category = (typeof timelineCategory.values)[number];
