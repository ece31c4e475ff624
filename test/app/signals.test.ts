import { jest } from '@jest/globals';
import fs from 'node:fs';
import { buildOnce, gql, killAll, spawnServer, tempDataDir, waitReady, type ServerProcess } from './process.js';

/**
 * Signals on the REAL process (`node dist/src/index.js`, PGlite in a temp DATA_DIR): SIGTERM stops an idle
 * server at once with exit 0; a request in flight finishes with its data before exit 0; a second signal
 * during the grace period, or a grace period that runs out, exits non-zero.
 */
jest.setTimeout(120_000);

const dirs: string[] = [];
const start = async (env: Record<string, string> = {}): Promise<ServerProcess> => {
  const dir = tempDataDir();
  dirs.push(dir);
  const p = await spawnServer({ DATA_DIR: dir, ...env });
  await waitReady(p);
  return p;
};

const firstAccountId = async (url: string): Promise<string> => {
  const res = await gql<{ accounts: { edges: Array<{ node: { id: string } }> } }>(
    url,
    '{ accounts(first: 1, filter: { providers: [WLVPN] }) { edges { node { id } } } }',
  );
  const id = res.body.data?.accounts.edges[0]?.node.id;
  if (!id) throw new Error(`no seeded account: ${JSON.stringify(res.body)}`);
  return id;
};

const DISABLE =
  'mutation($id: ID!) { disableAccount(input: { accountId: $id }) { account { id status } userErrors { code } } }';

beforeAll(async () => {
  await buildOnce();
}, 120_000);

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('SIGTERM / SIGINT on the real process', () => {
  it('idle: SIGTERM exits 0 within 1 s and releases the data directory', async () => {
    const p = await start();
    const sent = Date.now();
    p.kill('SIGTERM');
    const exit = await p.exited;
    process.stdout.write(`signals: idle SIGTERM → exit ${exit.code} in ${exit.at - sent} ms\n`);
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(1_000);
    expect(fs.existsSync(`${dirs.at(-1)}/vpn-graph.lock`)).toBe(false);
  });

  it('SIGINT is handled the same way', async () => {
    const p = await start();
    p.kill('SIGINT');
    expect((await p.exited).code).toBe(0);
  });

  it('a mutation in flight finishes with its data, new requests are refused, then exit 0 within the grace', async () => {
    // Request drain only: no background job (a scheduled sync at 2 s per vendor call would rightly hold the grace).
    const p = await start({ SANDBOX_LATENCY_MS: '2000', SHUTDOWN_GRACE_MS: '10000', WORKER: 'off' });
    const id = await firstAccountId(p.url);
    const mutation = gql<{ disableAccount: { account: { id: string; status: string } | null; userErrors: unknown[] } }>(
      p.url,
      DISABLE,
      { id },
    );
    await new Promise((r) => setTimeout(r, 500)); // the mutation is waiting on the slow emulator
    const sent = Date.now();
    p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const late = await fetch(`${p.url}/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    const res = await mutation;
    const exit = await p.exited;
    process.stdout.write(
      `signals: in-flight mutation → ${res.status}, late request → ${late}, exit ${exit.code} ${exit.at - sent} ms after SIGTERM\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.disableAccount.account?.status).toBe('DISABLED');
    expect(late === 'refused' || late === 503).toBe(true);
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(10_000);
  });

  it('a second signal during the grace period exits non-zero at once', async () => {
    const p = await start({ SANDBOX_LATENCY_MS: '2000' });
    const id = await firstAccountId(p.url);
    const mutation = gql(p.url, DISABLE, { id }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 300));
    p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const second = Date.now();
    p.kill('SIGTERM');
    const exit = await p.exited;
    await mutation;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.at - second).toBeLessThan(1_000);
    expect(p.output()).toMatch(/second SIGTERM/);
  });

  it('past SHUTDOWN_GRACE_MS the process exits non-zero', async () => {
    const p = await start({ SANDBOX_LATENCY_MS: '2000', SHUTDOWN_GRACE_MS: '500' });
    const id = await firstAccountId(p.url);
    const mutation = gql(p.url, DISABLE, { id }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    p.kill('SIGTERM');
    const exit = await p.exited;
    await mutation;
    expect(exit.code).toBe(1);
    expect(exit.at - sent).toBeGreaterThanOrEqual(450);
    expect(exit.at - sent).toBeLessThan(1_500);
    expect(p.output()).toMatch(/SHUTDOWN_GRACE_MS=500/);
  });
});
