import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSidebar, iconClass } from './navigation.ts';
import { createHostState, type MeInfo } from './host.ts';

const me = (permissions: string[], isPlatformAdmin = false): MeInfo => ({
  user: { id: 'u', email: 'u@x.test', fullName: 'U', isPlatformAdmin },
  clinic: { id: 'c', name: 'C', timezone: 'UTC', currency: 'EUR' },
  clinics: [],
  role: 'receptionist',
  permissions,
});
const mod = (
  name: string,
  navigation: { label: string; to: string; order: number; permission?: string; icon?: string }[],
) => ({
  name,
  version: '1.0.0',
  category: 'official',
  summary: '',
  permissions: [],
  navigation,
});
const t = (key: string) => `T(${key})`;

describe('sidebar', () => {
  const modules = [
    mod('agenda', [
      { label: 'nav.agenda', to: '/agenda', order: 20, permission: 'agenda.read', icon: 'i-lucide-calendar' },
    ]),
    mod('patients', [
      { label: 'nav.patients', to: '/patients', order: 10, permission: 'patients.read', icon: 'i-lucide-users' },
    ]),
  ];

  it('lists the active modules’ navigation by order, labels through i18n, after the dashboard', () => {
    const host = createHostState({ me: me(['patients.read', 'agenda.read']), activeModules: modules });
    const items = buildSidebar(host, t);
    expect(items.map((i) => i.to)).toEqual(['/', '/patients', '/agenda', '/settings']);
    expect(items[1]).toMatchObject({ label: 'T(nav.patients)', icon: 'pi pi-users' });
  });

  it('drops entries the user may not open and shows the modules admin only to platform admins', () => {
    const receptionist = buildSidebar(createHostState({ me: me(['patients.read']), activeModules: modules }), t);
    expect(receptionist.map((i) => i.to)).toEqual(['/', '/patients', '/settings']);
    const admin = buildSidebar(createHostState({ me: me(['patients.read'], true), activeModules: modules }), t);
    expect(admin.map((i) => i.to)).toContain('/settings/modules');
  });

  it('contains nothing of a module that is not active', () => {
    const host = createHostState({ me: me(['patients.read']), activeModules: [], bakedLayers: ['patients'] });
    expect(buildSidebar(host, t).map((i) => i.to)).toEqual(['/', '/settings']);
  });

  it('maps manifest icons to PrimeIcons with a fallback', () => {
    expect(iconClass('i-lucide-calendar')).toBe('pi pi-calendar');
    expect(iconClass('pi pi-star')).toBe('pi pi-star');
    expect(iconClass('i-lucide-unknown-thing')).toBe('pi pi-circle');
    expect(iconClass(null)).toBe('pi pi-circle');
  });
});

describe("the official modules' navigation icons", () => {
  it('each draws a real icon, not the generic circle', () => {
    // The tests run from the repository's root (the jsdom environment has no file: import.meta.url).
    const root = join(process.cwd(), 'subgraphs');
    const icons = readdirSync(root).flatMap((module) => {
      const manifest = join(root, module, 'src/manifest.ts');
      if (!existsSync(manifest)) return [];
      return [...readFileSync(manifest, 'utf8').matchAll(/icon: '([^']+)'/g)].map((m) => `${module}: ${m[1]}`);
    });
    expect(icons.length).toBeGreaterThan(10);
    expect(icons.filter((entry) => iconClass(entry.split(': ')[1]) === 'pi pi-circle')).toEqual([]);
  });
});
