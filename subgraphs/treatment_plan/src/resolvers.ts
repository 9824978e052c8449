import { authorize } from '@dentalpin/core';
import type { PlanItem, PlanSession, TreatmentPlan } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { TreatmentPlanService } from './service/index.ts';
import { allowedTransitions } from './status.ts';

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    treatmentPlans: (_, args, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).list(args),
    treatmentPlan: (_, args, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).get(args.id),
  },
  Mutation: {
    createTreatmentPlan: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.write')).create(args.input),
    addPlanItem: (_, args, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.write')).addItem(args),
    confirmTreatmentPlan: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.confirm')).confirm(args.id),
    closeTreatmentPlan: (_, args, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.close')).close(args),
    reactivateTreatmentPlan: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.reactivate')).reactivate(args.id),
    completePlanItem: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.complete')).completeItem(args.id),
    setPlanItemSessions: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.write')).setSessions(args),
    linkPlanSessionAppointment: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.write')).linkSession(args),
    completePlanSession: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.complete')).completeSession(args.id),
    archiveTreatmentPlan: (_, args, ctx) =>
      new TreatmentPlanService(authorize(ctx, 'treatment_plan.close')).archive(args.id),
  },
  Patient: {
    treatmentPlans: (patient, _, ctx) =>
      ctx
        .loader<string, TreatmentPlan[]>('treatment_plan.byPatient', (ids) =>
          new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).forPatients(ids),
        )
        .load(patient.id),
  },
  TreatmentPlan: {
    patient: (p) => ({ id: p.patientId }),
    budget: (p) => (p.budgetId ? { id: p.budgetId } : null),
    allowedTransitions: (p) => [...allowedTransitions(p.status)],
    editable: (p, _, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).isEditable(p),
    bookable: (p, _, ctx) => new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).isBookable(p),
    items: (p, _, ctx) =>
      ctx
        .loader<string, PlanItem[]>('treatment_plan.items', (ids) =>
          new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).itemsOf(ids),
        )
        .load(p.id),
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, TreatmentPlan | null>('treatment_plan.byId', (ids) =>
          new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).getMany(ids),
        )
        .load(ref.id),
  },
  PlanItem: {
    treatment: (i) => ({ id: i.treatmentId }),
    sessions: (i, _, ctx) =>
      ctx
        .loader<string, PlanSession[]>('treatment_plan.sessions', (ids) =>
          new TreatmentPlanService(authorize(ctx, 'treatment_plan.read')).sessionsOf(ids),
        )
        .load(i.id),
  },
};
