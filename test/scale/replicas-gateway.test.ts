import fs from 'node:fs';
import { jest } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { buildOnce, killAll, tempDataDir, type ServerProcess } from '../main/process.js';
import {
  freshSchema,
  startSandbox,
  startServer,
  stopSandboxes,
  type Provider,
  type Sandbox,
} from '../crash/harness.js';
import { buildBillingSchema, type BillingState } from '../federation/billing-subgraph.js';
import { readinessRouter, type ReadinessRouter } from './router.js';

/**
 * Scale-out proof (issue #18), on real processes: two replicas (`node dist/src/main/index.js`, WORKER=inline) on ONE
 * Postgres schema, one `npm run sandbox`, a load balancer in front of the replicas (./router.ts: round-robin over
 * the replicas whose /ready answers 200, keep-alive connections, NO retry of anything) and a real @apollo/gateway
 * (IntrospectAndCompose) composing it with the example billing subgraph. Every query and mutation goes through
 * the gateway.
 */
// Hang guards only: real processes on a machine other work shares.
jest.setTimeout(600_000);

const PG_URL = process.env.TEST_DATABASE_URL;
const KEY = 'scale-operator-key-0123456789abcdef';
const ENV = {
  LOG_LEVEL: 'error',
  ALLOW_ANONYMOUS: 'false',
  API_KEYS: `ops:operator:${KEY}`,
  WORKER: 'inline',
  BULK_LEASE_MS: '2000',
  SHUTDOWN_GRACE_MS: '5000',
  // /ready answers 503 this long before the listener closes: 60 probe intervals of the router below
  SHUTDOWN_DELAY_MS: '3000',
};
const PROBE_MS = 50;
const BULK_ITEMS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer<T> {
  data?: T;
  errors?: Array<{ message: string }>;
}

