import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';
import type { AgentPlanner, Identity } from '@dentalpin/core';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const CALL = `mutation($name: String!, $args: JSON!, $mode: AgentMode) {
  callAgentTool(name: $name, args: $args, mode: $mode) { status result error errorCode approvalId } }`;
const APPROVE = `mutation($id: ID!) { approveAgentRequest(id: $id) { status result error errorCode } }`;
const RUN = `mutation($name: String!, $input: JSON, $mode: AgentMode) {
  runAgent(name: $name, input: $input, mode: $mode) { sessionId agentName status summary data error
    steps { tool arguments result { status errorCode approvalId } } } }`;
const TOOLS = `{ agentTools { name } }`;

describe('agents: module tools follow activation; BaseAgent runs are sessions', () => {
  let t: TestPlatform;
  let admin: CallOptions & { userId: string };
  let receptionist: CallOptions & { userId: string };
  let dentist: CallOptions;
  let identity: Identity;

  /** The fixture module's agents (official modules, e.g. agenda, ship their own). */
  const fixtureAgents = async (caller: CallOptions = admin) =>
    (await t.data(`{ agents { name module mode allowedTools } }`, {}, caller)).agents.filter(
      (a: { module: string }) => a.module === 'fixture_agents',
    );
  const counter = async () =>
    (await t.platform.db.knex('fixture_agents_counters').where({ clinic_id: admin.clinicId }).first())?.value ?? 0;

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(fixtures, 'fixture_agents')] });
    const setup = await t.setup();
    admin = { token: setup.token, clinicId: setup.clinicId, userId: setup.userId };
    receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    // These runs make many calls quickly; the per-minute limit is tested in agents.test.ts.
    await t.data(
      `mutation { configureAgentGuardrails(input: { maxActionsPerMinute: 1000 }) { maxActionsPerMinute } }`,
      {},
      admin,
    );
  });
  afterAll(() => t.close());

  it('registers the tools and agents of a module only once it is active', async () => {
    expect((await t.data(TOOLS, {}, admin)).agentTools.map((x: { name: string }) => x.name)).not.toContain(
      'fixture_agents.get_counter',
    );
    expect(await fixtureAgents()).toEqual([]);
    await t.data(`mutation { installModule(name: "fixture_agents") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    const tools = (await t.data(TOOLS, {}, receptionist)).agentTools.map((x: { name: string }) => x.name);
    expect(tools).toEqual(
      expect.arrayContaining([
        'fixture_agents.get_counter',
        'fixture_agents.increment_counter',
        'fixture_agents.reset_counter',
      ]),
    );
    expect(await fixtureAgents(dentist)).toEqual([
      {
        name: 'fixture_agents.careful_keeper',
        module: 'fixture_agents',
        mode: 'SUPERVISED',
        allowedTools: ['fixture_agents.increment_counter'],
      },
      {
        name: 'fixture_agents.counter_keeper',
        module: 'fixture_agents',
        mode: 'AUTONOMOUS',
        allowedTools: ['fixture_agents.get_counter', 'fixture_agents.increment_counter'],
      },
    ]);
    identity = (await t.platform.auth.authenticate(`Bearer ${admin.token}`, admin.clinicId)).identity!;
  });

  it('a failing handler is rolled back and audited as FAILED', async () => {
    const r = (
      await t.data(CALL, { name: 'fixture_agents.increment_counter', args: { by: 3, failAfterWrite: true } }, admin)
    ).callAgentTool;
    expect(r).toMatchObject({ status: 'FAILED', errorCode: 'CONFLICT', error: 'asked to fail after writing' });
    expect(await counter()).toBe(0);
  });

  it('runs an agent with its own planner; every call is audited under the session', async () => {
    const run = (await t.data(RUN, { name: 'fixture_agents.counter_keeper', input: { target: 25 } }, admin)).runAgent;
    expect(run).toMatchObject({ status: 'COMPLETED', summary: 'counter at 25', data: { value: 25 }, error: null });
    expect(run.steps.map((s: { tool: string }) => s.tool)).toEqual([
      'fixture_agents.get_counter',
      'fixture_agents.increment_counter',
      'fixture_agents.get_counter',
      'fixture_agents.increment_counter',
      'fixture_agents.get_counter',
      'fixture_agents.increment_counter',
      'fixture_agents.get_counter',
    ]);
    expect(await counter()).toBe(25);
    const session = await t.platform.db.knex('agent_sessions').where({ id: run.sessionId }).first();
    expect(session).toMatchObject({
      status: 'COMPLETED',
      agent_name: 'fixture_agents.counter_keeper',
      mode: 'AUTONOMOUS',
      started_by: admin.userId,
      clinic_id: admin.clinicId,
      steps: 7,
      action_count: 7,
      input: { target: 25 },
    });
    expect(session.ended_at).not.toBeNull();
    const audit = await t.platform.db.knex('agent_audit_log').where({ session_id: run.sessionId });
    expect(audit).toHaveLength(7);
    expect(audit.every((a) => a.channel === 'agent' && a.agent_name === 'fixture_agents.counter_keeper')).toBe(true);
    const sessions = (await t.data(`{ agentSessions { id status steps agentName } }`, {}, dentist)).agentSessions;
    expect(sessions[0]).toMatchObject({ id: run.sessionId, status: 'COMPLETED', steps: 7 });
  });

  it('starting a run needs agents.manage', async () => {
    const r = await t.gql(RUN, { name: 'fixture_agents.counter_keeper', input: { target: 1 } }, dentist);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await t.gql(RUN, { name: 'fixture_agents.nobody' }, admin);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('allowedTools is a hard list: a scripted planner cannot step outside it', async () => {
    const planner: AgentPlanner = (ctx) => {
      expect(ctx.tools.map((x) => x.name)).toEqual(['fixture_agents.get_counter', 'fixture_agents.increment_counter']);
      expect(ctx.schemas('anthropic').map((s) => ('name' in s ? s.name : ''))).toEqual([
        'fixture_agents__get_counter',
        'fixture_agents__increment_counter',
      ]);
      if (ctx.step > 0) return { done: true, summary: 'scripted' };
      return {
        calls: [
          { tool: 'fixture_agents.reset_counter', arguments: {} },
          { tool: 'patients.search_patients', arguments: {} },
          { tool: 'fixture_agents__get_counter', arguments: {} },
          { tool: 'nobody.nothing', arguments: {} },
        ],
      };
    };
    const run = await t.platform.agentRuns.run(identity, 'fixture_agents.counter_keeper', { planner });
    expect(run.status).toBe('COMPLETED');
    expect(run.steps.map((s) => [s.result.status, s.result.errorCode])).toEqual([
      ['BLOCKED', 'FORBIDDEN'],
      ['BLOCKED', 'FORBIDDEN'],
      ['SUCCESS', null],
      ['FAILED', 'NOT_FOUND'],
    ]);
    expect(run.steps[0].result.error).toMatch(/not in the agent's allowed tools/);
    expect(await counter()).toBe(25);
  });

  it('caps the calls of one run (guardrail kept in the session row)', async () => {
    await t.data(
      `mutation { configureAgentGuardrails(input: { maxActionsPerSession: 3 }) { maxActionsPerSession } }`,
      {},
      admin,
    );
    try {
      const planner: AgentPlanner = (ctx) =>
        ctx.step
          ? { done: true, summary: 'x' }
          : { calls: Array.from({ length: 5 }, () => ({ tool: 'fixture_agents.get_counter', arguments: {} })) };
      const run = await t.platform.agentRuns.run(identity, 'fixture_agents.counter_keeper', { planner });
      expect(run.steps.map((s) => s.result.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'BLOCKED', 'BLOCKED']);
      expect(run.steps[3].result.errorCode).toBe('RATE_LIMITED');
    } finally {
      await t.data(
        `mutation { configureAgentGuardrails(input: { maxActionsPerSession: 100 }) { maxActionsPerSession } }`,
        {},
        admin,
      );
    }
  });

  it('a planner that throws ends the run as FAILED; a planner that never finishes is stopped', async () => {
    const broken = await t.platform.agentRuns.run(identity, 'fixture_agents.counter_keeper', {
      planner: () => {
        throw new Error('model unavailable');
      },
    });
    expect(broken).toMatchObject({ status: 'FAILED', error: 'model unavailable' });
    const endless = await t.platform.agentRuns.run(identity, 'fixture_agents.counter_keeper', {
      planner: () => ({ calls: [{ tool: 'fixture_agents.get_counter', arguments: {} }] }),
    });
    expect(endless).toMatchObject({ status: 'FAILED', error: 'The agent did not finish within 10 planning steps.' });
    const row = await t.platform.db.knex('agent_sessions').where({ id: broken.sessionId }).first();
    expect(row).toMatchObject({ status: 'FAILED', error: 'model unavailable' });
  });

  it('a SUPERVISED agent proposes; approval runs the call inside the agent session', async () => {
    const run = (await t.data(RUN, { name: 'fixture_agents.careful_keeper', mode: 'AUTONOMOUS' }, admin)).runAgent;
    expect(run.status).toBe('COMPLETED');
    const approvalId = run.steps[0].result.approvalId;
    expect(run.steps[0].result.status).toBe('PENDING_APPROVAL');
    expect(await counter()).toBe(25);
    const approval = await t.platform.db.knex('agent_approvals').where({ id: approvalId }).first();
    expect(approval).toMatchObject({
      agent_name: 'fixture_agents.careful_keeper',
      session_id: run.sessionId,
      mode: 'SUPERVISED',
    });
    const approved = (await t.data(APPROVE, { id: approvalId }, dentist)).approveAgentRequest;
    expect(approved.status).toBe('SUCCESS');
    expect(approved.result).toEqual({
      value: 26,
      agent: { name: 'fixture_agents.careful_keeper', sessionId: run.sessionId },
    });
  });

  it('DESTRUCTIVE tools wait for approval even in AUTONOMOUS mode', async () => {
    const r = (await t.data(CALL, { name: 'fixture_agents.reset_counter', args: {} }, receptionist)).callAgentTool;
    expect(r.status).toBe('PENDING_APPROVAL');
    expect(r.error).toMatch(/DESTRUCTIVE/);
    expect(await counter()).toBe(26);
    expect((await t.data(APPROVE, { id: r.approvalId }, admin)).approveAgentRequest.status).toBe('SUCCESS');
    expect(await counter()).toBe(0);
  });

  it('a disabled module loses its tools and agents; its pending requests wait; enabling brings them back', async () => {
    const pending = (await t.data(CALL, { name: 'fixture_agents.reset_counter', args: {} }, receptionist))
      .callAgentTool;
    await t.platform.db.knex('core_module').where({ name: 'fixture_agents' }).update({ state: 'disabled' });
    await t.platform.reload();
    try {
      expect(t.platform.tools().modules()).toContain('patients');
      expect(t.platform.tools().modules()).not.toContain('fixture_agents');
      expect((await t.data(TOOLS, {}, admin)).agentTools.map((x: { name: string }) => x.name)).not.toContain(
        'fixture_agents.get_counter',
      );
      expect(await fixtureAgents()).toEqual([]);
      const call = await t.gql(CALL, { name: 'fixture_agents.get_counter', args: {} }, admin);
      expect(call.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const approve = await t.gql(APPROVE, { id: pending.approvalId }, admin);
      expect(approve.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(approve.errors?.[0].message).toMatch(/stays pending/);
    } finally {
      await t.platform.db.knex('core_module').where({ name: 'fixture_agents' }).update({ state: 'installed' });
      await t.platform.reload();
    }
    expect(t.platform.tools().modules()).toContain('fixture_agents');
    expect((await t.data(APPROVE, { id: pending.approvalId }, admin)).approveAgentRequest.status).toBe('SUCCESS');
  });
});
