// Hive Gateway in front of DentalPin subgraph processes (docs/deploy.md, "Any federation router"):
//   hive-gateway supergraph supergraph.graphql -c deploy/hive/gateway.config.mjs
// A subgraph checks the caller itself from the two headers a client sends the DentalPin gateway, so a
// router forwards exactly those (and the request id, for the logs); it needs no DentalPin secret.
const FORWARDED = ['authorization', 'x-clinic-id', 'x-request-id'];

export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) =>
      Object.fromEntries(
        FORWARDED.flatMap((name) => (request.headers.get(name) ? [[name, request.headers.get(name)]] : [])),
      ),
  },
};
