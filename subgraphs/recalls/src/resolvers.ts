import { authorize, type RequestContext } from '@dentalpin/core';
import type { Recall } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { isoDay, monthOf, RecallsService } from './service/index.ts';
import { allowedTransitions } from './status.ts';

/** This month in the clinic's time zone, read once per request. */
const thisMonth = (ctx: RequestContext) =>
  ctx
    .loader<string, string>('recalls.thisMonth', async (keys) => {
      const month = monthOf(await new RecallsService(authorize(ctx, 'recalls.read')).today());
      return keys.map(() => month);
    })
    .load('month');

export const resolvers: Resolvers = {
  ...enumResolvers,
  Query: {
    recalls: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).list(args),
    recall: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).get(args.id),
    recallIntervals: (_, __, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).intervals(),
    recallSettings: (_, __, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).settings(),
    recallSuggestion: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).suggest(args),
    recallDashboard: (_, __, ctx) => new RecallsService(authorize(ctx, 'recalls.read')).dashboard(),
  },
  Mutation: {
    updateRecallSettings: (_, args, ctx) =>
      new RecallsService(authorize(ctx, 'recalls.settings')).updateSettings(args.input),
    createRecall: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.write')).create(args.input),
    logRecallContact: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.write')).logContact(args),
    snoozeRecall: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.write')).snooze(args),
    completeRecall: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.write')).complete(args.id),
    cancelRecall: (_, args, ctx) => new RecallsService(authorize(ctx, 'recalls.write')).cancel(args.id),
  },
  Patient: {
    recalls: (patient, args, ctx) =>
      ctx
        .loader<string, Recall[]>(`recalls.byPatient.${args.includeClosed ? 'all' : 'open'}`, (ids) =>
          new RecallsService(authorize(ctx, 'recalls.read')).forPatients(ids, !!args.includeClosed),
        )
        .load(patient.id),
  },
  Recall: {
    patient: (r) => ({ id: r.patientId }),
    dueMonth: (r) => isoDay(r.dueMonth).slice(0, 7),
    dueDate: (r) => (r.dueDate ? isoDay(r.dueDate) : null),
    overdue: async (r, _, ctx) => RecallsService.isOverdue(r, await thisMonth(ctx)),
    allowedTransitions: (r) => [...allowedTransitions(r.status)],
    contactAttempts: (r, _, ctx) =>
      ctx
        .loader('recalls.attempts', (ids: readonly string[]) =>
          new RecallsService(authorize(ctx, 'recalls.read')).attemptsOf(ids),
        )
        .load(r.id),
    __resolveReference: (ref, ctx) =>
      ctx
        .loader<string, Recall | null>('recalls.byId', (ids) =>
          new RecallsService(authorize(ctx, 'recalls.read')).getMany(ids),
        )
        .load(ref.id),
  },
};
