import { authorize } from '@dentalpin/core';
import type { Patient } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { PatientService } from './service.ts';

export const resolvers: Resolvers = {
  // GraphQL's ACTIVE/ARCHIVED are the stored active/archived: resolvers never convert case.
  ...enumResolvers,
  Query: {
    patients: (_, args, ctx) => new PatientService(authorize(ctx, 'patients.read')).list(args),
    patient: (_, args, ctx) => new PatientService(authorize(ctx, 'patients.read')).get(args.id),
  },
  Mutation: {
    createPatient: (_, args, ctx) => new PatientService(authorize(ctx, 'patients.write')).create(args.input),
    updatePatient: (_, args, ctx) => new PatientService(authorize(ctx, 'patients.write')).update(args.id, args.input),
    archivePatient: (_, args, ctx) => new PatientService(authorize(ctx, 'patients.write')).archive(args.id),
  },
  Patient: {
    fullName: (p) => `${p.firstName} ${p.lastName}`,
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, Patient | null>('patients.byId', (ids) =>
          new PatientService(authorize(ctx, 'patients.read')).getMany(ids),
        )
        .load(ref.id),
  },
};
