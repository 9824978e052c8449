import { definePreset, usePreset } from '@primeuix/themes';
import base from '@primeuix/themes/aura/base';
// Its .d.ts declares a named `css`; the module exports it as default (as Aura's own index imports it).
import css from '@primeuix/themes/aura/css';
import type { ExtendedCSS } from '@primeuix/themes/types';
import autocomplete from '@primeuix/themes/aura/autocomplete';
import badge from '@primeuix/themes/aura/badge';
import button from '@primeuix/themes/aura/button';
import card from '@primeuix/themes/aura/card';
import checkbox from '@primeuix/themes/aura/checkbox';
import chip from '@primeuix/themes/aura/chip';
import confirmdialog from '@primeuix/themes/aura/confirmdialog';
import datatable from '@primeuix/themes/aura/datatable';
import dialog from '@primeuix/themes/aura/dialog';
import iconfield from '@primeuix/themes/aura/iconfield';
import inputnumber from '@primeuix/themes/aura/inputnumber';
import inputtext from '@primeuix/themes/aura/inputtext';
import message from '@primeuix/themes/aura/message';
import multiselect from '@primeuix/themes/aura/multiselect';
import paginator from '@primeuix/themes/aura/paginator';
import progressbar from '@primeuix/themes/aura/progressbar';
import radiobutton from '@primeuix/themes/aura/radiobutton';
import ripple from '@primeuix/themes/aura/ripple';
import select from '@primeuix/themes/aura/select';
import selectbutton from '@primeuix/themes/aura/selectbutton';
import tabs from '@primeuix/themes/aura/tabs';
import tag from '@primeuix/themes/aura/tag';
import textarea from '@primeuix/themes/aura/textarea';
import toast from '@primeuix/themes/aura/toast';
import togglebutton from '@primeuix/themes/aura/togglebutton';
import toggleswitch from '@primeuix/themes/aura/toggleswitch';
import tooltip from '@primeuix/themes/aura/tooltip';
import virtualscroller from '@primeuix/themes/aura/virtualscroller';

/**
 * Aura's design tokens for the PrimeVue components the host and the official layers use (directly or inside
 * another component: a DataTable's paginator, a Select's virtual scroller), so the first render does not wait
 * for the tokens of Aura's other ~60 components (about 45 KB of script). `loadFullTheme` adds those right
 * after the first render, for a community layer's component that is not in this list; PrimeVue restyles what
 * is mounted when the preset changes.
 */
const AuraCore = {
  ...base,
  css: css as unknown as ExtendedCSS,
  components: {
    autocomplete,
    badge,
    button,
    card,
    checkbox,
    chip,
    confirmdialog,
    datatable,
    dialog,
    iconfield,
    inputnumber,
    inputtext,
    message,
    multiselect,
    paginator,
    progressbar,
    radiobutton,
    ripple,
    select,
    selectbutton,
    tabs,
    tag,
    textarea,
    toast,
    togglebutton,
    toggleswitch,
    tooltip,
    virtualscroller,
  },
};

/**
 * Aura with colours that pass WCAG AA (4.5:1) for normal text: white on a filled button and coloured
 * text on white or a pale tint use the 700 shade of each palette (Aura uses 500/600, e.g. white on
 * emerald-500 is 2.5:1).
 */
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

const overrides = {
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

export const DentalPinTheme = definePreset(AuraCore, overrides);

/** Every Aura component's tokens (with the same overrides), swapped in once loaded. */
export async function loadFullTheme(): Promise<void> {
  const { default: Aura } = await import('@primeuix/themes/aura');
  usePreset(definePreset(Aura, overrides));
}
