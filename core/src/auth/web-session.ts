import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { decodeJwt } from 'jose';
import { DomainError, type ErrorCode } from '../errors.ts';
import { clientAddress } from '../server/client-address.ts';
import { logger } from '../logger.ts';
import { UNKNOWN_ADDRESS, type AuthPayload, type AuthService } from './service.ts';

/** The refresh token's cookie: script never sees it, and the browser sends it only to `/auth/*`. */
export const REFRESH_COOKIE = 'dentalpin_refresh';
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth' } as const;

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

/** The same error shape as GraphQL's, with an HTTP status that says the same. */
function sendError(res: Response, error: DomainError) {
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
  res
    .status(STATUS[error.code as ErrorCode] ?? 400)
    .json({ errors: [{ message: error.message, extensions: { code: error.code, ...(error.details ?? {}) } }] });
}

function refreshCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Refuses requests a page of another site could make: a form or a simple fetch cannot send
 * `content-type: application/json` across sites without a preflight, and a browser's Origin must
 * be this host.
 */
function sameSiteProblem(req: Request): DomainError | null {
  if (!req.is('application/json'))
    return new DomainError('BAD_USER_INPUT', 'Send the request with "content-type: application/json".');
  const origin = req.headers.origin;
  if (origin !== undefined && (origin === 'null' || URL.parse(origin)?.host !== req.headers.host))
    return new DomainError('FORBIDDEN', 'Cross-site requests to /auth are refused.');
  return null;
}

const setRefreshCookie = (res: Response, payload: AuthPayload) =>
  res.cookie(REFRESH_COOKIE, payload.refreshToken, {
    ...COOKIE_OPTIONS,
    maxAge: decodeJwt(payload.refreshToken).exp! * 1000 - Date.now(),
  });

/**
 * The web app's session endpoints: the refresh token lives in an HttpOnly cookie scoped to `/auth`,
 * the access token only in the page's memory. API clients keep using the GraphQL mutations.
 */
export function mountWebSession(app: Express, auth: AuthService) {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => [
    express.json({ limit: '16kb' }),
    // Only reached when the body did not parse (malformed or too large): an answer in the same shape.
    (error: Error, _req: Request, res: Response, _next: NextFunction) =>
      sendError(res, new DomainError('BAD_USER_INPUT', `The request body is not usable JSON: ${error.message}`)),
    async (req: Request, res: Response) => {
      const problem = sameSiteProblem(req);
      if (problem) return sendError(res, problem);
      try {
        await handler(req, res);
      } catch (e) {
        if (e instanceof DomainError) return sendError(res, e);
        logger.error(`${req.path} failed: ${(e as Error).stack ?? String(e)}`);
        res
          .status(500)
          .json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    },
  ];
  app.post(
    '/auth/login',
    ...route(async (req, res) => {
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== 'string' || typeof password !== 'string')
        throw new DomainError('BAD_USER_INPUT', 'Send {"email": …, "password": …} as strings.');
      const payload = await auth.login(email, password, clientAddress(req) ?? UNKNOWN_ADDRESS);
      setRefreshCookie(res, payload);
      res.json({ accessToken: payload.accessToken, user: { id: payload.user.id, email: payload.user.email } });
    }),
  );
  app.post(
    '/auth/refresh',
    ...route(async (req, res) => {
      const token = refreshCookie(req);
      if (!token) throw new DomainError('UNAUTHENTICATED', 'No session: log in first.');
      try {
        const payload = await auth.refresh(token);
        setRefreshCookie(res, payload);
        res.json({ accessToken: payload.accessToken });
      } catch (e) {
        res.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
        throw e;
      }
    }),
  );
  app.post(
    '/auth/logout',
    ...route(async (req, res) => {
      const token = refreshCookie(req);
      if (token) await auth.logout(token);
      res.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
      res.json({ ok: true });
    }),
  );
}
