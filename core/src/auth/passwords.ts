import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/**
 * Argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 20 MiB per hash
 * in flight, so 40 parallel logins stay far below the memory scrypt at N=2^17 (128 MiB each) would take.
 */
// Argon2id is the library's default algorithm (its enum is a const enum, which isolated modules cannot read).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
/** Legacy scrypt hashes (`scrypt$N$r$p$salt$key`) are still verified, then replaced at the next login. */
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

/** How many password hashes this process has computed (hashing and verifying): the work a login costs. */
export const passwordWork = { hashes: 0 };

export async function hashPassword(password: string): Promise<string> {
  passwordWork.hashes++;
  return argon2Hash(password, ARGON2);
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is of an older scheme or cost: hash the password again now that it is known. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  passwordWork.hashes++;
  const needsRehash = !stored.startsWith(CURRENT_PREFIX);
  if (stored.startsWith('$argon2')) {
    try {
      return { ok: await argon2Verify(stored, password), needsRehash };
    } catch {
      return { ok: false, needsRehash };
    }
  }
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return { ok: false, needsRehash };
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAXMEM,
  });
  return { ok: timingSafeEqual(actual, expected), needsRehash };
}

let dummyHash: Promise<string> | null = null;
/**
 * Verifies against a hash of a random password, so that an unknown e-mail costs the same work as
 * a known one (the answer time does not tell which e-mails have accounts).
 */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= argon2Hash(randomBytes(16).toString('hex'), ARGON2);
  await verifyPassword(password, await dummyHash);
}

/** At least 8 characters with a letter and a digit (the original's rule), at most 1024. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'The password must have at least 8 characters.';
  if (password.length > 1024) return 'The password may have at most 1024 characters.';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'The password must contain a letter and a digit.';
  return null;
}

/** A password being set (setup, new users, change, reset). */
export const newPassword = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
