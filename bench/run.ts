import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { keptSections } from './report.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import * as prettier from 'prettier';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import {
  cpuSeconds,
  importDirectories,
  load,
  peakRssDuring,
  post,
  roundRobin,
  startApi,
  startBare,
  startSandbox,
  syncAll,
  warmMirrorIn,
  timeSerial,
  vendorCalls,
  warmLoad,
  WARMUP_S,
  type Proc,
  type Sandbox,
} from './procs.js';
import { seedMirror } from './seed-mirror.js';
import { openStore } from '../src/core/store/store.js';

/**
 * `npm run bench`: the emulators in their own process (`npm run sandbox`, 20 ms per vendor call), API replicas
 * as real processes pointed at it, load from autocannon. Writes bench/results.md and the figures table of
 * docs/performance.md, each figure beside the previous run's. Vendor calls are read from the emulators' counters.
 * Postgres measures need BENCH_DATABASE_URL (or TEST_DATABASE_URL); without one they are reported as skipped.
 */

/** Where the figures table is kept (between `<!-- bench:start -->` and `<!-- bench:end -->`). */
const PERFORMANCE_DOC = 'docs/performance.md';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const ONLY_LIVE = process.env.BENCH_ONLY === 'live';
const ONLY_RSS = process.env.BENCH_ONLY === 'rss';
const ONLY_GATEWAY = process.env.BENCH_ONLY === 'gateway';
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const FRESH = 86_400_000; // a maxAge that lets the mirror answer
const fragment =
  /fragment AccountSummary on Account \{[^}]*\}/.exec(
    readFileSync('schema/operations/fragments.graphql', 'utf8'),
  )?.[0] ?? '';
const ops = `${readFileSync('schema/operations/dashboard.graphql', 'utf8')}\n${fragment}`;

interface Row {
  measure: string;
  result: string;
  target: string;
  status: string;
}
const rows: Row[] = [];
const row = (measure: string, result: string, target: string, met: boolean | null) =>
  rows.push({ measure, result, target, status: met === null ? '—' : met ? 'met' : 'missed' });

