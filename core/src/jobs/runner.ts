import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import { logger } from '../logger.ts';
import type { SupergraphClient } from '../graphql/supergraph-client.ts';
import type { JobContext, ModuleJob } from '../modules/contract.ts';
import { config } from '../config.ts';
import { jobRuns } from '../observability/metrics.ts';
import { inSpan } from '../observability/spans.ts';
import { openBindingCell } from '../db/tenancy.ts';

export type { JobContext, ModuleJob } from '../modules/contract.ts';

export interface JobRegistration {
  module: string;
  name: string;
  job: ModuleJob;
  orm: MikroORM;
}

export interface JobRunnerOptions {
  /** Run jobs on their schedule in the background (off in tests, which call `run`). */
  schedule?: boolean;
  /** How often the runner looks for due jobs (ms). */
  tickMs?: number;
  /**
   * How long a run holds its job against other processes without news from its runner (s): the runner
   * renews it every third of that while the job runs, so a killed process's job is free again this soon.
   */
  leaseSeconds?: number;
}

/** How long `run` waits for a run held by another process to finish. */
const FORCED_RUN_WAIT_MS = 10 * 60_000;

/**
 * Runs the active modules' jobs. A run is claimed in `core_job` with one UPDATE, so it happens at most
 * once at a time across every process sharing the database; its outcome is recorded there.
 */
export class JobRunner {
  private jobs = new Map<string, JobRegistration>();
  private timer: NodeJS.Timeout | null = null;
  /** Cancels the wait for a gateway, while `start` waits for one. */
  private cancelWait: (() => void) | null = null;
  private running = new Set<Promise<unknown>>();
  private readonly options: Required<JobRunnerOptions>;

  constructor(
    private readonly knex: Knex,
    private readonly supergraph: SupergraphClient,
    options: JobRunnerOptions = {},
    /** Renders other modules' documents for jobs (the platform finds the module that renders a kind). */
    private readonly documents: JobContext['document'] = async () => null,
  ) {
    this.options = {
      schedule: options.schedule ?? config().jobs.schedule,
      tickMs: options.tickMs ?? config().jobs.tickMs,
      leaseSeconds: options.leaseSeconds ?? config().jobs.leaseSeconds,
    };
  }

  /** Jobs of the active modules, as `<module>.<job>`; rows for new jobs are created due now. */
  async setJobs(registrations: JobRegistration[]): Promise<void> {
    this.jobs = new Map(registrations.map((r) => [`${r.module}.${r.name}`, r]));
    for (const [name, r] of this.jobs)
      await this.knex.raw(
        `insert into core_job (name, module_name, every_seconds) values (?, ?, ?)
         on conflict (name) do update set every_seconds = excluded.every_seconds`,
        [name, r.module, r.job.everySeconds],
      );
  }

  names(): string[] {
    return [...this.jobs.keys()].sort();
  }

  /**
   * Schedules the jobs once this process serves: jobs read other modules through the supergraph, so an
   * overdue job must not run at boot before the gateway is attached (it would fail, and fail `modules doctor`).
   */
  start(): void {
    if (!this.options.schedule || this.timer || this.cancelWait) return;
    this.cancelWait = this.supergraph.onceAttached(() => {
      this.cancelWait = null;
      this.timer = setInterval(() => void this.runDue(), this.options.tickMs);
      this.timer.unref();
      void this.runDue();
    });
  }