(PG_URL ? describe : describe.skip)('scale-out: two replicas on one Postgres behind a federation gateway', () => {
  const dirs: string[] = [];
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let sandbox: Sandbox;
  let store: { dataDir: string; databaseUrl: string };
  const replicas: ServerProcess[] = [];
  let proxy: ReadinessRouter;
  let billing: ApolloServer;
  let gateway: ApolloServer;
  let gatewayUrl: string;
  let db: pg.Client;
  let boss: PgBoss;

  const dir = (): string => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };

  async function gw<T>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<T>> {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Answer<T>;
  }

  async function stats(p: Provider): Promise<Record<string, number>> {
    const res = await fetch(`${sandbox.urls[p]}/__admin/stats`);
    return ((await res.json()) as { byRoute: Record<string, number> }).byRoute;
  }
  const countOf = (byRoute: Record<string, number>, fragment: string): number =>
    Object.entries(byRoute)
      .filter(([k]) => k.includes(fragment))
      .reduce((a, [, n]) => a + n, 0);

  beforeAll(async () => {
    await buildOnce();
    schema = await freshSchema(PG_URL as string, 'scale');
    // Every fifth seeded VPNresellers account is disabled (and some have expired): twice as many accounts as
    // the bulk case selects, so that BULK_ITEMS of them are not disabled.
    sandbox = await startSandbox(dir(), { SANDBOX_ACCOUNTS: String(BULK_ITEMS * 2 + 40) });
    store = { dataDir: dir(), databaseUrl: schema.url };
    // one after the other: the first applies the migrations
    replicas.push(await startServer(sandbox, store, ENV));
    replicas.push(await startServer(sandbox, store, ENV));
    proxy = await readinessRouter(
      replicas.map((r) => r.url),
      { probeMs: PROBE_MS },
    );

    const billingState: BillingState = { accountIds: [], entityBatches: [] };
    billing = new ApolloServer({ schema: buildBillingSchema(billingState) });
    const { url: billingUrl } = await startStandaloneServer(billing, { listen: { port: 0, host: '127.0.0.1' } });
    const supergraph = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'vpn-graph', url: proxy.url },
          { name: 'billing', url: billingUrl },
        ],
        introspectionHeaders: { 'x-api-key': KEY },
      }),
      buildService({ url }) {
        return new RemoteGraphQLDataSource({
          url,
          // Node's fetch (undici) retires an idle keep-alive socket before the server's announced `Keep-Alive:
          // timeout` runs out; the default fetcher (make-fetch-happen) does not, and now and then reuses a socket
          // the billing server (Node's 5 s default) is closing just then: ECONNRESET, nothing to do with replicas.
          fetcher: fetch,
          willSendRequest({ request, context }) {
            // the caller's key, forwarded (the gateway's context, set below)
            const apiKey = (context as { apiKey?: string }).apiKey;
            if (apiKey) request.http?.headers.set('x-api-key', apiKey);
          },
        });
      },
    });
    gateway = new ApolloServer({ gateway: supergraph });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => {
        const key = req.headers['x-api-key'];
        return { apiKey: typeof key === 'string' ? key : undefined };
      },
    }));

    db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    boss = new PgBoss({
      connectionString: PG_URL,
      schema: `${schema.name}_pgboss`,
      supervise: false,
      schedule: false,
      migrate: false,
      max: 1,
    });
    await boss.start();
  }, 600_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await db?.end().catch(() => undefined);
    await gateway?.stop().catch(() => undefined);
    await billing?.stop().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    await killAll();
    await stopSandboxes();
    await schema?.drop().catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('one idempotency key raced across both replicas through the gateway makes ONE account at the vendor', async () => {
    const p: Provider = 'VPNRESELLERS';
    const before = new Set(await sandbox.usernames(p));
    const writesBefore = countOf(await stats(p), 'POST /v4_1/accounts');
    // the vendor is slow, so the racers overlap the one write in flight
    await sandbox.fault(p, { kind: 'latency', latencyMs: 400, route: 'POST /v4_1/accounts' });
    const key = `scale-race-${Date.now().toString(36)}`;
    const CREATE = `mutation($input: CreateAccountInput!) {
      createAccount(input: $input) { account { id username } replayed userErrors { code message } } }`;
    type Created = {
      createAccount: { account: { id: string; username: string } | null; replayed: boolean; userErrors: unknown[] };
    };
    // 20 at once; the proxy alternates them between the replicas
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => gw<Created>(CREATE, { input: { provider: p, idempotencyKey: key } })),
    );
    await sandbox.clearFaults();
    const ids = new Set(answers.map((a) => a.data?.createAccount.account?.id ?? `error:${JSON.stringify(a)}`));
    const replayed = answers.filter((a) => a.data?.createAccount.replayed).length;
    const gained = (await sandbox.usernames(p)).filter((u) => !before.has(u));
    const writes = countOf(await stats(p), 'POST /v4_1/accounts') - writesBefore;
    process.stdout.write(
      `[scale 1] race: 20 createAccount, one key, through gateway → proxy → 2 replicas: ${ids.size} account id, ` +
        `${replayed} replayed, vendor accounts +${gained.length}, vendor create calls ${writes}\n`,
    );
    expect([...ids].filter((id) => id.startsWith('error:'))).toEqual([]);
    expect(ids.size).toBe(1);
    expect(replayed).toBe(19);
    expect(gained).toHaveLength(1);
    expect(writes).toBe(1);
  });

  it('a schedule tick handled by both replicas runs ONE sync per provider (one pass over the WLVPN list)', async () => {
    // The tick as pg-boss would fire it, sent twice (as if each replica fired it); both workers poll the queue.
    // (The real cron may also fire meanwhile: the runs it would start are the same ones; the count holds.)
    await Promise.all([boss.send('sync-schedule', {}), boss.send('sync-schedule', {})]);
    type Runs = {
      syncRuns: { nodes: Array<{ provider: string; mode: string; status: string; seen: number; vendorCalls: number }> };
    };
    const RUNS = '{ syncRuns(first: 50) { nodes { provider mode status seen vendorCalls } } }';
    const deadline = Date.now() + 60_000;
    let runs: Runs['syncRuns']['nodes'] = [];
    for (;;) {
      const res = await gw<Runs>(RUNS);
      expect(res.errors).toBeUndefined();
      runs = res.data!.syncRuns.nodes;
      const queued =
        (await boss.getQueueSize('sync-schedule', { before: 'completed' })) +
        (await boss.getQueueSize('sync-provider', { before: 'completed' }));
      if (queued === 0 && new Set(runs.map((r) => r.provider)).size === 4 && runs.every((r) => r.status !== 'RUNNING'))
        break;
      if (Date.now() > deadline) throw new Error(`sync did not finish: ${JSON.stringify(runs)}`);
      await sleep(300);
    }
    await sleep(1_000); // a duplicate job picked up late would show now
    runs = (await gw<Runs>(RUNS)).data!.syncRuns.nodes;
    const perProvider = Object.fromEntries(
      ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN'].map((p) => [p, runs.filter((r) => r.provider === p).length]),
    );
    const wlvpn = runs.find((r) => r.provider === 'WLVPN');
    const listCalls = countOf(await stats('WLVPN'), 'GET /v2/customers/paged');
    process.stdout.write(
      `[scale 2] sync tick ×2 on 2 replicas: runs per provider ${JSON.stringify(perProvider)}; ` +
        `WLVPN ${wlvpn?.mode} run saw ${wlvpn?.seen} accounts in ${wlvpn?.vendorCalls} list page call(s), ` +
        `list calls at the emulator ${listCalls}\n`,
    );
    expect(perProvider).toEqual({ PUREWL: 1, VPNRESELLERS: 1, WLVPN: 1, PUREVPN: 1 });
    expect(runs.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect(wlvpn?.mode).toBe('FULL');
    // one pass over the list: the emulator counted exactly the pages of the one run (the run's other calls are
    // its detail reads of what the list cannot see, one account each)
    expect(listCalls).toBe(Math.floor(wlvpn!.seen / 1000) + 1);
    expect(wlvpn!.vendorCalls).toBeGreaterThanOrEqual(listCalls);
  });
  async function accountIds(provider: Provider, n: number): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    type Page = {
      accounts: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    while (out.length < n) {
      const res: Answer<Page> = await gw<Page>(
        // Not DISABLED: an account already disabled needs no write, so "200 items, 200 writes" would not hold
        // for it (a claimed item of the dead runner is settled from a read of the account, without a write).
        `query($p: [Provider!], $after: String) { accounts(first: 100, after: $after,
          filter: { providers: $p, statuses: [ACTIVE, EXPIRED] }) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
        { p: [provider], after },
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      out.push(...res.data.accounts.nodes.map((x) => x.id));
      if (!res.data.accounts.pageInfo.hasNextPage) break;
      after = res.data.accounts.pageInfo.endCursor;
    }
    return out.slice(0, n);
  }

  it('a replica killed -9 in the middle of a bulk DISABLE: the other finishes it, no item written twice', async () => {
    const p: Provider = 'VPNRESELLERS';
    const selection = await accountIds(p, BULK_ITEMS);
    expect(selection).toHaveLength(BULK_ITEMS);
    const writesBefore = countOf(await stats(p), 'disable');
    // Writes land at the vendor, their answers come 100 ms later: a kill leaves claimed items whose write landed.
    await sandbox.fault(p, { kind: 'latency', latencyMs: 100, phase: 'after', route: 'disable' });
    type Started = { startBulkAccountOperation: { bulkOperation: { id: string } | null; userErrors: unknown[] } };
    const started = await gw<Started>(
      `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
        bulkOperation { id status total } userErrors { code message } } }`,
      { input: { accountIds: selection, action: 'DISABLE', idempotencyKey: `scale-bulk-${Date.now()}` } },
    );
    expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const opGid = started.data!.startBulkAccountOperation.bulkOperation!.id;
    const opId = Buffer.from(opGid, 'base64url').toString('utf8').split(':').pop()!;

    // Wait until a runner holds it and a fifth of the items are done; then kill -9 the replica that runs it.
    let owner = '';
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await db.query<{ owner: string | null; done: number }>(
        `SELECT o.lease_owner AS owner, (SELECT count(*)::int FROM bulk_items i WHERE i.operation_id = o.id
           AND i.status = 'SUCCEEDED') AS done FROM bulk_operations o WHERE o.id = $1`,
        [opId],
      );
      if (rows[0]?.owner && rows[0].done >= BULK_ITEMS / 5) {
        owner = rows[0].owner;
        break;
      }
      if (Date.now() > deadline) throw new Error(`bulk did not start: ${JSON.stringify(rows)}`);
      await sleep(50);
    }
    const pid = Number(owner.split(':')[1]);
    const victim = replicas.find((r) => r.child.pid === pid);
    expect(victim).toBeDefined();
    victim!.kill('SIGKILL');
    await victim!.exited;
    const survivor = replicas.find((r) => r !== victim)!;
    const [atKill] = (
      await db.query<{ done: number; claimed: number }>(
        `SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS done, count(*) FILTER (WHERE status = 'CLAIMED')::int AS claimed
           FROM bulk_items WHERE operation_id = $1`,
        [opId],
      )
    ).rows;
    proxy.remove(victim!.url);

    // The survivor's worker takes the operation over once the lease (BULK_LEASE_MS) has run out: its
    // bulk-operations cron would do it within the minute; the test sends that job now instead of waiting.
    await sleep(2_200);
    await boss.send('bulk-operations', {});
    type Op = { bulkOperation: { status: string; total: number; succeeded: number; failed: number; skipped: number } };
    let state: Op['bulkOperation'] | undefined;
    let gatewayErrors = 0;
    let polls = 0;
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const res = await gw<Op>('query($id: ID!) { bulkOperation(id: $id) { status total succeeded failed skipped } }', {
        id: opGid,
      });
      polls++;
      if (res.errors || !res.data) gatewayErrors++;
      state = res.data?.bulkOperation;
      if (state && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(state.status)) break;
      await sleep(250);
    }
    await sandbox.clearFaults();
    const writes = countOf(await stats(p), 'disable') - writesBefore;
    const { rows: history } = await db.query<{ n: number; accounts: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT native_id)::int AS accounts FROM account_events
        WHERE kind = 'STATUS_CHANGED' AND actor LIKE 'bulk:%'`,
    );
    const [{ owner: finalOwner } = { owner: null }] = (
      await db.query<{ owner: string | null }>('SELECT lease_owner AS owner FROM bulk_operations WHERE id = $1', [opId])
    ).rows;
    process.stdout.write(
      `[scale 3] bulk DISABLE ${BULK_ITEMS}: replica pid ${pid} killed -9 at ${atKill?.done} done / ${atKill?.claimed} claimed; ` +
        `pid ${survivor.child.pid} finished it: ${JSON.stringify(state)}; vendor disable writes ${writes}; ` +
        `history rows ${history[0]?.n} for ${history[0]?.accounts} accounts; gateway polls ${polls}, errors ${gatewayErrors}\n`,
    );
    // Back to two replicas for the next test (before the checks, so a failure here does not cascade).
    const fresh = await startServer(sandbox, store, ENV);
    replicas.splice(replicas.indexOf(victim!), 1, fresh);
    await proxy.add(fresh.url);

    expect(state).toMatchObject({ status: 'COMPLETED', total: BULK_ITEMS, succeeded: BULK_ITEMS, failed: 0 });
    expect(writes).toBe(BULK_ITEMS); // every item written once: 200 succeeded items, 200 writes
    // No account has two history rows. (Items the dead runner had CLAIMED, whose write had landed, are settled
    // by the survivor from a read of the account, without a history row: at most `claimed` rows are missing.)
    expect(history[0]!.n).toBe(history[0]!.accounts);
    expect(history[0]!.n).toBeGreaterThanOrEqual(BULK_ITEMS - (atKill?.claimed ?? 0));
    expect(gatewayErrors).toBe(0);
    expect(finalOwner).toBeNull();
  });

  it('a rolling restart (SIGTERM one replica, start it again, then the other) under query load fails 0 queries, with no retry anywhere', async () => {
    const QUERY =
      '{ accounts(first: 5, filter: { providers: [WLVPN] }) { nodes { id username invoices { amountCents } } } }';
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    const countsBefore = { ...proxy.counts };
    const worker = async () => {
      while (!stop) {
        try {
          const res = await gw<{ accounts: { nodes: unknown[] } }>(QUERY);
          if (res.errors || res.data?.accounts.nodes.length !== 5) failures.push(JSON.stringify(res.errors ?? res));
          else ok++;
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    // Until `n` more queries were answered (a count, not a duration: a loaded machine just takes longer).
    const answered = async (n: number): Promise<void> => {
      const target = ok + n;
      while (ok < target && failures.length === 0) await sleep(20);
    };
    const load = Array.from({ length: 20 }, () => worker());
    await answered(40);
    const exits: Array<{ code: number | null; okDuringStop: number; probes: string }> = [];
    for (let i = 0; i < replicas.length; i++) {
      const old = replicas[i]!;
      const okAtSignal = ok;
      old.kill('SIGTERM');
      const exit = await old.exited;
      // What the load balancer saw of the old replica, in order: ready, then draining (503), then gone (0).
      const seen = proxy.probes(old.url);
      const squeezed = seen.filter((s, j) => j === 0 || s !== seen[j - 1]);
      exits.push({ code: exit.code, okDuringStop: ok - okAtSignal, probes: squeezed.join('>') });
      proxy.remove(old.url);
      // The replacement takes traffic once its /ready says so (a rolling update waits for that before the next).
      const fresh = await startServer(sandbox, store, ENV);
      await proxy.add(fresh.url);
      while (!proxy.inRotation().includes(fresh.url)) await sleep(PROBE_MS);
      replicas[i] = fresh;
      await answered(40);
    }
    stop = true;
    await Promise.all(load);
    const counts = Object.fromEntries(
      Object.entries(proxy.counts).map(([k, v]) => [k, v - countsBefore[k as keyof typeof countsBefore]]),
    );
    process.stdout.write(
      `[scale 4] rolling restart under 20 concurrent gateway queries, no retry: ok ${ok}, failed ${failures.length}` +
        `${failures.length ? ` (${[...new Set(failures)].slice(0, 3).join(' | ')})` : ''}; ` +
        `load balancer ${JSON.stringify(counts)}${proxy.failures.length ? ` ${proxy.failures.slice(0, 5).join(' | ')}` : ''}; ` +
        `exits ${JSON.stringify(exits)}\n`,
    );
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    // Each replica was seen draining (/ready 503) before it stopped accepting: ready, draining, gone, in that order.
    for (const e of exits) expect(e.probes).toMatch(/200>503(>0)?$/);
    expect(failures).toEqual([]);
    // Nothing failed at the load balancer either, not even a refused connect it could have retried.
    expect(counts).toMatchObject({ refused: 0, reset: 0, status5xx: 0 });
    expect(ok).toBeGreaterThanOrEqual(120);
  });
});
