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
