import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_RENDER, primevueTheme, THEME_CSS, THEME_REST_CSS, themeStyleSheets } from '../scripts/primevue-theme.ts';

/** scripts/primevue-theme.ts: PrimeVue's styled-mode CSS computed at build time (the app runs `theme: 'none'`). */
describe('PrimeVue theme stylesheets', () => {
  let first = '';
  let rest = '';
  beforeAll(async () => {
    ({ first, rest } = await themeStyleSheets());
  });

  it('applies the AA-contrast palette: white on the 700 shade for filled buttons and primary text', () => {
    expect(first).toContain('--p-primary-color:var(--p-primary-700)');
    expect(first).toContain('--p-button-primary-background:var(--p-primary-700)');
    expect(first).toContain('--p-button-success-background:var(--p-green-700)');
    expect(first).toContain('--p-text-muted-color:var(--p-surface-600)');
    expect(first).toContain('--p-primary-700:var(--p-emerald-700)');
  });

  it('holds the global style PrimeVue loads with its first component', () => {
    expect(first).toMatch(/\*,\s*::before,\s*::after\s*\{\s*box-sizing:\s*border-box/);
    expect(first.includes('.p-overlay-mask{')).toBe(true);
    // Aura's own CSS (transitions of options and rows).
    expect(first.includes('li.p-select-option,')).toBe(true);
  });

  it('puts the components the app renders in the first stylesheet, every other one in the rest', () => {
    // (Booleans, not toContain: a failure would print 300 KB of CSS.)
    for (const selector of ['.p-button{', '.p-dialog{', '.p-select{', '.p-toast{', '.p-tag{', '.p-tabs{'])
      expect(first.includes(selector), selector).toBe(true);
    expect(rest.includes('.p-datepicker{')).toBe(true);
    expect(first.includes('.p-datepicker')).toBe(false);
    expect(rest.includes('--p-button-primary-background')).toBe(false);
    expect(FIRST_RENDER.length).toBeGreaterThan(20);
  });

  it('holds every rule PrimeVue would inject at run time for the first-render components', async () => {
    // PrimeVue's styled mode, replayed: BaseComponent._loadThemeStyles loads the common variables, the global
    // style with the preset's CSS, then each component's variables and style. An upgrade that changes what it
    // loads fails here.
    const { Theme, css } = await import('@primeuix/styled');
    const { minifyCSS } = await import('@primeuix/utils/object');
    type Style = { style?: string; getCommonTheme(): Record<string, { css?: string } | string | undefined> };
    const sheet = (source: string | undefined, name?: string, extra = '') => {
      const text = `${
        css`
          ${source ?? ''}
        ` ?? ''
      }`;
      return minifyCSS(
        name
          ? Theme.transformCSS(
              name,
              `${text}${
                css`
                  ${extra}
                ` ?? ''
              }`,
            )
          : text,
      );
    };
    const base = (await import('@primevue/core/base/style')).default as unknown as Style;
    const common = base.getCommonTheme() as {
      primitive?: { css?: string };
      semantic?: { css?: string };
      global?: { css?: string };
      style?: string;
    };
    const runtime = [
      sheet(common.primitive?.css),
      sheet(common.semantic?.css),
      sheet(common.global?.css),
      sheet(base.style, 'global-style', common.style),
    ];
    for (const name of FIRST_RENDER) {
      const style = (await import(/* @vite-ignore */ `primevue/${name}/style`)).default as {
        style?: string;
        getComponentTheme(): { css?: string; style?: string } | undefined;
      };
      const theme = style.getComponentTheme() ?? {};
      runtime.push(sheet(theme.css), sheet(style.style, `${name}-style`, theme.style));
    }
    const rules = (text: string) =>
      new Set(
        text
          .replace(/\s+/g, ' ')
          .split('}')
          .map((r) => r.trim())
          .filter(Boolean),
      );
    const built = rules(first);
    const missing = [...rules(runtime.join('\n'))].filter((r) => !built.has(r));
    expect(missing.map((r) => r.slice(0, 120))).toEqual([]);
  });

  it('leaves no token unresolved and no dark scheme (the app has none)', () => {
    for (const css of [first, rest]) {
      expect(/\bdt\(/.test(css)).toBe(false);
      expect(css.includes('prefers-color-scheme')).toBe(false);
    }
  });

  it('serves both sheets as virtual CSS and drops the component CSS sources PrimeVue no longer reads', async () => {
    const plugin = primevueTheme();
    type Hook<T> = { filter: { id: RegExp }; handler: (id: string) => T };
    const resolveHook = plugin.resolveId as unknown as Hook<string | null>;
    const loadHook = plugin.load as unknown as Hook<Promise<string>>;
    // What the bundler does: a hook runs only for the ids its filter matches.
    const resolveId = (id: string) => (resolveHook.filter.id.test(id) ? resolveHook.handler(id) : null);
    const load = (id: string) => (loadHook.filter.id.test(id) ? loadHook.handler(id) : null);
    const firstId = resolveId(THEME_CSS);
    const restId = resolveId(THEME_REST_CSS);
    expect(firstId).toBeTruthy();
    expect((await load(firstId!)) === first).toBe(true);
    expect((await load(restId!)) === rest).toBe(true);
    const source = resolveId('@primeuix/styles/button');
    expect(await load(source!)).toBe("export const style = '';");
    // The style engine itself is still needed.
    expect(resolveId('@primeuix/styled')).toBeNull();
  });
});
