import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Knex } from '@mikro-orm/knex';
import { DomainError } from '../errors.ts';
import type { TokenClaims, TokenService } from './tokens.ts';

export interface SessionTokens {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
}

export type RevokeReason = 'logout' | 'logout_everywhere' | 'reuse' | 'password' | 'deactivated' | 'membership';

/**
 * How long the refresh token a session just replaced is still taken. A browser whose refresh answer was lost (a
 * reload or a navigation while it was on its way, a dropped connection) still holds that token; within this
 * window it gets the session's current token again. The same window is what a thief with a copy of that token
 * has, only until the rotation's own answer arrives and is used.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

/**
 * Login sessions. A session is a refresh-token family: only its current refresh token is accepted,
 * and using it mints the next one (rotation); presenting an older one means it was copied, so the
 * whole family is revoked — except the token rotated away within the last `REFRESH_REUSE_GRACE_SECONDS`, which
 * gets the current one again. Access tokens carry the session id, so revoking a session ends its
 * access tokens at the next request.
 */
export class SessionStore {
  constructor(
    private readonly knex: () => Knex,
    private readonly tokens: TokenService,
  ) {}

  private async mint(
    userId: string,
    sessionId: string,
    tokenId: string = randomUUID(),
  ): Promise<SessionTokens & { tokenId: string; expiresAt: Date }> {
    const refreshToken = await this.tokens.sign({ sub: userId, sid: sessionId, typ: 'refresh', jti: tokenId });
    return {
      sessionId,
      tokenId,
      accessToken: await this.tokens.sign({ sub: userId, sid: sessionId, typ: 'access' }),
      refreshToken,
      expiresAt: new Date(decodeJwt(refreshToken).exp! * 1000),
    };
  }

  async open(userId: string, clientAddress: string | null): Promise<SessionTokens> {
    const minted = await this.mint(userId, randomUUID());
    await this.knex()('core_auth_session').insert({
      id: minted.sessionId,
      user_id: userId,
      current_token_id: minted.tokenId,
      client_address: clientAddress?.slice(0, 100) ?? null,
      expires_at: minted.expiresAt,
    });
    return minted;
  }

  /**
   * Exchanges the session's current refresh token for the next one. The token it replaced, presented again within
   * the grace window, gets the current one re-signed (same id: whichever answer the browser keeps is the current
   * token); any other older one revokes the family.
   */
  async rotate(claims: TokenClaims): Promise<SessionTokens & { userId: string }> {
    const knex = this.knex();
    const live = { id: claims.sid, user_id: claims.sub, revoked_at: null };
    const minted = await this.mint(claims.sub, claims.sid);
    const [rotated] = await knex('core_auth_session')
      .where({ ...live, current_token_id: claims.jti! })
      .andWhere('expires_at', '>', knex.fn.now())
      .update({
        current_token_id: minted.tokenId,
        previous_token_id: claims.jti!,
        rotated_at: knex.fn.now(),
        last_used_at: knex.fn.now(),
        expires_at: minted.expiresAt,
      })
      .returning('user_id');
    if (rotated) return { ...minted, userId: claims.sub };

    const [replaced] = await knex('core_auth_session')
      .where({ ...live, previous_token_id: claims.jti! })
      .andWhere('expires_at', '>', knex.fn.now())
      .andWhere('rotated_at', '>', knex.raw(`now() - make_interval(secs => ?)`, [REFRESH_REUSE_GRACE_SECONDS]))
      .update({ last_used_at: knex.fn.now() })
      .returning<{ current_token_id: string }[]>('current_token_id');
    if (replaced)
      return { ...(await this.mint(claims.sub, claims.sid, replaced.current_token_id)), userId: claims.sub };

    const reused = await knex('core_auth_session')
      .where({ id: claims.sid, revoked_at: null })
      .whereNot({ current_token_id: claims.jti! })
      .update({ revoked_at: knex.fn.now(), revoked_reason: 'reuse' });
    throw new DomainError(
      'UNAUTHENTICATED',
      reused
        ? 'This refresh token was already used, so the session it belongs to has been ended; log in again.'
        : 'This session has ended; log in again.',
    );
  }

  /** Ends one session (logout). */
  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.knex()('core_auth_session')
      .where({ id: sessionId, revoked_at: null })
      .update({ revoked_at: this.knex().fn.now(), revoked_reason: reason });
  }

  /** Ends every session of a user, but `keep` (the caller's own, when they changed their password). */
  async revokeAll(userId: string, reason: RevokeReason, keep?: string): Promise<void> {
    const q = this.knex()('core_auth_session').where({ user_id: userId, revoked_at: null });
    if (keep) q.whereNot({ id: keep });
    await q.update({ revoked_at: this.knex().fn.now(), revoked_reason: reason });
  }
}