let schemaCount = 0;
async function pgSchema(): Promise<string> {
  const schema = `bench_${Date.now().toString(36)}_${schemaCount++}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  return `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

function apiEnv(sandbox: Sandbox, extra: Record<string, string>): Record<string, string> {
  return { ...sandbox.env, ALLOW_ANONYMOUS: 'true', DATA_DIR: 'memory://', WORKER: 'off', ...extra };
}

async function dashboard(url: string, first: number, maxAge: number) {
  const res = await post(url, ops, { first, maxAge }, 'AccountDashboard');
  if (res.errors) throw new Error(`AccountDashboard failed: ${JSON.stringify(res.errors).slice(0, 300)}`);
  return res;
}

/** The dashboard's account columns only (what the mirror holds), 100 rows. */
async function dashboardState(url: string, maxAge: number) {
  const res = await post(
    url,
    `query($maxAge: Int) { accounts(first: 100, maxAge: $maxAge) { totalCount edges { node { id provider username status providerStatus expiresAt syncedAt plan { id code } } } } }`,
    { maxAge },
  );
  if (res.errors) throw new Error(`dashboard (state) failed: ${JSON.stringify(res.errors).slice(0, 300)}`);
  return res;
}

async function callsOf(sandbox: Sandbox, fn: () => Promise<unknown>): Promise<number> {
  const before = await vendorCalls(sandbox);
  await fn();
  return (await vendorCalls(sandbox)) - before;
}

/** Requests one emulator counted so far, by route. */
async function routeCounts(sandbox: Sandbox, provider: string): Promise<Record<string, number>> {
  const res = await fetch(`${sandbox.emulators[provider]}/__admin/stats`);
  return ((await res.json()) as { byRoute: Record<string, number> }).byRoute;
}

/**
 * The live dashboard's critical path in vendor round trips (token cached), from what its page holds: the reads a
 * row needs that no list or batch call gives, UPSTREAM_CONCURRENCY (8) at a time per vendor.
 * - The page is known once every provider's lane answered: a list call (VPNresellers, WLVPN), or for PureWL and
 *   PureVPN (no list call) the status reads of the rows the directory lists (the rows shown and one more).
 * - WLVPN reads each row's current plan (its list has none), starting as soon as its own list answers.
 * - VPNresellers' customer links: the customers list, then each customer's accounts, beside the lists.
 * - After the page: the usage reports of its rows; after the page and the walk: the projects of its customers.
 * The longest chain is the depth.
 */
async function criticalPath(sandbox: Sandbox, api: Proc): Promise<{ depth: number; why: string }> {
  const walkRoute = 'GET /v4_1/customers/:customer/accounts';
  const before = (await routeCounts(sandbox, 'VPNRESELLERS'))[walkRoute] ?? 0;
  const res = (await dashboard(api.url, 100, 0)) as {
    data: { accounts: { edges: Array<{ node: { provider: string } }> } };
  };
  const walkLists = ((await routeCounts(sandbox, 'VPNRESELLERS'))[walkRoute] ?? 0) - before;
  const shown: Record<string, number> = {};
  for (const e of res.data.accounts.edges) shown[e.node.provider] = (shown[e.node.provider] ?? 0) + 1;
  const waves = (n: number) => Math.ceil(n / 8);
  const statusReads = (p: string) => ((shown[p] ?? 0) > 0 ? waves((shown[p] ?? 0) + 1) : 0);
  const page = Math.max(1, statusReads('PUREWL'), statusReads('PUREVPN'));
  const walk = 1 + waves(walkLists);
  const chains: Array<[string, number]> = [
    ['the page, then its usage reports', page + 1],
    ['WLVPN: its list, then a plan read per row', 1 + waves(shown.WLVPN ?? 0)],
    ['VPNresellers: the customer-link walk and the page, then the projects', Math.max(page, walk) + 1],
  ];
  const [longest, depth] = chains.reduce((a, b) => (b[1] > a[1] ? b : a));
  const rows = Object.entries(shown)
    .map(([p, n]) => `${n} ${p}`)
    .join(' + ');
  return { depth, why: `${longest}; page ${rows}; ${walkLists} customers walked` };
}

async function liveAndMirror(sandbox: Sandbox, api: Proc): Promise<void> {
  // Floor: critical-path round trips of this page (see criticalPath) × the emulators' latency.
  const { depth, why } = await criticalPath(sandbox, api);
  const floorMs = depth * LATENCY_MS;
  // The mirror was warmed and fully synced by the warm-up process (worker inline); this one runs no sync. Take the
  // fewest calls of three anyway (anything else reaching the emulators meanwhile can only add to their counters).
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) counts.push(await callsOf(sandbox, () => dashboard(api.url, 100, 0)));
  const liveCalls = Math.min(...counts);
  const live = await timeSerial(20, () => dashboard(api.url, 100, 0));
  const mirrorCalls = await callsOf(sandbox, () => dashboard(api.url, 100, FRESH));
  const mirror = await timeSerial(40, () => dashboard(api.url, 100, FRESH));
  row(
    'AccountDashboard(first: 100) live (maxAge: 0)',
    `${liveCalls} vendor calls (fewest of 3, mirror warm); p50 ${live.p50.toFixed(0)} ms / p99 ${live.p99.toFixed(0)} ms; floor ${floorMs} ms (critical-path depth ${depth} × ${LATENCY_MS} ms per vendor call: ${why})`,
    'p50 ≤ 1.3 × floor',
    live.p50 <= 1.3 * floorMs,
  );
  row(
    'AccountDashboard(first: 100) mirror-served (the whole dashboard from the store: accounts, customers, projects, plans, usage)',
    `${mirrorCalls} vendor calls; p50 ${mirror.p50.toFixed(1)} ms / p99 ${mirror.p99.toFixed(1)} ms (${(mirror.p50 / live.p50).toFixed(2)} × live)`,
    '0 calls, p50 ≤ 0.1 × live',
    mirrorCalls === 0 && mirror.p50 <= 0.1 * live.p50,
  );
  // The embedded store answers a repeated read again while nothing was written (core/db/db.ts ReadMemo): the row
  // above repeats one dashboard with no write between. Here a write (a customer kept in the store) comes first.
  let n = 0;
  const afterWrite = await timeSerial(
    40,
    () => dashboard(api.url, 100, FRESH),
    () =>
      post(api.url, 'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } } }', {
        i: { firstName: 'Bench', lastName: `Write ${n++}`, email: `bench-write-${n}@example.com` },
      }),
  );
  row(
    'the same mirror-served dashboard, each right after a write to the store (no remembered reads)',
    `p50 ${afterWrite.p50.toFixed(1)} ms / p99 ${afterWrite.p99.toFixed(1)} ms (${(afterWrite.p50 / live.p50).toFixed(2)} × live)`,
    '(report)',
    null,
  );
  const stateCalls = await callsOf(sandbox, () => dashboardState(api.url, FRESH));
  const state = await timeSerial(40, () => dashboardState(api.url, FRESH));
  row(
    'the same dashboard without customer and usage (account state only), mirror-served',
    `${stateCalls} vendor calls; p50 ${state.p50.toFixed(1)} ms / p99 ${state.p99.toFixed(1)} ms (${(state.p50 / live.p50).toFixed(2)} × live)`,
    '0 calls, p50 ≤ 0.2 × live',
    stateCalls === 0 && state.p50 <= 0.2 * live.p50,
  );
}

