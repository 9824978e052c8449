import { authorize, pageSizeArgument, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { TimelineEntry } from './entities.ts';
import { parseCategory, shownEntry, TimelineService } from './service.ts';
import { timelineCategory } from './status.ts';

const show = (ctx: RequestContext) => (entry: TimelineEntry) => shownEntry(entry, (p) => ctx.auth.can(p));

export const resolvers: ModuleResolvers = {
  Query: {
    patientTimeline: async (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => {
      const page = await new TimelineService(authorize(ctx, 'patient_timeline.read')).page(args);
      return { ...page, entries: page.entries.map(show(ctx)) };
    },
  },
  // GraphQL's VISIT… are the stored visit…: resolvers never convert case.
  TimelineCategory: timelineCategory.resolvers,
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    timeline: async (p: { id: string }, args: { category?: string | null; first: number }, ctx: RequestContext) => {
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
