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

/**
 * A job's loop over clinics: `step` runs for each clinic as that clinic (`forClinic`, its own EntityManager) and
 * may return a line to log. One clinic failing does not stop the others: it is logged, and once every clinic had
 * its turn the run throws, naming the clinics that failed (the job runner records the failure).
 */
export async function eachClinic(
  ctx: JobContext,
  job: string,
  clinicIds: Iterable<string>,
  step: (clinic: ServiceContext) => Promise<string | void>,
): Promise<void> {
  const failed: string[] = [];
  for (const clinicId of clinicIds) {
    try {
      const done = await step(forClinic(ctx, clinicId, ctx.em.fork()));
      if (done) ctx.logger.info(`${ctx.moduleName}.${job}: clinic ${clinicId}: ${done}`);
    } catch (e) {
      ctx.logger.error(`${ctx.moduleName}.${job}: clinic ${clinicId}: ${(e as Error).message}`);
      failed.push(clinicId);
    }
  }
  if (failed.length) throw new Error(`${ctx.moduleName}.${job} failed for clinic(s) ${failed.join(', ')}`);
}

/** The same caller and supergraph with another EntityManager (the one of a transaction the service opened). */
export const withEm = (ctx: ServiceContext, em: EntityManager): ServiceContext => ({ ...ctx, em });
