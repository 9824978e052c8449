import { describe, expect, it } from 'vitest';
import { mountLayer, settle } from '../../testing/index.ts';
import HistoryDialog from './HistoryDialog.vue';

describe('HistoryDialog', () => {
  it('makes its scrolling content a named region the keyboard reaches (axe: scrollable-region-focusable)', async () => {
    mountLayer(HistoryDialog, { props: { name: 'agenda', rows: [] }, locale: 'en', attach: true });
    await settle();
    const content = document.querySelector('[role=dialog] .p-dialog-content')!;
    expect(content.getAttribute('tabindex')).toBe('0');
    expect(content.getAttribute('role')).toBe('region');
    expect(content.getAttribute('aria-label')).toBe('Operation log: agenda');
  });
});
