import pg from 'pg';
import { graphqlRequest, TEST_PASSWORD } from '@dentalpin/core/testing';
import { collect, wsClient } from './subscriptions.ts';

/**
 * What the LISTEN tests (reconnect, PgBouncer) observe from outside a `dentalpin serve` process: whether
 * it serves a module's fields, and how soon a committed event reaches its subscribers.
 */
export interface Admin {
  token: string;
  clinicId: string;
  patientId: string;
}

export async function setupClinic(url: string): Promise<Admin> {
  const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
    url,
    `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
    {
      input: {
        clinicName: 'Listen Clinic',
        adminEmail: 'admin@listen.test',
        adminPassword: TEST_PASSWORD,
        adminFirstName: 'Ada',
        adminLastName: 'Admin',
      },
    },
  );
  if (setup.errors) throw new Error(`setup failed: ${JSON.stringify(setup.errors)}`);
  const token = setup.data!.setup.accessToken;
  const me = await graphqlRequest<{ me: { clinic: { id: string } } }>(url, `{ me { clinic { id } } }`, {}, { token });
  const clinicId = me.data!.me.clinic.id;
  return { token, clinicId, patientId: await createPatient(url, { token, clinicId }, 'First') };
}

export async function createPatient(url: string, admin: Pick<Admin, 'token' | 'clinicId'>, firstName: string) {
  const r = await graphqlRequest<{ createPatient: { id: string } }>(
    url,
    `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
    { i: { firstName, lastName: 'Listener' } },
    admin,
  );
  if (r.errors) throw new Error(`createPatient failed: ${JSON.stringify(r.errors)}`);
  return r.data!.createPatient.id;
}

/**
 * Whether the process serves patient_timeline's query: false when the field is not in its schema. Any
 * other error (what a process answered for an uninstalled module it had not dropped) fails the test.
 */
export async function servesTimeline(url: string, admin: Admin): Promise<boolean> {
  const r = await graphqlRequest(
    url,
    `query($id: ID!) { patientTimeline(patientId: $id) { total } }`,
    { id: admin.patientId },
    admin,
  );
  if (!r.errors) return true;
  if (r.errors.every((e) => e.message.startsWith('Cannot query field "patientTimeline"'))) return false;
  throw new Error(`patientTimeline answered ${JSON.stringify(r.errors)}`);
}

/** Subscribes on each process, creates a patient through the first, and returns how long each took to hear of it. */
export async function eventDelaysMs(urls: string[], admin: Admin, timeoutMs: number): Promise<number[]> {
  const subscriptions = urls.map((url) => {
    const client = wsClient(url, admin);
    const feed = collect<{ events: { type: string; payload: { patient_id?: string } } }>(
      client,
      `subscription { events(types: ["patient.created"]) { type payload } }`,
    );
    return { client, feed };
  });
  try {
    // The subscriptions are registered once the server has answered a first message on each socket.
    await Promise.all(
      subscriptions.map(
        ({ client }) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('the subscription socket did not open')), 10_000);
            client.on('connected', () => {
              clearTimeout(timer);
              setTimeout(resolve, 200);
            });
          }),
      ),
    );
    const started = Date.now();
    const patientId = await createPatient(urls[0]!, admin, `Event${started}`);
    return await Promise.all(
      subscriptions.map(
        ({ feed }) =>
          new Promise<number>((resolve, reject) => {
            const check = setInterval(() => {
              if (feed.errors.length) {
                clearInterval(check);
                reject(new Error(`subscription failed: ${JSON.stringify(feed.errors)}`));
              } else if (feed.items.some((i) => i.events.payload.patient_id === patientId)) {
                clearInterval(check);
                resolve(Date.now() - started);
              } else if (Date.now() - started > timeoutMs) {
                clearInterval(check);
                reject(new Error(`the event did not arrive within ${timeoutMs} ms`));
              }
            }, 10);
          }),
      ),
    );
  } finally {
    for (const { client, feed } of subscriptions) {
      feed.unsubscribe();
      await client.dispose();
    }
  }
}

/** Backends of `dentalpin <name>` session listeners connected to the database as `user`. */
export async function listenerPids(sql: pg.Client, user: string): Promise<number[]> {
  const { rows } = await sql.query(
    `select pid from pg_stat_activity
      where datname = current_database() and usename = $1 and application_name like 'dentalpin %' and query ilike 'listen%'
      order by pid`,
    [user],
  );
  return rows.map((r: { pid: number }) => r.pid);
}
