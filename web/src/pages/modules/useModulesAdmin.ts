import { computed, ref } from 'vue';
import type { GraphQLFormattedError } from 'graphql';
import { useI18n } from 'vue-i18n';
import { useApolloClient, useMutation, useQuery } from '@vue/apollo-composable';
import {
  DisableModuleMutation,
  EnableModuleMutation,
  InstallModuleMutation,
  ModuleDoctorQuery,
  ModuleOperationsQuery,
  ModulesQuery,
  RestartModulesMutation,
  UninstallModuleMutation,
  UpgradeModuleMutation,
} from '../../graphql/modules.ts';
import type {
  ModulesQuery as ModulesResult,
  RestartModulesMutation as RestartResult,
} from '../../generated/graphql/graphql.ts';
import { useShell } from '../../shell/controller.ts';
import { notify } from '../../shell/notify.ts';
import { translatorOf } from '../../shell/errors.ts';
import type { OperationContext } from '../../shell/apollo.ts';
import { forceOverridable, installChain, PENDING_STATES, type ModuleAction } from './chain.ts';
import type { LogRow } from './OperationLog.vue';
import { refusalText } from './wording.ts';

export type ModuleRow = ModulesResult['modules'][number];
export type RestartOutcome = RestartResult['restartModules'];
// Uninstall, disable, enable: confirm, schedule, then apply at once with the restart + progress view.
export type LifecycleAction = Extract<ModuleAction, 'uninstall' | 'disable' | 'enable'>;
export interface LifecycleTarget {
  action: LifecycleAction;
  module: ModuleRow;
}
export interface Refusal {
  message: string;
  forceable: boolean;
}

/**
 * State and actions of the modules admin page: the module list and the doctor's report, install (with
 * its dependency chain), upgrade, uninstall/disable/enable (a refusal kept for the dialog, force when it
 * can override it), applying pending operations with their live operation log, and one module's history.
 */
