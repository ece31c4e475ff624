import fs from 'node:fs';
import { jest } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { roundRobin, type RoundRobin } from '../../bench/procs.js';
import { buildOnce, killAll, tempDataDir, type ServerProcess } from '../app/process.js';
import {
  freshSchema,
  startSandbox,
  startServer,
  stopSandboxes,
  type Provider,
  type Sandbox,
} from '../crash/harness.js';
import { buildBillingSchema, type BillingState } from '../federation/billing-subgraph.js';

/**
 * Scale-out proof (issue #18), on real processes: two replicas (`node dist/src/index.js`, WORKER=inline) on ONE
 * Postgres schema, one `npm run sandbox`, a round-robin proxy in front of the replicas (failover on: a refused
 * connection or a 503 is sent once more, to the other replica) and a real @apollo/gateway (IntrospectAndCompose)
 * composing that proxy with the example billing subgraph. Every query and mutation goes through the gateway.
 */
jest.setTimeout(120_000);

const PG_URL = process.env.TEST_DATABASE_URL;
const KEY = 'scale-operator-key-0123456789abcdef';
const ENV = {
  LOG_LEVEL: 'error',
  ALLOW_ANONYMOUS: 'false',
  API_KEYS: `ops:operator:${KEY}`,
  WORKER: 'inline',
  BULK_LEASE_MS: '2000',
  SHUTDOWN_GRACE_MS: '5000',
};
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
  let proxy: RoundRobin;
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
    sandbox = await startSandbox(dir(), { SANDBOX_ACCOUNTS: String(BULK_ITEMS) });
    store = { dataDir: dir(), databaseUrl: schema.url };
    // one after the other: the first applies the migrations
    replicas.push(await startServer(sandbox, store, ENV));
    replicas.push(await startServer(sandbox, store, ENV));
    proxy = await roundRobin(
      replicas.map((r) => r.url),
      { failover: true },
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
  }, 240_000);

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
    // one pass over the list: the emulator counted exactly the pages of the one run
    expect(listCalls).toBe(wlvpn?.vendorCalls);
  });
});
