import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle } from '../testing/index.ts';
import { SHELL_KEY, type ShellController } from '../shell/controller.ts';
import ModulesAdminPage from './ModulesAdminPage.vue';

const row = (name: string, state: string, depends: string[] = []) => ({
  __typename: 'ModuleInfo',
  name,
  version: '1.0.0',
  codeVersion: '1.0.0',
  state,
  category: 'official',
  summary: `${name} module`,
  depends,
  removable: true,
  nonRemovableReason: null,
  autoInstall: false,
  installedAt: null,
  upgradeAvailable: false,
  error: null,
});
const doctor = {
  __typename: 'ModuleDoctorReport',
  ok: true,
  orphans: [],
  missingDependencies: [],
  manifestErrors: [],
  erroredModules: [],
  upgradesAvailable: [],
};
let reloads = 0;
const shell: ShellController = {
  initialized: async () => true,
  load: async () => undefined,
  signIn: async () => undefined,
  signOut: async () => undefined,
  switchClinic: async () => undefined,
  reloadModules: async () => void reloads++,
};
const refused = (message: string, details: Record<string, unknown> = {}) =>
  json({ data: null, errors: [{ message, extensions: { code: 'MODULE_OPERATION_REFUSED', ...details } }] });

function mountPage(extra: Record<string, () => Response> = {}, locale = 'en') {
  return mountLayer(ModulesAdminPage, {
    locale,
    // What the billing layer's i18n carries; patients here has none (its summary stays the manifest's).
    messages: { es: { module_summaries: { billing: 'Facturas y rectificativas.' } } },
    fetch: {
      Modules: () =>
        json({ data: { modules: [row('patients', 'installed'), row('billing', 'uninstalled', ['patients'])] } }),
      ModuleDoctor: () => json({ data: { moduleDoctor: doctor } }),
      ...extra,
    },
    provide: { [SHELL_KEY as symbol]: shell },
    attach: true,
  });
}
const click = async (selector: string) => {
  document.querySelector<HTMLElement>(selector)!.click();
  await settle();
};

describe('modules admin page (table, doctor card, dialogs, composable)', () => {
  it('previews the install chain in its dialog and schedules the install', async () => {
    const page = mountPage({
      InstallModule: () =>
        json({
          data: { installModule: { __typename: 'ModuleSchedule', scheduled: ['billing'], requiresRestart: true } },
        }),
    });
    await settle();
    expect(document.querySelector('[data-module=billing]')?.textContent).toContain('billing module');
    expect(document.querySelector('[data-test=doctor]')?.textContent).toContain('All checks passed.');
    await click('[data-test=install-billing]');
    expect(document.querySelector('[data-test=install-chain]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'billing',
    );
    await click('[data-test=confirm-install]');
    expect(page.sent.find((s) => s.operationName === 'InstallModule')?.variables).toEqual({ name: 'billing' });
    expect(page.notices.at(-1)).toMatchObject({ severity: 'info', summary: expect.stringContaining('billing') });
    expect(document.querySelector('[data-test=install-chain]')).toBeNull();
  });

  it('words a refusal in Spanish from its reason, and offers force only when the server says it overrides it', async () => {
    mountPage(
      {
        UninstallModule: () =>
          refused('Cannot uninstall "patients": required by billing. Uninstall them first or pass force.', {
            reason: 'MODULE_REQUIRED_BY',
            module: 'patients',
            dependents: 'billing',
            forceable: true,
          }),
      },
      'es',
    );
    await settle();
    await click('[data-test=uninstall-patients]');
    await click('[data-test=confirm-lifecycle]');
    expect(document.querySelector('[data-test=refusal]')?.textContent).toContain(
      'billing necesita patients: desinstálalo primero o pulsa «Forzar».',
    );
    expect(document.querySelector('[data-test=confirm-force]')).not.toBeNull();
    await click('[data-test=cancel-lifecycle]');
  });

  it('shows a refused uninstall in its dialog (not as a toast), with the safe choice focused', async () => {
    const page = mountPage({ UninstallModule: () => refused('billing depends on patients.') });
    await settle();
    await click('[data-test=uninstall-patients]');
    expect(document.querySelector('[data-test=backup-notice]')).not.toBeNull();
    await click('[data-test=confirm-lifecycle]');
    expect(document.querySelector('[data-test=refusal]')?.textContent).toContain('billing depends on patients.');
    expect(page.errorToasts).toEqual([]);
    expect(document.querySelector('[data-test=cancel-lifecycle]')?.hasAttribute('autofocus')).toBe(true);
    await click('[data-test=cancel-lifecycle]');
    expect(document.querySelector('[data-test=lifecycle-dialog]')).toBeNull();
    expect(reloads).toBe(0);
  });

  it("shows a module's summary in the person's language when its layer has one, else the manifest's", async () => {
    mountPage({}, 'es');
    await settle();
    const summaries = [...document.querySelectorAll('[data-test=module-summary]')].map((e) => e.textContent);
    expect(summaries).toEqual(['patients module', 'Facturas y rectificativas.']);
  });
});
