import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Every setting the platform reads from its environment, validated in one place. `docs/configuration.md`
 * and `.env.example` list the same variables; `config()` is the only reader of `process.env` at run time.
 */

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The duration syntax jose accepts for token lifetimes ("15m", "7d", "2 hours"). */
const DURATION = /^\d+(\.\d+)? ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$/i;

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800, y: 31_557_600 };

/** Seconds in a DURATION ("7d", "36 hours"); minutes are `m`/`min`, as jose reads them. */
const durationSeconds = (value: string) => {
  const [, amount, unit] = /^(\d+(?:\.\d+)?) ?([a-z]+)$/i.exec(value)!;
  return Math.round(Number(amount) * SECONDS_PER_UNIT[unit!.toLowerCase()[0]!]!);
};

const wholeNumber = (min: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .min(min, { error: `expected ${what} of at least ${min}` });

const url = (protocols: RegExp, what: string) =>
  z.string().refine((v) => URL.canParse(v) && protocols.test(new URL(v).protocol), { error: `expected ${what}` });

const list = (separator: string) => z.string().transform((v) => v.split(separator).filter(Boolean));

const QUERY_LIMITS = ['CHARACTERS', 'TOKENS', 'DEPTH', 'ALIASES', 'ROOT_FIELDS', 'DIRECTIVES', 'COST'] as const;
type QueryLimitVariable = (typeof QUERY_LIMITS)[number];

/** `<prefix>_DEPTH`, `<prefix>_ALIASES`, …: one document's limits (core/src/limits.ts reads them). */
const queryLimitVariables = <P extends string>(prefix: P, defaults: Record<QueryLimitVariable, number>) =>
  Object.fromEntries(
    QUERY_LIMITS.map((name) => [
      `${prefix}_${name}`,
      wholeNumber(1, 'a positive whole number').default(defaults[name]),
    ]),
  ) as Record<`${P}_${QueryLimitVariable}`, z.ZodDefault<ReturnType<typeof wholeNumber>>>;

const ENVIRONMENT = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  /** Set by vitest in test processes: quieter default logs. */
  VITEST: z.string().optional(),
  DATABASE_URL: url(/^postgres(ql)?:$/, 'a postgres:// URL').optional(),
  DATABASE_SESSION_URL: url(/^postgres(ql)?:$/, 'a postgres:// URL').optional(),
  DENTALPIN_SECRET: z.string().min(32, { error: 'must have at least 32 characters' }).optional(),
  DENTALPIN_ROOT: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: wholeNumber(0, 'a TCP port number').max(65535, { error: 'expected a TCP port number' }).default(4000),
  DENTALPIN_WORKERS: wholeNumber(1, 'a number of processes').optional(),
  DENTALPIN_HEAP_GROWTH_PERCENT: wholeNumber(0, 'a percentage').default(20),
  DENTALPIN_SHUTDOWN_TIMEOUT: z.coerce
    .number({ error: 'expected a number of seconds' })
    .positive({ error: 'expected a positive number of seconds' })
    .default(10),
  DENTALPIN_LOG: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  DENTALPIN_DB_POOL: wholeNumber(1, 'a number of connections').default(10),
  DENTALPIN_SQL_DEBUG: z.enum(['0', '1'], { error: 'expected 0 or 1' }).default('0'),
  DENTALPIN_ACCESS_TTL: z.string().regex(DURATION, { error: 'expected a duration such as 15m' }).default('15m'),
  DENTALPIN_REFRESH_TTL: z.string().regex(DURATION, { error: 'expected a duration such as 7d' }).default('7d'),
  DENTALPIN_LOGIN_MAX_FAILURES: wholeNumber(1, 'a number of attempts').default(5),
  DENTALPIN_LOGIN_MAX_FAILURES_PER_ADDRESS: wholeNumber(1, 'a number of attempts').default(20),
  DENTALPIN_LOGIN_WINDOW_SECONDS: wholeNumber(1, 'a number of seconds').default(900),
  DENTALPIN_TRUST_PROXY: z.string().optional(),
  DENTALPIN_PASSWORD_RESET_MINUTES: wholeNumber(1, 'a number of minutes').default(30),
  DENTALPIN_PUBLIC_URL: url(/^https?:$/, 'an http(s) URL').default('http://127.0.0.1:4000'),
  ...queryLimitVariables('DENTALPIN_MAX_QUERY', {
    CHARACTERS: 100_000,
    TOKENS: 5_000,
    DEPTH: 10,
    ALIASES: 30,
    ROOT_FIELDS: 20,
    DIRECTIVES: 50,
    COST: 20_000,
  }),
  ...queryLimitVariables('DENTALPIN_ANONYMOUS_MAX_QUERY', {
    CHARACTERS: 2_000,
    TOKENS: 200,
    DEPTH: 4,
    ALIASES: 2,
    ROOT_FIELDS: 2,
    DIRECTIVES: 2,
    COST: 200,
  }),
  DENTALPIN_MAX_PAGE_SIZE: wholeNumber(1, 'a number of rows').default(500),
  DENTALPIN_MAX_LOADER_KEYS: wholeNumber(1, 'a number of keys').default(10_000),
  DENTALPIN_MCP_MAX_BATCH: wholeNumber(1, 'a number of messages').default(10),
  DENTALPIN_MCP_MAX_JSON_DEPTH: wholeNumber(1, 'a nesting depth').default(32),
  DENTALPIN_MCP_MAX_ARGUMENT_CHARACTERS: wholeNumber(1, 'a number of characters').default(65_536),
  DENTALPIN_WS_ALLOWED_ORIGINS: list(',').default([]),
  DENTALPIN_WS_KEEPALIVE_MS: wholeNumber(1, 'a number of milliseconds').default(12_000),
  DENTALPIN_WS_REAUTH_MS: wholeNumber(1, 'a number of milliseconds').default(60_000),
  DENTALPIN_WS_MAX_PAYLOAD_BYTES: wholeNumber(1, 'a number of bytes').default(1_048_576),
  DENTALPIN_WS_INIT_TIMEOUT_MS: wholeNumber(1, 'a number of milliseconds').default(3_000),
  DENTALPIN_WS_MAX_SOCKETS_PER_ADDRESS: wholeNumber(1, 'a number of sockets').default(50),
  DENTALPIN_SUBSCRIPTION_QUEUE: wholeNumber(1, 'a number of events').default(128),
  DENTALPIN_EVENTS_POLL_MS: wholeNumber(1, 'a number of milliseconds').default(1000),
  DENTALPIN_EVENTS_MAX_ATTEMPTS: wholeNumber(1, 'a number of attempts').default(6),
  DENTALPIN_EVENTS_BACKOFF_MS: wholeNumber(0, 'a number of milliseconds').default(1000),
  DENTALPIN_JOBS: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
  DENTALPIN_JOBS_TICK_MS: wholeNumber(1, 'a number of milliseconds').default(5_000),
  DENTALPIN_JOBS_LEASE_SECONDS: wholeNumber(3, 'a number of seconds').default(15),
  DENTALPIN_EVENT_RETENTION: z
    .string()
    .regex(DURATION, { error: 'expected a duration such as 7d or 36h' })
    .transform(durationSeconds)
    .pipe(z.number().min(60, { error: 'expected at least one minute' }))
    .default(7 * 86_400),
  DENTALPIN_MODULE_PATHS: list(':').default([]),
  DENTALPIN_WEB_DIR: z.string().optional(),
  DENTALPIN_SUBGRAPH_URLS: z
    .string()
    .refine((v) => v.split(',').every((pair) => /^[a-z][a-z0-9_]*=https?:\/\/\S+$/.test(pair)), {
      error: 'expected module=http://host:port/graphql pairs separated by commas',
    })
    .transform((v) => Object.fromEntries(v.split(',').map((pair) => pair.split('=', 2) as [string, string])))
    .default({}),
  DENTALPIN_GATEWAY_URL: url(/^https?:$/, 'an http(s) URL').optional(),
  DENTALPIN_SUBGRAPH_TIMEOUT_MS: wholeNumber(1, 'a number of milliseconds').default(30_000),
  DENTALPIN_BACKUP_DIR: z.string().optional(),
  DENTALPIN_BACKUP_METHOD: z.enum(['auto', 'sql'], { error: 'expected auto or sql' }).default('auto'),
  DENTALPIN_MEDIA_DIR: z.string().optional(),
  DENTALPIN_MEDIA_MAX_BYTES: wholeNumber(1, 'a number of bytes').default(10 * 1024 * 1024),
  DENTALPIN_MEDIA_LINK_SECONDS: wholeNumber(10, 'a number of seconds').default(300),
  DENTALPIN_SMTP_URL: url(/^smtps?:$/, 'an smtp:// or smtps:// URL').optional(),
  DENTALPIN_SMTP_FROM: z.string().optional(),
  DENTALPIN_METRICS_TOKEN: z.string().min(16, { error: 'must have at least 16 characters' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(/^https?:$/, 'an http(s) URL').optional(),
  OTEL_SERVICE_NAME: z.string().default('dentalpin'),
  DENTALPIN_FAULT: z
    .string()
    .regex(/^[^:]+:[^:]+:[^:]+(:kill)?$/, { error: 'expected module:operation:step[:kill]' })
    .optional(),
});

/** The variables `config()` reads; anything else in the environment is not the platform's business. */
export const CONFIG_VARIABLES = Object.keys(ENVIRONMENT.shape) as (keyof typeof ENVIRONMENT.shape)[];
const SECRET_VARIABLES = new Set([
  'DENTALPIN_SECRET',
  'DATABASE_URL',
  'DATABASE_SESSION_URL',
  'DENTALPIN_SMTP_URL',
  'DENTALPIN_METRICS_TOKEN',
]);

type Environment = z.output<typeof ENVIRONMENT>;

const queryLimitsOf = (env: Environment, prefix: 'DENTALPIN_MAX_QUERY' | 'DENTALPIN_ANONYMOUS_MAX_QUERY') => ({
  characters: env[`${prefix}_CHARACTERS`],
  tokens: env[`${prefix}_TOKENS`],
  depth: env[`${prefix}_DEPTH`],
  aliases: env[`${prefix}_ALIASES`],
  rootFields: env[`${prefix}_ROOT_FIELDS`],
  directives: env[`${prefix}_DIRECTIVES`],
  cost: env[`${prefix}_COST`],
});

function settingsOf(env: Environment) {
  return {
    nodeEnv: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    /** Unset: an embedded PostgreSQL under `.dentalpin/`. */
    databaseUrl: env.DATABASE_URL,
    /** Unset: DATABASE_URL. A direct (or session-pooled) route to the same database, for LISTEN and session locks. */
    databaseSessionUrl: env.DATABASE_SESSION_URL,
    /** Unset (never in production): one generated per folder, in `.dentalpin/secret`. */
    secret: env.DENTALPIN_SECRET,
    rootDir: env.DENTALPIN_ROOT,
    host: env.HOST,
    port: env.PORT,
    /** `serve`'s processes sharing the port; unset: one per core, one under vitest (`--workers` wins). */
    workers: env.DENTALPIN_WORKERS ?? (env.VITEST ? 1 : undefined),
    shutdownTimeoutMs: env.DENTALPIN_SHUTDOWN_TIMEOUT * 1000,
    /** How far V8 lets each `serve` process's heap grow past what survived the last full GC; 0: V8's own choice. */
    heapGrowthPercent: env.DENTALPIN_HEAP_GROWTH_PERCENT,
    logLevel: env.DENTALPIN_LOG ?? (env.VITEST ? 'warn' : 'info'),
    db: { poolMax: env.DENTALPIN_DB_POOL, sqlDebug: env.DENTALPIN_SQL_DEBUG === '1' },
    auth: {
      accessTtl: env.DENTALPIN_ACCESS_TTL,
      refreshTtl: env.DENTALPIN_REFRESH_TTL,
      loginMaxFailures: env.DENTALPIN_LOGIN_MAX_FAILURES,
      loginMaxFailuresPerAddress: env.DENTALPIN_LOGIN_MAX_FAILURES_PER_ADDRESS,
      loginWindowSeconds: env.DENTALPIN_LOGIN_WINDOW_SECONDS,
      trustProxy: env.DENTALPIN_TRUST_PROXY,
      passwordResetMinutes: env.DENTALPIN_PASSWORD_RESET_MINUTES,
      publicUrl: env.DENTALPIN_PUBLIC_URL.replace(/\/+$/, ''),
    },
    limits: {
      query: queryLimitsOf(env, 'DENTALPIN_MAX_QUERY'),
      anonymousQuery: queryLimitsOf(env, 'DENTALPIN_ANONYMOUS_MAX_QUERY'),
      pageSize: env.DENTALPIN_MAX_PAGE_SIZE,
      loaderKeys: env.DENTALPIN_MAX_LOADER_KEYS,
      mcp: {
        batch: env.DENTALPIN_MCP_MAX_BATCH,
        jsonDepth: env.DENTALPIN_MCP_MAX_JSON_DEPTH,
        argumentCharacters: env.DENTALPIN_MCP_MAX_ARGUMENT_CHARACTERS,
      },
    },
    subscriptions: {
      allowedOrigins: env.DENTALPIN_WS_ALLOWED_ORIGINS,
      keepAliveMs: env.DENTALPIN_WS_KEEPALIVE_MS,
      reauthenticateMs: env.DENTALPIN_WS_REAUTH_MS,
      maxPayloadBytes: env.DENTALPIN_WS_MAX_PAYLOAD_BYTES,
      connectionInitTimeoutMs: env.DENTALPIN_WS_INIT_TIMEOUT_MS,
      maxSocketsPerAddress: env.DENTALPIN_WS_MAX_SOCKETS_PER_ADDRESS,
      queueLimit: env.DENTALPIN_SUBSCRIPTION_QUEUE,
    },
    events: {
      pollMs: env.DENTALPIN_EVENTS_POLL_MS,
      maxAttempts: env.DENTALPIN_EVENTS_MAX_ATTEMPTS,
      backoffMs: env.DENTALPIN_EVENTS_BACKOFF_MS,
      retentionSeconds: env.DENTALPIN_EVENT_RETENTION,
    },
    jobs: {
      schedule: env.DENTALPIN_JOBS === 'on',
      tickMs: env.DENTALPIN_JOBS_TICK_MS,
      leaseSeconds: env.DENTALPIN_JOBS_LEASE_SECONDS,
    },
    modulePaths: env.DENTALPIN_MODULE_PATHS,
    webDir: env.DENTALPIN_WEB_DIR,
    distributed: {
      subgraphUrls: env.DENTALPIN_SUBGRAPH_URLS,
      gatewayUrl: env.DENTALPIN_GATEWAY_URL,
      subgraphTimeoutMs: env.DENTALPIN_SUBGRAPH_TIMEOUT_MS,
    },
    backup: { dir: env.DENTALPIN_BACKUP_DIR, method: env.DENTALPIN_BACKUP_METHOD },
    /** Unset dir: `<root>/storage/media`. Uploads over `maxBytes` are refused on the stream (413). */
    media: {
      dir: env.DENTALPIN_MEDIA_DIR,
      maxBytes: env.DENTALPIN_MEDIA_MAX_BYTES,
      linkSeconds: env.DENTALPIN_MEDIA_LINK_SECONDS,
    },
    smtp: { url: env.DENTALPIN_SMTP_URL, from: env.DENTALPIN_SMTP_FROM },
    /** Unset: `/metrics` answers direct scrapers without authentication, never a proxied request. */
    metrics: { token: env.DENTALPIN_METRICS_TOKEN },
    /** Traces go over OTLP when an endpoint is set (the SDK reads the other OTEL_* variables itself). */
    tracing: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME },
    fault: env.DENTALPIN_FAULT,
  };
}

