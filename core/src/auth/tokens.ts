import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError } from '../errors.ts';
import { config } from '../config.ts';
import { isUuid } from '../validation.ts';

export type TokenType = 'access' | 'refresh';
export interface TokenClaims {
  sub: string;
  typ: TokenType;
  /** The login session (refresh-token family) the token belongs to: revoking it ends this token. */
  sid: string;
  /** A refresh token's own id: only the session's current one is accepted (rotation). */
  jti?: string;
}

/** Access tokens kept verified at most (a few MB); the oldest goes first. */
const MAX_VERIFIED = 10_000;

const ttlOf = (type: TokenType) => (type === 'access' ? config().auth.accessTtl : config().auth.refreshTtl);

export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Access tokens whose signature this service checked, by the whole token string, with their claims and
   * expiry. Every request presents its token and HMAC verification through WebCrypto was ~8% of a request's CPU
   * on a short list; the same string can only verify the same way, so it is checked once until it expires.
   * Revocation is not cached: the caller checks the session on every request.
   */
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The token secret must have at least 32 characters.');
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims, ttl = ttlOf(claims.typ)): Promise<string> {
    const jwt = new SignJWT({ typ: claims.typ, sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setIssuer('dentalpin')
      .setExpirationTime(ttl);
    return (claims.jti ? jwt.setJti(claims.jti) : jwt).sign(this.key);
  }

  async verify(token: string, expected: TokenType): Promise<TokenClaims> {
    const known = expected === 'access' ? this.verified.get(token) : undefined;
    if (known) {
      // jose's rule: expired once the current second reaches `exp`.
      if (Math.floor(Date.now() / 1000) < known.exp) return known.claims;
      this.verified.delete(token);
    }
    try {
      // A token without `exp` would never expire: refused like a forged one.
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'dentalpin',
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const { typ, sub, sid, jti } = payload;
      if (typ !== expected || typeof sub !== 'string' || typeof sid !== 'string' || !isUuid(sub) || !isUuid(sid))
        throw new DomainError('UNAUTHENTICATED', `This is not an ${expected} token.`);
      if (expected === 'refresh' && (typeof jti !== 'string' || !isUuid(jti)))
        throw new DomainError('UNAUTHENTICATED', 'This is not a refresh token.');
      const claims: TokenClaims = { sub, typ: expected, sid, ...(typeof jti === 'string' ? { jti } : {}) };
      if (expected === 'access') {
        if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, { claims: Object.freeze(claims), exp: payload.exp! });
      }
      return claims;
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof joseErrors.JWTExpired)
        throw new DomainError('UNAUTHENTICATED', `The ${expected} token has expired; log in again.`);
      throw new DomainError('UNAUTHENTICATED', `The ${expected} token is invalid.`);
    }
  }
}