export function useModulesAdmin() {
  const i18n = useI18n();
  const { t } = i18n;
  const translator = translatorOf(i18n);
  const shell = useShell();
  const { resolveClient } = useApolloClient();
  const { result, refetch } = useQuery(ModulesQuery, null, { fetchPolicy: 'network-only' });
  const { result: doctor, refetch: refetchDoctor } = useQuery(ModuleDoctorQuery, null, { fetchPolicy: 'network-only' });
  const modules = computed(() => result.value?.modules ?? []);
  const pending = computed(() => modules.value.filter((m) => PENDING_STATES.includes(m.state)).map((m) => m.name));
  const report = computed(() => doctor.value?.moduleDoctor);

  // Refusals are worded here, in the person's language from their reason (see wording.ts), not toasted by the host.
  const INLINE_REFUSAL: OperationContext = { inlineErrorCodes: ['MODULE_OPERATION_REFUSED'] };
  const refusalOf = (error: unknown) =>
    ((error as { graphQLErrors?: GraphQLFormattedError[] } | null)?.graphQLErrors ?? []).find(
      (e) => e.extensions?.code === 'MODULE_OPERATION_REFUSED',
    );
  /** A refused install or upgrade as a toast, worded from its reason; other failures were toasted by the host. */
  const toastRefusal = (error: unknown, name: string) => {
    const refused = refusalOf(error);
    if (refused)
      notify({
        severity: 'error',
        summary: t('errors.codes.MODULE_OPERATION_REFUSED'),
        detail: refusalText(refused, translator, name),
        code: 'MODULE_OPERATION_REFUSED',
      });
    return null;
  };

  // Install: preview the dependency chain, then schedule.
  const installTarget = ref<ModuleRow | null>(null);
  const chain = computed(() => (installTarget.value ? installChain(installTarget.value.name, modules.value) : []));
  const { mutate: install, loading: installing } = useMutation(InstallModuleMutation, { context: INLINE_REFUSAL });
  async function confirmInstall() {
    const name = installTarget.value!.name;
    const r = await install({ name }).catch((e: unknown) => toastRefusal(e, name));
    installTarget.value = null;
    if (!r?.data) return;
    const scheduled = r.data.installModule.scheduled;
    notify({
      severity: scheduled.length ? 'info' : 'warn',
      summary: scheduled.length
        ? t('modules.scheduled', { list: scheduled.join(', ') })
        : t('modules.nothingScheduled', { name }),
    });
    await refetch();
  }

  // Upgrade.
  const upgradeTarget = ref<ModuleRow | null>(null);
  const { mutate: upgrade, loading: upgrading } = useMutation(UpgradeModuleMutation, { context: INLINE_REFUSAL });
  async function confirmUpgrade() {
    const name = upgradeTarget.value!.name;
    const r = await upgrade({ name }).catch((e: unknown) => toastRefusal(e, name));
    upgradeTarget.value = null;
    if (r?.data)
      notify({
        severity: 'info',
        summary: t('modules.scheduled', { list: r.data.upgradeModule.scheduled.join(', ') || name }),
      });
    await refetch();
  }

  // Apply (restart): run pending operations while showing their operation log as it grows.
  const restartOpen = ref(false);
  const restarting = ref(false);
  const restartLog = ref<LogRow[]>([]);
  const outcome = ref<RestartOutcome | null>(null);
  const { mutate: restart } = useMutation(RestartModulesMutation);

  async function operationsOf(name: string, limit: number): Promise<LogRow[]> {
    const r = await resolveClient().query({
      query: ModuleOperationsQuery,
      variables: { name, limit },
      fetchPolicy: 'network-only',
    });
    // Queries answer errors in the result (errorPolicy 'all'): a failed read must not pass for an empty log.
    if (!r.data?.moduleOperations) throw r.error ?? new Error(`the operation log of ${name} could not be read`);
    return r.data.moduleOperations.map((o) => ({ ...o, module: name }));
  }

  /** The newest log id of each module before the run: the run's rows are the ones after it (no clock involved). */
  async function logBaseline(names: string[]): Promise<Map<string, number>> {
    const latest = await Promise.allSettled(names.map((name) => operationsOf(name, 1)));
    return new Map(
      names.map((name, i) => {
        const r = latest[i];
        return [name, r.status === 'fulfilled' && r.value[0] ? Number(r.value[0].id) : 0];
      }),
    );
  }

  /** Shows the run's rows; false when some module's log could not be read. */
  async function readLog(names: string[], baseline: Map<string, number>): Promise<boolean> {
    // One module's failing read (e.g. while the schema swaps) must not blank the others.
    const rows = await Promise.allSettled(names.map((name) => operationsOf(name, 100)));
    restartLog.value = rows
      .flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
      .filter((o) => Number(o.id) > (baseline.get(o.module ?? '') ?? 0))
      .sort((a, b) => Number(a.id) - Number(b.id));
    return rows.every((r) => r.status === 'fulfilled');
  }

  const lifecycleTarget = ref<LifecycleTarget | null>(null);
  const refusal = ref<Refusal | null>(null);
  const scheduling = ref(false);
  // Uninstall, disable, enable: refusals are shown in the dialog (with force when it can override them).
  const { mutate: uninstall } = useMutation(UninstallModuleMutation, { context: INLINE_REFUSAL });
  const { mutate: disable } = useMutation(DisableModuleMutation, { context: INLINE_REFUSAL });
  const { mutate: enable } = useMutation(EnableModuleMutation, { context: INLINE_REFUSAL });

  function openLifecycle(action: LifecycleAction, module: ModuleRow) {
    refusal.value = null;
    lifecycleTarget.value = { action, module };
  }

  async function scheduleLifecycle(action: LifecycleAction, name: string, force: boolean): Promise<string[]> {
    if (action === 'uninstall') return (await uninstall({ name, force }))?.data?.uninstallModule.scheduled ?? [];
    if (action === 'disable') return (await disable({ name, force }))?.data?.disableModule.scheduled ?? [];
    return (await enable({ name }))?.data?.enableModule.scheduled ?? [];
  }

  async function confirmLifecycle(force = false) {
    const { action, module } = lifecycleTarget.value!;
    scheduling.value = true;
    try {
      const scheduled = await scheduleLifecycle(action, module.name, force);
      lifecycleTarget.value = null;
      await applyChanges([module.name, ...scheduled]);
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) throw error;
      refusal.value = {
        message: refusalText(refused, translator, module.name),
        forceable: action !== 'enable' && forceOverridable(refused.extensions),
      };
    } finally {
      scheduling.value = false;
    }
  }

  async function applyChanges(alsoWatch: string[] = []) {
    const names = [...new Set([...pending.value, ...alsoWatch])];
    restartOpen.value = true;
    restarting.value = true;
    restartLog.value = [];
    outcome.value = null;
    const baseline = await logBaseline(names);
    const timer = setInterval(() => void readLog(names, baseline).catch(() => undefined), 1000);
    try {
      const r = await restart().catch(() => null);
      clearInterval(timer);
      outcome.value = r?.data?.restartModules ?? null;
      // The gateway swaps the supergraph right after the run: a read at that moment may fail; try again.
      for (let attempt = 0; attempt < 5; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 500));
        if (await readLog(names, baseline).catch(() => false)) break;
      }
    } finally {
      clearInterval(timer);
      // Still running until the final log read: the outcome never shows beside a log without the run's rows.
      restarting.value = false;
    }
    if (outcome.value) {
      const failed =
        outcome.value.processed.some((p) => p.status !== 'completed') || outcome.value.compositionErrors.length > 0;
      notify({ severity: failed ? 'error' : 'success', summary: failed ? t('modules.failed') : t('modules.finished') });
    }
    await Promise.all([refetch(), refetchDoctor(), shell.reloadModules()]);
  }

  // History of one module.
  const historyOf = ref<string | null>(null);
  const history = ref<LogRow[]>([]);
  async function openHistory(name: string) {
    historyOf.value = name;
    const r = await resolveClient().query({
      query: ModuleOperationsQuery,
      variables: { name, limit: 50 },
      fetchPolicy: 'network-only',
    });
    history.value = r.data?.moduleOperations ?? [];
  }

  return {
    modules,
    pending,
    report,
    installTarget,
    chain,
    installing,
    confirmInstall,
    upgradeTarget,
    upgrading,
    confirmUpgrade,
    lifecycleTarget,
    refusal,
    scheduling,
    openLifecycle,
    confirmLifecycle,
    restartOpen,
    restarting,
    restartLog,
    outcome,
    applyChanges,
    historyOf,
    history,
    openHistory,
  };
}
