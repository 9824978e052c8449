import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import ModuleSlot from './ModuleSlot.vue';
import { clearSlots, registerSlot } from './registry.ts';
import { createHostState, HOST_KEY, type HostState, type MeInfo } from '../shell/host.ts';

const Widget = (label: string) =>
  defineComponent({
    props: { ctx: { type: Object, required: true } },
    setup: (props) => () =>
      h('span', { class: 'entry' }, `${label}:${String((props.ctx as { who?: string }).who ?? '')}`),
  });

const me = (permissions: string[]): MeInfo => ({
  user: { id: 'u1', email: 'a@b.c', fullName: 'Ada', isPlatformAdmin: false },
  clinic: { id: 'c1', name: 'Norte', timezone: 'Europe/Madrid', currency: 'EUR' },
  clinics: [{ id: 'c1', name: 'Norte', role: 'dentist' }],
  role: 'dentist',
  permissions,
});
const activeModule = (name: string) => ({
  name,
  version: '1.0.0',
  category: 'official',
  summary: '',
  permissions: [],
  navigation: [],
});

function render(host: HostState, ctx: Record<string, unknown> = { who: 'ana' }) {
  return mount(ModuleSlot, {
    props: { name: 'dashboard.widgets', ctx },
    global: { provide: { [HOST_KEY as symbol]: host } },
  });
}
const texts = (w: ReturnType<typeof render>) => w.findAll('.entry').map((e) => e.text());

afterEach(() => clearSlots());

describe('<ModuleSlot>', () => {
  it('renders visible entries in order, passing the context', () => {
    registerSlot('dashboard.widgets', { id: 'two', component: Widget('two'), order: 2 });
    registerSlot('dashboard.widgets', { id: 'one', component: Widget('one'), order: 1 });
    const w = render(createHostState({ me: me([]), loaded: true }));
    expect(texts(w)).toEqual(['one:ana', 'two:ana']);
  });

  it('follows the user permissions and the active modules as they change', async () => {
    registerSlot('dashboard.widgets', {
      id: 'p',
      component: Widget('patients'),
      permission: 'patients.read',
      module: 'patients',
    });
    registerSlot('dashboard.widgets', { id: 'host', component: Widget('host') });
    const host = createHostState({ me: me([]), bakedLayers: ['patients'], loaded: true });
    const w = render(host);
    expect(texts(w)).toEqual(['host:ana']);
    host.me = me(['patients.read']);
    await nextTick();
    expect(texts(w)).toEqual(['host:ana']); // the module is not active yet
    host.activeModules = [activeModule('patients')];
    await nextTick();
    expect(texts(w)).toEqual(['patients:ana', 'host:ana']);
  });

  it('applies conditions to the context and re-renders when an entry is replaced', async () => {
    registerSlot<{ who?: string }>('dashboard.widgets', {
      id: 'x',
      component: Widget('old'),
      condition: (c) => c.who === 'ana',
    });
    const w = render(createHostState({ me: me([]), loaded: true }));
    expect(texts(w)).toEqual(['old:ana']);
    registerSlot('dashboard.widgets', { id: 'x', component: Widget('new') });
    await nextTick();
    expect(texts(w)).toEqual(['new:ana']);
    await w.setProps({ ctx: { who: 'bob' } });
    expect(texts(w)).toEqual(['new:bob']);
  });

  it('renders nothing when no entry is visible', () => {
    registerSlot('dashboard.widgets', { id: 'x', component: Widget('x'), condition: () => false });
    const w = render(createHostState({ me: me([]), loaded: true }));
    expect(w.find('.module-slot').exists()).toBe(false);
  });
});
