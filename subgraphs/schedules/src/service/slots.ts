import type { AvailabilityRange } from './availability.ts';

/** A free window long enough for the appointment: book [start, end); the professional is free until `freeUntil`. */
export interface TimeSlotView {
  start: Date;
  end: Date;
  freeUntil: Date;
  professionalId: string;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * The first `limit` contiguous free windows of at least `durationMinutes`: the OPEN ranges minus the busy
 * intervals, each offered from its start (rounded up to 5 minutes).
 */
export function freeSlots(args: {
  open: readonly AvailabilityRange[];
  busy: readonly { start: Date; end: Date }[];
  durationMinutes: number;
  limit: number;
  professionalId: string;
}): TimeSlotView[] {
  const duration = args.durationMinutes * 60_000;
  const busy = [...args.busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  const slots: TimeSlotView[] = [];
  for (const range of args.open) {
    if (range.state !== 'open') continue;
    let cursor = range.start.getTime();
    const windowEnds = [
      ...busy.filter((b) => b.end.getTime() > cursor && b.start < range.end),
      { start: range.end, end: range.end },
    ];
    for (const b of windowEnds) {
      const start = Math.ceil(cursor / FIVE_MINUTES) * FIVE_MINUTES;
      const windowEnd = Math.min(b.start.getTime(), range.end.getTime());
      if (windowEnd - start >= duration) {
        slots.push({
          start: new Date(start),
          end: new Date(start + duration),
          freeUntil: new Date(windowEnd),
          professionalId: args.professionalId,
        });
        if (slots.length >= args.limit) return slots;
      }
      cursor = Math.max(cursor, b.end.getTime());
    }
  }
  return slots;
}
