import { describe, expect, it } from 'vitest';
import { installChain } from './chain.ts';

describe('install chain preview', () => {
  const modules = [
    { name: 'patients', state: 'installed', depends: [] },
    { name: 'fixture_base', state: 'uninstalled', depends: [] },
    { name: 'catalog', state: 'uninstalled', depends: ['fixture_base'] },
    { name: 'fixture_hello', state: 'uninstalled', depends: ['fixture_base', 'patients', 'catalog'] },
  ];
  it('lists uninstalled dependencies first, each once, and skips installed ones', () => {
    expect(installChain('fixture_hello', modules)).toEqual(['fixture_base', 'catalog', 'fixture_hello']);
    expect(installChain('fixture_base', modules)).toEqual(['fixture_base']);
    expect(installChain('patients', modules)).toEqual([]);
  });
});
