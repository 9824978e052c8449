import { logger } from '../logger.ts';

/** One part of the process to end; `describe` says what is still open when it does not end in time. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
  describe?(): Promise<string>;
}

/**
 * Runs `stages` in order (the steps of one stage together) and resolves 0; when they are not all done
 * within `timeoutMs`, logs what is still open and resolves 1. A failing step is logged and counts as done.
 */
export async function runShutdown(stages: ShutdownStep[][], timeoutMs: number): Promise<0 | 1> {
  const open = new Set<ShutdownStep>();
  const all = (async () => {
    for (const stage of stages) {
      stage.forEach((step) => open.add(step));
      await Promise.all(
        stage.map((step) =>
          step
            .run()
            .catch((e) => logger.error(`shutdown: ${step.name} failed: ${(e as Error).message}`))
            .finally(() => open.delete(step)),
        ),
      );
    }
    return 0 as const;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<1>((resolve) => {
    timer = setTimeout(() => resolve(1), timeoutMs);
  });
  const outcome = await Promise.race([all, timedOut]);
  clearTimeout(timer);
  if (outcome === 1) {
    const still = await Promise.all(
      [...open].map(async (step) => (step.describe ? `${step.name} (${await step.describe()})` : step.name)),
    );
    logger.error(`shutdown did not finish within ${timeoutMs / 1000} s; still open: ${still.join(', ')}`);
  }
  return outcome;
}

/** On the first SIGTERM or SIGINT, runs the shutdown and exits with its code (later signals are ignored). */
export function exitOnTerminationSignals(stages: ShutdownStep[][], timeoutMs: number): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger.info(`${signal}: shutting down (at most ${timeoutMs / 1000} s)`);
    void runShutdown(stages, timeoutMs).then((code) => {
      if (code === 0) logger.info('shut down cleanly');
      process.exit(code);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
