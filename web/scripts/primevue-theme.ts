import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * Vite plugin: PrimeVue's styled-mode CSS, computed once at build time instead of in every browser.
 *
 * In styled mode PrimeVue ships the theme as JavaScript (Aura's design tokens, about 60 KB) and turns it into
 * `<style>` elements while components mount. Here the same engine (`@primeuix/styled`, the one PrimeVue's SSR
 * uses) runs in Node and writes the result as two stylesheets; the app configures PrimeVue with
 * `theme: 'none'` so nothing is computed at run time:
 *
 * - `virtual:primevue-theme.css` — the shared variables (primitive, semantic) and the global style, and the
 *   components the host and the official layers render (`FIRST_RENDER`), imported by main.ts;
 * - `virtual:primevue-theme-rest.css` — every other PrimeVue component, for a community layer that uses one;
 *   main.ts loads it once the first page is in.
 *
 * The palette is Aura with colours that pass WCAG AA (4.5:1) for normal text: white on a filled button and
 * coloured text on white or a pale tint use the 700 shade of each palette (Aura uses 500/600, e.g. white on
 * emerald-500 is 2.5:1).
 */
export const THEME_CSS = 'virtual:primevue-theme.css';
export const THEME_REST_CSS = 'virtual:primevue-theme-rest.css';

/**
 * PrimeVue components (and directives) the host and the official layers use, directly or inside another
 * component (a Select's virtual scroller, an AutoComplete's chips, a Dialog's focus trap): their CSS is in the
 * first stylesheet.
 */
export const FIRST_RENDER = [
  'autocomplete',
  'badge',
  'button',
  'card',
  'checkbox',
  'chip',
  'confirmdialog',
  'dialog',
  'focustrap',
  'iconfield',
  'inputicon',
  'inputnumber',
  'inputtext',
  'message',
  'multiselect',
  'progressbar',
  'ripple',
  'select',
  'selectbutton',
  'tabs',
  'tab',
  'tablist',
  'tabpanel',
  'tabpanels',
  'tag',
  'textarea',
  'toast',
  'togglebutton',
  'toggleswitch',
  'tooltip',
  'virtualscroller',
];

const palettes = { primary: 'primary', success: 'green', info: 'sky', warn: 'orange', help: 'purple', danger: 'red' };

const filled = (p: string) => ({
  background: `{${p}.700}`,
  hoverBackground: `{${p}.800}`,
  activeBackground: `{${p}.900}`,
  borderColor: `{${p}.700}`,
  hoverBorderColor: `{${p}.800}`,
  activeBorderColor: `{${p}.900}`,
  color: '#ffffff',
  hoverColor: '#ffffff',
  activeColor: '#ffffff',
  focusRing: { color: `{${p}.700}`, shadow: 'none' },
});
const byPalette = <T>(make: (palette: string) => T, keys = Object.keys(palettes)) =>
  Object.fromEntries(keys.map((k) => [k, make(palettes[k as keyof typeof palettes])]));
const statuses = ['success', 'info', 'warn'];

/** What DentalPin changes in Aura (light scheme only: the app has no dark mode). */
export const auraOverrides = {
  semantic: {
    colorScheme: {
      light: {
        // Muted text (hints, secondary labels) on the pale surfaces: slate-500 on slate-100 is 4.3:1.
        text: { mutedColor: '{surface.600}', hoverMutedColor: '{surface.700}' },
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: {
          root: byPalette(filled),
          outlined: byPalette((p) => ({ color: `{${p}.700}`, borderColor: `{${p}.300}` })),
          text: byPalette((p) => ({ color: `{${p}.700}` })),
        },
      },
    },
    message: {
      colorScheme: {
        light: {
          ...byPalette(
            (p) => ({ color: `{${p}.700}`, outlined: { color: `{${p}.700}` }, simple: { color: `{${p}.700}` } }),
            statuses,
          ),
          error: { color: '{red.700}', outlined: { color: '{red.700}' }, simple: { color: '{red.700}' } },
        },
      },
    },
    // The unselected option of a SelectButton (the language switch): slate-500 on slate-100 is 4.3:1.
    togglebutton: {
      colorScheme: { light: { root: { color: '{surface.600}' }, icon: { color: '{surface.600}' } } },
    },
    toast: {
      colorScheme: {
        light: {
          ...byPalette((p) => ({ color: `{${p}.700}` }), statuses),
          error: { color: '{red.700}' },
        },
      },
    },
  },
};

interface StyleModule {
  default: {
    style?: string;
    getThemeStyleSheet(): string;
    getCommonThemeStyleSheet(): string;
    getCommonTheme(): { style?: string };
  };
}

/** The CSS inside the `<style>` elements PrimeVue's SSR helpers return. */
const styleContents = (html: string) =>
  [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!.trim()).filter(Boolean);

/** Every PrimeVue folder with a `style` entry (components and directives), by name. */
function styledComponents(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('primevue'));
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'style', 'index.mjs')))
    .sort();
}

