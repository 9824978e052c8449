/** A small leveled logger writing to stderr; `DENTALPIN_LOG=debug|info|warn|error|silent`. */
const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

function threshold(): number {
  const wanted = (process.env.DENTALPIN_LOG ?? (process.env.VITEST ? 'warn' : 'info')) as Level;
  const i = LEVELS.indexOf(wanted);
  return i < 0 ? 1 : i;
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
