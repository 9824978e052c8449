import { describe, expect, inject, it } from 'vitest';
import { measurePages } from '../../web/scripts/page-script.ts';

/**
 * Script each page loads before its first render (web/scripts/page-script.ts), read from the browser tests' own
 * build: global-setup.ts builds it once, nothing is built here. That build also holds the fixture layers, whose
 * page and widget are imported eagerly (about 33 KB more than a production build). Budgets are what issue 17's
 * splitting reached on it, with about 3 % of room: a change that pulls a library back into every page, or a heavy
 * component into the shell, fails here. `node --import tsx web/scripts/page-script.ts <dist>` prints the table.
 */
const KB = 1024;
/** Entry + English messages: Vue, vue-i18n, Apollo, the theme's first-render tokens, the shell (640 KB). */
const ENTRY_BUDGET = 660 * KB;
/** The first pages a person sees: login and the dashboard (699 and 684 KB). */
const FIRST_PAGES = ['LoginPage', 'DashboardPage'];
const FIRST_PAGE_BUDGET = 720 * KB;
/**
 * Every other page (largest: the agenda, 1015 KB with its calendar). List pages were 1,100–1,200 KB with
 * PrimeVue's DataTable (290 KB); with the app's own table (components/DataTable.ts) they are 720–880 KB.
 */
const PAGE_BUDGET = 1040 * KB;

describe('script per page (issue 17)', () => {
  const pages = measurePages(inject('e2eWeb').dir);
  const entry = pages.find((p) => p.name === 'entry')!;
  const kb = (n: number) => `${Math.round(n / KB)} KB`;

  it('keeps the shared entry within its budget', () => {
    expect(entry.bytes, `entry: ${kb(entry.bytes)} (${entry.files.join(', ')})`).toBeLessThanOrEqual(ENTRY_BUDGET);
  });

  it('keeps every page within its budget', () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.map((p) => p.name)).toEqual(expect.arrayContaining(FIRST_PAGES));
    const over = pages
      .filter((p) => p !== entry)
      .filter((p) => p.bytes > (FIRST_PAGES.includes(p.name) ? FIRST_PAGE_BUDGET : PAGE_BUDGET))
      .map((p) => `${p.name} ${kb(p.bytes)}`);
    expect(over).toEqual([]);
  });
});