export type Config = ReturnType<typeof settingsOf>;

/** The environment does not describe a runnable platform; `problems` has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates `env`; throws a ConfigError listing every problem at once. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable means "not set" (e.g. `FOO=` in a compose file or .env).
  const given = Object.fromEntries(CONFIG_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
  const parsed = ENVIRONMENT.safeParse(given);
  const problems = (parsed.error?.issues ?? []).map((issue) => {
    const name = String(issue.path[0]);
    const value = given[name];
    const shown = value === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got "${value}")`;
    return `${name}: ${issue.message}${shown}`;
  });
  // Checked beside the schema so that it is listed with the other problems, not after they are fixed.
  if (given.NODE_ENV === 'production' && !given.DENTALPIN_SECRET)
    problems.push(
      'DENTALPIN_SECRET: must be set when NODE_ENV=production: every process of a deployment signs and checks tokens with it',
    );
  if (given.DATABASE_SESSION_URL && !given.DATABASE_URL)
    problems.push(
      'DATABASE_SESSION_URL: is only used beside DATABASE_URL (the pooled connection); set both or neither',
    );
  if (parsed.success && !problems.length) return settingsOf(parsed.data);
  throw new ConfigError(problems);
}

/**
 * Bumped by every write to `process.env`. A process's environment changes only from inside it, through
 * `process.env` (tests change variables between cases), so watching writes replaces reading every variable on
 * each `config()` call, which cost a request tens of microseconds.
 */
