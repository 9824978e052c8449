import type { ModuleResolvers, RequestContext } from '@dentalpin/core';
import type { Patient } from './entities/patient.ts';
import { PatientService } from './service.ts';

const service = (ctx: RequestContext, permission: 'patients.read' | 'patients.write') =>
  new PatientService(ctx.em, ctx.auth.require(permission).clinicId);

export const resolvers: ModuleResolvers = {
  Query: {
    patients: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      service(ctx, 'patients.read').list(args),
    patient: (_: unknown, args: { id: string }, ctx: RequestContext) => service(ctx, 'patients.read').get(args.id),
  },
  Mutation: {
    createPatient: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      service(ctx, 'patients.write').create(args.input),
    updatePatient: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      service(ctx, 'patients.write').update(args.id, args.input),
    archivePatient: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      service(ctx, 'patients.write').archive(args.id),
  },
  Patient: {
    fullName: (p: Patient) => `${p.firstName} ${p.lastName}`,
    status: (p: Patient) => p.status.toUpperCase(),
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, Patient | null>('patients.byId', (ids) => service(ctx, 'patients.read').getMany(ids))
        .load(ref.id),
  },
};
