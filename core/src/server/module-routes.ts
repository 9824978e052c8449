import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { createHmac, randomUUID } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import { asOwner, bindCurrent, openBindingCell } from '../db/tenancy.ts';
import type { Platform } from '../platform.ts';
import type { ModuleHttpContext } from '../modules/define.ts';
import { AuthState } from '../graphql/context.ts';
import { systemIdentity } from '../graphql/supergraph-client.ts';
import { currentRequest, noteCaller } from '../observability/request-context.ts';

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Mounts the `http` routes of every discovered module once; each request goes only to the routers of
 * the modules active at that moment, so a disabled or uninstalled module's endpoints answer 404.
 */
export function mountModuleRoutes(app: Express, platform: Platform, secret: string): void {
  const routers = new Map<string, Router>();
  for (const m of platform.kernel.modules()) {
    if (!m.definition.http) continue;
    const router = express.Router();
    m.definition.http(router, httpContext(platform, m.name, secret));
    routers.set(m.name, router);
  }
  if (!routers.size) return;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const active = platform.activeModules().flatMap((m) => routers.get(m.name) ?? []);
    const run = (i: number, error?: unknown): void => {
      if (error !== undefined && error !== 'route' && error !== 'router') return next(error);
      const router = active[i];
      if (!router) return next();
      // The module's route runs in a binding cell with no clinic until `authorize`/`forClinic` binds one;
      // the next router and the rest of the app continue outside it.
      const proceed = AsyncResource.bind((e?: unknown) => run(i + 1, e));
      openBindingCell({ clinicId: null }, () => router(req, res, proceed));
    };
    run(0);
  });
}

function httpContext(platform: Platform, moduleName: string, secret: string): ModuleHttpContext {
  const key = createHmac('sha256', secret).update(`module-http:${moduleName}`).digest();
  const requestId = () => currentRequest()?.requestId ?? randomUUID();
  return {
    async authorize(req, permission) {
      // Who the caller is, and in which clinic, is the core's own question: asked as the owner, like GraphQL's.
      const auth = await asOwner('authenticate a module route caller', () =>
        platform.auth.authenticate(header(req.headers.authorization), header(req.headers['x-clinic-id'])),
      );
      if (!auth.identity && auth.failure) throw auth.failure;
      const caller = auth.require(permission);
      noteCaller(caller);
      bindCurrent(caller.clinicId);
      const orm = await platform.kernel.orm(moduleName);
      return { em: orm.em.fork(), identity: caller, query: platform.supergraph.forAuth(auth, requestId()) };
    },
    async forClinic(clinicId) {
      const orm = await platform.kernel.orm(moduleName);
      const identity = systemIdentity(clinicId, moduleName);
      bindCurrent(clinicId);
      return { em: orm.em.fork(), identity, query: platform.supergraph.forAuth(new AuthState(identity), requestId()) };
    },
    sign: (value) => createHmac('sha256', key).update(value).digest('base64url'),
  };
}
