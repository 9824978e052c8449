import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { composeServices } from '@apollo/composition';
import { print, type DocumentNode } from 'graphql';

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

// Another version of the composition library may compose the same subgraphs differently.
const compositionVersion = (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string })
  .version;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Subgraph runtimes keep their parsed SDL, so each document is printed once per process. */
const printed = new WeakMap<DocumentNode, string>();
const sdlOf = (typeDefs: DocumentNode) => {
  let sdl = printed.get(typeDefs);
  if (sdl === undefined) printed.set(typeDefs, (sdl = print(typeDefs)));
  return sdl;
};

/**
 * Everything a composed supergraph depends on, as one SHA-256: each subgraph's name, URL and SDL (in name
 * order, so the order they are listed in does not matter) and the composition library's version. Equal
 * hashes compose to the same supergraph.
 */
export function subgraphsHash(subgraphs: readonly SubgraphDescriptor[]): string {
  const parts = [...subgraphs]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => [s.name, s.url, sdlOf(s.typeDefs)]);
  return sha256(JSON.stringify([compositionVersion, parts]));
}

/** The SHA-256 of a supergraph's SDL, stored beside it to check a copy before it is served. */
export const supergraphHash = (supergraphSdl: string): string => sha256(supergraphSdl);
