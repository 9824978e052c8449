export {
  createGateway,
  describeSubgraph,
  jsonBody,
  jsonErrors,
  securityHeaders,
  MAX_BODY,
  type GatewayOptions,
  type GatewayObserver,
  type Gateway,
  type LocalSubgraph,
  type RemoteSubgraph,
  type SubgraphRequest,
} from './gateway.ts';
export { drainable, type HttpDrain } from './drain.ts';
export {
  composeSupergraph,
  subgraphsHash,
  supergraphHash,
  type SubgraphDescriptor,
  type CompositionResult,
} from './supergraph.ts';
export {
  lookup,
  sharedEvent,
  SUPERGRAPH_CHANGED_CLOSE_CODE,
  TOKEN_EXPIRED_CLOSE_CODE,
  FORBIDDEN_CLOSE_CODE,
  type LookupRef,
  type SharedEvent,
  type SubscriptionField,
  type SubscriptionOptions,
} from './subscriptions.ts';
export { checkDocument, QUERY_TOO_COMPLEX, type QueryLimits, type QueryLimitName } from './limits.ts';
export { RemoteSubgraphSource, SUBGRAPH_UNAVAILABLE, unavailableSubgraphs } from './remote.ts';
