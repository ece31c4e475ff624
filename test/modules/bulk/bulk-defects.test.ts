import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { onUpstreamCall, type UpstreamCallEvent } from '../../../src/providers/http-settings.js';
import { openStore } from '../../../src/core/store/store.js';

/**
 * Regressions of the bulk audit (issue #24):
 * 1. ids the directory does not know end NOT_FOUND with no vendor call;
 * 2. vendor 429s re-queue items (Retry-After honoured) instead of failing them, and calls are paced per
 *    provider (BULK_RATE_<PROVIDER>);
 * 3. an idempotency key reused with any different argument (a password included) answers CONFLICT;
 * 4. a chosen password is never written in plaintext: not in bulk_operations, not anywhere in PGlite's files.
 * Assertions are counts and orderings; the only timings checked are lower bounds (pacing can only make gaps longer).
 */

const KEY = 'bulk-defects-encryption-key';
/** 300 calls a minute: one WLVPN call every 200 ms. */
const RATE = 300;
const INTERVAL_MS = 60_000 / RATE;

const START = `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
  bulkOperation { id status total } userErrors { field message code } } }`;
const STATUS = `query($id: ID!) { bulkOperation(id: $id) { status total succeeded failed skipped
  items(first: 1000) { nodes { index status attempts userErrors { code field } } } } }`;

interface Started {
  startBulkAccountOperation: {
    bulkOperation: { id: string; status: string; total: number } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  };
}
interface Op {
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  items: { nodes: Array<{ index: number; status: string; attempts: number; userErrors: Array<{ code: string }> }> };
}

