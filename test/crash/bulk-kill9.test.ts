import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { buildOnce, gql, killAll, tempDataDir, type ServerProcess } from '../main/process.js';
import {
  PROVIDERS,
  startSandbox,
  startServer,
  stopSandboxes,
  type Provider,
  type Sandbox,
  processStores,
  type ProcessStore,
} from './harness.js';

/**
 * kill -9 in the middle of a bulk operation, on the REAL process. A server (`node dist/src/main/index.js`, WORKER=inline)
 * runs against a real `npm run sandbox` process (500 accounts per emulator, 250 of them ACTIVE picked, +35 ms per vendor answer), through a
 * recording proxy per emulator that logs every request it forwards — so vendor writes are counted per account,
 * PureVPN's single URL included. A 1,000-item DISABLE (250 per provider) is started through GraphQL; when its
 * progress is between 20% and 80% the server gets SIGKILL, and a new one starts on the same store. Checked once
 * the operation is COMPLETED: every item SUCCEEDED (none skipped, failed or lost), every account is DISABLED at
 * the vendor, and no account received its disable write twice (the proxy saw the write at most once; the items
 * the dead run had CLAIMED were reconciled by reading the account, not by writing again).
 */
jest.setTimeout(300_000);

const PER_PROVIDER = 250;
const LEASE_MS = 1_000;
const SERVER_ENV = {
  LOG_LEVEL: 'error',
  WORKER: 'inline',
  BULK_CONCURRENCY: '4',
  BULK_LEASE_MS: String(LEASE_MS),
  // Not paced (BULK_RATE_<PROVIDER> 0): the run must be long enough to kill, not minutes long.
  BULK_RATE_PUREWL: '0',
  BULK_RATE_VPNRESELLERS: '0',
  BULK_RATE_WLVPN: '0',
  BULK_RATE_PUREVPN: '0',
  INTENT_LEASE_MS: String(LEASE_MS),
  RECONCILE_WINDOW_MS: '500',
  BREAKER_THRESHOLD: '1000',
};

/** A disable write, per provider (request method, path, body as the vendor sees them). */
const IS_DISABLE: Record<Provider, (r: Recorded) => boolean> = {
  PUREWL: (r) => r.url.includes('/disable'),
  VPNRESELLERS: (r) => r.url.includes('/disable'),
  WLVPN: (r) => r.method === 'PUT' && r.url.includes('/v2/customers/'),
  PUREVPN: (r) => r.body.includes('method=update_account'),
};

interface Recorded {
  method: string;
  url: string;
  body: string;
  at: number;
}

interface Proxy {
  origin: string;
  log: Recorded[];
  close(): Promise<void>;
}

