import type { Directive, DirectiveBinding, VNode } from 'vue';

type Hook = 'created' | 'beforeMount' | 'mounted' | 'beforeUpdate' | 'updated' | 'beforeUnmount' | 'unmounted';
const HOOKS: Hook[] = ['created', 'beforeMount', 'mounted', 'beforeUpdate', 'updated', 'beforeUnmount', 'unmounted'];
type HookArgs = [el: HTMLElement, binding: DirectiveBinding, vnode: VNode, prevVNode: VNode | null];
type HookFn = (...args: HookArgs) => void;

/**
 * A directive whose code loads the first time an element uses it (e.g. PrimeVue's tooltip, which no page of the
 * host uses, but layers may): until it arrives, each element's hook calls are kept and then replayed in order.
 */
export function lazyDirective(load: () => Promise<{ default: Directive }>): Directive<HTMLElement> {
  let real: Partial<Record<Hook, HookFn>> | undefined;
  let loading: Promise<void> | undefined;
  const queued: [Hook, HookArgs][] = [];
  const start = () =>
    (loading ??= load().then(({ default: directive }) => {
      real = directive as Partial<Record<Hook, HookFn>>;
      for (const [hook, args] of queued.splice(0)) real[hook]?.(...args);
    }));
  const wrapper: Partial<Record<Hook, HookFn>> = {};
  for (const hook of HOOKS)
    wrapper[hook] = (...args) => {
      if (real) return real[hook]?.(...args);
      queued.push([hook, args]);
      void start();
    };
  return wrapper as Directive<HTMLElement>;
}
