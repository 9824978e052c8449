import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Knex } from 'knex';
import { logger } from '../logger.ts';

/**
 * The process's Prometheus metrics (docs/operations.md lists them). One registry per process: the
 * process metrics are per process anyway, and the recording sites (jobs, the gateway) are deep in it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Seconds: from a 5 ms health check to a 10 s report. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'dentalpin_http_request_duration_seconds',
  help: 'HTTP requests by method, route and status: latency (the _count is the number of requests).',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const graphqlOperationDuration = new Histogram({
  name: 'dentalpin_graphql_operation_duration_seconds',
  help: 'GraphQL operations over HTTP by operation name and outcome ("ok" or the first error code): latency.',
  labelNames: ['operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'dentalpin_subgraph_fetch_duration_seconds',
  help: 'Fetches from the gateway query plan to one subgraph (in-process or remote), by outcome: latency.',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'dentalpin_job_runs_total',
  help: 'Module job runs in this process by job and outcome (ok, failed).',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

export const supergraphSwaps = new Counter({
  name: 'dentalpin_supergraph_swaps_total',
  help: 'Supergraph swaps after module changes by outcome (ok, failed: the previous supergraph kept serving).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** What the gauges read at scrape time: the pieces a running server is made of. */
export interface MetricSources {
  knex: Knex;
  subscriptions?(): { sockets: number; operations: number };
}

const sources = new Set<MetricSources>();

/** Reads `source` on every scrape until the returned function is called (the server closed). */
export function watchForMetrics(source: MetricSources): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}
/** Each pool once, however many servers of the process share it. */
const pools = () => new Set([...sources].flatMap(({ knex }) => (knex.client as { pool?: TarnPool }).pool ?? []));

new Gauge({
  name: 'dentalpin_db_pool_connections',
  help: 'Database pool connections by state: in_use (lent to a query or transaction), idle, max.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const pool of pools()) {
      this.inc({ state: 'in_use' }, pool.numUsed());
      this.inc({ state: 'idle' }, pool.numFree());
      this.inc({ state: 'max' }, pool.max);
    }
  },
});

new Gauge({
  name: 'dentalpin_db_pool_waiting',
  help: 'Queries waiting for a free database connection (a pool too small, or connections held too long).',
  registers: [registry],
  collect() {
    this.set([...pools()].reduce((n, pool) => n + pool.numPendingAcquires(), 0));
  },
});

new Gauge({
  name: 'dentalpin_subscriptions_open',
  help: 'Open GraphQL subscriptions (operations) on this process.',
  registers: [registry],
  collect() {
    this.set([...sources].reduce((n, s) => n + (s.subscriptions?.().operations ?? 0), 0));
  },
});

new Gauge({
  name: 'dentalpin_subscription_sockets_open',
  help: 'Open graphql-ws sockets on this process.',
  registers: [registry],
  collect() {
    this.set([...sources].reduce((n, s) => n + (s.subscriptions?.().sockets ?? 0), 0));
  },
});

interface OutboxState {
  lagSeconds: number;
  deadByModule: Map<string, number>;
}

/** The outbox as the database sees it (shared by every process): read once per scrape for both gauges. */
async function outboxState(knex: Knex): Promise<OutboxState> {
  const { rows: lag } = await knex.raw(
    `select coalesce(extract(epoch from now() - least(
        (select occurred_at from core_event_outbox where dispatched_at is null order by id limit 1),
        (select min(o.occurred_at) from core_event_delivery d join core_event_outbox o on o.id = d.outbox_id
          where d.status = 'pending'))), 0)::float8 as seconds`,
  );
  const { rows: dead } = await knex.raw(
    `select module_name, count(*)::int as n from core_event_delivery where status = 'dead' group by module_name`,
  );
  return {
    lagSeconds: Math.max(0, Number(lag[0].seconds)),
    deadByModule: new Map((dead as { module_name: string; n: number }[]).map((r) => [r.module_name, r.n])),
  };
}

/** One read per scrape, shared by the two outbox gauges (prom-client collects them one after the other). */
let outboxRead: { at: number; state: Promise<OutboxState | null> } | null = null;
function readOutbox(): Promise<OutboxState | null> {
  const source = [...sources].at(-1);
  if (!source) return Promise.resolve(null);
  if (outboxRead && Date.now() - outboxRead.at < 1000) return outboxRead.state;
  const state = outboxState(source.knex).catch((e: unknown) => {
    // A scrape during a database outage still answers the process metrics.
    logger.warn(`metrics: the event outbox could not be read: ${(e as Error).message}`);
    return null;
  });
  outboxRead = { at: Date.now(), state };
  return state;
}

new Gauge({
  name: 'dentalpin_event_outbox_lag_seconds',
  help: 'Age of the oldest domain event not yet handed to every subscribed module (0 when none is waiting).',
  registers: [registry],
  async collect() {
    const state = await readOutbox();
    if (state) this.set(state.lagSeconds);
  },
});

new Gauge({
  name: 'dentalpin_event_dead_letters',
  help: 'Event deliveries given up after their retries, by handling module (`dentalpin events dead`).',
  labelNames: ['module'] as const,
  registers: [registry],
  async collect() {
    const state = await readOutbox();
    if (!state) return;
    this.reset();
    for (const [module, n] of state.deadByModule) this.set({ module }, n);
  },
});

/** Distinct operation names kept as label values; later new names count as "other". */
const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

/**
 * A bounded label value for an operation name: "anonymous" for unnamed operations, "unresolved" when the
 * request never got to a valid operation (malformed, refused), "other" past the first 200 names.
 */
export function operationLabel(name: string | null | undefined): string {
  if (name === undefined) return 'unresolved';
  if (name === null || name === '') return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}