let environmentGeneration = 0;
let watchedEnvironment: NodeJS.ProcessEnv | null = null;

function watchEnvironment(): void {
  if (process.env === watchedEnvironment) return;
  const changed = () => void environmentGeneration++;
  // Writes of the value already there are not changes (MikroORM sets MIKRO_ORM_COLORS on every fork).
  watchedEnvironment = process.env = new Proxy(process.env, {
    set: (env, name, value) => {
      if (typeof name !== 'string' || env[name] !== String(value)) changed();
      return Reflect.set(env, name, value);
    },
    deleteProperty: (env, name) => {
      if (name in env) changed();
      return Reflect.deleteProperty(env, name);
    },
    defineProperty: (env, name, descriptor) => (changed(), Reflect.defineProperty(env, name, descriptor)),
  });
  changed();
}

let cached: { generation: number; config: Config } | null = null;

/**
 * The validated settings of this process. Parsed again only after the environment changed (tests change
 * some variables between cases), so callers read it where they need a value instead of keeping copies.
 */
export function config(): Config {
  watchEnvironment();
  if (cached?.generation !== environmentGeneration)
    cached = { generation: environmentGeneration, config: parseConfig(process.env) };
  return cached.config;
}

/**
 * The repository (or installation) root: the nearest folder with a package.json whose node_modules holds
 * `@dentalpin/core` (the host repository, an installation, or a module package with its own dev copy of
 * the core for its tests). A node_modules holding only tool caches (vitest's `.vite`) does not count, so
 * a module folder inside the repository still finds the official modules.
 */
export function findRootDir(start = config().rootDir ?? process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules', '@dentalpin', 'core')))
      return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Fall back to the folder above core/ (this file lives in core/src).
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

export { CORE_VERSION } from './version.ts';

export const isProduction = () => config().production;
