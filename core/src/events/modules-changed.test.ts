import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../graphql/subgraph.ts';
import { activeModulesChange, subscriptionFields, type SubscriptionSource } from './subscriptions.ts';

/** The platform's side of `activeModulesChanged`: the active set and its `changed` signal. */
function platformLike(initial: { name: string; version: string }[]) {
  let active = initial;
  const changes = new EventEmitter();
  const source = {
    activeModules: () => active,
    onModulesChanged: (listener: () => void) => {
      changes.on('changed', listener);
      return () => void changes.off('changed', listener);
    },
    moduleSubscriptions: () => [],
  } as unknown as SubscriptionSource;
  return {
    source,
    listeners: () => changes.listenerCount('changed'),
    change(next: { name: string; version: string }[]) {
      active = next;
      changes.emit('changed');
    },
  };
}
const signedIn = { auth: { user: () => ({ userId: 'u' }) } } as unknown as GatewayContext;
const anonymous = {
  auth: {
    user: () => {
      throw Object.assign(new Error('Sign in first.'), { code: 'UNAUTHENTICATED' });
    },
  },
} as unknown as GatewayContext;

describe('activeModulesChanged', () => {
  it('fingerprints the set by sorted name@version', () => {
    expect(
      activeModulesChange([
        { name: 'patients', version: '0.2.0' },
        { name: 'agenda', version: '0.1.0' },
      ]),
    ).toEqual({ fingerprint: 'agenda@0.1.0,patients@0.2.0', modules: ['agenda', 'patients'] });
  });

  it('yields the set at once, then each real change (not a reload that changed nothing), and stops listening on return', async () => {
    const p = platformLike([{ name: 'patients', version: '0.2.0' }]);
    const field = subscriptionFields(p.source).get('activeModulesChanged')!;
    const it = (await field.subscribe({}, signedIn))[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ fingerprint: 'patients@0.2.0', modules: ['patients'] });
    const next = it.next();
    p.change([{ name: 'patients', version: '0.2.0' }]); // reload without a difference: nothing sent
    p.change([
      { name: 'patients', version: '0.2.0' },
      { name: 'inventory', version: '1.0.0' },
    ]);
    expect((await next).value).toEqual({
      fingerprint: 'inventory@1.0.0,patients@0.2.0',
      modules: ['inventory', 'patients'],
    });
    expect(p.listeners()).toBe(1);
    await it.return!();
    expect(p.listeners()).toBe(0);
    expect((await it.next()).done).toBe(true);
  });

  it('refuses an anonymous caller', async () => {
    const p = platformLike([]);
    await expect(
      Promise.resolve(subscriptionFields(p.source).get('activeModulesChanged')!.subscribe({}, anonymous)),
    ).rejects.toThrow();
  });
});