async function until(t: TestApp, id: string): Promise<Op> {
  let state: Op | undefined;
  for (let i = 0; i < 1200; i++) {
    state = (await t.gql<{ bulkOperation: Op }>(STATUS, { id })).data?.bulkOperation;
    if (state && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(state.status)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bulk operation did not finish: ${JSON.stringify(state)}`);
}

async function wlvpnIds(t: TestApp, n: number): Promise<string[]> {
  const res = await t.gql<{ accounts: { nodes: Array<{ id: string; status: string }> } }>(
    'query($p: [Provider!]) { accounts(first: 100, filter: { providers: $p }) { nodes { id status } } }',
    { p: [ProviderName.WLVPN] },
  );
  return res
    .data!.accounts.nodes.filter((a) => a.status === 'ACTIVE' || a.status === 'DISABLED')
    .map((a) => a.id)
    .slice(0, n);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe('bulk operations: audit regressions (#24)', () => {
  let t: TestApp;
  let dataDir: string;
  let stopped = false;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bulk-defects-'));
    const store = await openStore({ dataDir });
    t = await startTestApp(
      {
        WORKER: 'inline',
        SANDBOX_ACCOUNTS: '12',
        SYNC_INTERVAL_MS: '0',
        ...NO_SCHEDULED_SYNC,
        BULK_CONCURRENCY: '4',
        BULK_RATE_WLVPN: String(RATE),
        WEBHOOK_ENCRYPTION_KEY: KEY,
      },
      { store },
    );
  }, 120_000);
  afterAll(async () => {
    if (!stopped) await t.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ids unknown to the directory end NOT_FOUND with no vendor call', async () => {
    const unknown = [
      Buffer.from('Account:WLVPN:999999901').toString('base64url'),
      Buffer.from('Account:WLVPN:999999902').toString('base64url'),
      Buffer.from('Account:VPNRESELLERS:999999903').toString('base64url'),
      Buffer.from('Account:PUREWL:nobody-here').toString('base64url'),
      Buffer.from('Account:PUREVPN:nobody-here').toString('base64url'),
    ];
    t.resetUpstream();
    const started = await t.gql<Started>(START, { input: { accountIds: unknown, action: 'DISABLE' } });
    expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const op = await until(t, started.data!.startBulkAccountOperation.bulkOperation!.id);
    expect(op).toMatchObject({ status: 'COMPLETED', total: 5, succeeded: 0, failed: 5 });
    expect(op.items.nodes.map((n) => [n.index, n.status, n.attempts, n.userErrors[0]?.code])).toEqual(
      unknown.map((_, i) => [i, 'FAILED', 0, 'NOT_FOUND']),
    );
    expect(t.upstream()).toBe(0);
  }, 60_000);

  it('re-queues items the vendor answers 429 (Retry-After honoured) and paces calls per provider', async () => {
    const ids = await wlvpnIds(t, 5);
    expect(ids).toHaveLength(5);
    const server = t.emulator(ProviderName.WLVPN).server;
    // Every WLVPN call: when it was sent and answered, and which item made it (the runner's request id per item).
    const calls: Array<{ at: number; end: number; method: string; status: number | null; item: string }> = [];
    const off = onUpstreamCall((e: UpstreamCallEvent) => {
      const end = performance.now();
      if (e.provider === ProviderName.WLVPN)
        calls.push({ at: end - e.durationMs, end, method: e.method, status: e.status, item: e.requestId ?? '' });
    });
    t.resetUpstream();
    // About half the writes are refused with 429: the first two, then seeded dice (at most 3 more); Retry-After: 1 s.
    server.addFault({ kind: 'rate-limit', route: 'PUT', times: 2, retryAfterSeconds: 1 });
    server.addFault({ kind: 'rate-limit', route: 'PUT', probability: 0.5, times: 3, retryAfterSeconds: 1 });
    try {
      const started = await t.gql<Started>(START, { input: { accountIds: ids, action: 'DISABLE' } });
      expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
      const op = await until(t, started.data!.startBulkAccountOperation.bulkOperation!.id);
      expect(op).toMatchObject({ status: 'COMPLETED', total: 5, succeeded: 5, failed: 0 });

      const limited = calls.filter((c) => c.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      // Every 429 cost exactly one more write, nothing else: one PUT per item plus one per 429.
      expect(server.count('PUT')).toBe(5 + limited.length);
      expect(op.items.nodes.reduce((n, i) => n + i.attempts, 0)).toBe(5 + limited.length);
      expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(5 + limited.length);

      // Ordering per item: its writes are 429, …, 429, then one 200, nothing after it.
      const puts = calls.filter((c) => c.method === 'PUT');
      const items = [...new Set(puts.map((c) => c.item))];
      expect(items).toHaveLength(5);
      for (const item of items) {
        const statuses = puts.filter((c) => c.item === item).map((c) => c.status);
        expect(statuses.at(-1)).toBe(200);
        expect(statuses.slice(0, -1).every((s) => s === 429)).toBe(true);
      }
      // A rate-limited item is not sent again before the vendor's Retry-After (1 s after the 429 arrived).
      for (const l of limited) {
        const again = puts.find((c) => c.item === l.item && c.at > l.end);
        expect(again).toBeDefined();
        expect(again!.at - l.end).toBeGreaterThanOrEqual(1000 - 50);
      }
      // Pacing: calls never start much closer than the pace allows (unpaced, they would be a few ms apart), and
      // all of them together cannot be faster than one per interval. Lower bounds only: slowness widens gaps.
      const starts = calls.map((c) => c.at).sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS / 4);
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual((starts.length - 1) * INTERVAL_MS - 100);
    } finally {
      off();
      server.clearFaults();
    }
  }, 120_000);

  it('answers CONFLICT when an idempotency key is reused with any different argument, a password included', async () => {
    const ids = await wlvpnIds(t, 2);
    const input = {
      accountIds: ids,
      action: 'CHANGE_PASSWORD',
      args: { password: 'First-Secret-1' },
      idempotencyKey: 'bulk-defects-reuse',
    };
    const first = await t.gql<Started>(START, { input });
    expect(first.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const id = first.data!.startBulkAccountOperation.bulkOperation!.id;
    // The same input answers the same operation.
    const same = await t.gql<Started>(START, { input });
    expect(same.data?.startBulkAccountOperation.bulkOperation?.id).toBe(id);
    for (const changed of [
      { ...input, args: { password: 'Other-Secret-2' } },
      { ...input, args: {} },
      { ...input, accountIds: ids.slice(0, 1) },
      { ...input, action: 'DISABLE', args: {} },
    ]) {
      const res = await t.gql<Started>(START, { input: changed });
      expect(res.data?.startBulkAccountOperation.bulkOperation).toBeNull();
      expect(res.data?.startBulkAccountOperation.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' }),
      ]);
    }
    await until(t, id);
    const [n] = await t.store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM bulk_operations WHERE idempotency_key LIKE '%bulk-defects-reuse'",
    );
    expect(n!.n).toBe(1);
  }, 60_000);

  it('without an encryption key refuses a chosen password (nothing stored); random passwords need none', async () => {
    // A second server on the same store, configured without WEBHOOK_ENCRYPTION_KEY (no worker: nothing runs there).
    const bare = await startTestApp(
      { WORKER: 'off', SANDBOX_ACCOUNTS: '12', SYNC_INTERVAL_MS: '0' },
      { store: t.store },
    );
    const ids = await wlvpnIds(t, 2);
    const count = async () =>
      (await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_operations'))[0]!.n;
    const before = await count();
    try {
      const refused = await bare.gql<Started>(START, {
        input: { accountIds: ids, action: 'CHANGE_PASSWORD', args: { password: 'No-Key-Secret-1' } },
      });
      expect(refused.data?.startBulkAccountOperation.bulkOperation).toBeNull();
      expect(refused.data?.startBulkAccountOperation.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'args.password'], code: 'VALIDATION' }),
      ]);
      expect(await count()).toBe(before);
    } finally {
      await bare.app.stop();
    }
    // A fresh random password per account (the default) keeps nothing to encrypt.
    const random = await t.gql<Started>(START, { input: { accountIds: ids, action: 'CHANGE_PASSWORD' } });
    expect(random.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const op = await until(t, random.data!.startBulkAccountOperation.bulkOperation!.id);
    expect(op).toMatchObject({ status: 'COMPLETED', total: 2, succeeded: 2 });
  }, 120_000);

  it('never writes a chosen password in plaintext: not in bulk_operations, nowhere in the PGlite files', async () => {
    const ids = await wlvpnIds(t, 3);
    const password = `Plain-${randomBytes(9).toString('hex')}-Zz9`;
    const started = await t.gql<Started>(START, {
      input: { accountIds: ids, action: 'CHANGE_PASSWORD', args: { password } },
    });
    expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const opId = started.data!.startBulkAccountOperation.bulkOperation!.id;
    const rawId = Buffer.from(opId, 'base64url').toString('utf8').split(':').at(-1)!;
    const [row] = await t.store.db.query<Record<string, unknown>>('SELECT * FROM bulk_operations WHERE id = $1', [
      rawId,
    ]);
    expect(JSON.stringify(row)).not.toContain(password);
    const op = await until(t, opId);
    expect(op).toMatchObject({ status: 'COMPLETED', total: 3, succeeded: 3, failed: 0 });
    const rows = await t.store.db.query<Record<string, unknown>>('SELECT * FROM bulk_operations');
    expect(JSON.stringify(rows)).not.toContain(password);
    // The operation ended: nothing sealed is kept either.
    expect(rows.find((r) => r.id === rawId)).toMatchObject({ sealed_password: null });

    await t.stop();
    stopped = true;
    const needle = Buffer.from(password, 'utf8');
    const holders: string[] = [];
    for (const file of await filesUnder(dataDir)) if ((await readFile(file)).includes(needle)) holders.push(file);
    expect(holders).toEqual([]);
  }, 120_000);
});
