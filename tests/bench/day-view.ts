/**
 * What the day-view benches share (`gateways.ts`, `soak.ts`): `dentalpin serve` started as an operator starts
 * it, a clinic with one day of appointments (each of a different patient), the agenda day view query, and
 * CPU time and resident memory of a process tree from /proc.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { DENTALPIN_BIN, dentalpinEnv, freePort, spawnUntil } from '../integration/support/processes.ts';

export const DAY = '2027-03-02';
export const DAY_QUERY = `query($d: Date!) { agendaDay(date: $d) { byCabinet { cabinet { name } appointments { id } }
  unassigned { id } byStatus { status appointments { id startTime endTime status treatmentType
  patient { id fullName phone } professional { id fullName } cabinet { id name color } allowedTransitions } } } }`;

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** User + system CPU milliseconds of a process and its descendants, from /proc. */
export function cpuMs(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      for (const task of readdirSync(`/proc/${p}/task`))
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
          walk(Number(child));
    } catch {
      // the process ended
    }
  };
  walk(pid);
  return total;
}

/** Resident set size (MB) of a process and its descendants. */
export function rssMb(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      for (const task of readdirSync(`/proc/${p}/task`))
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
          walk(Number(child));
    } catch {
      // the process ended
    }
  };
  walk(pid);
  return total;
}

/** `dentalpin serve <args>` as an operator starts it; a shared, loaded machine may take minutes to boot it. */
export async function startServe(databaseUrl: string, secret: string, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const served = await spawnUntil(process.execPath, [DENTALPIN_BIN, 'serve', '--port', String(port), ...args], {
    env: dentalpinEnv(databaseUrl, secret, env),
    ready: (line) => /^DentalPin (subgraph \S+ )?is running/.test(line),
    timeoutMs: 900_000,
  });
  return { ...served, port, url: `http://127.0.0.1:${port}/graphql` };
}

/** A GraphQL call to `url` that throws on errors; `token` is the caller's. */
export type BenchCall = <T>(query: string, variables: Record<string, unknown>, token?: string) => Promise<T>;

/**
 * Sets up the bench clinic (UTC) on a fresh platform at `url` (a gateway's GraphQL address) with one dentist;
 * returns the administrator's token, the dentist's id and the call used.
 */
export async function benchClinic(url: string): Promise<{ token: string; dentistId: string; call: BenchCall }> {
  const call: BenchCall = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const r = await graphqlRequest<T>(url, query, variables, { token });
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  };
  const { setup } = await call<{ setup: { accessToken: string } }>(
    `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
    {
      input: {
        clinicName: 'Bench',
        adminEmail: 'bench@bench.test',
        adminPassword: 'bench-password-1',
        adminFirstName: 'Bench',
        adminLastName: 'Mark',
        timezone: 'UTC',
      },
    },
  );
  const token = setup.accessToken;
  const dentist = await call<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email: 'dentist@bench.test',
        password: 'bench-password-1',
        firstName: 'Dee',
        lastName: 'Entist',
        role: 'dentist',
      },
    },
    token,
  );
  return { token, dentistId: dentist.createUser.id, call };
}

/** Sets up the clinic on a fresh `serve` at `url` and books `appointments` on `DAY`; returns the admin's token. */
export async function seedDayView(url: string, appointments: number): Promise<string> {
  const { token, dentistId, call } = await benchClinic(url);
  const inBatches = async (n: number, run: (i: number) => Promise<void>) => {
    for (let i = 0; i < n; i += 8) await Promise.all([...Array(Math.min(8, n - i)).keys()].map((k) => run(i + k)));
  };
  await inBatches(appointments, async (i) => {
    const { createPatient } = await call<{ createPatient: { id: string } }>(
      `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
      { i: { firstName: `Name${i}`, lastName: `Surname${i}`, phone: `+34 600 000 ${String(i).padStart(3, '0')}` } },
      token,
    );
    const start = new Date(`${DAY}T06:00:00Z`).getTime() + i * 4 * 60_000;
    await call(
      `mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { id } }`,
      {
        i: {
          patientId: createPatient.id,
          professionalId: dentistId,
          startTime: new Date(start).toISOString(),
          endTime: new Date(start + 4 * 60_000).toISOString(),
          treatmentType: 'Check-up',
        },
      },
      token,
    );
  });
  return token;
}
