import fs from 'node:fs';
import { jest } from '@jest/globals';
import { buildOnce, gql, killAll, tempDataDir, type ServerProcess } from '../app/process.js';
import { processStores, startSandbox, startServer, stopSandboxes, type ProcessStore } from './harness.js';

/**
 * kill -9 during account moves, on the REAL process: a server (`node dist/src/index.js`, WORKER=inline) against a
 * real `npm run sandbox` process (+35 ms per vendor answer). 20 WLVPN accounts are moved to PureWL at once; when
 * some moves are COMPLETED and some are not, the server gets SIGKILL and a new one starts on the same store.
 * Checked once every move ended: every move COMPLETED, the vendor holds exactly one PureWL account per move (its
 * target) and every source is closed at WLVPN. Run on PGlite, and on Postgres with TEST_DATABASE_URL.
 */
jest.setTimeout(300_000);

const MOVES = 20;
const SERVER_ENV = {
  LOG_LEVEL: 'error',
  WORKER: 'inline',
  BULK_LEASE_MS: '1000',
  INTENT_LEASE_MS: '1000',
  RECONCILE_WINDOW_MS: '500',
  BREAKER_THRESHOLD: '1000',
  MOVE_CONCURRENCY: '4',
  MOVE_RETRY_BASE_MS: '100',
  MOVE_MAX_ATTEMPTS: '8',
};

const dirs: string[] = [];
const drops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  await buildOnce();
}, 180_000);

afterAll(async () => {
  await killAll();
  await stopSandboxes();
  for (const drop of drops) await drop().catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const backends = processStores('movecrash', dirs, drops);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 during account moves', () => {
  it.each(backends)(
    '%s: every move completes after a restart; one create and one close per move',
    async (name, open) => {
      await run(name, await open());
    },
  );
});

const LIST = `query { accountMoves(first: 100) { nodes { id status sourceUsername targetUsername } } }`;
type Listed = { id: string; status: string; sourceUsername: string; targetUsername: string | null };

async function run(backend: string, store: ProcessStore): Promise<void> {
  const sandboxDir = tempDataDir();
  dirs.push(sandboxDir);
  const sandbox = await startSandbox(sandboxDir, { SANDBOX_LATENCY_MS: '35' });
  let server: ServerProcess = await startServer(sandbox, store, SERVER_ENV);

  const customer = await gql<{ createCustomer: { customer: { id: string } } }>(
    server.url,
    `mutation { createCustomer(input: { firstName: "Kill", lastName: "Nine", email: "kill9-${backend}@example.com" }) { customer { id } } }`,
  );
  const customerId = customer.body.data!.createCustomer.customer.id;
  const sources: Array<{ id: string; username: string }> = [];
  for (let i = 0; i < MOVES; i++) {
    const res = await gql<{ createAccount: { account: { id: string; username: string } | null } }>(
      server.url,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id username } } }`,
      {
        input: {
          provider: 'WLVPN',
          customerId,
          planCode: 'coolvpn_one_month_unlimited',
          idempotencyKey: `k9-src-${i}`,
        },
      },
    );
    sources.push(res.body.data!.createAccount.account!);
  }
  const purewlBefore = new Set(await sandbox.usernames('PUREWL'));

  const asked = await Promise.all(
    sources.map((s, i) =>
      gql<{ moveAccount: { accountMove: { id: string } | null; userErrors: unknown[] } }>(
        server.url,
        `mutation($input: MoveAccountInput!) { moveAccount(input: $input) { accountMove { id } userErrors { code message } } }`,
        { input: { accountId: s.id, toProvider: 'PUREWL', idempotencyKey: `k9-move-${i}` } },
      ),
    ),
  );
  for (const a of asked) expect(a.body.data?.moveAccount.userErrors).toEqual([]);

  // Kill while some moves are done and others are not.
  let atKill = 0;
  const startedAt = Date.now();
  for (;;) {
    const moves = (await gql<{ accountMoves: { nodes: Listed[] } }>(server.url, LIST)).body.data!.accountMoves.nodes;
    atKill = moves.filter((m) => m.status === 'COMPLETED').length;
    if (atKill >= 2 && atKill < MOVES) break;
    if (atKill === MOVES) throw new Error(`${backend}: every move finished before the kill`);
    if (Date.now() - startedAt > 60_000) throw new Error(`${backend}: no progress`);
    await sleep(30);
  }
  server.kill('SIGKILL');
  expect((await server.exited).signal).toBe('SIGKILL');
  await sleep(200);
  server = await startServer(sandbox, store, SERVER_ENV);

  let moves: Listed[] = [];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    moves = (await gql<{ accountMoves: { nodes: Listed[] } }>(server.url, LIST)).body.data!.accountMoves.nodes;
    if (moves.every((m) => ['COMPLETED', 'FAILED', 'NEEDS_ATTENTION'].includes(m.status))) break;
    await sleep(250);
  }
  expect(moves.map((m) => m.status)).toEqual(Array.from({ length: MOVES }, () => 'COMPLETED'));
  // Vendor state: exactly one PureWL account per move, each a move's target; every source closed at WLVPN.
  const created = (await sandbox.usernames('PUREWL')).filter((u) => !purewlBefore.has(u)).sort();
  expect(created).toEqual(moves.map((m) => m.targetUsername!).sort());
  const closed = await Promise.all(
    sources.map(async (s) => {
      const res = await gql<{ accountByUsername: { status: string } | null }>(
        server.url,
        `query($u: String!) { accountByUsername(provider: WLVPN, username: $u) { status } }`,
        { u: s.username },
      );
      return res.body.data?.accountByUsername?.status;
    }),
  );
  expect(closed).toEqual(sources.map(() => 'CLOSED'));
  process.stdout.write(
    `moves-kill9 ${backend}: killed with ${atKill}/${MOVES} completed; all ${MOVES} completed after restart\n`,
  );
  server.kill('SIGTERM');
  await server.exited;
  await sandbox.stop();
}