/** Computes both stylesheets (about 60 ms). */
export async function themeStyleSheets(): Promise<{ first: string; rest: string }> {
  const { Theme, css } = await import('@primeuix/styled');
  const { minifyCSS } = await import('@primeuix/utils/object');
  const { definePreset } = await import('@primeuix/themes');
  const { default: Aura } = await import('@primeuix/themes/aura');
  const { default: BaseStyle } = (await import('@primevue/core/base/style')) as unknown as StyleModule;
  Theme.setTheme({ preset: definePreset(Aura, auraOverrides), options: { darkModeSelector: false } });
  const names = styledComponents();
  const missing = FIRST_RENDER.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`primevue-theme: no PrimeVue style for ${missing.join(', ')}`);
  const sheet = async (name: string) => {
    // A plain string, not a template: the bundler of vite.config.ts would try to bundle a glob of it.
    const specifier = 'primevue/' + name + '/style';
    const style = (await import(/* @vite-ignore */ specifier)) as StyleModule;
    return styleContents(style.default.getThemeStyleSheet()).join('\n');
  };
  // The shared variables, then the global style (box-sizing, `.p-disabled`, overlay masks…) with the preset's own
  // CSS (Aura's option and row transitions), as PrimeVue loads them with its first component.
  const globalStyle = `${
    css`
      ${BaseStyle.style}
    ` ?? ''
  }${
    css`
      ${BaseStyle.getCommonTheme().style ?? ''}
    ` ?? ''
  }`;
  const first = [
    ...styleContents(BaseStyle.getCommonThemeStyleSheet()),
    minifyCSS(Theme.transformCSS('global-style', globalStyle)),
  ];
  const rest: string[] = [];
  for (const name of names) (FIRST_RENDER.includes(name) ? first : rest).push(await sheet(name));
  return { first: first.filter(Boolean).join('\n'), rest: rest.filter(Boolean).join('\n') };
}

/** A component's CSS source (`@primeuix/styles/button`…): each exports only `style`, read in styled mode only. */
const COMPONENT_STYLE_SOURCE = /^@primeuix\/styles\/[a-z]+$/;
const UNUSED_STYLE_SOURCE = '\0primevue-theme:unused-style-source';

export function primevueTheme(): Plugin {
  let sheets: Promise<{ first: string; rest: string }> | null = null;
  // Vite treats an id ending in `.css` as a stylesheet (bundled, minified, code-split like any other).
  const resolved = (id: string) => `\0${id}`;
  return {
    name: 'dentalpin:primevue-theme',
    enforce: 'pre',
    // Hook filters: the bundler calls these only for the ids they match, not for every module of the app.
    resolveId: {
      filter: { id: /^(virtual:primevue-theme|@primeuix\/styles\/)/ },
      handler(id) {
        if (id === THEME_CSS || id === THEME_REST_CSS) return resolved(id);
        // With `theme: 'none'` PrimeVue never reads these CSS sources (about 1.5 KB per component, 60 KB in
        // all): they are already in the stylesheets above.
        return COMPONENT_STYLE_SOURCE.test(id) ? UNUSED_STYLE_SOURCE : null;
      },
    },
    load: {
      filter: { id: /^\0(virtual:primevue-theme|primevue-theme:)/ },
      async handler(id) {
        if (id === UNUSED_STYLE_SOURCE) return "export const style = '';";
        const { first, rest } = await (sheets ??= themeStyleSheets());
        return id === resolved(THEME_CSS) ? first : rest;
      },
    },
  };
}
