import { pino } from 'pino';
import { config } from './config.ts';
import { currentRequest } from './observability/request-context.ts';
import type { Logger } from './modules/contract.ts';

/**
 * JSON lines on stderr (pino), one object per entry: `level`, `time`, `msg`, the given fields, and the
 * `requestId` of the HTTP request the code runs for. `DENTALPIN_LOG=debug|info|warn|error|silent`.
 */
const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = Exclude<(typeof LEVELS)[number], 'silent'>;

function threshold(): number {
  try {
    return LEVELS.indexOf(config().logLevel);
  } catch {
    // A logger must not throw: an invalid configuration is reported by the CLI at start, at info level.
    return LEVELS.indexOf('info');
  }
}

const json = pino(
  {
    // The level is checked in `write` against the configuration, which tests change between cases.
    level: 'debug',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const request = currentRequest();
      return request ? { requestId: request.requestId } : {};
    },
  },
  // Looked up on every line, so whoever replaces process.stderr.write (tests capturing logs) sees them.
  { write: (line: string) => process.stderr.write(line) },
);

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS.indexOf(level) < threshold()) return;
  json[level](fields ?? {}, message);
}

export type { Logger } from './modules/contract.ts';

export const logger: Logger = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
