import { describe, expect, it } from 'vitest';
import { moduleLifecycle } from './modules.ts';

describe('moduleLifecycle', () => {
  it('uninstalls the installed dependants of a module, deepest first, in one restart', async () => {
    const calls: string[] = [];
    const modules = [
      { name: 'base', depends: [], state: 'installed' },
      { name: 'quotes', depends: ['base'], state: 'installed' },
      { name: 'invoices', depends: ['quotes'], state: 'installed' },
      { name: 'stats', depends: ['invoices', 'quotes'], state: 'installed' },
      { name: 'extras', depends: ['base'], state: 'uninstalled' },
      { name: 'calendar', depends: [], state: 'installed' },
    ];
    const data = async (query: string, variables?: Record<string, unknown>) => {
      if (query.includes('modules {')) return { modules } as never;
      calls.push(variables?.n ? `${query.match(/\{ (\w+)\(/)![1]} ${variables.n}` : 'restart');
      return { restartModules: { processed: [], activeModules: [] } } as never;
    };
    const lifecycle = moduleLifecycle({ data, platform: {} as never }, {});

    expect(await lifecycle.uninstallDependants('base')).toEqual(['stats', 'invoices', 'quotes']);
    expect(calls).toEqual(['uninstallModule stats', 'uninstallModule invoices', 'uninstallModule quotes', 'restart']);
    calls.length = 0;
    expect(await lifecycle.uninstallDependants('calendar')).toEqual([]);
    expect(calls).toEqual([]);
  });
});
