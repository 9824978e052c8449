/**
 * The SQLSTATE of a PostgreSQL error (`23505` unique violation, `23514` check violation…), raw from pg
 * or wrapped by MikroORM (`cause`); undefined for anything else. For turning a constraint a service relies
 * on into the contract error it means.
 */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === 'string' ? code : cause?.code;
  return typeof found === 'string' && /^[0-9A-Z]{5}$/.test(found) ? found : undefined;
}

/** SQLSTATEs PostgreSQL asks the client to answer by running the whole transaction again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `transaction` (a whole transaction, from its start) and runs it again when PostgreSQL aborted it as a
 * deadlock victim (`40P01`) or a serialization failure (`40001`), at most `attempts` times in all. Concurrent
 * inserts checked by two exclusion constraints can deadlock; the retry then meets the winner's committed row
 * and fails with the constraint error the caller maps, instead of an internal error.
 */
export async function retryingDeadlocks<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (e) {
      const code = pgErrorCode(e);
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw e;
      // A short, jittered pause so the transactions that collided do not meet again at once.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}
