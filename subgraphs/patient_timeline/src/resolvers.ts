import { pageSizeArgument, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { TimelineEntry } from './entities/timeline-entry.ts';
import { parseCategory, shownEntry, TimelineService } from './service.ts';

const service = (ctx: RequestContext) =>
  new TimelineService(ctx.em, ctx.auth.require('patient_timeline.read').clinicId);
const show = (ctx: RequestContext) => (entry: TimelineEntry) => shownEntry(entry, (p) => ctx.auth.can(p));

export const resolvers: ModuleResolvers = {
  Query: {
    patientTimeline: async (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => {
      const page = await service(ctx).page(args);
      return { ...page, entries: page.entries.map(show(ctx)) };
    },
  },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    timeline: async (p: { id: string }, args: { category?: string | null; first: number }, ctx: RequestContext) => {
      const category = parseCategory(args.category);
      const first = pageSizeArgument('first', args.first, 20, 100);
      const entries = await ctx
        .loader<string, TimelineEntry[]>(`patient_timeline.latest:${category}:${first}`, (ids) =>
          service(ctx).latestFor(ids, category, first),
        )
        .load(p.id);
      return entries.map(show(ctx));
    },
  },
};
