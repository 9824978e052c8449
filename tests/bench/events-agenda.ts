/**
 * `npm run bench` (second script): (a) event commit → delivery to 1, 100 and 1,000 graphql-ws subscribers
 * of `agendaChanged`; (b) the agenda day view through the gateway at 20 and 200 appointments (each of a
 * different patient): requests per second and SQL statements per request.
 *
 * Subscribers live in this process (one WebSocket each, like 1,000 open boards) and share its event
 * loop with the server, so latencies include the clients' own work. Latency runs from the moment the
 * mutation that commits the event is sent (the commit happens inside it) to a subscriber's receipt;
 * the mutation's own round trip is printed alongside as the bound on how much of that is the write.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';

const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1,100,1000').split(',').map(Number);
const DAY_SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? 5);
const DAY_QUERY = `query($d: Date!) { agendaDay(date: $d) { byCabinet { cabinet { name } appointments { id } }
  unassigned { id } byStatus { status appointments { id startTime endTime status treatmentType
  patient { id fullName phone } professional { id fullName } cabinet { id name color } allowedTransitions } } } }`;
const SCHEDULE = `mutation($i: ScheduleAppointmentInput!) { scheduleAppointment(input: $i) { id } }`;

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  // 1,000 subscribers each need room for a burst.
  process.env.DENTALPIN_SUBSCRIPTION_QUEUE ??= '1024';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret, events: { pollMs: 200 } });
  const clients: Client[] = [];
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const call = async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
      const r = await graphqlRequest<T>(gateway.url, query, variables, { token });
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as T;
    };
    const { payload } = await platform.auth.setup({
      clinicName: 'Bench',
      adminEmail: 'bench@bench.test',
      adminPassword: 'bench-password-1',
      adminFirstName: 'Bench',
      adminLastName: 'Mark',
      timezone: 'UTC',
    });
    const token = payload.accessToken;
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
    const patientIds: string[] = [];
    await inBatches([...Array(220).keys()], 8, async (i) => {
      const r = await call<{ createPatient: { id: string } }>(
        `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
        { i: { firstName: `Name${i}`, lastName: `Surname${i}`, phone: `+34 600 000 ${String(i).padStart(3, '0')}` } },
        token,
      );
      patientIds.push(r.createPatient.id);
    });
    const schedule = (patientId: string, day: string, slot: number) => {
      const start = new Date(`${day}T06:00:00Z`).getTime() + slot * 4 * 60_000;
      return call<{ scheduleAppointment: { id: string } }>(
        SCHEDULE,
        {
          i: {
            patientId,
            professionalId: dentist.createUser.id,
            startTime: new Date(start).toISOString(),
            endTime: new Date(start + 4 * 60_000).toISOString(),
            treatmentType: 'Check-up',
          },
        },
        token,
      );
    };

    // ---- (b) the day view: 20 appointments on one day, 200 on another, each a different patient ----
    const days = [
      { date: '2027-03-01', count: 20 },
      { date: '2027-03-02', count: 200 },
    ];
    for (const d of days)
      await inBatches(
        [...Array(d.count).keys()],
        8,
        async (slot) => void (await schedule(patientIds[slot], d.date, slot)),
      );
    let statements = 0;
    platform.db.knex.on('query', () => statements++);
    // The relay's polling would be counted as the requests' statements: it rests while the day view runs.
    await platform.events.stop();
    const dayRows: string[] = [];
    for (const d of days) {
      const check = await call<{ agendaDay: { byStatus: { appointments: { patient: { fullName: string } }[] }[] } }>(
        DAY_QUERY,
        { d: d.date },
        token,
      );
      const seen = check.agendaDay.byStatus.flatMap((c) => c.appointments);
      if (seen.length !== d.count || seen.some((a) => !a.patient?.fullName))
        throw new Error(`day view returned ${seen.length} appointments, expected ${d.count}`);
      // One request alone: statements it causes (nothing else runs now but the relay's polls, excluded below).
      await new Promise((r) => setTimeout(r, 300));
      const before = statements;
      await call(DAY_QUERY, { d: d.date }, token);
      const perRequest = statements - before;
      // Throughput: 8 concurrent requests in a loop for DAY_SECONDS.
      let done = 0;
      const latencies: number[] = [];
      const until = performance.now() + DAY_SECONDS * 1000;
      const startCount = statements;
      await Promise.all(
        [...Array(8)].map(async () => {
          while (performance.now() < until) {
            const t0 = performance.now();
            await call(DAY_QUERY, { d: d.date }, token);
            latencies.push(performance.now() - t0);
            done++;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      dayRows.push(
        `| ${d.count} | ${(done / DAY_SECONDS).toFixed(0)} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} | ${perRequest} | ${((statements - startCount) / done).toFixed(1)} |`,
      );
    }

    // ---- (a) commit → delivery to N subscribers of agendaChanged ----
    await platform.events.start();
    const SUB = `subscription { agendaChanged { type appointment { id status } } }`;
    const eventRows: string[] = [];
    let slot = 0;
    let patientCursor = 0;
    for (const n of SUBSCRIBERS) {
      const events = n >= 1000 ? 10 : 20;
      const receipts = new Map<string, number[]>();
      let acked = 0;
      const batch: Client[] = [];
      await inBatches([...Array(n).keys()], 50, async () => {
        const client = createClient({
          url: gateway.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${token}` },
        });
        batch.push(client);
        await new Promise<void>((resolve, reject) => {
          client.on('connected', () => resolve());
          client.subscribe<{ agendaChanged: { appointment: { id: string } } }>(
            { query: SUB },
            {
              next: (m) => {
                const id = m.data?.agendaChanged.appointment.id;
                if (id) (receipts.get(id) ?? receipts.set(id, []).get(id)!).push(performance.now());
              },
              error: reject,
              complete: () => undefined,
            },
          );
        });
        acked++;
      });
      clients.push(...batch);
      // Let every subscribe message reach the server before the first event.
      await new Promise((r) => setTimeout(r, 500 + n));
      const latencies: number[] = [];
      const writes: number[] = [];
      let delivered = 0;
      const statementsBefore = statements;
      for (let e = 0; e < events; e++) {
        const t0 = performance.now();
        const { scheduleAppointment } = await schedule(
          patientIds[patientCursor++ % patientIds.length],
          '2027-04-01',
          slot++,
        );
        writes.push(performance.now() - t0);
        const id = scheduleAppointment.id;
        const deadline = performance.now() + 30_000;
        while ((receipts.get(id)?.length ?? 0) < n && performance.now() < deadline)
          await new Promise((r) => setTimeout(r, 5));
        const got = receipts.get(id) ?? [];
        delivered += got.length;
        for (const t of got) latencies.push(t - t0);
      }
      const statementsPerEvent = (statements - statementsBefore) / events;
      latencies.sort((a, b) => a - b);
      writes.sort((a, b) => a - b);
      eventRows.push(
        `| ${n} (${acked} connected) | ${events} | ${delivered} / ${n * events} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} | ${pct(writes, 50).toFixed(1)} | ${statementsPerEvent.toFixed(0)} |`,
      );
      await Promise.all(batch.map((c) => c.dispose()));
    }

    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} (shared machine).`,
      '',
      'Event commit → graphql-ws delivery (`agendaChanged { type appointment { id status } }`, each event a',
      '`scheduleAppointment` through the gateway; every subscriber resolves the appointment through the supergraph):',
      '',
      '| subscribers | events | delivered / expected | p50 ms | p99 ms | write round trip p50 ms | SQL statements / event |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...eventRows,
      '',
      `Agenda day view (\`agendaDay\` with patient, professional and cabinet per appointment, through the gateway; 8 concurrent clients, ${DAY_SECONDS}s):`,
      '',
      '| appointments that day | req/s | p50 ms | p99 ms | SQL statements (one request) | SQL statements / request under load |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      ...dayRows,
    ].join('\n');
    process.stdout.write(report + '\n');
    await gateway.close();
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await platform.close();
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);
