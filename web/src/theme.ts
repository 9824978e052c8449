import { definePreset } from '@primeuix/themes';
import Aura from '@primeuix/themes/aura';

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

export const DentalPinTheme = definePreset(Aura, {
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
});
