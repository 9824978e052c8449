export {
  createGateway,
  type GatewayOptions,
  type Gateway,
  type LocalSubgraph,
  type RemoteSubgraph,
  type SubgraphRequest,
} from './gateway.ts';
export { composeSupergraph, type SubgraphDescriptor, type CompositionResult } from './supergraph.ts';
