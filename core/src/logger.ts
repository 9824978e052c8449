import { config } from './config.ts';

/** A small leveled logger writing to stderr; `DENTALPIN_LOG=debug|info|warn|error|silent`. */
const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

function threshold(): number {
  try {
    return LEVELS.indexOf(config().logLevel);
  } catch {
    // A logger must not throw: an invalid configuration is reported by the CLI at start, at info level.
    return LEVELS.indexOf('info');
  }
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS.indexOf(level) < threshold()) return;
  const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(fields) : '';
  process.stderr.write(`[${new Date().toISOString()}] ${level.toUpperCase()} ${message}${extra}\n`);
}

export type Logger = typeof logger;

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
