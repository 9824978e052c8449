import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, config, findRootDir, parseConfig } from './config.ts';

const SECRET = 'x'.repeat(40);

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    parseConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('has a default for every setting a laptop needs', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      shutdownTimeoutMs: 10_000,
      logLevel: 'info',
      db: { poolMax: 10, sqlDebug: false },
      auth: { accessTtl: '15m', refreshTtl: '7d', loginMaxFailures: 5 },
      subscriptions: { allowedOrigins: [], keepAliveMs: 12_000, reauthenticateMs: 60_000, queueLimit: 128 },
      jobs: { schedule: true, tickMs: 5_000 },
      distributed: { subgraphUrls: {} },
      backup: { method: 'auto' },
    });
    expect(c.secret).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads the variables into typed settings', () => {
    const c = parseConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      DENTALPIN_SHUTDOWN_TIMEOUT: '2.5',
      DENTALPIN_SUBGRAPH_URLS: 'patients=http://10.0.0.5:4101/graphql,agenda=http://10.0.0.6:4102/graphql',
      DENTALPIN_MODULE_PATHS: '/opt/a:/opt/b',
      DENTALPIN_WS_ALLOWED_ORIGINS: 'https://a.test,https://b.test',
      DENTALPIN_JOBS: 'off',
      // Empty means unset, as `FOO=` in a compose file.
      DENTALPIN_DB_POOL: '',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      shutdownTimeoutMs: 2500,
      distributed: {
        subgraphUrls: { patients: 'http://10.0.0.5:4101/graphql', agenda: 'http://10.0.0.6:4102/graphql' },
      },
      modulePaths: ['/opt/a', '/opt/b'],
      subscriptions: { allowedOrigins: ['https://a.test', 'https://b.test'] },
      jobs: { schedule: false },
      db: { poolMax: 10 },
    });
  });

  it('lists every problem at once, naming the variable and (except secrets) the value given', () => {
    expect(
      problemsOf({
        PORT: 'eighty',
        DENTALPIN_SHUTDOWN_TIMEOUT: '-1',
        DENTALPIN_LOG: 'loud',
        DENTALPIN_ACCESS_TTL: 'forever',
        DENTALPIN_SUBGRAPH_URLS: 'patients',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        DENTALPIN_SECRET: 'short',
      }),
    ).toEqual([
      'DATABASE_URL: expected a postgres:// URL',
      'DENTALPIN_SECRET: must have at least 32 characters',
      'PORT: expected a TCP port number (got "eighty")',
      'DENTALPIN_SHUTDOWN_TIMEOUT: expected a positive number of seconds (got "-1")',
      'DENTALPIN_LOG: expected one of debug, info, warn, error, silent (got "loud")',
      'DENTALPIN_ACCESS_TTL: expected a duration such as 15m (got "forever")',
      'DENTALPIN_SUBGRAPH_URLS: expected module=http://host:port/graphql pairs separated by commas (got "patients")',
    ]);
  });

  it('refuses production without an explicit secret', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'DENTALPIN_SECRET: must be set when NODE_ENV=production: every process of a deployment signs and checks tokens with it',
    ]);
    expect(parseConfig({ NODE_ENV: 'production', DENTALPIN_SECRET: SECRET }).production).toBe(true);
  });

  it('takes a session URL only beside the pooled DATABASE_URL, and never shows it', () => {
    const session = 'postgres://app:hunter2@db:5432/dentalpin';
    expect(problemsOf({ DATABASE_SESSION_URL: session })).toEqual([
      'DATABASE_SESSION_URL: is only used beside DATABASE_URL (the pooled connection); set both or neither',
    ]);
    expect(problemsOf({ DATABASE_URL: 'postgres://db:6432/dentalpin', DATABASE_SESSION_URL: 'http://db' })).toEqual([
      'DATABASE_SESSION_URL: expected a postgres:// URL',
    ]);
    expect(
      parseConfig({ DATABASE_URL: 'postgres://app:hunter2@pgbouncer:6432/dentalpin', DATABASE_SESSION_URL: session })
        .databaseSessionUrl,
    ).toBe(session);
  });

  it('config() is parsed once, then again after any change of process.env (set, delete, replaced object)', () => {
    const saved = process.env.DENTALPIN_LOG;
    try {
      process.env.DENTALPIN_LOG = 'warn';
      const first = config();
      expect(first.logLevel).toBe('warn');
      expect(config()).toBe(first);
      process.env.DENTALPIN_LOG = 'error';
      expect(config().logLevel).toBe('error');
      delete process.env.DENTALPIN_LOG;
      expect(config().logLevel).toBe('warn'); // the default under vitest
      process.env = { ...process.env, DENTALPIN_LOG: 'debug' };
      expect(config().logLevel).toBe('debug');
      // Children still get the whole environment through the watched object.
      expect(Object.keys(process.env)).toContain('DENTALPIN_LOG');
      expect({ ...process.env }.DENTALPIN_LOG).toBe('debug');
    } finally {
      if (saved === undefined) delete process.env.DENTALPIN_LOG;
      else process.env.DENTALPIN_LOG = saved;
    }
  });

  it('makes the CLI exit 1 with the list before it touches anything', async () => {
    const root = findRootDir();
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [join(root, 'core/bin/dentalpin.js'), 'serve'],
        {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'production', DENTALPIN_SECRET: '', DENTALPIN_JOBS_TICK_MS: 'soon' },
        },
        (err, _stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stderr }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The configuration is not valid:');
    expect(result.stderr).toContain('DENTALPIN_SECRET: must be set when NODE_ENV=production');
    expect(result.stderr).toContain('DENTALPIN_JOBS_TICK_MS: expected a number of milliseconds (got "soon")');
  });
});
