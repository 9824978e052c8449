import { authorize, pageSizeArgument, type RequestContext } from '@dentalpin/core';
import type { TimelineEntry } from './entities.ts';
import { enumResolvers, type Resolvers } from './generated/graphql.ts';
import { parseCategory, shownEntry, TimelineService } from './service.ts';

const show = (ctx: RequestContext) => (entry: TimelineEntry) => shownEntry(entry, (p) => ctx.auth.can(p));

export const resolvers: Resolvers = {
  // GraphQL's VISIT… are the stored visit…: resolvers never convert case.
  ...enumResolvers,
  Query: {
    patientTimeline: async (_, args, ctx) => {
      const page = await new TimelineService(authorize(ctx, 'patient_timeline.read')).page(args);
      return { ...page, entries: page.entries.map(show(ctx)) };
    },
  },
  Patient: {
    __resolveReference: (ref) => ref,
    timeline: async (p, args, ctx) => {
      const category = parseCategory(args.category);
      const first = pageSizeArgument('first', args.first, 20, 100);
      const entries = await ctx
        .loader<string, TimelineEntry[]>(`patient_timeline.latest:${category}:${first}`, (ids) =>
          new TimelineService(authorize(ctx, 'patient_timeline.read')).latestFor(ids, category, first),
        )
        .load(p.id);
      return entries.map(show(ctx));
    },
  },
};
