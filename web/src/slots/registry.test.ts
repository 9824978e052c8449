import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { clearSlots, registerSlot, resolveSlot, slotEntries, unregisterSlot, type SlotGate } from './registry.ts';

const component = (name: string) => defineComponent({ name, render: () => h('div', name) });
const allowAll: SlotGate = { can: () => true, isModuleActive: () => true };
const ids = (name: string, ctx: unknown = {}, gate: SlotGate = allowAll) =>
  resolveSlot(name, ctx, gate).map((e) => e.id);

afterEach(() => clearSlots());

describe('slot registry', () => {
  it('sorts by order, keeping registration order for ties and treating a missing order as 0', () => {
    registerSlot('dashboard.widgets', { id: 'c', component: component('C'), order: 20 });
    registerSlot('dashboard.widgets', { id: 'a', component: component('A') });
    registerSlot('dashboard.widgets', { id: 'b', component: component('B'), order: -5 });
    registerSlot('dashboard.widgets', { id: 'd', component: component('D'), order: 20 });
    registerSlot('dashboard.widgets', { id: 'e', component: component('E'), order: 0 });
    expect(ids('dashboard.widgets')).toEqual(['b', 'a', 'e', 'c', 'd']);
  });

  it('shows an entry with a permission only to users who have it', () => {
    registerSlot('patient.detail.tabs', { id: 'open', component: component('Open') });
    registerSlot('patient.detail.tabs', { id: 'billing', component: component('B'), permission: 'billing.read' });
    const gate = (perms: string[]): SlotGate => ({ can: (p) => perms.includes(p), isModuleActive: () => true });
    expect(ids('patient.detail.tabs', {}, gate([]))).toEqual(['open']);
    expect(ids('patient.detail.tabs', {}, gate(['billing.read']))).toEqual(['open', 'billing']);
  });

  it('evaluates the condition against the context the page passes', () => {
    registerSlot<{ patient: { status: string } }>('patient.detail.sidebar', {
      id: 'only-active',
      component: component('X'),
      condition: (ctx) => ctx.patient.status === 'ACTIVE',
    });
    expect(ids('patient.detail.sidebar', { patient: { status: 'ACTIVE' } })).toEqual(['only-active']);
    expect(ids('patient.detail.sidebar', { patient: { status: 'ARCHIVED' } })).toEqual([]);
  });

  it('hides entries of a module that is not active', () => {
    registerSlot('dashboard.widgets', { id: 'inv', component: component('I'), module: 'inventory' });
    registerSlot('dashboard.widgets', { id: 'host', component: component('H') });
    const gate: SlotGate = { can: () => true, isModuleActive: (m) => m !== 'inventory' };
    expect(ids('dashboard.widgets', {}, gate)).toEqual(['host']);
  });

  it('needs every permission listed, and the other modules it reads to be active', () => {
    registerSlot('dashboard.widgets', {
      id: 'alerts-today',
      component: component('A'),
      module: 'patients_clinical',
      permission: ['patients_clinical.alerts.read', 'agenda.appointments.read'],
      needsModules: ['agenda'],
    });
    const gate = (perms: string[], active: string[]): SlotGate => ({
      can: (p) => perms.includes(p),
      isModuleActive: (m) => active.includes(m),
    });
    const both = ['patients_clinical.alerts.read', 'agenda.appointments.read'];
    expect(ids('dashboard.widgets', {}, gate(both, ['patients_clinical', 'agenda']))).toEqual(['alerts-today']);
    expect(ids('dashboard.widgets', {}, gate(both.slice(0, 1), ['patients_clinical', 'agenda']))).toEqual([]);
    expect(ids('dashboard.widgets', {}, gate(both, ['patients_clinical']))).toEqual([]);
  });

  it('replaces an entry registered again with the same id, in place', () => {
    const first = component('First');
    const second = component('Second');
    registerSlot('settings.sections', { id: 'x', component: first, order: 1 });
    registerSlot('settings.sections', { id: 'y', component: component('Y'), order: 1 });
    registerSlot('settings.sections', { id: 'x', component: second, order: 1, permission: 'x.read' });
    const entries = slotEntries('settings.sections');
    expect(entries.map((e) => e.id)).toEqual(['x', 'y']);
    expect(entries[0].component).toBe(second);
    expect(ids('settings.sections')).toEqual(['x', 'y']);
  });

  it('unregisters by id and leaves other slots alone', () => {
    registerSlot('dashboard.widgets', { id: 'a', component: component('A') });
    registerSlot('dashboard.widgets', { id: 'b', component: component('B') });
    registerSlot('settings.sections', { id: 'a', component: component('A2') });
    unregisterSlot('dashboard.widgets', 'a');
    unregisterSlot('dashboard.widgets', 'missing');
    expect(ids('dashboard.widgets')).toEqual(['b']);
    expect(ids('settings.sections')).toEqual(['a']);
  });
});
