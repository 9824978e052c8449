import DataLoader from 'dataloader';
import { DomainError, forbidden } from '../errors.ts';
import { hasPermission } from '../auth/rbac.ts';
import { platformLimits } from '../limits.ts';
import type { Identity, RequestAuth, RequestContext } from '../modules/contract.ts';

export type { Identity, RequestContext } from '../modules/contract.ts';

export class AuthState implements RequestAuth {
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
