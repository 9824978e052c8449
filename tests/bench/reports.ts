/**
 * `npm run bench` (third script): the cost of a federated report. `billingReport` asks billing, through
 * the supergraph (ctx.query), for its invoice and payment sums (computed in SQL) and composes them; the
 * baseline is the same totals from one SQL aggregate on billing's own tables. Both over the same year
 * with N issued invoices, half of them paid, measured in one run.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';

const SIZES = (process.env.BENCH_INVOICES ?? '200,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const REPORT = `query($from: Date!, $to: Date!) { billingReport(from: $from, to: $to) {
  invoiceCount invoiced collected outstanding byPaymentMethod { method amount } byMonth { month invoiced } } }`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  process.env.DENTALPIN_JOBS ??= 'off';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const { payload, clinic } = await platform.auth.setup({
      clinicName: 'Bench',
      adminEmail: 'bench@bench.test',
      adminPassword: 'bench-password-1',
      adminFirstName: 'Bench',
      adminLastName: 'Mark',
      timezone: 'UTC',
    });
    const call = async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const r = await graphqlRequest<T>(gateway.url, query, variables, { token: payload.accessToken });
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data as T;
    };
    const patientId = (
      await call<{ createPatient: { id: string } }>(
        `mutation { createPatient(input: { firstName: "Bench", lastName: "Patient" }) { id } }`,
      )
    ).createPatient.id;
    // FAC and RECT come from clinic.created, delivered asynchronously.
    for (let i = 0; i < 100; i++) {
      const { invoiceSeries } = await call<{ invoiceSeries: unknown[] }>(`{ invoiceSeries { id } }`);
      if (invoiceSeries.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const sql = async (q: string) => (await platform.db.knex.raw(q, [clinic.id])).rows;
    const rows: string[] = [];
    let made = 0;
    for (const size of SIZES) {
      await inBatches([...Array(size - made).keys()], 8, async (i) => {
        const { createInvoice } = await call<{ createInvoice: { id: string } }>(
          `mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { id } }`,
          {
            i: {
              patientId,
              items: [
                { description: `Treatment ${i}`, quantity: 1, unitPrice: `${40 + (i % 60)}.25`, vatRate: '21.00' },
              ],
            },
          },
        );
        const { issueInvoice } = await call<{ issueInvoice: { total: string } }>(
          `mutation($id: ID!) { issueInvoice(id: $id) { total } }`,
          { id: createInvoice.id },
        );
        if (i % 2 === 0)
          await call(
            `mutation($id: ID!, $a: Decimal!) { recordInvoicePayment(invoiceId: $id, amount: $a, method: CARD) { id } }`,
            {
              id: createInvoice.id,
              a: issueInvoice.total,
            },
          );
      });
      made = size;
      await call(REPORT, { from: yearAgo, to: today }); // warm-up
      const federated: number[] = [];
      let report: { billingReport: { invoiceCount: number; invoiced: string; collected: string } } | null = null;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        report = await call(REPORT, { from: yearAgo, to: today });
        federated.push(performance.now() - t0);
      }
      const direct: number[] = [];
      let totals: { n: string; invoiced: string; collected: string } | null = null;
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        [totals] = await sql(
          `select count(*) as n, sum(total) as invoiced,
             (select coalesce(sum(p.amount), 0) from invoice_payments p join invoices i on i.id = p.invoice_id
               where i.clinic_id = invoices.clinic_id) as collected
           from invoices where clinic_id = ? and status <> 'draft' group by clinic_id`,
        );
        direct.push(performance.now() - t0);
      }
      if (report!.billingReport.invoiceCount !== size || report!.billingReport.invoiced !== totals!.invoiced)
        throw new Error(`the report disagrees with SQL: ${JSON.stringify({ report, totals })}`);
      rows.push(
        `| ${String(size).padStart(8)} | ${median(federated).toFixed(1).padStart(22)} | ${median(direct)
          .toFixed(1)
          .padStart(
            17,
          )} | ${(median(federated) / median(direct)).toFixed(0).padStart(5)}× | ${report!.billingReport.invoiced} |`,
      );
    }
    // Stop the relay before the gateway: handlers read through it (notifications on invoice.issued).
    await platform.close();
    await gateway.close();
    process.stdout.write(
      `\nreports bench — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}; median of ${RUNS} runs\n\n` +
        `| invoices | billingReport (gateway) ms | SQL aggregate ms | ratio | invoiced |\n` +
        `| -------: | -------------------------: | ---------------: | ----: | -------: |\n` +
        rows.join('\n') +
        '\n',
    );
  } finally {
    await platform.close().catch(() => undefined);
    await dropDatabase(url);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