/** CPU seconds a process spends per 1,000 requests of one load run. */
async function measured(pid: number, run: ReturnType<typeof load>) {
  const cpu0 = cpuSeconds(pid);
  const result = await run;
  return { result, cpuPer1k: ((cpuSeconds(pid) - cpu0) / Math.max(1, result.requests.total)) * 1000 };
}

/**
 * From a fresh start (empty store, WORKER=inline: the first sync tick at once) to a complete mirror, per emulator
 * size: `/ready` polled every 250 ms until every provider's warm-up is complete. Rates are raised so that the
 * figure is the work, not the pace (at the default SYNC_RATE_PUREWL/PUREVPN of 30 a minute, N directory accounts
 * need N / 30 minutes).
 */
async function warmUp(): Promise<void> {
  const RATE = '100000';
  for (const size of [1_000, 10_000]) {
    const sandbox = await startSandbox({ SANDBOX_LATENCY_MS: String(LATENCY_MS), SANDBOX_ACCOUNTS: String(size) });
    const dataDir = mkdtempSync(join(tmpdir(), 'vg-bench-warmup-'));
    try {
      await importDirectories({ dataDir }, sandbox); // PureWL's and PureVPN's accounts, as a reseller imports them
      const t0 = performance.now();
      const api = await startApi(
        apiEnv(sandbox, {
          DATA_DIR: dataDir,
          WORKER: 'inline',
          SYNC_RATE_PUREWL: RATE,
          SYNC_RATE_PUREVPN: RATE,
          SYNC_RATE_WLVPN: RATE,
          SYNC_RATE_VPNRESELLERS: RATE,
        }),
      );
      try {
        const done = new Map<string, number>();
        const ready = api.url.replace(/\/graphql$/, '/ready');
        for (let i = 0; i < 2400 && done.size < 4; i++) {
          const body = (await (await fetch(ready)).json()) as {
            mirror?: { providers?: Array<{ name: string; state: string }> };
          };
          for (const p of body.mirror?.providers ?? [])
            if (p.state === 'complete' && !done.has(p.name)) done.set(p.name, performance.now() - t0);
          if (done.size < 4) await new Promise((r) => setTimeout(r, 250));
        }
        const calls = await vendorCalls(sandbox);
        const total = done.size === 4 ? Math.max(...done.values()) : null;
        row(
          `warm-up: start to a complete mirror, ${size.toLocaleString('en')} accounts per emulator (SYNC_RATE_* ${RATE})`,
          (total === null ? `not complete after 600 s (${done.size} of 4)` : `${(total / 1000).toFixed(1)} s`) +
            `; per provider: ${[...done].map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join(', ')}; ${calls} vendor calls`,
          'report',
          null,
        );
      } finally {
        await api.stop();
      }
    } finally {
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** `shape`: how the API runs, when not the default (worker inline). */
async function trivial(api: Proc, shape?: string): Promise<void> {
  const bare = await startBare();
  try {
    const body = JSON.stringify({ query: '{ __typename }' });
    await warmLoad([api.url, bare.url], body, 50);
    const ours = await measured(api.proc.pid!, load(api.url, body, 50, DURATION_S));
    const theirs = await measured(bare.proc.pid!, load(bare.url, body, 50, DURATION_S));
    const ratio = ours.result.requests.average / theirs.result.requests.average;
    const figures = (m: typeof ours) =>
      `${m.result.requests.average.toFixed(0)} req/s, p50 ${m.result.latency.p50} ms / p99 ${m.result.latency.p99} ms, ` +
      `${m.cpuPer1k.toFixed(2)} CPU s per 1,000 requests`;
    row(
      `trivial query throughput (50 clients)${shape ? `, ${shape}` : ''}`,
      `${figures(ours)} vs bare @apollo/server on Fastify ${figures(theirs)} (${ratio.toFixed(2)}×; ` +
        `each after ${WARMUP_S} s of the same load, unmeasured)`,
      '≥ 0.8 × bare',
      ratio >= 0.8,
    );
  } finally {
    await bare.stop();
  }
}

/** JS heap used and external memory (MB) the API reports on /metrics. */
async function heapOf(api: Proc): Promise<string> {
  const text = await (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text();
  const mb = (name: string) => {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return m ? (Number(m[1]) / 1048576).toFixed(0) : '?';
  };
  return `JS heap ${mb('nodejs_heap_size_used_bytes')} MB, external ${mb('nodejs_external_memory_bytes')} MB`;
}

/**
 * Peak RSS of an API process (worker off) whose mirror holds `perProvider` accounts of each of the four
 * providers (seeded as after their syncs), under 200 clients asking the dashboard (first 20, mirror-served).
 */
async function rss(sandbox: Sandbox, store: 'PGlite' | 'Postgres', limitMb: number, perProvider: number) {
  let env: Record<string, string>;
  if (store === 'Postgres') {
    const url = await pgSchema();
    const api = await startApi(apiEnv(sandbox, { DATABASE_URL: url })); // migrates the schema
    await api.stop();
    await seedMirror(url, 0, 4 * perProvider);
    env = { DATABASE_URL: url };
  } else {
    // An embedded store in a data directory (as deployed), seeded before the API opens (and locks) it.
    const dir = mkdtempSync(join(tmpdir(), 'vg-bench-pglite-'));
    const seeded = await openStore({ dataDir: dir });
    await seedMirror(seeded.db, 0, 4 * perProvider);
    await seeded.close();
    env = { DATA_DIR: dir };
  }
  const api = await startApi(apiEnv(sandbox, env));
  try {
    const body = JSON.stringify({
      query: ops,
      variables: { first: 20, maxAge: FRESH },
      operationName: 'AccountDashboard',
    });
    await post(api.url, ops, { first: 20, maxAge: FRESH }, 'AccountDashboard');
    const cpu0 = cpuSeconds(api.proc.pid!);
    const { peakMb, result } = await peakRssDuring(api.proc.pid!, load(api.url, body, 200, DURATION_S));
    const cpuPer1k = ((cpuSeconds(api.proc.pid!) - cpu0) / Math.max(1, result.requests.total)) * 1000;
    row(
      `peak RSS of the API process, 200 clients, ${store}, ${perProvider.toLocaleString('en')} accounts per provider mirrored`,
      `${peakMb.toFixed(0)} MB (after the load: ${await heapOf(api)}); ${result.requests.average.toFixed(0)} req/s, ` +
        `p50 ${result.latency.p50} ms / p99 ${result.latency.p99} ms, ${cpuPer1k.toFixed(2)} CPU s per 1,000 requests`,
      `< ${limitMb} MB`,
      peakMb < limitMb,
    );
  } finally {
    await api.stop();
  }
}

async function mirrorAtScale(sandbox: Sandbox): Promise<void> {
  const url = await pgSchema();
  const api = await startApi(apiEnv(sandbox, { DATABASE_URL: url }));
  try {
    const query = `query($first: Int, $last: Int, $before: String, $maxAge: Int) {
      accounts(first: $first, last: $last, before: $before, maxAge: $maxAge,
        filter: { expiresBefore: "2030-01-01T00:00:00Z" }, orderBy: { field: EXPIRES_AT, direction: ASC }) {
        edges { node { id username provider status expiresAt } } pageInfo { hasNextPage } } }`;
    const p50: Record<number, { first: number; last: number }> = {};
    let seeded = 0;
    for (const size of [1_000, 10_000, 100_000]) {
      await seedMirror(url, seeded, size);
      seeded = size;
      const firstPage = await timeSerial(30, () => post(api.url, query, { first: 100, maxAge: FRESH }));
      const lastPage = await timeSerial(30, () => post(api.url, query, { last: 100, maxAge: FRESH }));
      p50[size] = { first: firstPage.p50, last: lastPage.p50 };
    }
    const ratio = Math.max(p50[100_000]!.first / p50[1_000]!.first, p50[100_000]!.last / p50[1_000]!.last);
    row(
      'mirror query, 100 expiring accounts by EXPIRES_AT (Postgres): first page / last page p50',
      [1_000, 10_000, 100_000]
        .map((n) => `${n / 1000}k: ${p50[n]!.first.toFixed(1)} / ${p50[n]!.last.toFixed(1)} ms`)
        .join('; '),
      '100k ≤ 1.5 × 1k',
      ratio <= 1.5,
    );
  } finally {
    await api.stop();
  }
}

async function throughGateway(sandbox: Sandbox): Promise<void> {
  const url = await pgSchema();
  // The mirror is warmed first by a process that then stops (every group of every account confirmed: WLVPN's plans
  // need its detail reads), so the 10 accounts are served from it; the row says how many vendor calls the load made.
  await warmMirrorIn(sandbox, apiEnv(sandbox, { DATABASE_URL: url }));
  // Replica 1 runs the worker (as `npm start`: default sync rates), replica 2 does not; both serve the same Postgres.
  const replicas = [await startApi(apiEnv(sandbox, { DATABASE_URL: url, WORKER: 'inline' }))];
  const query = JSON.stringify({
    query: `{ accounts(first: 10, maxAge: ${FRESH}) { edges { node { id username provider } } } }`,
  });
  try {
    replicas.push(await startApi(apiEnv(sandbox, { DATABASE_URL: url })));
    const results: string[] = [];
    for (const count of [1, 2]) {
      const proxy = await roundRobin(replicas.slice(0, count).map((r) => r.url));
      const gateway = new ApolloServer({
        gateway: new ApolloGateway({
          supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'vpn-graph', url: proxy.url }] }),
        }),
      });
      const { url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
      const cpu0 = replicas.map((r) => cpuSeconds(r.proc.pid!));
      const self0 = process.cpuUsage();
      const calls0 = await vendorCalls(sandbox);
      const res = await load(gatewayUrl, query, 40, DURATION_S);
      const calls = (await vendorCalls(sandbox)) - calls0;
      const self = process.cpuUsage(self0);
      const cpu = replicas.map((r, i) => cpuSeconds(r.proc.pid!) - cpu0[i]!);
      results.push(
        `${count} replica${count > 1 ? 's' : ''}: ${res.requests.average.toFixed(0)} req/s, ${res.non2xx} non-2xx, ` +
          `${calls} vendor calls during the load (the worker's included); CPU s: ` +
          `${cpu
            .slice(0, count)
            .map((c, i) => `replica ${i + 1} ${c.toFixed(1)}`)
            .join(', ')}, gateway+load generator ${((self.user + self.system) / 1e6).toFixed(1)}`,
      );
      await gateway.stop();
      await proxy.close();
    }
    row(
      'through @apollo/gateway (40 clients, 10 accounts mirror-served)',
      results.join('<br>'),
      'report; 2 cores shared by all',
      null,
    );
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
  }
}

/** Bulk DISABLE of every active listing-vendor account, with a webhook receiver subscribed to the changes. */
async function bulkAndWebhooks(sandbox: Sandbox): Promise<void> {
  let received = 0;
  let lastAt = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      lastAt = performance.now();
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  const api = await startApi(
    apiEnv(sandbox, {
      WORKER: 'inline',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      BULK_CONCURRENCY: '8',
      SYNC_RATE_PUREWL: '0',
      SYNC_RATE_PUREVPN: '0',
    }),
  );
  try {
    await syncAll(api.url);
    const hook = await post(
      api.url,
      `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, events: [STATUS_CHANGED] }) { endpoint { id } userErrors { message } } }`,
      { url: `http://127.0.0.1:${port}/hook` },
    );
    if (hook.errors) throw new Error(`createWebhookEndpoint failed: ${JSON.stringify(hook.errors).slice(0, 300)}`);
    const t0 = performance.now();
    const started = (await post(
      api.url,
      `mutation { startBulkAccountOperation(input: { filter: { providers: [VPNRESELLERS, WLVPN], statuses: [ACTIVE] }, action: DISABLE }) { bulkOperation { id total } userErrors { message } } }`,
    )) as { data?: { startBulkAccountOperation?: { bulkOperation?: { id: string; total: number } } } };
    const op = started.data?.startBulkAccountOperation?.bulkOperation;
    if (!op) throw new Error(`startBulkAccountOperation failed: ${JSON.stringify(started).slice(0, 300)}`);
    let done: { status: string; succeeded: number; failed: number } | undefined;
    for (let i = 0; i < 3000 && !done; i++) {
      const r = (await post(api.url, `query($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }`, {
        id: op.id,
      })) as { data?: { bulkOperation?: { status: string; succeeded: number; failed: number } } };
      const b = r.data?.bulkOperation;
      if (b && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(b.status)) done = b;
      else await new Promise((r2) => setTimeout(r2, 100));
    }
    const bulkMs = performance.now() - t0;
    for (let i = 0; i < 600 && received < (done?.succeeded ?? 0); i++) await new Promise((r) => setTimeout(r, 100));
    const hookMs = (lastAt || performance.now()) - t0;
    row(
      'bulk DISABLE through the worker (VPNresellers + WLVPN, 8 per provider at once)',
      `${op.total} items, ${done?.status ?? 'unfinished'} (${done?.succeeded ?? 0} ok, ${done?.failed ?? 0} failed) in ${(bulkMs / 1000).toFixed(1)} s = ${((done?.succeeded ?? 0) / (bulkMs / 1000)).toFixed(0)} items/s`,
      'report',
      null,
    );
    row(
      'webhook deliveries of those changes (signed, at least once)',
      `${received} of ${done?.succeeded ?? 0} delivered ${(hookMs / 1000).toFixed(1)} s after the start = ${(received / (hookMs / 1000)).toFixed(0)} deliveries/s`,
      'report',
      null,
    );
  } finally {
    await api.stop();
    await new Promise((resolve) => receiver.close(resolve));
  }
}

function previous(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync('bench/results.md')) return out;
  for (const line of readFileSync('bench/results.md', 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length >= 6 && cells[1] && cells[1] !== 'measure' && !cells[1].startsWith('---'))
      out.set(cells[1], cells[2]!);
  }
  return out;
}

