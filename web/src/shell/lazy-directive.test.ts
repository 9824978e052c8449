import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref, withDirectives } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import type { Directive } from 'vue';
import { lazyDirective } from './lazy-directive.ts';

describe('lazyDirective', () => {
  it('loads on first use, replays the hooks an element had meanwhile, then calls them directly', async () => {
    const calls: string[] = [];
    const real: Directive<HTMLElement, string> = {
      created: (el, b) => calls.push(`created ${b.value}`),
      mounted: (el, b) => calls.push(`mounted ${b.value} ${el.isConnected}`),
      updated: (el, b) => calls.push(`updated ${b.value}`),
      unmounted: () => calls.push('unmounted'),
    };
    let loads = 0;
    const tip = lazyDirective(async () => {
      loads++;
      return { default: real as Directive };
    });
    const text = ref('a');
    const Comp = defineComponent({ render: () => withDirectives(h('span', text.value), [[tip, text.value]]) });
    const wrapper = mount(Comp, { attachTo: document.body });
    expect(calls).toEqual([]);
    await flushPromises();
    expect(loads).toBe(1);
    expect(calls).toEqual(['created a', 'mounted a true']);
    text.value = 'b';
    await nextTick();
    expect(calls.at(-1)).toBe('updated b');
    wrapper.unmount();
    expect(calls.at(-1)).toBe('unmounted');
    mount(Comp);
    await flushPromises();
    expect(loads).toBe(1);
  });
});
