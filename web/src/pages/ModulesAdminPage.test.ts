import { describe, expect, it } from 'vitest';
import { jsonResponse as json, mountLayer, settle, type SentOperation } from '../testing/index.ts';
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
  errorDetails: null,
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

function mountPage(
  extra: Record<string, (op: SentOperation) => Response> = {},
  locale = 'en',
  modules = [row('patients', 'installed'), row('billing', 'uninstalled', ['patients'])],
) {
  return mountLayer(ModulesAdminPage, {
    locale,
    // What the billing layer's i18n carries; patients here has none (its summary stays the manifest's).
    messages: { es: { module_summaries: { billing: 'Facturas y rectificativas.' } } },
    fetch: {
      Modules: () => json({ data: { modules } }),
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

  it('names states, categories, operations, steps and statuses in Spanish, and the log details as readable text', async () => {
    const log = [
      {
        id: '11',
        operation: 'upgrade',
        step: 'migrate',
        status: 'completed',
        details: { from: '1.0.0', to: '1.1.0', applied: ['Migration20260101'], protectedTables: ['patient_note'] },
      },
      {
        id: '12',
        operation: 'upgrade',
        step: 'seed',
        status: 'completed',
        details: { files: 2, inserted: 3, updated: 1 },
      },
      {
        id: '13',
        operation: 'uninstall',
        step: 'backup',
        status: 'completed',
        details: { path: 'billing-20260101T000000Z.sql', tables: ['invoice'], rows: 1280, method: 'sql' },
      },
      {
        id: '14',
        operation: 'uninstall',
        step: 'delete_data',
        status: 'started',
        details: { records: 4, externalIds: 4, extra: { a: 1 } },
      },
      {
        id: '15',
        operation: 'install',
        step: 'lifecycle',
        status: 'failed',
        details: {
          error: 'waiting for dependency "patients", whose install failed',
          reason: 'MODULE_DEPENDENCY_FAILED',
          dependency: 'patients',
          operation: 'install',
        },
      },
    ].map((o) => ({ __typename: 'ModuleOperation', runId: 'r1', createdAt: '2026-01-01T10:00:00.000Z', ...o }));
    mountPage(
      {
        ModuleOperations: ({ variables }) => json({ data: { moduleOperations: variables.limit === 1 ? [] : log } }),
        RestartModules: () =>
          json({
            data: {
              restartModules: {
                __typename: 'RestartResult',
                processed: [
                  {
                    __typename: 'ModuleOperationOutcome',
                    module: 'patients',
                    operation: 'upgrade',
                    status: 'completed',
                    error: null,
                    errorDetails: null,
                  },
                  {
                    __typename: 'ModuleOperationOutcome',
                    module: 'billing',
                    operation: 'install',
                    status: 'skipped',
                    error: 'waiting for dependency "patients", whose install failed',
                    errorDetails: { reason: 'MODULE_DEPENDENCY_FAILED', dependency: 'patients', operation: 'install' },
                  },
                ],
                activeModules: ['patients'],
                compositionErrors: [],
              },
            },
          }),
      },
      'es',
      [row('patients', 'to_upgrade'), { ...row('billing', 'disabled'), category: 'community' }],
    );
    await settle();
    const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    expect(document.querySelector('[data-module=patients]')?.closest('tr')?.textContent).toContain('Por actualizar');
    expect(text('[data-test=modules-table] tbody tr:nth-child(2)')).toContain('Desactivado');
    expect(text('[data-test=modules-table] tbody tr:nth-child(2)')).toContain('Comunidad');
    expect(text('[data-test=modules-table] tbody tr:nth-child(1)')).toContain('Oficial');

    await click('[data-test=apply-changes]');
    await settle();
    const progress = text('[data-test=restart-progress]');
    expect(progress).toContain('patients: actualización completada');
    expect(progress).toContain(
      'billing: instalación omitida — A la espera de su dependencia patients, cuya instalación falló.',
    );
    // A cell's text; the details one line per fact (`|` between them here).
    const cellText = (td: Element) =>
      (td.querySelector('ul') ? [...td.querySelectorAll('li')].map((li) => li.textContent).join(' | ') : td.textContent)
        ?.replace(/\s+/g, ' ')
        .trim();
    const rows = [...document.querySelectorAll('[data-test=restart-progress] [data-test=operation-log] tbody tr')].map(
      (r) => [...r.querySelectorAll('td')].slice(2).map(cellText),
    );
    // Operation, step, status, details, all in Spanish; no English names, no JSON.
    expect(rows).toEqual([
      [
        'actualización',
        'migraciones',
        'completado',
        'Versión 1.0.0 → 1.1.0 | Migraciones aplicadas: Migration20260101 | Seguridad por filas en: patient_note',
      ],
      [
        'actualización',
        'datos iniciales',
        'completado',
        'Archivos de datos cargados: 2 | Registros creados: 3, actualizados: 1',
      ],
      [
        'desinstalación',
        'copia de seguridad',
        'completado',
        'Copia de seguridad: billing-20260101T000000Z.sql | Tablas: invoice | Filas: 1280 | Método: sql',
      ],
      [
        'desinstalación',
        'borrado de datos',
        'iniciado',
        'Registros borrados: 4, identificadores externos eliminados: 4 | extra: a: 1',
      ],
      [
        'instalación',
        'hook del ciclo de vida',
        'fallido',
        'Error: A la espera de su dependencia patients, cuya instalación falló.',
      ],
    ]);
    expect(text('[data-test=operation-log]')).not.toMatch(/[{}"]/);
    await click('[data-test=close-restart]');
  });

  it('words the refusals force cannot override in Spanish, with their modules and states, and offers no force', async () => {
    const page = mountPage(
      {
        DisableModule: () =>
          refused('Only installed modules can be disabled; "patients" is to_remove.', {
            reason: 'MODULE_DISABLE_STATE',
            module: 'patients',
            state: 'to_remove',
          }),
        InstallModule: () =>
          refused('Module "billing" does not meet the module contract:\n- billing: TOOL_MISSING: …', {
            reason: 'MODULE_CONTRACT',
            module: 'billing',
            forceable: true,
            problems: [{ module: 'billing', code: 'TOOL_MISSING', message: 'a tool is missing' }],
          }),
      },
      'es',
    );
    await settle();
    await click('[data-test=disable-patients]');
    await click('[data-test=confirm-lifecycle]');
    const refusal = document.querySelector('[data-test=refusal]')?.textContent ?? '';
    expect(refusal).toContain(
      'Solo se pueden desactivar los módulos instalados; el estado de patients es «Por desinstalar».',
    );
    expect(refusal).not.toContain('Only installed');
    expect(document.querySelector('[data-test=confirm-force]')).toBeNull();
    expect(document.querySelector('[data-test=confirm-lifecycle]')?.hasAttribute('disabled')).toBe(true);
    await click('[data-test=cancel-lifecycle]');

    // An install refused: a toast in Spanish from its reason (not the host's generic one).
    await click('[data-test=install-billing]');
    await click('[data-test=confirm-install]');
    expect(page.errorToasts).toEqual([]);
    expect(page.notices.at(-1)).toMatchObject({
      severity: 'error',
      detail: expect.stringContaining('billing no cumple el contrato de módulos (billing (TOOL_MISSING)).'),
    });
  });

  it('lays each module out as a card on a phone: facts labelled, every action in the row under the name', async () => {
    mountPage({}, 'es', [row('patients', 'installed'), { ...row('billing', 'installed'), upgradeAvailable: true }]);
    await settle();
    const table = document.querySelector('[data-test=modules-table]')!;
    // The class the phone layout (max-width: 60rem, the shell's breakpoint) turns into cards.
    expect(table.classList.contains('modules-cards')).toBe(true);
    const card = document.querySelector('[data-module=billing]')!.closest('tr')!;
    const cells = [...card.querySelectorAll('td')];
    // The name first, the actions last (a line of their own on a phone), the facts between with their labels.
    expect(cells[0].querySelector('[data-module=billing]')).not.toBeNull();
    expect(cells.at(-1)!.querySelector('[data-test=actions-billing]')).not.toBeNull();
    expect(cells.slice(1, -1).map((c) => c.querySelector('.cell-label')?.textContent)).toEqual([
      'Versión:',
      'Estado:',
      'Categoría:',
      'Depende de:',
    ]);
    const actions = [...card.querySelectorAll('[data-test=actions-billing] button')].map((b) =>
      b.getAttribute('data-test'),
    );
    expect(actions).toEqual(['upgrade-billing', 'disable-billing', 'uninstall-billing', 'history-billing']);
  });
});
