import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';

export interface SubgraphDescriptor {
  name: string;
  typeDefs: DocumentNode;
  /** Where the gateway reaches it: `in-process:<name>` for local subgraphs, else its HTTP URL. */
  url: string;
}

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the supergraph from subgraph SDL (never by introspecting running services). */
export function composeSupergraph(subgraphs: readonly SubgraphDescriptor[]): CompositionResult {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  if (result.errors?.length) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl! };
}
