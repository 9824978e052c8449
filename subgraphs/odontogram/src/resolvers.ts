import { authorize, type RequestContext } from '@dentalpin/core';
import type { Treatment, TreatmentTooth } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { OdontogramService, type OdontogramRef } from './service/index.ts';
import { treatmentStatus, type TreatmentStatus } from './status.ts';
import { SURFACES, categoryOf, isDeciduous, type ClinicalType } from './service/teeth.ts';

/** Per request, one query for the current teeth (or treatments) of every patient asked for. */
const currentTeeth = (patientId: string, ctx: RequestContext) =>
  ctx
    .loader('odontogram.teeth', (ids: readonly string[]) =>
      new OdontogramService(authorize(ctx, 'odontogram.read')).teethOf(ids),
    )
    .load(patientId);
const currentTreatments = (patientId: string, ctx: RequestContext) =>
  ctx
    .loader('odontogram.treatments', (ids: readonly string[]) =>
      new OdontogramService(authorize(ctx, 'odontogram.treatments.read')).treatmentsOf(ids),
    )
    .load(patientId);
const treatmentTeeth = (treatmentId: string, ctx: RequestContext) =>
  ctx
    .loader<string, TreatmentTooth[]>('odontogram.treatmentTeeth', (ids) =>
      new OdontogramService(authorize(ctx, 'odontogram.treatments.read')).teethOfTreatments(ids),
    )
    .load(treatmentId);
const user = (id: string | null | undefined) => (id ? { __typename: 'User' as const, id } : null);

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    odontogram: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.read')).chart(args.patientId, args.at),
    toothHistory: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.read')).toothHistory(args.patientId, args.toothNumber),
    odontogramDays: (_, args, ctx) => new OdontogramService(authorize(ctx, 'odontogram.read')).days(args.patientId),
    treatment: (_, args, ctx) => new OdontogramService(authorize(ctx, 'odontogram.treatments.read')).get(args.id),
  },
  Mutation: {
    setToothCondition: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.write')).setToothCondition(args),
    addTreatment: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.treatments.write')).addTreatment(args.input),
    performTreatment: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.treatments.write')).perform(args.id),
    deleteTreatment: (_, args, ctx) =>
      new OdontogramService(authorize(ctx, 'odontogram.treatments.write')).delete(args.id),
  },
  Patient: {
    // The patient was resolved (and scoped to the clinic) by the patients subgraph; the chart loads lazily.
    odontogram: (patient, _, ctx) => {
      authorize(ctx, 'odontogram.read');
      return { patientId: patient.id, at: null, cutoff: null };
    },
  },
  Odontogram: {
    teeth: (chart: OdontogramRef, _, ctx) =>
      chart.cutoff
        ? new OdontogramService(authorize(ctx, 'odontogram.read')).teethAt(chart.patientId, chart.cutoff)
        : currentTeeth(chart.patientId, ctx),
    treatments: async (chart: OdontogramRef, args, ctx) => {
      const all = chart.cutoff
        ? await new OdontogramService(authorize(ctx, 'odontogram.treatments.read')).treatmentsAt(
            chart.patientId,
            chart.cutoff,
          )
        : await currentTreatments(chart.patientId, ctx);
      return args.status?.length ? all.filter((t) => args.status!.includes(t.status)) : all;
    },
  },
  ToothRecord: {
    surfaces: (tooth) => SURFACES.map((surface) => ({ surface, condition: tooth.surfaces[surface] ?? 'healthy' })),
    deciduous: (tooth) => isDeciduous(tooth.toothNumber),
  },
  ToothChange: {
    changedBy: (change) => user(change.changedBy),
  },
  Treatment: {
    patient: (t: Treatment) => ({ __typename: 'Patient', id: t.patientId }),
    // Deleted treatments move nowhere.
    allowedTransitions: (t: Treatment) =>
      t.deletedAt ? [] : [...treatmentStatus.transitions[t.status as TreatmentStatus]],
    category: (t: Treatment) => categoryOf(t.clinicalType as ClinicalType) ?? 'general',
    teeth: (t: Treatment, _, ctx) => treatmentTeeth(t.id, ctx),
    catalogItem: (t: Treatment) => (t.catalogItemId ? { __typename: 'CatalogItem', id: t.catalogItemId } : null),
    recordedBy: (t: Treatment) => user(t.recordedBy),
    performedBy: (t: Treatment) => user(t.performedBy),
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, Treatment | null>('odontogram.treatmentsById', (ids) =>
          new OdontogramService(authorize(ctx, 'odontogram.treatments.read')).getMany(ids),
        )
        .load(ref.id),
  },
};
