import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobContext, RequestContext, ServiceContext } from './contract.ts';
import { systemIdentity } from '../graphql/supergraph-client.ts';
import { enterClinicStep } from '../db/tenancy.ts';

export type { ServiceContext } from './contract.ts';

/**
 * The resolver's caller as a ServiceContext, once they hold `permission` (namespaced, `patients.read`);
 * UNAUTHENTICATED or FORBIDDEN otherwise. The one permission check of a resolver.
 */
export function authorize(ctx: RequestContext, permission: string): ServiceContext {
  return { em: ctx.em, identity: ctx.auth.require(permission), query: ctx.query };
}

/**
 * A job's work for one clinic as a ServiceContext: the clinic's system identity (every permission of
 * that clinic, no other clinic), reading through the supergraph as it. Pass `em` when inside a transaction.
 * From here on, in this async flow, the job's statements run bound to that clinic (row-level security,
 * docs/security.md); steps for several clinics may run one after the other or in parallel.
 */
export function forClinic(ctx: JobContext, clinicId: string, em: EntityManager = ctx.em): ServiceContext {
  enterClinicStep(clinicId);
  return {
    em,
    identity: systemIdentity(clinicId, ctx.moduleName),
    query: ctx.queryFor(clinicId),
  };
}

/** The same caller and supergraph with another EntityManager (the one of a transaction the service opened). */
export const withEm = (ctx: ServiceContext, em: EntityManager): ServiceContext => ({ ...ctx, em });
