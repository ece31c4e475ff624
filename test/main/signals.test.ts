import { jest } from '@jest/globals';
import fs from 'node:fs';
import { buildOnce, gql, killAll, spawnServer, tempDataDir, waitReady, type ServerProcess } from './process.js';

/**
 * Signals on the REAL process (`node dist/src/main/index.js`, PGlite in a temp DATA_DIR). What is checked is the
 * order of events and the exit code, never a duration (a loaded machine makes every step slower; the forced
 * exit is the only clock, and it exits 1, so an exit 0 already says "finished before the grace ran out"):
 * SIGTERM drains (/ready 503, answers close their connections, listener closed, in-flight requests answered),
 * then exits 0; a request in flight finishes with its data; a second signal, or a grace that runs out, exits 1.
 */
// Hang guards only (each test starts a real server; on a loaded machine a start alone can take a minute).
jest.setTimeout(600_000);

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
}, 600_000);

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The server's log messages (LOG_LEVEL=info), in order, among `wanted`. */
const logged = (p: ServerProcess, wanted: RegExp): string[] =>
  p
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg?: string }).msg ?? '')
    .filter((m) => wanted.test(m));

/**
 * Resolves once the server has called the (in-process, slowed) WLVPN emulator since `before` calls: the request
 * is in flight inside the server for sure. Needs LOG_LEVEL=info (the emulator URLs are in the ready line) and
 * SANDBOX_ADMIN=true (its counters); the admin path is not slowed.
 */
async function wlvpnEmulator(p: ServerProcess): Promise<string> {
  for (;;) {
    const ready = p
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; emulators?: Record<string, string> })
      .find((l) => l.msg === 'vpn-graph ready');
    if (ready?.emulators?.WLVPN) return ready.emulators.WLVPN;
    await new Promise((r) => setTimeout(r, 20));
  }
}
async function vendorCalls(p: ServerProcess): Promise<number> {
  const url = await wlvpnEmulator(p);
  return ((await (await fetch(`${url}/__admin/stats`)).json()) as { total: number }).total;
}
/** Every later WLVPN call waits `ms` at the emulator. */
async function slowVendor(p: ServerProcess, ms: number): Promise<void> {
  const res = await fetch(`${await wlvpnEmulator(p)}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'latency', latencyMs: ms }),
  });
  expect(res.status).toBe(201);
}
async function untilAtVendor(p: ServerProcess, before: number): Promise<void> {
  while ((await vendorCalls(p)) === before) await new Promise((r) => setTimeout(r, 20));
}
const OBSERVED = { LOG_LEVEL: 'info', SANDBOX_ADMIN: 'true' };

const DRAIN_STEPS = /^(shutting down|draining|drained|stopped)/;

/** GET /ready until it answers 503 (the drain began) or refuses: the statuses seen, last first. */
async function readyUntilDraining(url: string): Promise<number | 'refused'> {
  for (;;) {
    const status = await fetch(`${url}/ready`).then(
      (r) => r.status,
      () => 'refused' as const,
    );
    if (status !== 200) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SIGTERM / SIGINT on the real process', () => {
  it('idle: SIGTERM drains in order, exits 0 and releases the data directory', async () => {
    const p = await start({ LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '200' });
    p.kill('SIGTERM');
    const exit = await p.exited;
    expect(exit.code).toBe(0);
    expect(logged(p, DRAIN_STEPS)).toEqual([
      'shutting down',
      'draining: /ready answers 503, answers close their connections',
      'draining: listener closed, waiting for requests in flight',
      'drained: every request in flight was answered',
      'stopped',
    ]);
    expect(fs.existsSync(`${dirs.at(-1)}/vpn-graph.lock`)).toBe(false);
  });

  it('SIGINT is handled the same way', async () => {
    const p = await start({ LOG_LEVEL: 'info', SHUTDOWN_DELAY_MS: '0' });
    p.kill('SIGINT');
    expect((await p.exited).code).toBe(0);
    expect(logged(p, DRAIN_STEPS)).toHaveLength(5);
  });

  it('a mutation in flight finishes with its data; during the delay /ready answers 503 and requests are served, then exit 0', async () => {
    // Request drain only: no background job (a scheduled sync at 2 s per vendor call would rightly hold the grace).
    const p = await start({
      ...OBSERVED,
      SHUTDOWN_GRACE_MS: '10000',
      SHUTDOWN_DELAY_MS: '5000',
      WORKER: 'off',
    });
    const id = await firstAccountId(p.url);
    await slowVendor(p, 2_000);
    const mutation = gql<{ disableAccount: { account: { id: string; status: string } | null; userErrors: unknown[] } }>(
      p.url,
      DISABLE,
      { id },
    );
    p.kill('SIGTERM');
    // Whether the mutation had reached the server or was still in its listen queue, the listener stays open
    // through the delay: it is served either way.
    const ready = await readyUntilDraining(p.url);
    const late = await fetch(`${p.url}/health`).then(
      (r) => ({ status: r.status, connection: r.headers.get('connection') }),
      () => 'refused' as const,
    );
    const res = await mutation;
    const exit = await p.exited;
    const after = await fetch(`${p.url}/health`).then(
      (r) => r.status,
      () => 'refused' as const,
    );
    process.stdout.write(
      `signals: in-flight mutation → ${res.status}, /ready while draining → ${ready}, request during the delay → ` +
        `${JSON.stringify(late)}, exit ${exit.code}, after exit → ${after}\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.disableAccount.account?.status).toBe('DISABLED');
    expect(ready).toBe(503);
    expect(late).toEqual({ status: 200, connection: 'close' });
    expect(exit.code).toBe(0);
    expect(after).toBe('refused');
  });

  it('a second signal during the drain exits 1 at once, not at the end of the grace', async () => {
    // A grace no test waits for: an exit 1 can only come from the second signal.
    const p = await start({
      ...OBSERVED,
      SHUTDOWN_GRACE_MS: '600000',
      SHUTDOWN_DELAY_MS: '600000',
    });
    const id = await firstAccountId(p.url);
    await slowVendor(p, 60_000); // the mutation cannot finish before the second signal
    const calls = await vendorCalls(p);
    const mutation = gql(p.url, DISABLE, { id }).then(
      () => 'answered',
      () => 'aborted',
    );
    await untilAtVendor(p, calls);
    p.kill('SIGTERM');
    expect(await readyUntilDraining(p.url)).toBe(503); // the first signal is being handled
    p.kill('SIGTERM');
    const exit = await p.exited;
    expect(await mutation).toBe('aborted'); // it was still waiting on the vendor
    expect(exit.code).toBe(1);
    expect(p.output()).toMatch(/second SIGTERM/);
    expect(p.output()).not.toMatch(/did not finish within/);
  });

  it('past SHUTDOWN_GRACE_MS the process exits 1', async () => {
    const p = await start({ ...OBSERVED, SHUTDOWN_GRACE_MS: '500', SHUTDOWN_DELAY_MS: '0' });
    const id = await firstAccountId(p.url);
    // The vendor takes 60 s a call now: the mutation cannot finish within the 500 ms grace, however slow the machine.
    await slowVendor(p, 60_000);
    const calls = await vendorCalls(p);
    const mutation = gql(p.url, DISABLE, { id }).then(
      () => 'answered',
      () => 'aborted',
    );
    await untilAtVendor(p, calls);
    p.kill('SIGTERM');
    const exit = await p.exited;
    expect(await mutation).toBe('aborted');
    expect(exit.code).toBe(1);
    expect(p.output()).toMatch(/SHUTDOWN_DELAY_MS=0 \+ SHUTDOWN_GRACE_MS=500/);
  });
});