/** Forwards every request to `target` (whole bodies; it finishes the forward even when the caller died). */
async function recordingProxy(target: string): Promise<Proxy> {
  const log: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      log.push({ method, url: req.url ?? '/', body, at: Date.now() });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      fetch(`${target}${req.url ?? '/'}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
      }).then(
        async (up) => {
          const text = Buffer.from(await up.arrayBuffer());
          const out: Record<string, string> = {};
          up.headers.forEach((v, k) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
          });
          if (!res.destroyed) res.writeHead(up.status, out).end(text);
        },
        () => res.destroy(),
      );
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const dirs: string[] = [];
const drops: Array<() => Promise<void>> = [];
const proxies: Proxy[] = [];

beforeAll(async () => {
  await buildOnce();
}, 180_000);

afterAll(async () => {
  await killAll();
  await stopSandboxes();
  for (const p of proxies) await p.close().catch(() => undefined);
  for (const drop of drops) await drop().catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

type Store = ProcessStore;
const backends = processStores('bulkcrash', dirs, drops);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const START = `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
  bulkOperation { id status total } userErrors { field message code } } }`;
const STATUS = `query($id: ID!) { bulkOperation(id: $id) { status total succeeded failed skipped cancelled progress } }`;
const FAILED_ITEMS = `query($id: ID!) { bulkOperation(id: $id) {
  items(statuses: [FAILED], first: 50) { nodes { provider attempts userErrors { code message } } } } }`;
interface OpState {
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  progress: number;
}

describe('kill -9 during a 1,000-item bulk DISABLE', () => {
  it(`(${backends.map(([b]) => b).join(', ')}, side by side): completes after a restart; 0 items written twice, 0 skipped`, async () => {
    const results = await Promise.allSettled(backends.map(([backend, open]) => run(backend, open)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
});

/**
 * Every account of one provider, with its status, read live through the server: paged where the vendor lists
 * accounts; by username (the emulator's list, 25 aliases a query) where it has no list call (PureWL, PureVPN).
 */
async function accountsOf(
  url: string,
  provider: Provider,
  sandbox: Sandbox,
): Promise<Array<{ id: string; status: string }>> {
  const out: Array<{ id: string; status: string }> = [];
  if (provider === 'PUREWL' || provider === 'PUREVPN') {
    const names = (await sandbox.usernames(provider)).sort();
    for (let i = 0; i < names.length; i += 25) {
      const batch = names.slice(i, i + 25);
      const query = `query { ${batch
        .map((u, j) => `a${j}: accountByUsername(provider: ${provider}, username: ${JSON.stringify(u)}) { id status }`)
        .join(' ')} }`;
      const res = await gql<Record<string, { id: string; status: string } | null>>(url, query);
      if (!res.body.data) throw new Error(`${provider} accountByUsername: ${JSON.stringify(res.body.errors)}`);
      for (const a of Object.values(res.body.data)) if (a) out.push(a);
    }
    return out;
  }
  let after: string | null = null;
  for (;;) {
    const res: Awaited<
      ReturnType<
        typeof gql<{
          accounts: {
            nodes: Array<{ id: string; status: string }>;
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          };
        }>
      >
    > = await gql(
      url,
      `query($p: [Provider!], $after: String) { accounts(first: 100, after: $after, maxAge: 0, filter: { providers: $p }) {
        nodes { id status } pageInfo { endCursor hasNextPage } } }`,
      { p: [provider], after },
    );
    const page = res.body.data?.accounts;
    if (!page) throw new Error(`${provider} accounts: ${JSON.stringify(res.body.errors)}`);
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

async function run(backend: string, open: () => Promise<Store>): Promise<void> {
  const started = Date.now();
  const store = await open();
  const sandboxDir = tempDataDir();
  dirs.push(sandboxDir);
  const sandbox = await startSandbox(sandboxDir, { SANDBOX_ACCOUNTS: '500', SANDBOX_LATENCY_MS: '35' });
  // The server talks to the emulators through the recording proxies.
  const proxyOf = new Map<Provider, Proxy>();
  const vars = { ...sandbox.vars };
  for (const p of PROVIDERS) {
    const origin = new URL(sandbox.urls[p]).origin;
    const proxy = await recordingProxy(origin);
    proxies.push(proxy);
    proxyOf.set(p, proxy);
    for (const [k, v] of Object.entries(vars))
      if (v.startsWith(origin)) vars[k] = proxy.origin + v.slice(origin.length);
  }
  const proxied = { ...sandbox, vars };
  let server: ServerProcess = await startServer(proxied, store, SERVER_ENV);

  // 250 ACTIVE accounts per provider.
  const selection: string[] = [];
  for (const p of PROVIDERS) {
    const all = await accountsOf(server.url, p, sandbox);
    const active = all.filter((a) => a.status === 'ACTIVE').map((a) => a.id);
    expect({ p, enough: active.length >= PER_PROVIDER }).toEqual({ p, enough: true });
    selection.push(...active.slice(0, PER_PROVIDER));
  }
  expect(selection).toHaveLength(4 * PER_PROVIDER);
  const writesBefore = new Map(PROVIDERS.map((p) => [p, proxyOf.get(p)!.log.length]));

  const res = await gql<{
    startBulkAccountOperation: { bulkOperation: { id: string; total: number } | null; userErrors: unknown[] };
  }>(server.url, START, {
    input: { accountIds: selection, action: 'DISABLE', idempotencyKey: `bulk-crash-${backend}` },
  });
  expect(res.body.data?.startBulkAccountOperation.userErrors).toEqual([]);
  const op = res.body.data!.startBulkAccountOperation.bulkOperation!;
  expect(op.total).toBe(1000);
  const opStarted = Date.now();

  // Kill when a random share of the items between 25% and 70% is settled (never outside 20–80%).
  const target = 0.25 + Math.random() * 0.45;
  let atKill: OpState | undefined;
  for (;;) {
    const s = (await gql<{ bulkOperation: OpState }>(server.url, STATUS, { id: op.id })).body.data?.bulkOperation;
    if (!s) throw new Error('bulkOperation unreadable');
    if (s.status === 'COMPLETED') throw new Error(`${backend}: finished before the kill (progress polled too late)`);
    if (s.progress >= target && s.progress <= 0.8) {
      atKill = s;
      break;
    }
    if (s.progress > 0.8) throw new Error(`${backend}: progress jumped past 80% (${s.progress})`);
    if (Date.now() - opStarted > 120_000) throw new Error(`${backend}: no progress: ${JSON.stringify(s)}`);
    await sleep(50);
  }
  const killAt = Date.now();
  server.kill('SIGKILL');
  const exit = await server.exited;
  expect(exit.signal).toBe('SIGKILL');
  const sentBeforeKill = PROVIDERS.reduce(
    (n, p) => n + proxyOf.get(p)!.log.filter((r) => IS_DISABLE[p](r) && r.at <= exit.at).length,
    0,
  );
  await sleep(200); // let writes the vendor had in hand finish
  const restartAt = Date.now();
  server = await startServer(proxied, store, SERVER_ENV);
  const restartMs = Date.now() - restartAt;

  let final: OpState | undefined;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    final = (await gql<{ bulkOperation: OpState }>(server.url, STATUS, { id: op.id })).body.data?.bulkOperation;
    if (final && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(final.status)) break;
    await sleep(250);
  }
  const doneAt = Date.now();

  // Items: every one SUCCEEDED. Those that did not are shown with their provider and error, so a failure says why.
  const notDone = final?.failed
    ? ((
        await gql<{
          bulkOperation: {
            items: {
              nodes: Array<{
                provider: string;
                attempts: number;
                userErrors: Array<{ code: string; message: string }>;
              }>;
            };
          };
        }>(server.url, FAILED_ITEMS, { id: op.id })
      ).body.data?.bulkOperation.items.nodes ?? [])
    : [];
  expect({ backend, notDone }).toEqual({ backend, notDone: [] });
  expect(final).toMatchObject({
    status: 'COMPLETED',
    total: 1000,
    succeeded: 1000,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  });

  // Vendor writes per account: at most once each, and the vendor shows every account DISABLED.
  let writes = 0;
  let twice = 0;
  const lines: string[] = [];
  for (const p of PROVIDERS) {
    const log = proxyOf.get(p)!.log.slice(writesBefore.get(p));
    const perAccount = new Map<string, number>();
    for (const r of log.filter(IS_DISABLE[p])) {
      const key = `${r.method} ${r.url} ${r.body}`;
      perAccount.set(key, (perAccount.get(key) ?? 0) + 1);
    }
    const dup = [...perAccount.entries()].filter(([, n]) => n > 1);
    const total = [...perAccount.values()].reduce((a, b) => a + b, 0);
    writes += total;
    twice += dup.length;
    lines.push(`${p} ${total} writes/${perAccount.size} accounts`);
    expect({ p, dup }).toEqual({ p, dup: [] });
    // Each ACTIVE account needs its write: one per item, none lost.
    expect({ p, accounts: perAccount.size }).toEqual({ p, accounts: PER_PROVIDER });
  }
  const states = new Map<string, string>();
  for (const p of PROVIDERS) for (const a of await accountsOf(server.url, p, sandbox)) states.set(a.id, a.status);
  const notDisabled = selection.filter((id) => states.get(id) !== 'DISABLED');
  expect(notDisabled).toEqual([]);

  process.stdout.write(
    `bulk-crash ${backend} TOTALS: items=1000 killed-at progress=${atKill.progress.toFixed(2)} ` +
      `(settled ${Math.round(atKill.progress * 1000)}, writes sent before kill ${sentBeforeKill}) ` +
      `after ${killAt - opStarted} ms; restart ${restartMs} ms; completed ${doneAt - restartAt} ms after restart; ` +
      `succeeded=${final!.succeeded} failed=${final!.failed} skipped=${final!.skipped} vendor writes=${writes} ` +
      `written-twice=${twice} not-disabled=${notDisabled.length} (${lines.join(', ')}) total=${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  expect(twice).toBe(0);
  expect(writes).toBe(1000);
  server.kill('SIGTERM');
  await server.exited;
  await sandbox.stop();
}
