import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref, watch } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter, RouterView, useRouter } from 'vue-router';
import { useDebounced } from './debounce.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** A list page that keeps its debounced search in the URL, as the patients list does. */
const search = ref('');
const List = defineComponent({
  setup() {
    const router = useRouter();
    const query = useDebounced(search, 50);
    watch(query, (q) => void router.replace({ query: q ? { q } : {} }));
    return () => h('div', { id: 'list' }, query.value);
  },
});

async function routedApp(detailLoadMs: number) {
  search.value = '';
  const Detail = defineComponent({ render: () => h('div', { id: 'detail' }) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/list', component: List },
      // A lazily loaded page whose chunk takes a while, as in the browser.
      { path: '/detail', component: () => wait(detailLoadMs).then(() => Detail) },
    ],
  });
  await router.push('/list');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router] } });
  unmount = () => wrapper.unmount();
  await flushPromises();
  return { router, wrapper };
}

describe('useDebounced', () => {
  it('follows its source once the source has been still for the delay', async () => {
    const { router, wrapper } = await routedApp(0);
    search.value = 'F';
    await nextTick();
    search.value = 'Fuentes';
    await wait(20);
    expect(wrapper.find('#list').text()).toBe('');
    await wait(60);
    await flushPromises();
    expect(wrapper.find('#list').text()).toBe('Fuentes');
    expect(router.currentRoute.value.fullPath).toBe('/list?q=Fuentes');
  });

  it('drops a pending update when the user leaves the page, so the navigation is not cancelled', async () => {
    const { router, wrapper } = await routedApp(150);
    search.value = 'Fuentes';
    await nextTick();
    // Leave before the search settles; the next page takes longer to load than the delay.
    await router.push('/detail');
    await wait(200);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/detail');
    expect(wrapper.find('#detail').exists()).toBe(true);
  });
});
