import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type CallOptions, type TestPlatform } from '@dentalpin/core/testing';

const CALL = `mutation($name: String!, $args: JSON!, $mode: AgentMode) {
  callAgentTool(name: $name, args: $args, mode: $mode) { status result error errorCode approvalId } }`;
const APPROVE = `mutation($id: ID!) { approveAgentRequest(id: $id) { status result error errorCode } }`;

interface CallResult {
  status: string;
  result: Record<string, any> | null;
  error: string | null;
  errorCode: string | null;
  approvalId: string | null;
}

/** The notifications tools over GraphQL (`callAgentTool`), as real users. */
describe('notifications agent tools', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let dentist: CallOptions;
  let receptionist: CallOptions;
  let hygienist: CallOptions;
  let patientId: string;
  const tool = async (caller: CallOptions, name: string, args: Record<string, unknown>, mode = 'AUTONOMOUS') =>
    (await t.data(CALL, { name: `notifications.${name}`, args, mode }, caller)).callAgentTool as CallResult;
  const count = async () => Number((await t.platform.db.knex('notification_messages').count('* as n').first())?.n);

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.setup();
    dentist = await t.userWithRole(admin, 'dentist');
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
    patientId = (
      await t.data(
        `mutation { createPatient(input: { firstName: "Marta", lastName: "López", email: "marta@example.com" }) { id } }`,
        {},
        admin,
      )
    ).createPatient.id;
  });
  afterAll(() => t.close());

  it('send_notification is DESTRUCTIVE: it waits for approval and queues the message once approved', async () => {
    const asked = await tool(receptionist, 'send_notification', {
      patientId,
      subject: 'Su radiografía',
      body: 'Ya tenemos los resultados.',
    });
    expect(asked).toMatchObject({ status: 'PENDING_APPROVAL', approvalId: expect.any(String) });
    expect(await count()).toBe(0);
    const approved = (await t.data(APPROVE, { id: asked.approvalId }, dentist)).approveAgentRequest as CallResult;
    expect(approved).toMatchObject({
      status: 'SUCCESS',
      result: { patientId, status: 'QUEUED', toAddress: 'marta@example.com', subject: 'Su radiografía' },
    });
    expect(approved.result!.id).toEqual(expect.any(String));
    expect(await count()).toBe(1);
    // Approving twice does not send twice.
    expect((await t.gql(APPROVE, { id: asked.approvalId }, dentist)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await count()).toBe(1);
  });

  it('list_notifications reads the clinic log; hygienists hold no notifications permission', async () => {
    const list = await tool(receptionist, 'list_notifications', { status: ['QUEUED'] });
    expect(list).toMatchObject({ status: 'SUCCESS', result: { total: 1 } });
    expect(list.result!.items[0]).toMatchObject({ patientId, templateKey: 'manual', status: 'QUEUED' });
    expect(await tool(hygienist, 'list_notifications', {})).toMatchObject({
      status: 'BLOCKED',
      errorCode: 'FORBIDDEN',
    });
    expect(await tool(hygienist, 'send_notification', { patientId, subject: 'x', body: 'y' })).toMatchObject({
      status: 'BLOCKED',
      errorCode: 'FORBIDDEN',
    });
    const tools = (await t.data(`{ agentTools { name category } }`, {}, receptionist)).agentTools as {
      name: string;
      category: string;
    }[];
    expect(tools.filter((x) => x.name.startsWith('notifications.'))).toEqual([
      { name: 'notifications.list_notifications', category: 'READ' },
      { name: 'notifications.send_notification', category: 'DESTRUCTIVE' },
    ]);
  });
});
