/**
 * `npm run bench:scale` (issue #19, item 4): the platform at the size of a chain of clinics. On a database of its
 * own, migrated by the platform (every official module installed), it creates 50 clinics through the gateway,
 * then with SQL (generate_series, as the owner) 5,000 patients per clinic (250,000), 200,000 appointments,
 * 100,000 invoices with their lines and 50,000 payments, and measures through the gateway over loopback HTTP, as
 * an administrator of all 50 clinics working in one of them (the normal request path: token check, clinic
 * binding, row-level security), the p50/p95 of: patient search, patient list, the agenda's day and week views
 * and the billing report for a year. Then it runs EXPLAIN on every statement one request of each sends (as the
 * application role bound to the clinic, as requests run, and as the owner) and fails if a plan reads a
 * multi-clinic table with a sequential scan. Figures go to tests/bench/RESULTS.md.
 *
 * BENCH_SCALE_CLINICS (50), BENCH_SCALE_PATIENTS (5000 per clinic), BENCH_SCALE_APPOINTMENTS (200000),
 * BENCH_SCALE_INVOICES (100000), BENCH_SCALE_RUNS (60 timed requests per query), BENCH_SCALE_KEEP=1 keeps the
 * database (its URL is printed).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Knex } from 'knex';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { recordGoal } from './goals.ts';

const CLINICS = Number(process.env.BENCH_SCALE_CLINICS ?? 50);
const PATIENTS = Number(process.env.BENCH_SCALE_PATIENTS ?? 5000);
const APPOINTMENTS = Number(process.env.BENCH_SCALE_APPOINTMENTS ?? 200_000);
const INVOICES = Number(process.env.BENCH_SCALE_INVOICES ?? 100_000);
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 60);
const TZ = 'Europe/Madrid';
/** Appointments per clinic-local day in every clinic: 30-minute slots from 08:00, one after the other. */
const PER_DAY = 16;
/** Tables this small are read whole by any plan (an index costs more than their pages); reported, not failed. */
const SMALL_TABLE_PAGES = 8;

const GOALS: Record<string, number> = { 'patient search': 20, 'agenda week view': 30, 'billing report (a year)': 100 };

