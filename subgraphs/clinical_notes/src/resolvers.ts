import { authorize, WallClockDateTime } from '@dentalpin/core';
import type { ClinicalNote } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { ClinicalNoteService, NoteTemplateService } from './service.ts';

const READ = 'clinical_notes.notes.read';

/** A patient as this subgraph knows it: the id (patients resolves the rest). */
export interface PatientReference {
  __typename?: 'Patient';
  id: string;
}

export const resolvers: Resolvers = {
  // GraphQL's PATIENT… are the stored patient…: resolvers never convert case.
  ...enumResolvers,
  DateTime: WallClockDateTime,
  Query: {
    clinicalNotes: (_, args, ctx) => new ClinicalNoteService(authorize(ctx, READ)).list(args),
    noteTemplates: (_, __, ctx) => new NoteTemplateService(authorize(ctx, READ)).list(),
  },
  Mutation: {
    createClinicalNote: (_, args, ctx) =>
      new ClinicalNoteService(authorize(ctx, 'clinical_notes.notes.write')).create(args.input),
    deleteClinicalNote: (_, args, ctx) =>
      new ClinicalNoteService(authorize(ctx, 'clinical_notes.notes.write')).delete(args.id),
    createNoteTemplate: (_, args, ctx) =>
      new NoteTemplateService(authorize(ctx, 'clinical_notes.templates.write')).create(args.input),
    updateNoteTemplate: (_, args, ctx) =>
      new NoteTemplateService(authorize(ctx, 'clinical_notes.templates.write')).update(args.id, args.input),
    deleteNoteTemplate: (_, args, ctx) =>
      new NoteTemplateService(authorize(ctx, 'clinical_notes.templates.write')).delete(args.id),
  },
  ClinicalNote: {
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, ClinicalNote | null>('clinical_notes.byId', (ids) =>
          new ClinicalNoteService(authorize(ctx, READ)).getMany(ids),
        )
        .load(ref.id),
    patient: (n) => ({ __typename: 'Patient', id: n.patientId }),
    author: (n) => ({ __typename: 'User', id: n.authorId }),
    canDelete: (n, _, ctx) => new ClinicalNoteService(authorize(ctx, READ)).mayDelete(n),
  },
  Patient: {
    __resolveReference: (ref): PatientReference => ({ id: ref.id }),
    clinicalNotes: (p, _, ctx) =>
      ctx
        .loader<string, ClinicalNote[]>('clinical_notes.byPatient', (ids) =>
          new ClinicalNoteService(authorize(ctx, READ)).forPatients(ids),
        )
        .load(p.id),
  },
};
