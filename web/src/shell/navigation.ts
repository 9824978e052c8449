import type { HostState, NavigationEntry } from './host.ts';
import { gateOf } from './host.ts';

export interface SidebarItem {
  key: string;
  label: string;
  to: string;
  icon: string;
  order: number;
}

/** The shell's own pages; no module owns `/`, the modules admin or the settings page. */
const HOST_NAVIGATION: (NavigationEntry & { platformAdmin?: boolean })[] = [
  { label: 'nav.dashboard', to: '/', icon: 'pi pi-home', order: 0 },
  { label: 'nav.modules', to: '/settings/modules', icon: 'pi pi-th-large', order: 900, platformAdmin: true },
  { label: 'nav.settings', to: '/settings', icon: 'pi pi-cog', order: 950 },
];

/** Manifest icons use Lucide names (`i-lucide-users`); this build draws PrimeIcons. */
const ICONS: Record<string, string> = {
  users: 'pi pi-users',
  user: 'pi pi-user',
  calendar: 'pi pi-calendar',
  'calendar-days': 'pi pi-calendar',
  clock: 'pi pi-clock',
  receipt: 'pi pi-receipt',
  wallet: 'pi pi-wallet',
  'file-text': 'pi pi-file',
  'bar-chart': 'pi pi-chart-bar',
  'bar-chart-3': 'pi pi-chart-bar',
  list: 'pi pi-list',
  'clipboard-list': 'pi pi-clipboard',
  mail: 'pi pi-envelope',
  phone: 'pi pi-phone',
  'phone-call': 'pi pi-phone',
  'file-spreadsheet': 'pi pi-file-excel',
  bell: 'pi pi-bell',
  package: 'pi pi-box',
  box: 'pi pi-box',
  settings: 'pi pi-cog',
  activity: 'pi pi-wave-pulse',
  'message-circle': 'pi pi-comment',
  smile: 'pi pi-face-smile',
};

export function iconClass(icon: string | null | undefined): string {
  if (!icon) return 'pi pi-circle';
  if (icon.startsWith('pi ')) return icon;
  const name = icon.replace(/^i-lucide-/, '');
  return ICONS[name] ?? 'pi pi-circle';
}

/**
 * The sidebar: the shell's pages plus the navigation of every active module (as the server sent it,
 * already filtered by the caller's permissions, checked again here), sorted by order then label.
 */
export function buildSidebar(host: HostState, translate: (key: string) => string): SidebarItem[] {
  const gate = gateOf(host);
  const items: SidebarItem[] = [];
  for (const entry of HOST_NAVIGATION) {
    if (entry.platformAdmin && !gate.isPlatformAdmin()) continue;
    items.push({
      key: `host:${entry.to}`,
      label: translate(entry.label),
      to: entry.to,
      icon: iconClass(entry.icon),
      order: entry.order,
    });
  }
  for (const module of host.activeModules)
    for (const entry of module.navigation) {
      if (entry.permission && !gate.can(entry.permission)) continue;
      items.push({
        key: `${module.name}:${entry.to}`,
        label: translate(entry.label),
        to: entry.to,
        icon: iconClass(entry.icon),
        order: entry.order,
      });
    }
  return items.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
}
