import { authorize, uuidArg } from '@dentalpin/core';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { PatientRelationshipsService, type RelationshipView } from './service.ts';

const READ = 'patient_relationships.read';
const WRITE = 'patient_relationships.write';

/** Thin: one permission check (authorize), then the service. */
export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    patientRelationships: (_, args, ctx) =>
      new PatientRelationshipsService(authorize(ctx, READ)).forPatient(
        uuidArg('patientId', args.patientId, 'patient id'),
      ),
  },
  Mutation: {
    addPatientRelationship: (_, args, ctx) => new PatientRelationshipsService(authorize(ctx, WRITE)).add(args.input),
    updatePatientRelationship: (_, args, ctx) =>
      new PatientRelationshipsService(authorize(ctx, WRITE)).update({ id: args.id, ...args.input }),
    removePatientRelationship: (_, args, ctx) =>
      new PatientRelationshipsService(authorize(ctx, WRITE)).remove({ id: args.id }),
  },
  Patient: {
    relationships: (patient, _, ctx) =>
      ctx
        .loader<string, RelationshipView[]>('patient_relationships.byPatient', (ids) =>
          new PatientRelationshipsService(authorize(ctx, READ)).forPatients(ids),
        )
        .load(patient.id),
  },
  PatientRelationship: {
    patient: (r) => ({ id: r.patientId }),
    relatedPatient: (r) => ({ id: r.relatedPatientId }),
  },
};
