import { describe, expect, it } from 'vitest';
import { actionsFor, forceOverridable, installChain } from './chain.ts';

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

describe('module actions', () => {
  it('follow the state: installed → disable/uninstall, disabled → enable/uninstall, uninstalled → install', () => {
    expect(actionsFor({ state: 'installed', upgradeAvailable: false })).toEqual(['disable', 'uninstall']);
    expect(actionsFor({ state: 'installed', upgradeAvailable: true })).toEqual(['upgrade', 'disable', 'uninstall']);
    expect(actionsFor({ state: 'disabled', upgradeAvailable: false })).toEqual(['enable', 'uninstall']);
    expect(actionsFor({ state: 'uninstalled', upgradeAvailable: false })).toEqual(['install']);
    for (const state of ['to_install', 'to_upgrade', 'to_remove'])
      expect(actionsFor({ state, upgradeAvailable: false })).toEqual([]);
  });

  it('offer force only for the refusals the server marks forceable', () => {
    const refused = 'MODULE_OPERATION_REFUSED';
    expect(forceOverridable({ code: refused, reason: 'MODULE_REQUIRED_BY', forceable: true })).toBe(true);
    expect(forceOverridable({ code: refused, reason: 'MODULE_NOT_REMOVABLE', forceable: true })).toBe(true);
    expect(forceOverridable({ code: refused })).toBe(false);
    expect(forceOverridable({ code: 'FORBIDDEN', forceable: true })).toBe(false);
    expect(forceOverridable(undefined)).toBe(false);
  });
});
