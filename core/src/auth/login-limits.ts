import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import { DomainError } from '../errors.ts';
import { config } from '../config.ts';

/** Login limits (docs/configuration.md names their variables). */
export const loginLimits = () => ({
  /** Failures of one account from one client address within the window before that pair is locked. */
  perAccountAndAddress: config().auth.loginMaxFailures,
  /** Failures from one client address across every account within the window (stops spraying). */
  perAddress: config().auth.loginMaxFailuresPerAddress,
  windowSeconds: config().auth.loginWindowSeconds,
});

const digest = (value: string) => createHash('sha256').update(value).digest('hex');
/** Keys are hashed: bounded length whatever the e-mail, and no e-mail or address stored in clear. */
const keysOf = (email: string, address: string) => ({
  pair: `pair:${digest(`${email}\n${address}`)}`,
  address: `addr:${digest(address)}`,
});

/**
 * Counts one login attempt for (account, address) and for the address BEFORE the password is checked,
 * in one statement (each row's upsert takes its row lock), so parallel guesses cannot all slip in
 * before the lock: the attempt that makes a counter pass its limit, and every later one in the
 * window, is refused with RATE_LIMITED (also with the right password). A success gives its attempt
 * back (`loginSucceeded`).
 */
export async function countLoginAttempt(knex: Knex, email: string, address: string): Promise<void> {
  const limits = loginLimits();
  const keys = keysOf(email, address);
  const { rows } = await knex.raw<{ rows: { key: string; failures: number; retry_after: number }[] }>(
    `insert into core_login_attempt as a (key, failures, window_start) values (?, 1, now()), (?, 1, now())
     on conflict (key) do update set
       failures = case when a.window_start <= now() - make_interval(secs => ?) then 1 else a.failures + 1 end,
       window_start = case when a.window_start <= now() - make_interval(secs => ?) then now() else a.window_start end
     returning key, failures,
       greatest(1, ceil(extract(epoch from window_start + make_interval(secs => ?) - now())))::int as retry_after`,
    [keys.pair, keys.address, limits.windowSeconds, limits.windowSeconds, limits.windowSeconds],
  );
  const over = rows.filter((r) => r.failures > (r.key === keys.pair ? limits.perAccountAndAddress : limits.perAddress));
  if (!over.length) return;
  const retryAfterSeconds = Math.max(...over.map((r) => r.retry_after));
  throw new DomainError(
    'RATE_LIMITED',
    `Too many failed logins from your address; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    { retryAfterSeconds },
  );
}

/** The attempt was the owner's: the pair starts afresh, and the address gets its attempt back. */
export async function loginSucceeded(knex: Knex, email: string, address: string): Promise<void> {
  const keys = keysOf(email, address);
  await knex('core_login_attempt').where({ key: keys.pair }).delete();
  await knex('core_login_attempt')
    .where({ key: keys.address })
    .update({ failures: knex.raw('greatest(failures - 1, 0)') });
}
