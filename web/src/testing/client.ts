/**
 * The host's client pieces for layer tests that run without a DOM (`@vitest-environment node`), e.g. a
 * live subscription against a graphql-ws server: `@dentalpin/web/testing` itself mounts components and
 * needs one.
 */
export { createApolloClient } from '../shell/apollo.ts';
export { createSession } from '../shell/session.ts';
export * from './fetch.ts';
