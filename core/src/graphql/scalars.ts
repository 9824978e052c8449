import { DateTimeResolver, JSONResolver, LocalDateResolver } from 'graphql-scalars';

/** Scalars shared by every subgraph (composition merges identical scalar names). */
export const scalarResolvers = { DateTime: DateTimeResolver, Date: LocalDateResolver, JSON: JSONResolver };
