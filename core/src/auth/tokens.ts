import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError } from '../errors.ts';
import { config } from '../config.ts';
import { isUuid } from '../validation.ts';

export type TokenType = 'access' | 'refresh';
export interface TokenClaims {
  sub: string;
  typ: TokenType;
  /** users.token_version when the token was minted; bumping it revokes every older token. */
  tv: number;
}

const ttlOf = (type: TokenType) => (type === 'access' ? config().auth.accessTtl : config().auth.refreshTtl);

export class TokenService {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('The token secret must have at least 32 characters.');
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims, ttl = ttlOf(claims.typ)): Promise<string> {
    return new SignJWT({ typ: claims.typ, tv: claims.tv })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setIssuer('dentalpin')
      .setExpirationTime(ttl)
      .sign(this.key);
  }

  async verify(token: string, expected: TokenType): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'dentalpin', algorithms: ['HS256'] });
      if (payload.typ !== expected || typeof payload.sub !== 'string' || typeof payload.tv !== 'number')
        throw new DomainError('UNAUTHENTICATED', `This is not an ${expected} token.`);
      // User ids are UUIDs; any other subject is refused here rather than reaching a query.
      if (!isUuid(payload.sub)) throw new DomainError('UNAUTHENTICATED', `The ${expected} token is invalid.`);
      return { sub: payload.sub, typ: expected, tv: payload.tv };
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof joseErrors.JWTExpired)
        throw new DomainError('UNAUTHENTICATED', `The ${expected} token has expired; log in again.`);
      throw new DomainError('UNAUTHENTICATED', `The ${expected} token is invalid.`);
    }
  }
}
