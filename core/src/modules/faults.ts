import { config } from '../config.ts';
/**
 * Fault injection for the crash-safety tests: `DENTALPIN_FAULT=<module>:<operation>:<step>` makes
 * that step fail before it does anything; a trailing `:kill` ends the process there instead, as a
 * crash would. Unset in normal operation.
 */
export function injectFault(module: string, operation: string, step: string): void {
  const spec = config().fault;
  if (!spec) return;
  const [m, op, st, mode] = spec.split(':');
  if (m !== module || op !== operation || st !== step) return;
  if (mode === 'kill') process.kill(process.pid, 'SIGKILL');
  throw new Error(`injected fault at ${module} ${operation} ${step}`);
}
