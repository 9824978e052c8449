import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { eventually, startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

/**
 * DentalPin issue 6 "Done when": a receptionist's MCP client books and asks to cancel an appointment; a
 * dentist approves the cancellation, which runs exactly once; the audit shows every step; another clinic
 * sees none of it. Real HTTP (the SDK's own streamable HTTP client), real PostgreSQL.
 */
const APPROVE = `mutation($id: ID!, $notes: String) {
  approveAgentRequest(id: $id, notes: $notes) { status result error errorCode approvalId } }`;
const APPROVALS = `query { agentApprovals { id toolName status requestedById executionStatus } }`;
const AUDIT = `query($limit: Int) {
  agentAudit(limit: $limit) { id toolName status arguments result errorCode userId approvalId approvedById channel } }`;

type Caller = CallOptions & { userId: string };
interface ToolReply {
  status: string;
  result?: { id?: string; status?: string } & Record<string, unknown>;
  approvalId?: string;
  errorCode?: string;
}

describe('MCP acceptance: a receptionist books and cancels through MCP, a dentist approves', () => {
  let t: TestPlatform;
  let admin: Caller;
  let dentist: Caller;
  let receptionist: Caller;
  let bAdmin: Caller;
  let bReceptionist: Caller;
  let patientId: string;
  let cabinetId: string;

  const connect = async (who: CallOptions) => {
    const client = new Client({ name: 'dentalpin-acceptance', version: '1.0.0' });
    const headers: Record<string, string> = { authorization: `Bearer ${who.token}` };
    if (who.clinicId) headers['x-clinic-id'] = who.clinicId;
    await client.connect(
      new StreamableHTTPClientTransport(new URL(t.url.replace('/graphql', '/mcp')), { requestInit: { headers } }),
    );
    return client;
  };
  const callOver = async (client: Client, name: string, args: Record<string, unknown>) => {
    const r = await client.callTool({ name, arguments: args });
    return {
      isError: r.isError,
      text: (r.content as { text: string }[])[0].text,
      reply: r.structuredContent as ToolReply,
    };
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const setup = await t.setup();
    admin = { token: setup.token, clinicId: setup.clinicId, userId: setup.userId };
    dentist = { ...(await t.userWithRole(admin, 'dentist')), clinicId: admin.clinicId };
    receptionist = { ...(await t.userWithRole(admin, 'receptionist')), clinicId: admin.clinicId };
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica Norte" }) { id } }`, {}, admin))
      .createClinic.id as string;
    bAdmin = { ...(await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)), clinicId: clinicB };
    bReceptionist = { ...(await t.userWithRole(bAdmin, 'receptionist', clinicB)), clinicId: clinicB };
    patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Elena", lastName: "Mcp" }) { id } }`,
        {},
        receptionist,
      )
    ).createPatient.id;
    // The agenda creates the clinic's default cabinets on clinic.created (an event, hence eventually).
    cabinetId = await eventually(async () => {
      const row = await t.platform.db.knex('cabinets').where({ clinic_id: admin.clinicId }).first();
      return row?.id as string | undefined;
    });
  });
  afterAll(() => t.close());

  it('done when: tools per grants, book, cancel pending, approve once, audit, tenancy', async () => {
    const client = await connect(receptionist);
    let appointmentId: string;
    let approvalId: string;
    try {
      // 1. The receptionist's tools, per the grants of agenda (appointments read/write, cabinets read),
      //    patients (read, write) and patients_clinical (emergency contacts only, never medical data).
      const names = (await client.listTools()).tools.map((x) => x.name);
      expect(names.filter((n) => n.startsWith('agenda.')).sort()).toEqual([
        'agenda.assign_cabinet',
        'agenda.book_appointment',
        'agenda.cancel_appointment',
        'agenda.get_appointment',
        'agenda.get_day_overview',
        'agenda.list_cabinets',
        'agenda.reschedule_appointment',
        'agenda.update_appointment_status',
      ]);
      expect(names.filter((n) => n.startsWith('patients.')).sort()).toEqual([
        'patients.create_patient',
        'patients.get_patient',
        'patients.search_patients',
        'patients.update_patient',
      ]);
      expect(names).not.toContain('patients_clinical.get_medical_context');
      expect(names).not.toContain('patients_clinical.update_medical_context');
      const tools = (await client.listTools()).tools;
      expect(tools.find((x) => x.name === 'agenda.cancel_appointment')?.annotations?.destructiveHint).toBe(true);

      // 2. WRITE in autonomous mode (the MCP default) runs at once.
      const booked = await callOver(client, 'agenda.book_appointment', {
        patientId,
        professionalId: dentist.userId,
        cabinetId,
        startTime: '2031-05-06T09:00',
        endTime: '2031-05-06T09:30',
        treatmentType: 'Check-up',
      });
      expect(booked.isError).toBe(false);
      expect(booked.reply).toMatchObject({ status: 'SUCCESS' });
      appointmentId = booked.reply.result!.id!;
      expect(booked.reply.result).toMatchObject({ status: 'SCHEDULED', localStart: '2031-05-06T09:00' });

      // 3. DESTRUCTIVE always waits for a supervisor: nothing cancelled yet.
      const cancel = await callOver(client, 'agenda.cancel_appointment', { appointmentId, note: 'Patient called' });
      expect(cancel.isError).toBe(false);
      expect(cancel.reply).toMatchObject({ status: 'PENDING_APPROVAL' });
      approvalId = cancel.reply.approvalId!;
      expect(approvalId).toMatch(/^[0-9a-f-]{36}$/);
      expect(cancel.text).toContain(approvalId);
      expect((await t.platform.db.knex('appointments').where({ id: appointmentId }).first()).status).not.toBe(
        'cancelled',
      );
    } finally {
      await client.close();
    }

    // The receptionist cannot approve her own request (agents.supervise is a dentist's).
    const self = await t.gql(APPROVE, { id: approvalId }, receptionist);
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Clinic B's supervisor does not find it.
    const foreign = await t.gql(APPROVE, { id: approvalId }, bAdmin);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // 4. The dentist approves: the cancellation runs, exactly once.
    const approved = (await t.data(APPROVE, { id: approvalId, notes: 'ok' }, dentist)).approveAgentRequest;
    expect(approved).toMatchObject({ status: 'SUCCESS', approvalId });
    expect(approved.result).toMatchObject({ id: appointmentId, status: 'CANCELLED' });
    const again = await t.gql(APPROVE, { id: approvalId }, dentist);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const history = await t.platform.db
      .knex('appointment_status_events')
      .where({ appointment_id: appointmentId })
      .orderBy('changed_at');
    expect(history.map((h) => h.to_status)).toEqual(['scheduled', 'cancelled']);

    // The receptionist reads the result over MCP: cancelled, one cancellation in the history.
    const after = await connect(receptionist);
    try {
      const got = await callOver(after, 'agenda.get_appointment', { appointmentId });
      expect(got.reply.result).toMatchObject({ status: 'CANCELLED' });
      expect((got.reply.result!.history as { toStatus: string }[]).map((h) => h.toStatus)).toEqual([
        'SCHEDULED',
        'CANCELLED',
      ]);
    } finally {
      await after.close();
    }

    // 5. The audit shows every step, in order.
    const audit = (await t.data(AUDIT, { limit: 500 }, dentist)).agentAudit as {
      toolName: string;
      status: string;
      userId: string;
      approvalId: string | null;
      approvedById: string | null;
      channel: string;
      result: { id?: string } | null;
    }[];
    const steps = audit
      .filter((a) => a.toolName === 'agenda.book_appointment' || a.toolName === 'agenda.cancel_appointment')
      .reverse(); // newest first → oldest first
    expect(steps.map((a) => [a.toolName, a.status, a.channel])).toEqual([
      ['agenda.book_appointment', 'SUCCESS', 'mcp'],
      ['agenda.cancel_appointment', 'PENDING_APPROVAL', 'mcp'],
      ['agenda.cancel_appointment', 'SUCCESS', 'approval'],
    ]);
    expect(steps.every((a) => a.userId === receptionist.userId)).toBe(true);
    expect(steps[1].approvalId).toBe(approvalId);
    expect(steps[2]).toMatchObject({ approvalId, approvedById: dentist.userId });
    expect(steps[0].result?.id).toBe(appointmentId);

    // 6. Clinic B sees none of it: not over MCP, not in its approvals or audit.
    const b = await connect(bReceptionist);
    try {
      const got = await callOver(b, 'agenda.get_appointment', { appointmentId });
      expect(got.isError).toBe(true);
      expect(got.reply).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
      const day = await callOver(b, 'agenda.get_day_overview', { date: '2031-05-06' });
      expect(day.reply.result).toMatchObject({ total: 0, appointments: [] });
      const cancel = await callOver(b, 'agenda.cancel_appointment', { appointmentId });
      expect(cancel.reply.status).toBe('PENDING_APPROVAL'); // queued in clinic B, where it cannot find it
      const run = (await t.data(APPROVE, { id: cancel.reply.approvalId }, bAdmin)).approveAgentRequest;
      expect(run).toMatchObject({ status: 'FAILED', errorCode: 'NOT_FOUND' });
    } finally {
      await b.close();
    }
    const approvalsB = (await t.data(APPROVALS, {}, bAdmin)).agentApprovals as { id: string }[];
    expect(approvalsB.map((a) => a.id)).not.toContain(approvalId);
    const auditB = (await t.data(AUDIT, { limit: 500 }, bAdmin)).agentAudit as {
      approvalId: string | null;
      userId: string;
      result: { id?: string } | null;
    }[];
    expect(auditB.some((a) => a.approvalId === approvalId || a.userId === receptionist.userId)).toBe(false);
    expect(auditB.some((a) => a.result?.id === appointmentId)).toBe(false);
    // And clinic A's appointment is still cancelled once, untouched by B's attempt.
    expect(
      await t.platform.db.knex('appointment_status_events').where({ appointment_id: appointmentId }).count({ c: '*' }),
    ).toEqual([{ c: '2' }]);
  });
});
