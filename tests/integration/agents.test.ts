import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const CALL = `mutation($name: String!, $args: JSON!, $mode: AgentMode) {
  callAgentTool(name: $name, args: $args, mode: $mode) { status result error errorCode approvalId auditId executionTimeMs } }`;
const APPROVE = `mutation($id: ID!, $notes: String) {
  approveAgentRequest(id: $id, notes: $notes) { status result error errorCode approvalId } }`;
const REJECT = `mutation($id: ID!, $notes: String) {
  rejectAgentRequest(id: $id, notes: $notes) { id status reviewNotes reviewedById executionStatus } }`;
const APPROVALS = `query($status: ApprovalStatus) {
  agentApprovals(status: $status) { id toolName arguments status reason requestedById executionStatus executionResult } }`;
const AUDIT = `query($limit: Int, $toolName: String) {
  agentAudit(limit: $limit, toolName: $toolName) { id toolName status arguments result error errorCode executionTimeMs userId approvalId approvedById channel createdAt } }`;
const GUARDRAILS = `mutation($input: AgentGuardrailsInput!) {
  configureAgentGuardrails(input: $input) { maxActionsPerMinute maxActionsPerSession blockedTools requireApprovalFor } }`;

type Caller = CallOptions & { userId?: string };

describe('agent tools: chokepoint, approvals, audit, MCP', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let hygienist: Caller;
  let receptionist: Caller;
  let adminB: Caller;
  let patientA: string;

  const call = async (who: Caller, name: string, args: unknown, mode?: string) =>
    (await t.data(CALL, { name, args, mode }, who)).callAgentTool;

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    admin = { token: setup.token, clinicId: setup.clinicId, userId: setup.userId };
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    hygienist = { ...(await t.userWithRole(admin, 'hygienist')), clinicId: admin.clinicId };
    receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
    const clinicB = await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, admin);
    const b = await t.userWithRole(admin, 'admin', clinicB.createClinic.id);
    adminB = { token: b.token, clinicId: clinicB.createClinic.id, userId: b.userId };
    const created = await call(admin, 'patients.create_patient', {
      firstName: 'Lucía',
      lastName: 'García',
      phone: '+34 600 111 222',
    });
    expect(created.status).toBe('SUCCESS');
    patientA = created.result.id;
  });
  afterAll(() => t.close());

  it('lists the tools the caller may use, with JSON Schemas', async () => {
    const Q = `{ agentTools { name functionName module category permissions parameters description } }`;
    const asAdmin = (await t.data(Q, {}, admin)).agentTools;
    // The patients tools (other modules, e.g. agenda, test their own).
    const patientTools = (list: { name: string }[]) => list.map((x) => x.name).filter((n) => n.startsWith('patients.'));
    expect(patientTools(asAdmin)).toEqual([
      'patients.create_patient',
      'patients.get_patient',
      'patients.search_patients',
      'patients.update_patient',
    ]);
    const search = asAdmin.find((x: { name: string }) => x.name === 'patients.search_patients');
    expect(search).toMatchObject({ functionName: 'patients__search_patients', category: 'READ', module: 'patients' });
    expect(search.parameters).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { pageSize: { type: 'integer', maximum: 100, default: 20 } },
    });
    expect(search.parameters.$schema).toBeUndefined();
    // A hygienist holds patients.read only: write tools are not offered.
    const asHygienist = (await t.data(Q, {}, hygienist)).agentTools;
    expect(patientTools(asHygienist)).toEqual(['patients.get_patient', 'patients.search_patients']);
    expect((await t.gql(Q)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('renders function-calling schemas for Anthropic and OpenAI', () => {
    const registry = t.platform.tools();
    const [anthropic] = registry.schemasFor(['patients.get_patient'], 'anthropic');
    expect(anthropic).toMatchObject({
      name: 'patients__get_patient',
      input_schema: { type: 'object', required: ['patientId'] },
    });
    const [openai] = registry.schemasFor(['patients.get_patient'], 'openai');
    expect(openai).toMatchObject({ type: 'function', function: { name: 'patients__get_patient' } });
    expect(openai.function.parameters).toEqual(anthropic.input_schema);
    expect(() => registry.schemasFor(['patients.nope'], 'openai')).toThrow(/not registered/);
    expect(registry.resolve('patients__get_patient')?.name).toBe('patients.get_patient');
  });

  it('runs a READ tool in the caller clinic and records a SUCCESS audit row', async () => {
    const r = await call(receptionist, 'patients.search_patients', { query: 'lucía' });
    expect(r).toMatchObject({ status: 'SUCCESS', error: null, approvalId: null });
    expect(r.result).toMatchObject({ total: 1, items: [{ id: patientA, fullName: 'Lucía García', status: 'ACTIVE' }] });
    const row = await t.platform.db.knex('agent_audit_log').where({ id: r.auditId }).first();
    expect(row).toMatchObject({
      status: 'SUCCESS',
      tool_name: 'patients.search_patients',
      clinic_id: admin.clinicId,
      user_id: receptionist.userId,
      channel: 'graphql',
      mode: 'AUTONOMOUS',
      arguments: { query: 'lucía' },
    });
    expect(row.result.total).toBe(1);
    expect(row.execution_time_ms).toBeGreaterThanOrEqual(0);
  });

  it('unknown tool is NOT_FOUND; an explicit null mode means AUTONOMOUS', async () => {
    const r = await t.gql(CALL, { name: 'patients.drop_everything', args: {} }, admin);
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const nullMode = await call(admin, 'patients.search_patients', {}, null as never);
    expect(nullMode.status).toBe('SUCCESS');
    const row = await t.platform.db.knex('agent_audit_log').where({ id: nullMode.auditId }).first();
    expect(row.mode).toBe('AUTONOMOUS');
  });

  it('validates arguments: FAILED with BAD_USER_INPUT naming every field, nothing written', async () => {
    const before = await t.platform.db.knex('patients').count<{ count: string }[]>({ count: '*' });
    const r = await call(admin, 'patients.create_patient', {
      firstName: '',
      lastName: 'X',
      email: 'not-mail',
      phoneNumber: '123',
    });
    expect(r).toMatchObject({ status: 'FAILED', errorCode: 'BAD_USER_INPUT' });
    expect(r.error).toMatch(/firstName is required/);
    expect(r.error).toMatch(/email is not an email address/);
    expect(r.error).toMatch(/phoneNumber/);
    const after = await t.platform.db.knex('patients').count<{ count: string }[]>({ count: '*' });
    expect(after).toEqual(before);
    const audit = await t.platform.db.knex('agent_audit_log').where({ id: r.auditId }).first();
    expect(audit).toMatchObject({ status: 'FAILED', error_code: 'BAD_USER_INPUT' });
  });

  it('handler business errors are FAILED with the contract code, and roll back', async () => {
    const r = await call(admin, 'patients.get_patient', { patientId: '00000000-0000-4000-8000-000000000000' });
    expect(r).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
  });

  it('RBAC: a hygienist cannot write; the call is BLOCKED and audited, no approval queued', async () => {
    const r = await call(hygienist, 'patients.create_patient', { firstName: 'No', lastName: 'Way' });
    expect(r).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN', approvalId: null });
    expect(r.error).toMatch(/patients\.write/);
    // Even in SUPERVISED mode an unpermitted call never reaches the approval queue.
    const s = await call(hygienist, 'patients.create_patient', { firstName: 'No', lastName: 'Way' }, 'SUPERVISED');
    expect(s.status).toBe('BLOCKED');
    expect(await t.platform.db.knex('agent_approvals').where({ requested_by: hygienist.userId })).toEqual([]);
    const audit = await t.platform.db.knex('agent_audit_log').where({ id: r.auditId }).first();
    expect(audit).toMatchObject({ status: 'BLOCKED', user_id: hygienist.userId });
  });

  it('tenancy: clinic B cannot read or change clinic A patients through tools', async () => {
    const get = await call(adminB, 'patients.get_patient', { patientId: patientA });
    expect(get).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
    const search = await call(adminB, 'patients.search_patients', { query: 'lucía' });
    expect(search.result.total).toBe(0);
    const update = await call(adminB, 'patients.update_patient', { patientId: patientA, lastName: 'Hacked' });
    expect(update).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
    const row = await t.platform.db.knex('patients').where({ id: patientA }).first();
    expect(row.last_name).toBe('García');
    // B's audit shows only B's calls; A's audit has none of B's.
    const auditB = (await t.data(AUDIT, {}, adminB)).agentAudit;
    expect(auditB.length).toBe(3);
    expect(auditB.every((e: { userId: string }) => e.userId === adminB.userId)).toBe(true);
    const auditA = (await t.data(AUDIT, { limit: 500 }, admin)).agentAudit;
    expect(auditA.some((e: { userId: string }) => e.userId === adminB.userId)).toBe(false);
  });

  it('SUPERVISED mode queues WRITE calls; approval executes them once and records the result', async () => {
    const r = await call(
      receptionist,
      'patients.create_patient',
      { firstName: 'Marta', lastName: 'Sánchez' },
      'SUPERVISED',
    );
    expect(r).toMatchObject({ status: 'PENDING_APPROVAL', result: { approvalId: r.approvalId } });
    expect(r.error).toMatch(/SUPERVISED/);
    expect(await t.platform.db.knex('patients').where({ first_name: 'Marta' })).toEqual([]);
    // READ tools run at once even in SUPERVISED mode.
    expect((await call(receptionist, 'patients.search_patients', {}, 'SUPERVISED')).status).toBe('SUCCESS');

    const pending = (await t.data(APPROVALS, {}, dentist)).agentApprovals;
    expect(pending).toEqual([
      expect.objectContaining({
        id: r.approvalId,
        toolName: 'patients.create_patient',
        status: 'PENDING',
        requestedById: receptionist.userId,
        arguments: { firstName: 'Marta', lastName: 'Sánchez' },
      }),
    ]);
    // The requester sees their own request; a hygienist (no agents.supervise) sees none of it.
    expect((await t.data(APPROVALS, {}, receptionist)).agentApprovals).toHaveLength(1);
    expect((await t.data(APPROVALS, {}, hygienist)).agentApprovals).toHaveLength(0);
    // Only a supervisor may approve.
    const denied = await t.gql(APPROVE, { id: r.approvalId }, receptionist);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const approved = (await t.data(APPROVE, { id: r.approvalId, notes: 'ok' }, dentist)).approveAgentRequest;
    expect(approved).toMatchObject({ status: 'SUCCESS', approvalId: r.approvalId });
    expect(approved.result).toMatchObject({ firstName: 'Marta', lastName: 'Sánchez', status: 'ACTIVE' });
    const rows = await t.platform.db.knex('patients').where({ first_name: 'Marta' });
    expect(rows).toHaveLength(1);
    expect(rows[0].clinic_id).toBe(admin.clinicId);
    const done = (await t.data(APPROVALS, { status: 'APPROVED' }, dentist)).agentApprovals;
    expect(done[0]).toMatchObject({ id: r.approvalId, executionStatus: 'SUCCESS' });
    expect(done[0].executionResult.id).toBe(rows[0].id);
    const audit = await t.platform.db
      .knex('agent_audit_log')
      .where({ approval_id: r.approvalId })
      .orderBy('created_at');
    expect(audit.map((a) => a.status)).toEqual(['PENDING_APPROVAL', 'SUCCESS']);
    expect(audit[1]).toMatchObject({ user_id: receptionist.userId, approved_by: dentist.userId, channel: 'approval' });
    // A second approval is refused.
    const again = await t.gql(APPROVE, { id: r.approvalId }, dentist);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('approval executes exactly once under concurrent approvals', async () => {
    const r = await call(
      receptionist,
      'patients.create_patient',
      { firstName: 'Concurrent', lastName: 'Once' },
      'SUPERVISED',
    );
    expect(r.status).toBe('PENDING_APPROVAL');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.gql(APPROVE, { id: r.approvalId }, i % 2 ? dentist : admin)),
    );
    const ok = results.filter((x) => x.data?.approveAgentRequest?.status === 'SUCCESS');
    const conflicts = results.filter((x) => x.errors?.[0].extensions?.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(7);
    expect(await t.platform.db.knex('patients').where({ first_name: 'Concurrent' })).toHaveLength(1);
    const executed = await t.platform.db
      .knex('agent_audit_log')
      .where({ approval_id: r.approvalId, status: 'SUCCESS' });
    expect(executed).toHaveLength(1);
  });

  it('re-checks the requester permissions when approving', async () => {
    const r = await call(receptionist, 'patients.update_patient', { patientId: patientA, notes: 'x' }, 'SUPERVISED');
    expect(r.status).toBe('PENDING_APPROVAL');
    // The receptionist is demoted to hygienist (read-only) before a supervisor approves.
    await t.platform.db
      .knex('clinic_memberships')
      .where({ user_id: receptionist.userId, clinic_id: admin.clinicId })
      .update({ role: 'hygienist' });
    try {
      const approved = (await t.data(APPROVE, { id: r.approvalId }, dentist)).approveAgentRequest;
      expect(approved).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
      expect(approved.error).toMatch(/patients\.write/);
      const row = await t.platform.db.knex('patients').where({ id: patientA }).first();
      expect(row.notes).toBeNull();
      const approval = await t.platform.db.knex('agent_approvals').where({ id: r.approvalId }).first();
      expect(approval).toMatchObject({ status: 'APPROVED', execution_status: 'BLOCKED' });
    } finally {
      await t.platform.db
        .knex('clinic_memberships')
        .where({ user_id: receptionist.userId, clinic_id: admin.clinicId })
        .update({ role: 'receptionist' });
    }
  });

  it('rejection records the reason and never executes', async () => {
    const r = await call(
      receptionist,
      'patients.update_patient',
      { patientId: patientA, lastName: 'Nope' },
      'SUPERVISED',
    );
    const rejected = (await t.data(REJECT, { id: r.approvalId, notes: 'wrong patient' }, dentist)).rejectAgentRequest;
    expect(rejected).toMatchObject({
      id: r.approvalId,
      status: 'REJECTED',
      reviewNotes: 'wrong patient',
      reviewedById: dentist.userId,
      executionStatus: null,
    });
    expect((await t.gql(APPROVE, { id: r.approvalId }, dentist)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.gql(REJECT, { id: r.approvalId }, dentist)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await t.platform.db.knex('patients').where({ id: patientA }).first()).last_name).toBe('García');
    const audit = await t.platform.db
      .knex('agent_audit_log')
      .where({ approval_id: r.approvalId })
      .orderBy('created_at');
    expect(audit.map((a) => a.status)).toEqual(['PENDING_APPROVAL', 'BLOCKED']);
    expect(audit[1].error).toMatch(/wrong patient/);
  });

  it('the requester never decides their own request; another supervisor does, and is recorded', async () => {
    const own = await call(
      dentist,
      'patients.create_patient',
      { firstName: 'Self', lastName: 'Approved' },
      'SUPERVISED',
    );
    expect(own.status).toBe('PENDING_APPROVAL');
    const selfApproval = await t.gql(APPROVE, { id: own.approvalId }, dentist);
    expect(selfApproval.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(selfApproval.errors?.[0].message).toMatch(/another supervisor/);
    const selfRejection = await t.gql(REJECT, { id: own.approvalId }, dentist);
    expect(selfRejection.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const untouched = await t.platform.db.knex('agent_approvals').where({ id: own.approvalId }).first();
    expect(untouched).toMatchObject({ status: 'PENDING', reviewed_by: null, reviewed_at: null });
    expect(await t.platform.db.knex('patients').where({ first_name: 'Self' })).toEqual([]);

    const approved = (await t.data(APPROVE, { id: own.approvalId }, admin)).approveAgentRequest;
    expect(approved.status).toBe('SUCCESS');
    const decided = (
      await t.data(
        `query($id: ID!) { agentApproval(id: $id) { status requestedById reviewedById reviewedAt } }`,
        { id: own.approvalId },
        dentist,
      )
    ).agentApproval;
    expect(decided).toMatchObject({ status: 'APPROVED', requestedById: dentist.userId, reviewedById: admin.userId });
    expect(Date.parse(decided.reviewedAt)).not.toBeNaN();
    expect(await t.platform.db.knex('patients').where({ first_name: 'Self' })).toHaveLength(1);
  });

  it('tenancy: clinic B cannot see, approve or reject clinic A approvals', async () => {
    const r = await call(receptionist, 'patients.create_patient', { firstName: 'Tenant', lastName: 'A' }, 'SUPERVISED');
    expect((await t.data(APPROVALS, {}, adminB)).agentApprovals).toEqual([]);
    expect((await t.gql(APPROVE, { id: r.approvalId }, adminB)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(REJECT, { id: r.approvalId }, adminB)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      (await t.gql(`query($id: ID!) { agentApproval(id: $id) { id } }`, { id: r.approvalId }, adminB)).errors?.[0]
        .extensions?.code,
    ).toBe('NOT_FOUND');
    const row = await t.platform.db.knex('agent_approvals').where({ id: r.approvalId }).first();
    expect(row.status).toBe('PENDING');
    await t.data(REJECT, { id: r.approvalId, notes: 'cleanup' }, admin);
  });

  it('guardrails: blocked tools, approval patterns, and no silently-dead patterns', async () => {
    const bad = await t.gql(GUARDRAILS, { input: { requireApprovalFor: ['*.delete'] } }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forbidden = await t.gql(GUARDRAILS, { input: { blockedTools: ['patients.*'] } }, dentist);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const queuedBefore = await call(
      admin,
      'patients.update_patient',
      { patientId: patientA, notes: 'n' },
      'SUPERVISED',
    );
    expect(queuedBefore.status).toBe('PENDING_APPROVAL');
    await t.data(GUARDRAILS, { input: { blockedTools: ['patients.update_patient'] } }, admin);
    // Approving a request for a tool blocked since then does not run it.
    const lateApproval = (await t.data(APPROVE, { id: queuedBefore.approvalId }, dentist)).approveAgentRequest;
    expect(lateApproval).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
    expect((await t.platform.db.knex('patients').where({ id: patientA }).first()).notes).toBeNull();
    const blocked = await call(admin, 'patients.update_patient', { patientId: patientA, notes: 'n' });
    expect(blocked).toMatchObject({ status: 'BLOCKED', errorCode: 'FORBIDDEN' });
    expect(blocked.error).toMatch(/guardrails/);
    // Clinic B's guardrails are its own.
    expect((await call(adminB, 'patients.search_patients', {})).status).toBe('SUCCESS');

    await t.data(GUARDRAILS, { input: { blockedTools: [], requireApprovalFor: ['patients.create_patient'] } }, admin);
    const queued = await call(admin, 'patients.create_patient', { firstName: 'Rule', lastName: 'Based' });
    expect(queued.status).toBe('PENDING_APPROVAL');
    expect(queued.error).toMatch(/patients\.create_patient/);
    await t.data(REJECT, { id: queued.approvalId }, dentist);
    await t.data(GUARDRAILS, { input: { requireApprovalFor: [] } }, admin);
    const view = await t.data(
      `{ agentGuardrails { maxActionsPerMinute blockedTools requireApprovalFor } }`,
      {},
      dentist,
    );
    expect(view.agentGuardrails).toEqual({ maxActionsPerMinute: 30, blockedTools: [], requireApprovalFor: [] });
  });

  it('audit: filters by tool, needs agents.view, clinic-scoped', async () => {
    const entries = (await t.data(AUDIT, { toolName: 'patients.create_patient', limit: 500 }, dentist)).agentAudit;
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.every((e: { toolName: string }) => e.toolName === 'patients.create_patient')).toBe(true);
    const statuses = new Set(entries.map((e: { status: string }) => e.status));
    for (const s of ['SUCCESS', 'FAILED', 'BLOCKED', 'PENDING_APPROVAL']) expect(statuses).toContain(s);
    expect((await t.gql(AUDIT, {}, receptionist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await t.gql(AUDIT, { limit: 100000 }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('MCP over streamable HTTP', () => {
    const connect = async (who: Caller, extra: Record<string, string> = {}) => {
      const client = new Client({ name: 'dentalpin-test', version: '1.0.0' });
      const headers: Record<string, string> = { authorization: `Bearer ${who.token}`, ...extra };
      if (who.clinicId) headers['x-clinic-id'] = who.clinicId;
      const transport = new StreamableHTTPClientTransport(new URL(t.url.replace('/graphql', '/mcp')), {
        requestInit: { headers },
      });
      await client.connect(transport);
      return client;
    };

    it('lists and calls the caller tools with the caller permissions, audited as mcp', async () => {
      const client = await connect(hygienist);
      try {
        const { tools } = await client.listTools();
        expect(
          tools
            .map((x) => x.name)
            .filter((n) => n.startsWith('patients.'))
            .sort(),
        ).toEqual(['patients.get_patient', 'patients.search_patients']);
        // patients_clinical's reads (a hygienist holds medical.read), never its writes.
        expect(
          tools
            .map((x) => x.name)
            .filter((n) => n.startsWith('patients_clinical.'))
            .sort(),
        ).toEqual(['patients_clinical.get_medical_alerts', 'patients_clinical.get_medical_context']);
        expect(tools.find((x) => x.name === 'patients.search_patients')?.annotations?.readOnlyHint).toBe(true);
        const r = await client.callTool({ name: 'patients.search_patients', arguments: { query: 'lucía' } });
        expect(r.isError).toBe(false);
        const payload = JSON.parse((r.content as { text: string }[])[0].text);
        expect(payload.items[0].id).toBe(patientA);
        expect(r.structuredContent).toMatchObject({ status: 'SUCCESS' });
        const write = await client.callTool({
          name: 'patients.create_patient',
          arguments: { firstName: 'Via', lastName: 'Mcp' },
        });
        expect(write.isError).toBe(true);
        expect((write.content as { text: string }[])[0].text).toMatch(/BLOCKED \(FORBIDDEN\)/);
        const unknown = await client.callTool({ name: 'patients.nope', arguments: {} });
        expect(unknown.isError).toBe(true);
      } finally {
        await client.close();
      }
      const audit = await t.platform.db
        .knex('agent_audit_log')
        .where({ user_id: hygienist.userId, channel: 'mcp' })
        .orderBy('created_at');
      expect(audit.map((a) => a.status)).toEqual(['SUCCESS', 'BLOCKED']);
    });

    it('a call needing approval returns the approval id; approving runs it', async () => {
      const client = await connect(receptionist, { 'x-agent-mode': 'SUPERVISED' });
      let approvalId: string;
      try {
        const r = await client.callTool({
          name: 'patients.create_patient',
          arguments: { firstName: 'Mcp', lastName: 'Approved' },
        });
        expect(r.isError).toBe(false);
        expect(r.structuredContent).toMatchObject({ status: 'PENDING_APPROVAL' });
        approvalId = (r.structuredContent as { approvalId: string }).approvalId;
        expect((r.content as { text: string }[])[0].text).toContain(approvalId);
      } finally {
        await client.close();
      }
      const approved = (await t.data(APPROVE, { id: approvalId }, dentist)).approveAgentRequest;
      expect(approved.status).toBe('SUCCESS');
      expect(await t.platform.db.knex('patients').where({ first_name: 'Mcp' })).toHaveLength(1);
    });

    it('clinic B over MCP sees clinic B only; bad tokens are refused', async () => {
      const client = await connect(adminB);
      try {
        const r = await client.callTool({ name: 'patients.get_patient', arguments: { patientId: patientA } });
        expect(r.isError).toBe(true);
        expect(r.structuredContent).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
      } finally {
        await client.close();
      }
      await expect(connect({ token: 'garbage' })).rejects.toThrow();
      // A member of A only cannot select B.
      await expect(connect({ token: hygienist.token, clinicId: adminB.clinicId })).rejects.toThrow();
      const res = await fetch(t.url.replace('/graphql', '/mcp'), { method: 'GET' });
      expect(res.status).toBe(405);
    });
  });
});

describe('agent rate limits hold across processes', () => {
  it('two platform instances on one database share the per-user limit', async () => {
    const t = await startTestPlatform();
    const { Platform } = await import('../../core/src/platform.ts');
    const second = await Platform.open({ databaseUrl: t.databaseUrl, secret: t.secret });
    try {
      await second.boot();
      const setup = await t.setup();
      const admin = { token: setup.token, clinicId: setup.clinicId };
      await t.data(GUARDRAILS, { input: { maxActionsPerMinute: 5 } }, admin);
      const identity = (await second.auth.authenticate(`Bearer ${setup.token}`, setup.clinicId)).identity!;
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        const viaFirst = (await t.data(CALL, { name: 'patients.search_patients', args: {} }, admin)).callAgentTool;
        const viaSecond = await second.agents.call({ identity }, 'patients.search_patients', {});
        statuses.push(viaFirst.status, viaSecond.status);
      }
      expect(statuses).toEqual([
        'SUCCESS',
        'SUCCESS',
        'SUCCESS',
        'SUCCESS',
        'SUCCESS',
        'BLOCKED',
        'BLOCKED',
        'BLOCKED',
      ]);
      const blocked = await second.agents.call({ identity }, 'patients.search_patients', {});
      expect(blocked).toMatchObject({ status: 'BLOCKED', errorCode: 'RATE_LIMITED' });
      // Concurrent callers on both instances cannot overshoot the limit either.
      await t.platform.db.knex('agent_rate_events').delete();
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? t.platform : second).agents.call({ identity }, 'patients.search_patients', {}),
        ),
      );
      expect(burst.filter((r) => r.status === 'SUCCESS')).toHaveLength(5);
    } finally {
      await second.close();
      await t.close();
    }
  });
});
