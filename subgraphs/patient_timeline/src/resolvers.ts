import { pageSizeArgument, type ModuleResolvers, type RequestContext } from '@dentalpin/core';
import type { TimelineEntry } from './entities/timeline-entry.ts';
import { parseCategory, TimelineService } from './service.ts';

const service = (ctx: RequestContext) =>
  new TimelineService(ctx.em, ctx.auth.require('patient_timeline.read').clinicId);

export const resolvers: ModuleResolvers = {
  Query: {
    patientTimeline: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) => service(ctx).page(args),
  },
  Patient: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    timeline: (p: { id: string }, args: { category?: string | null; first: number }, ctx: RequestContext) => {
      const category = parseCategory(args.category);
      const first = pageSizeArgument('first', args.first, 20, 100);
      return ctx
        .loader<string, TimelineEntry[]>(`patient_timeline.latest:${category}:${first}`, (ids) =>
          service(ctx).latestFor(ids, category, first),
        )
        .load(p.id);
    },
  },
  TimelineEntry: {
    type: (e: TimelineEntry) => e.eventType,
    category: (e: TimelineEntry) => e.category.toUpperCase(),
    data: (e: TimelineEntry) => e.eventData,
  },
};
