import type { RequestContext } from '../graphql/context.ts';
import type { ModuleResolvers } from '../modules/define.ts';
import { DomainError } from '../errors.ts';
import { withoutServerPaths } from '../modules/store.ts';
import { User } from '../entities/index.ts';
import { UNKNOWN_ADDRESS } from '../auth/service.ts';
import type { Platform } from '../platform.ts';
import type { ApprovalStatus } from '../agents/service.ts';
import type { AgentMode } from '../agents/tool.ts';

const fullName = (u: { firstName: string; lastName: string }) => `${u.firstName} ${u.lastName}`.trim();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Module state changes are platform-admin only and take effect on restartModules. */
async function scheduled(ctx: RequestContext, change: () => Promise<string[]>) {
  ctx.auth.requirePlatformAdmin();
  const names = await change();
  return { scheduled: names, requiresRestart: names.length > 0 };
}

/** The core subgraph: setup, auth, users and clinics, and the module lifecycle. */
export function coreResolvers(platform: Platform): ModuleResolvers {
  const { auth, kernel } = platform;
  return {
    Query: {
      setupStatus: async () => ({ initialized: await auth.isInitialized() }),
      // Anonymous callers get null; a caller whose token failed gets the reason.
      me: async (_: unknown, __: unknown, ctx: RequestContext) =>
        ctx.auth.identity || ctx.auth.failure ? auth.me(ctx.auth.user()) : null,
      activeModules: (_: unknown, __: unknown, ctx: RequestContext) => {
        ctx.auth.user();
        return platform.activeModules().map((m) => ({
          name: m.name,
          version: m.manifest.version,
          category: m.manifest.category,
          summary: m.manifest.summary,
          permissions: m.permissions,
          navigation: m.manifest.frontend.navigation
            .filter((n) => !n.permission || ctx.auth.can(n.permission))
            .sort((a, b) => a.order - b.order),
        }));
      },
      modules: (_: unknown, __: unknown, ctx: RequestContext) => {
        ctx.auth.requirePlatformAdmin();
        return kernel.list();
      },
      moduleInfo: (_: unknown, args: { name: string }, ctx: RequestContext) => {
        ctx.auth.requirePlatformAdmin();
        return kernel.info(args.name);
      },
      moduleOperations: async (_: unknown, args: { name: string; limit: number }, ctx: RequestContext) => {
        ctx.auth.requirePlatformAdmin();
        await kernel.info(args.name);
        const entries = await kernel.store.operations(args.name, args.limit);
        return entries.map((e) => ({ ...e, details: withoutServerPaths(e.details) }));
      },
      moduleDoctor: (_: unknown, __: unknown, ctx: RequestContext) => {
        ctx.auth.requirePlatformAdmin();
        return kernel.doctor();
      },
      clinicUsers: (_: unknown, __: unknown, ctx: RequestContext) =>
        auth.accounts.clinicUsers(ctx.auth.require('admin.users.read')),
      agentTools: (_: unknown, __: unknown, ctx: RequestContext) =>
        platform.agents.toolsFor(ctx.auth.user()).map((t) => ({
          name: t.name,
          functionName: t.functionName,
          module: t.module,
          description: t.tool.description,
          category: t.category,
          parameters: t.inputSchema,
          permissions: t.tool.permissions,
        })),
      agentApprovals: (_: unknown, args: { status: ApprovalStatus | null }, ctx: RequestContext) =>
        platform.agents.approvals(ctx.auth.user(), args.status),
      agentApproval: (_: unknown, args: { id: string }, ctx: RequestContext) =>
        platform.agents.approval(ctx.auth.user(), args.id),
      agentAudit: (_: unknown, args: { limit: number | null; toolName: string | null }, ctx: RequestContext) =>
        platform.agents.audit(ctx.auth.user(), args),
      agents: (_: unknown, __: unknown, ctx: RequestContext) => {
        ctx.auth.require('agents.view');
        return platform
          .agentsCatalog()
          .list()
          .map((a) => ({
            name: a.name,
            module: a.module,
            description: a.agent.description,
            mode: a.agent.mode,
            allowedTools: a.agent.allowedTools,
          }));
      },
      agentSessions: (_: unknown, args: { limit: number | null }, ctx: RequestContext) =>
        platform.agentRuns.sessions(ctx.auth.user(), args.limit),
      agentGuardrails: (_: unknown, __: unknown, ctx: RequestContext) => platform.agents.guardrails(ctx.auth.user()),
    },
    Mutation: {
      setup: async (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
        (await auth.setup(args.input, ctx.clientAddress)).payload,
      login: (_: unknown, args: { email: string; password: string }, ctx: RequestContext) =>
        auth.login(args.email, args.password, ctx.clientAddress ?? UNKNOWN_ADDRESS),
      refreshToken: (_: unknown, args: { refreshToken: string }) => auth.refresh(args.refreshToken),
      logoutEverywhere: async (_: unknown, __: unknown, ctx: RequestContext) => {
        await auth.revokeTokens(ctx.auth.user().userId);
        return true;
      },
      changePassword: (_: unknown, args: { currentPassword: string; newPassword: string }, ctx: RequestContext) =>
        auth.accounts.changePassword(
          ctx.auth.user(),
          args.currentPassword,
          args.newPassword,
          ctx.clientAddress ?? UNKNOWN_ADDRESS,
        ),
      requestPasswordReset: (_: unknown, args: { email: string }) => auth.accounts.requestPasswordReset(args.email),
      resetPassword: (_: unknown, args: { token: string; newPassword: string }, ctx: RequestContext) =>
        auth.accounts.resetPassword(args.token, args.newPassword, ctx.clientAddress),
      updateMembership: (_: unknown, args: Record<string, unknown>, ctx: RequestContext) =>
        auth.accounts.updateMembership(ctx.auth.require('admin.users.write'), args),
      deactivateUser: (_: unknown, args: { userId: string }, ctx: RequestContext) =>
        auth.accounts.deactivateUser(ctx.auth.require('admin.users.write'), args.userId),
      removeMembership: (_: unknown, args: { userId: string }, ctx: RequestContext) =>
        auth.accounts.removeMembership(ctx.auth.require('admin.users.write'), args.userId),
      createClinic: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
        auth.createClinic(ctx.auth.user(), args.input),
      createUser: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
        auth.createUser(ctx.auth.user(), args.input),
      installModule: (_: unknown, args: { name: string; force: boolean }, ctx: RequestContext) =>
        scheduled(ctx, () => kernel.scheduleInstall(args.name, args.force)),
      uninstallModule: (_: unknown, args: { name: string; force: boolean }, ctx: RequestContext) =>
        scheduled(ctx, () => kernel.scheduleUninstall(args.name, args.force)),
      upgradeModule: (_: unknown, args: { name: string }, ctx: RequestContext) =>
        scheduled(ctx, () => kernel.scheduleUpgrade(args.name)),
      disableModule: (_: unknown, args: { name: string; force: boolean }, ctx: RequestContext) =>
        scheduled(ctx, () => kernel.disable(args.name, args.force)),
      enableModule: (_: unknown, args: { name: string }, ctx: RequestContext) =>
        scheduled(ctx, () => kernel.enable(args.name)),
      restartModules: (_: unknown, __: unknown, ctx: RequestContext) => {
        ctx.auth.requirePlatformAdmin();
        return platform.restart();
      },
      callAgentTool: (_: unknown, args: { name: string; args: unknown; mode: AgentMode | null }, ctx: RequestContext) =>
        platform.agents.call({ identity: ctx.auth.user(), channel: 'graphql' }, args.name, args.args, args.mode),
      approveAgentRequest: (_: unknown, args: { id: string; notes: string | null }, ctx: RequestContext) =>
        platform.agents.approve(ctx.auth.user(), args.id, args.notes),
      rejectAgentRequest: (_: unknown, args: { id: string; notes: string | null }, ctx: RequestContext) =>
        platform.agents.reject(ctx.auth.user(), args.id, args.notes),
      runAgent: async (
        _: unknown,
        args: { name: string; input: unknown; mode: AgentMode | null },
        ctx: RequestContext,
      ) => {
        const run = await platform.agentRuns.run(ctx.auth.user(), args.name, { input: args.input, mode: args.mode });
        return {
          ...run,
          steps: run.steps.map((s) => ({ tool: s.call.tool, arguments: s.call.arguments, result: s.result })),
        };
      },
      configureAgentGuardrails: (_: unknown, args: { input: unknown }, ctx: RequestContext) =>
        platform.agents.configureGuardrails(ctx.auth.user(), args.input),
    },
    User: {
      fullName,
      // Users are visible to callers who share a clinic with them.
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const identity = ctx.auth.user();
        if (!UUID.test(ref.id)) return null;
        const loader = ctx.loader<string, User | null>('core.user', async (ids) => {
          const rows: { id: string }[] = await ctx.em
            .getConnection()
            .getKnex()('clinic_memberships')
            .whereIn('user_id', [...ids])
            .andWhere('clinic_id', identity.clinicId)
            .select('user_id as id');
          const visible = new Set(rows.map((r) => r.id));
          const users = await ctx.em.find(User, { id: { $in: [...visible] } });
          const byId = new Map(users.map((u) => [u.id, u]));
          return ids.map((id) => byId.get(id) ?? null);
        });
        return loader.load(ref.id);
      },
    },
    Clinic: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const identity = ctx.auth.user();
        if (ref.id !== identity.clinicId) throw new DomainError('NOT_FOUND', `Clinic ${ref.id} was not found.`);
        return (await auth.me(identity)).clinic;
      },
    },
  };
}