const BENCH_MARKERS = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;

/** docs/performance.md, checked for its markers (before the run, so a moved table fails in seconds, not minutes). */
function performanceDoc(): string {
  const doc = readFileSync(PERFORMANCE_DOC, 'utf8');
  if (!BENCH_MARKERS.test(doc))
    throw new Error(`${PERFORMANCE_DOC} has no <!-- bench:start --> … <!-- bench:end --> markers`);
  return doc;
}

async function main(): Promise<void> {
  performanceDoc();
  const started = Date.now();
  const before = previous();
  // 1,000 accounts per emulator: the bulk measure disables the active ones of two providers (about 1,000 items).
  const sandbox = await startSandbox({ SANDBOX_LATENCY_MS: String(LATENCY_MS), SANDBOX_ACCOUNTS: '1000' });
  const skipped: string[] = [];
  try {
    // BENCH_ONLY=gateway: the replicas behind @apollo/gateway only (needs BENCH_DATABASE_URL), printed.
    if (ONLY_GATEWAY) {
      if (!PG_URL) throw new Error('BENCH_ONLY=gateway needs BENCH_DATABASE_URL (a Postgres server)');
      await throughGateway(sandbox);
      process.stdout.write(`${rows.map((r) => `${r.measure}: ${r.result} (${r.status})`).join('\n')}\n`);
      return;
    }
    // BENCH_ONLY=rss: the memory rows only, printed (results.md and docs/performance.md are left alone).
    if (ONLY_RSS) {
      for (const perProvider of [1_000, 10_000]) await rss(sandbox, 'PGlite', 300, perProvider);
      if (PG_URL) for (const perProvider of [1_000, 10_000]) await rss(sandbox, 'Postgres', 200, perProvider);
      process.stdout.write(`${rows.map((r) => `${r.measure}: ${r.result} (${r.status})`).join('\n')}\n`);
      return;
    }
    // Warm-up process: the worker runs inline so that `syncProvider` runs; directory refreshes may read every
    // account (SYNC_RATE_WLVPN: its detail reads, plans its list does not show, cover every account in one run).
    // Its mirror lives in a data directory that the measuring process then opens with WORKER=off, so that no
    // scheduled sync (with these raised rates: every account of three providers each minute) shares the CPU and
    // the embedded database with the requests being timed. API replicas without a worker are a supported shape
    // (docs/operations.md); the trivial row is measured on both shapes (the default: worker inline, default rates).
    const dataDir = mkdtempSync(join(tmpdir(), 'vg-bench-data-'));
    try {
      await warmMirrorIn(sandbox, apiEnv(sandbox, { DATA_DIR: dataDir }));
      const api = await startApi(apiEnv(sandbox, { DATA_DIR: dataDir, WORKER: 'off' }));
      try {
        await liveAndMirror(sandbox, api);
        await trivial(api, 'worker off');
      } finally {
        await api.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The trivial query on the API as the README starts it: the worker inline, the default sync rates.
    const standard = await startApi(apiEnv(sandbox, { WORKER: 'inline' }));
    try {
      await trivial(standard);
    } finally {
      await standard.stop();
    }
    // BENCH_ONLY=live: the rows above only (a quick look; results.md and docs/performance.md are left alone).
    if (ONLY_LIVE) {
      process.stdout.write(`${rows.map((r) => `${r.measure}: ${r.result} (${r.status})`).join('\n')}\n`);
      return;
    }
    // Memory must not grow with the accounts mirrored: the same measure at 1,000 and 10,000 per provider.
    for (const perProvider of [1_000, 10_000]) await rss(sandbox, 'PGlite', 300, perProvider);
    await bulkAndWebhooks(sandbox);
    await warmUp();
    if (PG_URL) {
      for (const perProvider of [1_000, 10_000]) await rss(sandbox, 'Postgres', 200, perProvider);
      await mirrorAtScale(sandbox);
      await throughGateway(sandbox);
    } else skipped.push('Postgres measures (set BENCH_DATABASE_URL)');
  } finally {
    await sandbox.stop();
  }
  const header =
    `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, ${LATENCY_MS} ms per vendor call ` +
    `(emulators in their own process), ${DURATION_S} s per load run. Total ${((Date.now() - started) / 1000).toFixed(0)} s.` +
    (skipped.length ? ` Skipped: ${skipped.join(', ')}.` : '');
  const table = [
    '| measure | result | previous run | target | status |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.result} | ${before.get(r.measure) ?? '—'} | ${r.target} | ${r.status} |`),
  ].join('\n');
  const text = `${header}\n\n${table}\n`;
  // The other benches (`npm run bench:sync`, `bench:moves`) keep their own sections of the file.
  const kept = keptSections();
  writeFileSync(
    'bench/results.md',
    `# Benchmark results\n\n${text}\nReproduce: \`npm run bench\`.\n${kept.map((k) => `\n${k}\n`).join('')}`,
  );
  // The figures table lives in docs/performance.md between its bench markers (the README links to it).
  const updated = performanceDoc().replace(BENCH_MARKERS, `<!-- bench:start -->\n${text}<!-- bench:end -->`);
  // The docs stay Prettier-clean (`npm run lint` checks markdown too).
  const options = (await prettier.resolveConfig(PERFORMANCE_DOC)) ?? {};
  writeFileSync(PERFORMANCE_DOC, await prettier.format(updated, { ...options, filepath: PERFORMANCE_DOC }));
  process.stdout.write(`\n${text}`);
}

await main();
process.exit(0);
