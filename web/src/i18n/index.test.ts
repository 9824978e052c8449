import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h } from 'vue';
import { compileMessages } from '../../scripts/i18n-messages.ts';
import { defineModuleLayer, installLayers, type LocaleMessages } from '../shell/layers.ts';
import { createHostI18n, toMessageAst } from './index.ts';

// The repository (vitest's root); happy-dom gives this module an http: URL, not a file path.
const ROOT = process.cwd();

/** Every message file the build precompiles: the host's and each official layer's. */
function messageFiles(): string[] {
  const files = ['web/src/i18n/en.json', 'web/src/i18n/es.json'];
  for (const parent of ['subgraphs', 'examples'])
    for (const dir of readdirSync(join(ROOT, parent))) {
      const i18n = join(parent, dir, 'web', 'i18n');
      try {
        for (const f of readdirSync(join(ROOT, i18n))) if (f.endsWith('.json')) files.push(join(i18n, f));
      } catch {
        // a module without a web layer
      }
    }
  return files;
}

type Tree = { [key: string]: string | Tree };
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));
}

/** Evaluates what the build plugin emits for a message file (the module's `s` helper and its object). */
function precompiled(messages: Tree, file: string): Record<string, unknown> {
  const code = compileMessages(messages, file);
  const s = (t: string) => ({ t: 0, b: { t: 2, s: t } });
  return new Function('s', `return ${code};`)(s) as Record<string, unknown>;
}

// Any named placeholder answers with its name, so both sides interpolate the same way.
const named = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `<${key}>` : undefined), has: () => true });

describe('precompiled messages (scripts/i18n-messages.ts)', () => {
  it('translate every key of every message file exactly as the source messages do', () => {
    const files = messageFiles();
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Tree;
      type Translate = (key: string, named: object, plural?: number) => string;
      // vue-i18n's message schema inference does not terminate on these trees; the test needs only `t`.
      const i18n = createI18n as unknown as (options: object) => { global: { t: Translate } };
      const translator = (messages: unknown) =>
        i18n({ legacy: false, locale: 'x', messages: { x: messages } }).global.t;
      const plain = translator(source);
      const compiled = translator(precompiled(source, file));
      for (const key of keysOf(source))
        for (const plural of [undefined, 1, 3]) {
          const want = plural === undefined ? plain(key, named) : plain(key, named, plural);
          const got = plural === undefined ? compiled(key, named) : compiled(key, named, plural);
          expect(got, `${file} ${key}`).toBe(want);
        }
    }
  });

  it('fail the build with the file and key of a message that does not compile', () => {
    expect(() => compileMessages({ a: { b: 'Hello {name' } }, 'x/i18n/en.json')).toThrow(/x\/i18n\/en.json: a\.b/);
  });
});

describe('the host’s messages', () => {
  it('makes inline plain texts ASTs and keeps precompiled ones', () => {
    const ast = { t: 0, b: { t: 2, s: 'Hi' } };
    expect(toMessageAst({ a: 'Hello', g: { b: ast } })).toEqual({
      a: { t: 0, b: { t: 2, s: 'Hello' } },
      g: { b: ast },
    });
  });

  it('loads a language’s files (host and layers) only when it is asked for, and translates with them', async () => {
    const Page = defineComponent({ render: () => h('div') });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', name: 'shell', component: Page }],
    });
    const loaded: string[] = [];
    const loader = (locale: string, messages: LocaleMessages) => async () => {
      loaded.push(locale);
      return { default: messages };
    };
    const layer = defineModuleLayer({
      module: 'inventory',
      i18n: {
        en: loader('en', { nav: { inventory: 'Inventory' } }),
        es: loader('es', { nav: { inventory: 'Inventario' } }),
      },
    });
    const messages = createHostI18n('es');
    installLayers([{ module: 'inventory', layer }], {
      router,
      parentRoute: 'shell',
      mergeMessages: messages.merge,
      deferMessages: messages.defer,
    });
    expect(loaded).toEqual([]);
    await messages.load('es');
    expect(loaded).toEqual(['es']);
    const t = messages.i18n.global.t;
    expect(t('nav.inventory')).toBe('Inventario');
    expect(t('app.logout')).toBe('Cerrar sesión');
    await messages.load('es');
    expect(loaded).toEqual(['es']);
    await messages.load('en');
    messages.i18n.global.locale.value = 'en';
    expect(t('nav.inventory')).toBe('Inventory');
    expect(loaded).toEqual(['es', 'en']);
  });
});