  async stop(): Promise<void> {
    this.cancelWait?.();
    this.cancelWait = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  /** Runs the jobs whose time has come (and no other process is running). */
  async runDue(): Promise<void> {
    // The gateway stopped (shutting down): leave due jobs to a process that still serves.
    if (!this.supergraph.attached) return;
    for (const name of this.jobs.keys()) {
      const run = this.claimAndRun(name, false).catch((e) =>
        logger.error(`job ${name} could not be run: ${(e as Error).message}`),
      );
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
  }

  /**
   * Runs one job now, whatever its schedule (tests, the CLI). Waits for a run held elsewhere to finish
   * first; throws the job's error.
   */
  async run(name: string): Promise<void> {
    if (!this.jobs.has(name))
      throw new Error(`No active job "${name}". Active jobs: ${this.names().join(', ') || 'none'}.`);
    for (let waited = 0; ; waited += 100) {
      const outcome = await this.claimAndRun(name, true);
      if (outcome === 'ran') return;
      if (waited > FORCED_RUN_WAIT_MS) throw new Error(`Job ${name} stayed busy elsewhere.`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async claimAndRun(name: string, force: boolean): Promise<'ran' | 'busy'> {
    const registration = this.jobs.get(name);
    if (!registration) return 'busy';
    const runId = randomUUID();
    const claimed = await this.knex.raw(
      `update core_job set running_until = now() + make_interval(secs => ?), last_started_at = now(), run_id = ?
        where name = ? and (running_until is null or running_until < now()) ${force ? '' : 'and next_run_at <= now()'}
        returning last_started_at`,
      [this.options.leaseSeconds, runId, name],
    );
    if (!claimed.rows.length) return 'busy';
    const now: Date = claimed.rows[0].last_started_at;
    const jobLogger = logger;
    let error: Error | null = null;
    const heartbeat = this.keepClaim(name, runId);
    try {
      // A span of its own: the job's SQL and cross-module reads are traced under it.
      // The job starts on the owner's cross-clinic path (choosing its clinics); `forClinic` binds each step.
      await inSpan(`job ${name}`, { 'dentalpin.job': name }, () =>
        openBindingCell('owner', () =>
          registration.job.run({
            moduleName: registration.module,
            em: registration.orm.em.fork(),
            logger: jobLogger,
            now,
            query: <T>(clinicId: string, document: string, variables?: Record<string, unknown>) =>
              this.supergraph.forClinic(clinicId, registration.module)<T>(document, variables),
            queryFor: (clinicId: string) => this.supergraph.forClinic(clinicId, registration.module),
            document: this.documents,
          }),
        ),
      );
    } catch (e) {
      error = e as Error;
      jobLogger.error(`job ${name} failed: ${error.message}`);
    } finally {
      clearInterval(heartbeat);
    }
    jobRuns.inc({ job: name, outcome: error ? 'failed' : 'ok' });
    const finished = await this.knex.raw(
      `update core_job set running_until = null, run_id = null, last_finished_at = now(), runs = runs + 1,
         failures = failures + ?, last_error = ?, next_run_at = now() + make_interval(secs => every_seconds)
        where name = ? and run_id = ?`,
      [error ? 1 : 0, error ? (error.stack ?? error.message).slice(0, 4000) : null, name, runId],
    );
    // The claim lapsed (the heartbeat could not reach the database) and another process runs the job now:
    // its claim stays, and this run is not recorded.
    if (!finished.rowCount) logger.warn(`job ${name} finished after its claim had lapsed; its run is not recorded`);
    if (error && force) throw error;
    return 'ran';
  }

  /**
   * Renews the run's claim every third of the lease while the job runs, so that a long job stays held
   * however long it takes, and the job of a process that died is free again one lease later.
   */
  private keepClaim(name: string, runId: string): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        this.knex
          .raw(`update core_job set running_until = now() + make_interval(secs => ?) where name = ? and run_id = ?`, [
            this.options.leaseSeconds,
            name,
            runId,
          ])
          .then((renewed) => {
            if (renewed.rowCount) return;
            clearInterval(timer);
            logger.warn(`job ${name} lost its claim while running (the lease lapsed); another process may run it too`);
          })
          .catch((e) => logger.warn(`job ${name}: could not renew its claim: ${(e as Error).message}`));
      },
      (this.options.leaseSeconds * 1000) / 3,
    );
    timer.unref();
    return timer;
  }
}
