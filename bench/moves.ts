import 'reflect-metadata';
import { startInProcess } from './in-process.js';
import { writeResultsSection } from './report.js';
import { ProviderName } from '../src/providers/modules.js';
import { BULK_JOB } from '../src/modules/bulk/bulk.service.js';

/**
 * `npm run bench:moves`: a bulk move (issue #30) of BENCH_MOVES_ACCOUNTS (1,000) WLVPN accounts to PureWL, in
 * process (sandbox emulators over real HTTP with BENCH_LATENCY_MS per vendor answer, PGlite store), run by the
 * bulk-operations job: BULK_CONCURRENCY = BENCH_MOVES_CONCURRENCY (8) moves at once per source provider,
 * BULK_RATE_<PROVIDER> = BENCH_MOVES_RATE (0: not paced, the emulators' own speed; give a pace to see it hold).
 * Checked from emulator state: exactly one create at PureWL and one close at WLVPN per account, every move
 * COMPLETED. Reports throughput (moves per second, job queued → done) and vendor calls per move.
 * Writes its own section of bench/results.md (between the moves markers).
 */
const ACCOUNTS = Number(process.env.BENCH_MOVES_ACCOUNTS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_MOVES_CONCURRENCY ?? 8);
const RATE = Number(process.env.BENCH_MOVES_RATE ?? 0);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const CREATE_ROUTE = 'POST /vam/v3/create';
const CLOSE_ROUTE = 'PUT /v2/customers/:id';

const log = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: 'memory://',
    WORKER: 'off',
    ALLOW_ANONYMOUS: 'true',
    SANDBOX_ACCOUNTS: '10',
    SANDBOX_LATENCY_MS: String(LATENCY_MS),
    SYNC_RATE_PUREWL: '0',
    SYNC_RATE_VPNRESELLERS: '0',
    SYNC_RATE_WLVPN: '0',
    SYNC_RATE_PUREVPN: '0',
    BULK_CONCURRENCY: String(CONCURRENCY),
    BULK_RATE_WLVPN: String(RATE),
    BULK_RATE_PUREWL: String(RATE),
  };
  const { store, app, jobs, stop } = await startInProcess(env);
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data;
  };
  const wlvpn = app.registry.emulator(ProviderName.WLVPN)!;
  const purewl = app.registry.emulator(ProviderName.PUREWL)!;
  const rows: string[][] = [];
  try {
    const customer = await gql<{ createCustomer: { customer: { id: string } } }>(
      'mutation { createCustomer(input: { firstName: "Bench", lastName: "Moves", email: "bench-moves@example.com" }) { customer { id } } }',
    );
    const customerId = customer.createCustomer.customer.id;
    // The sources: ACCOUNTS WLVPN accounts of one store customer, made through createAccount, 16 at once.
    const ids: string[] = [];
    const t0 = Date.now();
    for (let next = 0; next < ACCOUNTS;) {
      const batch = Array.from({ length: Math.min(16, ACCOUNTS - next) }, (_, i) => next + i);
      next += batch.length;
      const made = await Promise.all(
        batch.map((i) =>
          gql<{ createAccount: { account: { id: string } | null; userErrors: unknown[] } }>(
            'mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { code message } } }',
            {
              input: {
                provider: 'WLVPN',
                customerId,
                planCode: 'coolvpn_one_month_unlimited',
                idempotencyKey: `bench-src-${i}`,
              },
            },
          ),
        ),
      );
      for (const m of made) {
        if (!m.createAccount.account) throw new Error(`source: ${JSON.stringify(m.createAccount.userErrors)}`);
        ids.push(m.createAccount.account.id);
      }
    }
    log(`${ACCOUNTS} WLVPN sources in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const purewlBefore = new Set(purewl.demoUsernames());
    wlvpn.server.resetStats();
    purewl.server.resetStats();
    const asked = await gql<{
      startBulkAccountOperation: { bulkOperation: { id: string } | null; userErrors: unknown[] };
    }>(
      'mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) { bulkOperation { id } userErrors { code message } } }',
      { input: { accountIds: ids, action: 'MOVE', args: { toProvider: 'PUREWL' }, idempotencyKey: 'bench-moves' } },
    );
    const op = asked.startBulkAccountOperation.bulkOperation;
    if (!op) throw new Error(JSON.stringify(asked.startBulkAccountOperation.userErrors));
    const t1 = Date.now();
    await jobs.runAndWait(BULK_JOB, { operationId: op.id }, 3_600_000);
    const ms = Date.now() - t1;
    const done = await gql<{
      bulkOperation: { status: string; succeeded: number; failed: number; total: number };
    }>('query($id: ID!) { bulkOperation(id: $id) { status succeeded failed total } }', { id: op.id });
    const [moves] = await store.db.query<{ completed: number; all: number }>(
      `SELECT count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*)::int AS all FROM account_moves`,
    );
    const creates = purewl.server.count(CREATE_ROUTE);
    const closes = wlvpn.server.count(CLOSE_ROUTE);
    const created = purewl.demoUsernames().filter((u) => !purewlBefore.has(u)).length;
    const exact = creates === ACCOUNTS && closes === ACCOUNTS && created === ACCOUNTS;
    log(`bulk move: ${JSON.stringify(done.bulkOperation)} moves ${JSON.stringify(moves)} in ${ms} ms`);
    log(`PureWL ${JSON.stringify(purewl.server.stats.byRoute)}`);
    log(`WLVPN ${JSON.stringify(wlvpn.server.stats.byRoute)}`);
    rows.push([
      `bulk MOVE of ${ACCOUNTS.toLocaleString('en')} WLVPN accounts → PureWL (BULK_CONCURRENCY=${CONCURRENCY}, BULK_RATE=${RATE || 'not paced'})`,
      `${done.bulkOperation.status}: ${done.bulkOperation.succeeded} succeeded, ${done.bulkOperation.failed} failed; ${moves!.completed}/${moves!.all} moves COMPLETED; ${(ms / 1000).toFixed(1)} s (job queued → done) = **${((ACCOUNTS * 1000) / ms).toFixed(1)} moves/s**`,
      'every account moved',
      done.bulkOperation.succeeded === ACCOUNTS && moves!.completed === ACCOUNTS ? 'met' : 'missed',
    ]);
    rows.push([
      'vendor writes per account (emulator state)',
      `${creates} PureWL creates, ${created} new PureWL accounts, ${closes} WLVPN closes; vendor calls per move: PureWL ${(purewl.server.stats.total / ACCOUNTS).toFixed(2)}, WLVPN ${(wlvpn.server.stats.total / ACCOUNTS).toFixed(2)}`,
      'exactly 1 create + 1 retire per account',
      exact ? 'met' : 'missed',
    ]);
  } finally {
    await stop();
  }

  const table = writeResultsSection(
    'moves',
    'Bulk account moves (`npm run bench:moves`)',
    `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, emulator latency ${LATENCY_MS} ms per upstream call, in process (PGlite store, the bulk-operations job). Total ${Math.round((Date.now() - started) / 1000)} s.`,
    rows,
  );
  log(table);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
