/**
 * The figures of the test week used by both the aggregation unit test and the end-to-end test:
 * two completed visits (2 min late / 10 min wait / 45 of 30 planned; 3 min early / 40 min wait / 50 of
 * 60), one patient still waiting (20 min late), a no-show and a cancellation.
 */
export const WEEK_FUNNEL = {
  byStatus: [
    { status: 'SCHEDULED', count: 0 },
    { status: 'CONFIRMED', count: 0 },
    { status: 'CHECKED_IN', count: 1 },
    { status: 'IN_TREATMENT', count: 0 },
    { status: 'COMPLETED', count: 2 },
    { status: 'CANCELLED', count: 1 },
    { status: 'NO_SHOW', count: 1 },
  ],
  completionRate: 0.4,
  noShowRate: 0.2,
  cancellationRate: 0.2,
};

export const WEEK_WAITING = {
  count: 2,
  average: 25,
  median: 25,
  p90: 37,
  buckets: [
    { label: '0-5', count: 0 },
    { label: '5-15', count: 1 },
    { label: '15-30', count: 0 },
    { label: '30+', count: 1 },
  ],
};

export const WEEK_PUNCTUALITY = { count: 3, average: 6.33, median: 2, p90: 16.4, early: 1, onTime: 1, late: 1 };
export const WEEK_VARIANCE = { count: 2, average: 2.5, median: 2.5, p90: 12.5 };
