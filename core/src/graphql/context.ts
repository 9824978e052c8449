import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, forbidden } from '../errors.ts';
import { hasPermission } from '../auth/rbac.ts';
import type { Role } from '../modules/manifest.ts';
import { platformLimits } from '../limits.ts';
import type { SupergraphQuery } from './supergraph-client.ts';

/** Who is calling, in which clinic, with which grants. Travels from the gateway to every subgraph. */
export interface Identity {
  userId: string;
  /** The login session the access token belongs to; absent for work run later on the user's behalf. */
  sessionId?: string;
  email: string;
  clinicId: string;
  role: Role;
  isPlatformAdmin: boolean;
  /** Grant patterns (`*`, `patients.*`, `patients.read`) of the role in this clinic. */
  grants: string[];
}

export class AuthState {
  constructor(
    readonly identity: Identity | null,
    /** Why authentication failed (bad, expired or revoked token; foreign clinic). */
    readonly failure: DomainError | null = null,
  ) {}

  static anonymous = new AuthState(null);

  /** The caller; UNAUTHENTICATED when there is none. */
  user(): Identity {
    if (this.identity) return this.identity;
    throw (
      this.failure ?? new DomainError('UNAUTHENTICATED', 'Log in first: send "authorization: Bearer <accessToken>".')
    );
  }

  can(permission: string): boolean {
    return !!this.identity && hasPermission(this.identity.grants, permission);
  }

  /** The caller if they hold `permission` in the selected clinic; FORBIDDEN otherwise. */
  require(permission: string): Identity {
    const identity = this.user();
    if (!hasPermission(identity.grants, permission)) throw forbidden(permission);
    return identity;
  }

  requirePlatformAdmin(): Identity {
    const identity = this.user();
    if (!identity.isPlatformAdmin)
      throw new DomainError('FORBIDDEN', 'Only a platform administrator may change the modules of this instance.');
    return identity;
  }
}

/** What every resolver of every subgraph receives. */
export interface RequestContext {
  requestId: string;
  /** The client's address (socket, or forwarded through a trusted proxy); null for calls from inside the process. */
  clientAddress: string | null;
  auth: AuthState;
  /** A fresh EntityManager of the module that owns the resolver. */
  em: EntityManager;
  /** A per-request DataLoader, created on first use under `key` (batch entity resolution). */
  loader<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V>;
  /**
   * Reads other modules through the supergraph as this caller (same clinic, same permissions); returns
   * `data` or throws the first error as a DomainError. It does not see this request's uncommitted writes.
   */
  query: SupergraphQuery;
}

/** Keys loaded so far by one request's DataLoaders, shared by every subgraph the request touches. */
export interface LoadedKeys {
  count: number;
}

/**
 * Per-request DataLoaders. Together they load at most DENTALPIN_MAX_LOADER_KEYS keys: a request fanning out
 * further (long pages of nested lists) is refused with QUERY_TOO_COMPLEX instead of loading them.
 */
export function loaderCache(loaded: LoadedKeys): RequestContext['loader'] {
  const loaders = new Map<string, DataLoader<unknown, unknown>>();
  const maximum = platformLimits().loaderKeys;
  return <K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>) => {
    let loader = loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      // async: a batch that throws before its first await (e.g. a permission check) rejects its keys instead of escaping.
      loader = new DataLoader<K, V>(async (keys) => {
        loaded.count += keys.length;
        if (loaded.count > maximum)
          throw new DomainError(
            'QUERY_TOO_COMPLEX',
            `This request needs more than ${maximum} related records (the loader key limit, DENTALPIN_MAX_LOADER_KEYS); ask for smaller pages or fewer nested lists.`,
            { limit: 'loaderKeys', maximum },
          );
        return batch(keys);
      });
      loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  };
}
