import { describe, expect, it } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { answerConfirm, confirmMessage, mountLayer, settle } from '../testing/index.ts';
import { useFormSnapshot, useUnsavedGuard } from './unsaved.ts';

const form = reactive({ name: 'Ana' });
const EditPage = defineComponent({
  setup() {
    const snapshot = useFormSnapshot(() => form);
    useUnsavedGuard(snapshot.dirty);
    return () => h('p', { 'data-test': 'edit' }, form.name);
  },
});

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/edit', component: EditPage },
      { path: '/elsewhere', component: { render: () => h('p', { 'data-test': 'elsewhere' }) } },
    ],
  });
  await router.push('/edit');
  const mounted = mountLayer(RouterView, { plugins: [router], attach: true, confirmDialog: true });
  await settle();
  return { ...mounted, router };
}
const unload = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('useUnsavedGuard', () => {
  it('lets the person leave a page with no edits without asking, and the tab close too', async () => {
    form.name = 'Ana';
    const { router } = await mountPage();
    expect(unload()).toBe(false);
    await router.push('/elsewhere');
    expect(confirmMessage()).toBeNull();
    expect(router.currentRoute.value.path).toBe('/elsewhere');
  });

  it('asks before navigation drops edits: staying keeps the page, discarding leaves; closing the tab is held', async () => {
    form.name = 'Ana';
    const { router } = await mountPage();
    form.name = 'Ana María';
    expect(unload()).toBe(true);

    const first = router.push('/elsewhere');
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    await first;
    expect(router.currentRoute.value.path).toBe('/edit');
  });

  it('leaves once the person discards the edits', async () => {
    form.name = 'Ana';
    const { router } = await mountPage();
    form.name = 'Ana María';
    const leaving = router.push('/elsewhere');
    await settle();
    await answerConfirm(true);
    await leaving;
    expect(router.currentRoute.value.path).toBe('/elsewhere');
  });
});
