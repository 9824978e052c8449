import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import WebSocket from 'ws';
import { createTestDatabase } from '../../core/src/testing/database.ts';
import { graphqlRequest, TEST_PASSWORD } from '@dentalpin/core/testing';
import { startServe as startServeWith, type Served } from './support/serve.ts';

/**
 * DentalPin issue 13 items 1–2: `dentalpin serve` as an operator runs it (the bin, NODE_ENV=production),
 * ended by SIGTERM/SIGINT while clients write on keep-alive connections.
 */
const SECRET = randomBytes(32).toString('hex');
const startServe = (databaseUrl: string, args: string[], env: Record<string, string> = {}) =>
  startServeWith(databaseUrl, SECRET, args, env);

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

/** Whether a new TCP connection to `host:port` is accepted. */
const accepts = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A request whose last header line is held back: the server has read it, and waits for the rest. */
async function heldRequest(port: number, path: string, host = '127.0.0.1') {
  const socket: Socket = connect(port, host);
  await new Promise((r) => socket.once('connect', r));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n`);
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  // Long enough for the server to have read the first lines on a busy machine.
  await new Promise((r) => setTimeout(r, 300));
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return {
    async finish() {
      socket.write('\r\n');
      await closed;
      return received;
    },
    destroy: () => socket.destroy(),
  };
}

async function loginAdmin(port: number) {
  const url = `http://127.0.0.1:${port}/graphql`;
  const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
    url,
    `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
    {
      input: {
        clinicName: 'Shutdown Clinic',
        adminEmail: 'admin@shutdown.test',
        adminPassword: TEST_PASSWORD,
        adminFirstName: 'Ada',
        adminLastName: 'Admin',
      },
    },
  );
  expect(setup.errors).toBeUndefined();
  const token = setup.data!.setup.accessToken;
  const me = await graphqlRequest<{ me: { clinic: { id: string } } }>(url, `{ me { clinic { id } } }`, {}, { token });
  return { token, clinicId: me.data!.me.clinic.id };
}

describe('dentalpin serve ends cleanly on SIGTERM and SIGINT', { timeout: 300_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const started: Served[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await db?.drop();
  });

  it('answers every write it read, turns readiness 503, exits 0 and leaves no committed write unanswered', async () => {
    const served = await startServe(db.url, []);
    started.push(served);
    const { port } = served;
    const admin = await loginAdmin(port);

    // Writers on keep-alive connections: every write that got an answer is acknowledged by name.
    const agent = new Agent({ keepAlive: true, maxSockets: 6 });
    const acknowledged = new Set<string>();
    const failures: string[] = [];
    let sent = 0;
    let sentAfterSignal = 0;
    let signalled = false;
    const write = (name: string) =>
      new Promise<void>((resolve) => {
        const body = JSON.stringify({
          query: `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
          variables: { i: { firstName: 'Load', lastName: name } },
        });
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${admin.token}`,
              'x-clinic-id': admin.clinicId,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d) => (text += d));
            res.on('end', () => {
              if (res.statusCode === 200 && JSON.parse(text).data?.createPatient?.id) acknowledged.add(name);
              else failures.push(`${name}: HTTP ${res.statusCode} ${text}`);
              resolve();
            });
          },
        );
        req.on('error', (e) => {
          failures.push(`${name}: ${e.message}`);
          resolve();
        });
        req.end(body);
      });
    const writer = async (w: number) => {
      // Until the server is gone: the writes after the signal probe what happens to open connections.
      for (let n = 0; ; n++) {
        const before = failures.length;
        sent++;
        if (signalled) sentAfterSignal++;
        await write(`w${w}-${n}`);
        if (signalled && failures.length > before && !(await accepts(port))) return;
      }
    };

    // A subscriber on a WebSocket: told to go elsewhere (1001) rather than cut.
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const socketClosed = new Promise<number>((r) => socket.once('close', (closeCode) => r(closeCode)));
    await new Promise((r) => socket.once('open', r));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${admin.token}`, 'x-clinic-id': admin.clinicId },
      }),
    );
    await new Promise((r) => socket.once('message', r));

    const probe = await heldRequest(port, '/health/ready');
    const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    while (acknowledged.size < 30) await new Promise((r) => setTimeout(r, 20));
    const signalledAt = Date.now();
    served.child.kill('SIGTERM');
    signalled = true;

    // It stops accepting connections, and a request it had already read is answered: 503, connection closed.
    while (await accepts(port)) await new Promise((r) => setTimeout(r, 10));
    const readiness = await probe.finish();
    expect(readiness).toMatch(/^HTTP\/1\.1 503/);
    expect(readiness).toContain('{"status":"draining"}');
    expect(readiness.toLowerCase()).toContain('connection: close');

    expect(await socketClosed).toBe(1001);
    const { code, signal } = await served.exited;
    const took = Date.now() - signalledAt;
    await writers;
    agent.destroy();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(10_000);
    expect(isGone(served.child.pid!)).toBe(true);
    expect(sentAfterSignal).toBeGreaterThan(0);

    // Every committed write was answered, and every answered write is committed.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const { rows } = await sql.query<{ last_name: string }>(`select last_name from patients where first_name = 'Load'`);
    await sql.end();
    const committed = new Set(rows.map((r) => r.last_name));
    expect([...committed].filter((name) => !acknowledged.has(name))).toEqual([]);
    expect([...acknowledged].filter((name) => !committed.has(name))).toEqual([]);
    expect(sent).toBe(acknowledged.size + failures.length);
    // The requests that failed were refused or cut before they were read, never with a server error.
    expect(failures.filter((f) => /HTTP \d/.test(f))).toEqual([]);
    expect(served.stderr.join('\n')).toContain('shut down cleanly');
  });

  it('listens on HOST; a shutdown that cannot finish exits 1 and names what was still open', async () => {
    const served = await startServe(db.url, [], { HOST: '127.0.0.2', DENTALPIN_SHUTDOWN_TIMEOUT: '2' });
    started.push(served);
    expect(await accepts(served.port, '127.0.0.2')).toBe(true);
    expect(await accepts(served.port, '127.0.0.1')).toBe(false);

    // A client that never finishes its request keeps one connection open past the timeout.
    const held = await heldRequest(served.port, '/health', '127.0.0.2');
    served.child.kill('SIGTERM');
    const { code } = await served.exited;
    held.destroy();
    expect(code).toBe(1);
    expect(served.stderr.join('\n')).toMatch(/still open: HTTP server \(1 connection\(s\) open\)/);
  });

  it('listens where --host says (over HOST) and ends on SIGINT with exit 0', async () => {
    const served = await startServe(db.url, ['--host', '127.0.0.3'], { HOST: '127.0.0.2' });
    started.push(served);
    expect(await accepts(served.port, '127.0.0.3')).toBe(true);
    expect(await accepts(served.port, '127.0.0.2')).toBe(false);
    const health = await fetch(`http://127.0.0.3:${served.port}/health/ready`);
    expect(health.status).toBe(200);
    served.child.kill('SIGINT');
    expect(await served.exited).toEqual({ code: 0, signal: null });
  });
});