const FIRST = ['José', 'María', 'Lucía', 'Álvaro', 'Sofía', 'Martín', 'Inés', 'Raúl', 'Carmen', 'Pablo', 'Elena'];
const FIRST2 = ['Óscar', 'Begoña', 'Iñigo', 'Nuria', 'Jesús', 'Ana', 'Jorge', 'Marta', 'Adrián', 'Noelia', 'Hugo'];
const LAST = ['González', 'García', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez'];
const LAST2 = ['Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** Everything generated with SQL, as the owner (row-level security does not apply to the owner's bulk load). */
async function generate(knex: Knex, days: { first: string }): Promise<void> {
  const step = async (label: string, sql: string) => {
    const t0 = performance.now();
    const r = await knex.raw(sql);
    process.stdout.write(`  ${label}: ${r.rowCount ?? '?'} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  };
  // Ids are derived from the clinic and an ordinal (md5 → uuid), so rows refer to each other without joins.
  const ref = (kind: string, n: string) => `md5(c.id::text || '${kind}' || (${n})::text)::uuid`;
  await knex.raw(
    `create temporary table bench_clinics on commit preserve rows as
       select id, row_number() over (order by created_at, id) - 1 as n from clinics`,
  );
  await step(
    'professionals',
    `with u as (
       insert into users (id, email, password_hash, first_name, last_name)
       select md5(c.id::text || 'd' || k)::uuid, 'dentist' || k || '.' || c.n || '@scale.test', 'no-login',
              'Dentist ' || k, 'Clinic ' || c.n
         from bench_clinics c, generate_series(0, 3) k returning id, email)
     insert into clinic_memberships (id, user_id, clinic_id, role, is_professional)
     select md5(u.id::text || 'm')::uuid, u.id, c.id, 'dentist', true
       from u join bench_clinics c on u.email like '%.' || c.n || '@scale.test'`,
  );
  await step(
    'cabinets',
    `insert into cabinets (id, clinic_id, name, display_order)
     select ${ref('c', 'k')}, c.id, 'Scale ' || k, 10 + k from bench_clinics c, generate_series(0, 2) k`,
  );
  await step(
    'patients',
    `insert into patients (id, clinic_id, first_name, last_name, phone, email, date_of_birth, status)
     select ${ref('p', 'i')}, c.id, f.first, f.last,
            '6' || lpad(((c.n * ${PATIENTS} + i) * 7919 % 100000000)::text, 8, '0'),
            lower(unaccent(split_part(f.first, ' ', 1) || '.' || split_part(f.last, ' ', 1))) || '.' || i || '@mail.test',
            date '1940-01-01' + (i * 37 % 25000),
            case when i % 50 = 0 then 'archived' else 'active' end
       from bench_clinics c, generate_series(0, ${PATIENTS - 1}) i,
            lateral (select (${sqlArray(FIRST)})[1 + i % ${FIRST.length}]
                              || case when i % 3 = 0 then ' ' || (${sqlArray(FIRST2)})[1 + i / 3 % ${FIRST2.length}] else '' end as first,
                            (${sqlArray(LAST)})[1 + i / 7 % ${LAST.length}] || ' '
                              || (${sqlArray(LAST2)})[1 + i / 13 % ${LAST2.length}] as last) f`,
  );
  const perClinic = Math.floor(APPOINTMENTS / CLINICS);
  // Slot j of a clinic: day j / PER_DAY from the first day, 08:00 + 30 min × (j % PER_DAY) clinic-local; every
  // appointment of a clinic has its own time, so no professional or cabinet is double-booked.
  await step(
    'appointments',
    `insert into appointments (id, clinic_id, patient_id, professional_id, cabinet_id, cabinet_assigned_at,
                               start_time, end_time, treatment_type, status, current_status_since)
     select ${ref('a', 'j')}, c.id, ${ref('p', `j * 7919 % ${PATIENTS}`)}, ${ref('d', 'j % 4')}, ${ref('c', 'j % 3')},
            s.start, s.start, s.start + interval '30 minutes', 'Revisión',
            case when s.start > now() then 'scheduled' when j % 20 = 0 then 'cancelled' when j % 33 = 0 then 'no_show'
                 else 'completed' end, s.start
       from bench_clinics c, generate_series(0, ${perClinic - 1}) j,
            lateral (select ((date '${days.first}' + j / ${PER_DAY}) + time '08:00' + (j % ${PER_DAY}) * interval '30 minutes')
                              at time zone '${TZ}' as start) s`,
  );
  const invoicesPerClinic = Math.floor(INVOICES / CLINICS);
  // Issued over the last 365 days, every other one paid in full the next day.
  await step(
    'invoices',
    `insert into invoices (id, clinic_id, kind, status, patient_id, professional_id, series_id, number_year,
                           sequential_number, number, issue_date, due_date, subtotal, total_tax, total, paid_amount,
                           issued_at, created_at)
     select ${ref('i', 'k')}, c.id, 'invoice', case when k % 2 = 0 then 'paid' else 'issued' end,
            ${ref('p', `k * 104729 % ${PATIENTS}`)}, ${ref('d', 'k % 4')}, s.id, extract(year from d.day)::int, k + 1,
            'SC-' || (k + 1), d.day, d.day + 30, a.net, a.tax, a.net + a.tax,
            case when k % 2 = 0 then a.net + a.tax else 0 end, d.day, d.day
       from bench_clinics c
       join invoice_series s on s.clinic_id = c.id and s.kind = 'invoice' and s.is_default,
            generate_series(0, ${invoicesPerClinic - 1}) k,
            lateral (select current_date - 364 + k % 365 as day) d,
            lateral (select (40 + k % 60)::numeric + 0.25 as net, round((40 + k % 60 + 0.25) * 0.21, 2) as tax) a`,
  );
  await step(
    'invoice lines',
    `insert into invoice_items (id, clinic_id, invoice_id, description, quantity, unit_price, vat_rate, net_amount,
                                tax_amount, total)
     select md5(i.id::text || 'l')::uuid, i.clinic_id, i.id, 'Tratamiento', 1, i.subtotal, 21, i.subtotal,
            i.total_tax, i.total
       from invoices i where i.number like 'SC-%'`,
  );
  await step(
    'payments',
    `insert into invoice_payments (id, clinic_id, invoice_id, amount, method, paid_at)
     select md5(i.id::text || 'pay')::uuid, i.clinic_id, i.id, i.total,
            (array['cash', 'card', 'bank_transfer', 'direct_debit', 'insurance'])[1 + i.sequential_number % 5],
            (i.issue_date + 1) + time '12:00'
       from invoices i where i.status = 'paid' and i.number like 'SC-%'`,
  );
  const t0 = performance.now();
  await knex.raw('vacuum analyze');
  process.stdout.write(`  vacuum analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

interface PgConnection {
  query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, string>[] }>;
}

/**
 * The plan of a statement as it was sent (`$n` placeholders and its bindings), on a connection of the pool, in a
 * transaction rolled back after (EXPLAIN ANALYZE: the plan as executed, with its time): bound to `clinicId` as the application role (as a request runs, row-level
 * security applied), or as the owner when `clinicId` is null.
 */
async function explain(knex: Knex, s: { sql: string; bindings: unknown[] }, clinicId: string | null): Promise<string> {
  const client = knex.client as {
    acquireConnection(): Promise<PgConnection>;
    releaseConnection(c: PgConnection): Promise<void>;
  };
  const conn = await client.acquireConnection();
  try {
    await conn.query('begin');
    if (clinicId) {
      await conn.query('set local role dentalpin_app');
      await conn.query(`select set_config('dentalpin.clinic_id', $1, true)`, [clinicId]);
    }
    // Executed (every statement explained is a read, and the transaction is rolled back) for its time.
    const r = await conn.query(`explain (analyze, buffers) ${s.sql}`, s.bindings);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  } finally {
    await conn.query('rollback');
    await client.releaseConnection(conn);
  }
}

interface Case {
  name: string;
  query: string;
  /** Variables of the i-th request (the requests vary, as a user's do). */
  variables: (i: number) => Record<string, unknown>;
  /** Throws when the answer is not what the data holds. */
  check: (data: Record<string, unknown>) => void;
}

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  process.env.DENTALPIN_JOBS ??= 'off';
  const started = performance.now();
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_scale_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  let failed = false;
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const { payload } = await platform.auth.setup({
      clinicName: 'Scale 0',
      adminEmail: 'scale@bench.test',
      adminPassword: 'bench-password-1',
      adminFirstName: 'Scale',
      adminLastName: 'Admin',
      timezone: TZ,
    });
    const token = payload.accessToken;
    const call = async <T>(query: string, variables: Record<string, unknown> = {}, clinicId?: string) => {
      const r = await graphqlRequest<T>(gateway.url, query, variables, { token, clinicId });
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as T;
    };
    const knex = platform.db.knex;
    // The administrator opens the other clinics as an operator does (clinic.created sets up each one).
    for (let n = 1; n < CLINICS; n++)
      await call(`mutation($i: CreateClinicInput!) { createClinic(input: $i) { id } }`, {
        i: { name: `Scale ${n}`, timezone: TZ },
      });
    for (let i = 0; ; i++) {
      const { rows } = await knex.raw(`select count(*)::int as n from invoice_series where kind = 'invoice'`);
      if (rows[0].n >= CLINICS) break;
      if (i > 600) throw new Error('the clinics did not get their invoice series (clinic.created) within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const today = DateTime.now().setZone(TZ).startOf('day');
    const perClinicDays = Math.ceil(Math.floor(APPOINTMENTS / CLINICS) / PER_DAY);
    // Two thirds of the appointments in the past, a third ahead: today is a full day in every clinic.
    const first = today.minus({ days: Math.floor((perClinicDays * 2) / 3) });
    process.stdout.write(
      `generating ${CLINICS} clinics × ${PATIENTS} patients, ${APPOINTMENTS} appointments, ${INVOICES} invoices…\n`,
    );
    await generate(knex, { first: first.toISODate()! });
    const { rows: clinicRows } = await knex.raw(`select id from bench_clinics order by n`);
    // A clinic in the middle of the administrator's 50 memberships.
    const clinicId: string = clinicRows[Math.floor(CLINICS / 2)].id;
    const { rows: sizes } = await knex.raw(
      `select (select count(*) from patients)::int as patients, (select count(*) from appointments)::int as appointments,
              (select count(*) from invoices)::int as invoices, (select count(*) from invoice_payments)::int as payments,
              (select count(*) from clinic_memberships where user_id = (select id from users where email = 'scale@bench.test'))::int as memberships`,
    );
    process.stdout.write(`data: ${JSON.stringify(sizes[0])}\n`);

    const weekStart = today.startOf('week');
    const APPT = `id startTime endTime status patient { id fullName phone } professional { id fullName } cabinet { id name }`;
    const terms = ['gonzalez', 'garcía', 'munoz', 'lucia', 'ruiz perez', 'inigo', 'alvarez gomez', 'jesus', 'oscar'];
    const expectedSearch = new Map<string, number>();
    for (const term of terms) {
      const words = term.split(' ');
      const { rows } = await knex.raw(
        `select count(*)::int as n from patients where clinic_id = ? and status = 'active' and ${words
          .map(
            () =>
              `lower(unaccent(first_name || ' ' || last_name || ' ' || phone || ' ' || email)) like '%' || lower(unaccent(?)) || '%'`,
          )
          .join(' and ')}`,
        [clinicId, ...words],
      );
      expectedSearch.set(term, rows[0].n);
    }
    const cases: Case[] = [
      {
        name: 'patient search',
        query: `query($s: String!) { patients(search: $s, pageSize: 20) { total items { id fullName phone email } } }`,
        variables: (i) => ({ s: terms[i % terms.length] }),
        check: (d) => {
          const page = d.patients as { total: number; items: unknown[] };
          if (!page.items.length) throw new Error('patient search found nobody');
        },
      },
      {
        name: 'patient list',
        query: `query($p: Int!) { patients(page: $p, pageSize: 50) { total items { id fullName phone email dateOfBirth status } } }`,
        variables: (i) => ({ p: 1 + ((i * 7) % 90) }),
        check: (d) => {
          const page = d.patients as { total: number; items: unknown[] };
          if (page.items.length !== 50) throw new Error(`patient list returned ${page.items.length} rows`);
        },
      },
      {
        name: 'agenda day view',
        query: `query($d: Date!) { agendaDay(date: $d) { byStatus { status appointments { ${APPT} } } } }`,
        variables: (i) => ({ d: today.plus({ days: (i % 14) - 7 }).toISODate() }),
        check: (d) => {
          const day = d.agendaDay as { byStatus: { appointments: unknown[] }[] };
          const n = day.byStatus.reduce((s, c) => s + c.appointments.length, 0);
          if (n !== PER_DAY) throw new Error(`the day view returned ${n} appointments, expected ${PER_DAY}`);
        },
      },
      {
        name: 'agenda week view',
        query: `query($from: DateTime!, $to: DateTime!) { appointments(from: $from, to: $to) { ${APPT} } }`,
        variables: (i) => {
          const from = weekStart.plus({ weeks: (i % 6) - 3 });
          return { from: from.toISO(), to: from.plus({ weeks: 1 }).toISO() };
        },
        check: (d) => {
          const n = (d.appointments as unknown[]).length;
          if (n !== 7 * PER_DAY) throw new Error(`the week view returned ${n} appointments, expected ${7 * PER_DAY}`);
        },
      },
      {
        name: 'billing report (a year)',
        query: `query($from: Date!, $to: Date!) { billingReport(from: $from, to: $to) {
          invoiceCount invoiced collected outstanding byPaymentMethod { method amount } byMonth { month invoiced } } }`,
        variables: () => ({ from: today.minus({ days: 364 }).toISODate(), to: today.toISODate() }),
        check: (d) => {
          const r = d.billingReport as { invoiceCount: number };
          const expected = Math.floor(INVOICES / CLINICS);
          if (r.invoiceCount !== expected)
            throw new Error(`the report counted ${r.invoiceCount}, expected ${expected}`);
        },
      },
    ];

    // Correctness first: the search finds what SQL finds (accent- and case-insensitive), every case answers right.
    for (const term of terms) {
      const d = await call<{ patients: { total: number } }>(cases[0]!.query, { s: term }, clinicId);
      if (d.patients.total !== expectedSearch.get(term))
        throw new Error(`search "${term}": ${d.patients.total} patients, SQL finds ${expectedSearch.get(term)}`);
    }
    for (const c of cases) c.check(await call(c.query, c.variables(0), clinicId));

    const results: { name: string; p50: number; p95: number; max: number }[] = [];
    for (const c of cases) {
      for (let i = 0; i < 5; i++) await call(c.query, c.variables(i), clinicId); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await call(c.query, c.variables(i), clinicId);
        times.push(performance.now() - t0);
      }
      results.push({ name: c.name, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times) });
    }

    // EXPLAIN of every statement one request of each case sends.
    await platform.events.stop(); // the relay's polling is not a request's statement
    const { rows: tenantTables } = await knex.raw(
      `select c.relname as name, c.relpages as pages, c.reltuples::bigint as rows
         from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where s.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'clinic_id' and not a.attisdropped)`,
    );
    const pages = new Map<string, number>(tenantTables.map((t: { name: string; pages: number }) => [t.name, t.pages]));
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listener = (q: { sql: string; bindings?: unknown[] }) =>
      seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
    const explainRows: string[] = [];
    const notes: string[] = [];
    for (const c of cases) {
      seen.length = 0;
      knex.on('query', listener);
      await call(c.query, c.variables(1), clinicId);
      knex.removeListener('query', listener);
      const statements = seen.filter(
        (s) => /^\s*(select|with)\b/i.test(s.sql) && !/set_config|pg_advisory/i.test(s.sql),
      );
      const scans = new Set<string>();
      let worst = 0;
      let sqlMs = 0;
      for (const s of statements)
        for (const as of ['app', 'owner'] as const) {
          const plan = await explain(knex, s, as === 'app' ? clinicId : null);
          const cost = Number(/cost=[\d.]+\.\.([\d.]+)/.exec(plan)?.[1] ?? 0);
          worst = Math.max(worst, cost);
          if (as === 'app') sqlMs += Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
          for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) {
            const table = m[1]!;
            if (!pages.has(table)) continue;
            if (pages.get(table)! <= SMALL_TABLE_PAGES) {
              notes.push(
                `${c.name}: Seq Scan on ${table} (${pages.get(table)} pages, read whole by any plan) as ${as} in \`${s.sql.replace(/\s+/g, ' ').slice(0, 90)}…\``,
              );
              continue;
            }
            scans.add(table);
            process.stderr.write(`\nSeq Scan on ${table} (${as}) in ${c.name}:\n${s.sql}\n${plan}\n`);
          }
        }
      if (scans.size) failed = true;
      explainRows.push(
        `| ${c.name} | ${statements.length} | ${sqlMs.toFixed(1)} | ${worst.toFixed(0)} | ${scans.size ? `**Seq Scan on ${[...scans].join(', ')}**` : 'none'} |`,
      );
    }
    await gateway.close();

    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
    const lines = [
      `scale bench — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${load}`,
      `data: ${JSON.stringify(sizes[0])}; ${RUNS} sequential requests per query through the gateway (loopback HTTP),`,
      `as an administrator of ${sizes[0].memberships} clinics working in one; total run ${((performance.now() - started) / 1000).toFixed(0)} s`,
      '',
      '| query | p50 ms | p95 ms | max ms | goal p95 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${GOALS[r.name] !== undefined ? `${GOALS[r.name]}${r.p95 <= GOALS[r.name]! ? '' : ' **missed**'}` : ''} |`,
      ),
      '',
      `| query | statements | their SQL ms (app role) | costliest plan | sequential scan of a multi-clinic table (> ${SMALL_TABLE_PAGES} pages) |`,
      '| --- | ---: | ---: | ---: | --- |',
      ...explainRows,
      ...(notes.length ? ['', ...[...new Set(notes)].map((n) => `- ${n}`)] : []),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    for (const r of results)
      if (GOALS[r.name] !== undefined)
        recordGoal({ item: '4 scale', figure: `${r.name} p95`, value: r.p95, unit: 'ms', max: GOALS[r.name] });
    recordGoal({
      item: '4 scale',
      figure: 'plans with a sequential scan of a multi-clinic table',
      value: explainRows.filter((row) => row.includes('Seq Scan')).length,
      unit: '',
      max: 0,
    });
    if (failed) process.stderr.write('\nFAILED: a plan reads a multi-clinic table with a sequential scan (above).\n');
  } finally {
    await platform.close().catch(() => undefined);
    if (process.env.BENCH_SCALE_KEEP) process.stdout.write(`kept ${url}\n`);
    else await dropDatabase(url);
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
