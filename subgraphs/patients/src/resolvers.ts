import { authorize, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { Patient } from './entities.ts';
import { PatientService } from './service.ts';
import { patientStatus } from './status.ts';

export const resolvers: ModuleResolvers = {
  Query: {
    patients: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
      new PatientService(authorize(ctx, 'patients.read')).list(args),
    patient: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      new PatientService(authorize(ctx, 'patients.read')).get(args.id),
  },
  Mutation: {
    createPatient: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
      new PatientService(authorize(ctx, 'patients.write')).create(args.input),
    updatePatient: (_: unknown, args: { id: string; input: unknown }, ctx: RequestContext) =>
      new PatientService(authorize(ctx, 'patients.write')).update(args.id, args.input),
    archivePatient: (_: unknown, args: { id: string }, ctx: RequestContext) =>
      new PatientService(authorize(ctx, 'patients.write')).archive(args.id),
  },
  // GraphQL's ACTIVE/ARCHIVED are the stored active/archived: resolvers never convert case.
  PatientStatus: patientStatus.resolvers,
  Patient: {
    fullName: (p: Patient) => `${p.firstName} ${p.lastName}`,
    __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
      ctx
        .loader<string, Patient | null>('patients.byId', (ids) =>
          new PatientService(authorize(ctx, 'patients.read')).getMany(ids),
        )
        .load(ref.id),
  },
};
