import { authorize } from '@dentalpin/core';
import type { PeriodontalExam, PeriodontalSite, PeriodontalTooth } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { PeriodontogramService } from './service/index.ts';
import { attachmentLoss } from './service/indices.ts';
import { examStatus } from './status.ts';

const READ = 'periodontogram.read';
const WRITE = 'periodontogram.write';

/** Thin: one permission check (authorize), then the service. Argument and parent types come from schema.graphql. */
export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    periodontalExam: (_, args, ctx) => new PeriodontogramService(authorize(ctx, READ)).get(args.id),
    periodontalExams: (_, args, ctx) => new PeriodontogramService(authorize(ctx, READ)).forPatient(args.patientId),
    comparePeriodontalExams: (_, args, ctx) =>
      new PeriodontogramService(authorize(ctx, READ)).compare(args.baseId, args.otherId),
  },
  Mutation: {
    startPeriodontalExam: (_, args, ctx) => new PeriodontogramService(authorize(ctx, WRITE)).start(args.patientId),
    recordPeriodontalSites: (_, args, ctx) => new PeriodontogramService(authorize(ctx, WRITE)).record(args),
    closePeriodontalExam: (_, args, ctx) => new PeriodontogramService(authorize(ctx, WRITE)).close(args.id),
  },
  Patient: {
    periodontalExams: (patient, _, ctx) =>
      ctx
        .loader<string, PeriodontalExam[]>('periodontogram.byPatient', (ids) =>
          new PeriodontogramService(authorize(ctx, READ)).forPatients(ids),
        )
        .load(patient.id),
  },
  PeriodontalExam: {
    patient: (exam) => ({ id: exam.patientId }),
    sites: (exam, _, ctx) =>
      ctx
        .loader<string, PeriodontalSite[]>('periodontogram.sites', (ids) =>
          new PeriodontogramService(authorize(ctx, READ)).sitesOf(ids),
        )
        .load(exam.id),
    teeth: (exam, _, ctx) =>
      ctx
        .loader<string, PeriodontalTooth[]>('periodontogram.teeth', (ids) =>
          new PeriodontogramService(authorize(ctx, READ)).teethOf(ids),
        )
        .load(exam.id),
    indices: (exam, _, ctx) => new PeriodontogramService(authorize(ctx, READ)).indices(exam),
    allowedTransitions: (exam) => examStatus.allowedFrom(exam.status).map((s) => examStatus.fromGraphQL(s)),
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, PeriodontalExam | null>('periodontogram.byId', (ids) =>
          new PeriodontogramService(authorize(ctx, READ)).getMany(ids),
        )
        .load(ref.id),
  },
  PeriodontalSite: {
    attachmentLoss: (site) => attachmentLoss(site),
  },
};
