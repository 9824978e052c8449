/**
 * `npm run bench` (second script): (a) event commit → delivery to 1, 100 and 1,000 graphql-ws subscribers
 * of `agendaChanged`; (b) the agenda day view through the gateway at 20 and 200 appointments (each of a
 * different patient): requests per second and SQL statements per request.
 *
 * Subscribers (one WebSocket each, like 1,000 open boards) live in `BENCH_SUBSCRIBER_PROCESSES` child
 * processes (default 2, `subscribers.ts`), not on the server's event loop; they report receipt times on the
 * shared clock `performance.timeOrigin + performance.now()`. Latency runs from the moment the mutation
 * that commits the event is sent (the commit happens inside it) to a subscriber's receipt; the mutation's
 * own round trip is printed alongside as the bound on how much of that is the write. The first event after
 * the subscribes (cold paths) is delivered and counted but reported on its own; the percentiles are of the
 * `BENCH_EVENTS` (default 20) events after it.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import type { FromSubscribers, SubscribersStart, ToSubscribers } from './subscribers.ts';
import { benchClinic } from './day-view.ts';
import { recordGoal } from './goals.ts';

const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1,100,1000').split(',').map(Number);
/** Processes the subscribers are spread over (each holds its share of the sockets). */
const SUBSCRIBER_PROCESSES = Number(process.env.BENCH_SUBSCRIBER_PROCESSES ?? 2);
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
  // Every subscriber connects from 127.0.0.1.
  process.env.DENTALPIN_WS_MAX_SOCKETS_PER_ADDRESS ??= '5000';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret, events: { pollMs: 200 } });
  const subscriberProcesses: ChildProcess[] = [];
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const { token, dentistId, call } = await benchClinic(gateway.url);
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
            professionalId: dentistId,
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
    for (const d of DAY_SECONDS > 0 ? days : [])
      await inBatches(
        [...Array(d.count).keys()],
        8,
        async (slot) => void (await schedule(patientIds[slot], d.date, slot)),
      );
    let statements = 0;
    // The commit of each event: the COMMIT of the transaction that inserted into the outbox (sent; its
    // round trip on loopback is well under a millisecond).
    const outboxTransactions = new Set<string>();
    let committedAt = 0;
    platform.db.knex.on('query', (q: { sql: string; __knexTxId?: string }) => {
      statements++;
      if (!q.__knexTxId) return;
      if (q.sql.startsWith('insert into core_event_outbox')) outboxTransactions.add(q.__knexTxId);
      else if (/^COMMIT/i.test(q.sql) && outboxTransactions.delete(q.__knexTxId))
        committedAt = performance.timeOrigin + performance.now();
    });
    // The relay's polling would be counted as the requests' statements: it rests while the day view runs.
    await platform.events.stop();
    const dayRows: string[] = [];
    // BENCH_DAY_SECONDS=0 measures the subscribers alone.
    for (const d of DAY_SECONDS > 0 ? days : []) {
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

    // ---- (a) commit → delivery to N subscribers of agendaChanged, the subscribers in processes of their own ----
    await platform.events.start();
    // When this process's feed passed each appointment's event on (registered before any subscriber's listener).
    const fedAt = new Map<string, number>();
    platform.events.onEvent((e) => {
      const id = (e.payload as { appointment_id?: string }).appointment_id;
      if (id) fedAt.set(id, performance.timeOrigin + performance.now());
    });
    const SUB = `subscription { agendaChanged { type appointment { id status } } }`;
    const eventRows: string[] = [];
    let slot = 0;
    let patientCursor = 0;
    for (const n of SUBSCRIBERS) {
      const events = Number(process.env.BENCH_EVENTS ?? 20);
      const processes = Math.min(n, SUBSCRIBER_PROCESSES);
      const pending = new Map<string, { reports: number; times: number[]; done: () => void }>();
      const children = await Promise.all(
        [...Array(processes).keys()].map(async (p) => {
          const count = Math.floor(n / processes) + (p < n % processes ? 1 : 0);
          const child = fork(join(import.meta.dirname, 'subscribers.ts'), [], { execArgv: ['--import', 'tsx'] });
          subscriberProcesses.push(child);
          const connected = await new Promise<number>((resolve, reject) => {
            child.on('message', (m: FromSubscribers) => {
              if (m.type === 'ready') resolve(m.connected);
              else if (m.type === 'failed') reject(new Error(`subscriber process: ${m.message}`));
              else {
                const entry = pending.get(m.id);
                if (!entry) return;
                entry.times.push(...m.times);
                if (++entry.reports === processes) entry.done();
              }
            });
            child.once('exit', (code) => reject(new Error(`subscriber process exited (${code})`)));
            const start: SubscribersStart = { url: gateway.url.replace(/^http/, 'ws'), token, query: SUB, count };
            child.send(start);
          });
          return { child, connected };
        }),
      );
      const acked = children.reduce((sum, c) => sum + c.connected, 0);
      // Let every subscribe message reach the server before the first event.
      await new Promise((r) => setTimeout(r, 500 + n));
      const latencies: number[] = [];
      const fromCommit: number[] = [];
      const toFeed: number[] = [];
      const writes: number[] = [];
      // The first event after the subscribes runs every path cold (JIT, first frame of each socket): it is
      // delivered and counted like the others, but its latency is reported on its own, not in the percentiles.
      let firstEventMax = NaN;
      let delivered = 0;
      const statementsBefore = statements;
      for (let e = 0; e <= events; e++) {
        committedAt = 0;
        const sent = performance.timeOrigin + performance.now();
        const { scheduleAppointment } = await schedule(
          patientIds[patientCursor++ % patientIds.length],
          '2027-04-01',
          slot++,
        );
        writes.push(performance.timeOrigin + performance.now() - sent);
        const id = scheduleAppointment.id;
        if (!committedAt) throw new Error('the commit of the event was not seen');
        const commit = committedAt;
        const entry = { reports: 0, times: [] as number[], done: () => undefined as void };
        const all = new Promise<void>((resolve) => (entry.done = resolve));
        pending.set(id, entry);
        const deadline = setTimeout(() => {
          for (const c of children) c.child.send({ type: 'flush', id } satisfies ToSubscribers);
        }, 30_000);
        await all;
        clearTimeout(deadline);
        pending.delete(id);
        delivered += entry.times.length;
        if (e === 0) {
          firstEventMax = Math.max(...entry.times.map((t) => t - commit));
          continue;
        }
        toFeed.push((fedAt.get(id) ?? NaN) - commit);
        for (const t of entry.times) {
          latencies.push(t - sent);
          fromCommit.push(t - commit);
        }
      }
      const statementsPerEvent = (statements - statementsBefore) / (events + 1);
      latencies.sort((a, b) => a - b);
      fromCommit.sort((a, b) => a - b);
      toFeed.sort((a, b) => a - b);
      writes.sort((a, b) => a - b);
      eventRows.push(
        `| ${n} (${acked} connected, ${processes} processes) | 1 + ${events} | ${delivered} / ${n * (events + 1)} | ${firstEventMax.toFixed(1)} | ${pct(fromCommit, 50).toFixed(1)} | ${pct(fromCommit, 99).toFixed(1)} | ${pct(fromCommit, 100).toFixed(1)} | ${pct(toFeed, 50).toFixed(1)} | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 99).toFixed(1)} | ${pct(writes, 50).toFixed(1)} | ${statementsPerEvent.toFixed(0)} |`,
      );
      if (n >= 1000) {
        recordGoal({
          item: '5 subscriptions',
          figure: `${n} subscribers, commit → delivery p99 (the ${events} events after the first)`,
          value: pct(fromCommit, 99),
          unit: 'ms',
          max: 50,
        });
        recordGoal({
          item: '5 subscriptions',
          figure: `${n} subscribers, lost`,
          value: n * (events + 1) - delivered,
          unit: '',
          max: 0,
        });
      }
      for (const c of children) {
        c.child.removeAllListeners('exit');
        c.child.send({ type: 'stop' } satisfies ToSubscribers);
        await new Promise((r) => c.child.once('exit', r));
      }
    }

    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} (shared machine).`,
      '',
      'Event commit → graphql-ws delivery (`agendaChanged { type appointment { id status } }`, each event a',
      '`scheduleAppointment` through the gateway; every subscriber resolves the appointment through the supergraph):',
      '',
      '| subscribers | events (first + measured) | delivered / expected | first event, from commit max ms | measured events, from commit p50 ms | p99 ms | max ms | commit → feed p50 ms | from sending the mutation p50 ms | p99 ms | write round trip p50 ms | SQL statements / event |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
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
    for (const child of subscriberProcesses) if (child.exitCode === null) child.kill('SIGKILL');
    await platform.close();
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);
