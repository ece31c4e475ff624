import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  BULK_UPDATED,
  expectStreamToCompletion,
  runBulkElsewhere,
  startBulkDisable,
  watch,
  type BulkState,
} from '../helpers/subscriptions.js';
import { SECRET, storeCustomer, token } from '../security/scopes/helpers.js';
import { buildBillingSchema } from './billing-subgraph.js';
import { composeSupergraph, startRouter, type Router, type RouterName } from './routers.js';

/**
 * Subscriptions through Hive Gateway (JS and Rust query planners): a client speaks graphql-ws to the gateway,
 * which subscribes to vpn-graph over graphql-ws (@graphql-mesh/transport-ws) with the client's credential. A
 * bulk operation run by another replica streams its progress to COMPLETED through the gateway, and a customer
 * token is scoped by the subgraph exactly as when it connects directly. (@apollo/gateway has no subscriptions.)
 */

const HIVE: RouterName[] = ['hive-js', 'hive-rust'];

let vpn: TestApp;
let billing: ApolloServer;
let supergraph: string;

beforeAll(async () => {
  vpn = await startTestApp({ JWT_SECRET: SECRET, WORKER: 'off', SANDBOX_ACCOUNTS: '30', SYNC_INTERVAL_MS: '0' });
  billing = new ApolloServer({ schema: buildBillingSchema({ accountIds: [], entityBatches: [] }) });
  const { url: billingUrl } = await startStandaloneServer(billing, { listen: { port: 0, host: '127.0.0.1' } });
  supergraph = await composeSupergraph({ vpnGraphUrl: vpn.app.graphqlUrl, billingUrl });
}, 60_000);

afterAll(async () => {
  await billing?.stop();
  await vpn?.stop();
});

describe.each(HIVE)('%s', (name) => {
  let router: Router;
  const clients: Client[] = [];

  beforeAll(async () => {
    router = await startRouter(name, supergraph, { subscriptions: true });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await router?.stop();
  });

  function connect(connectionParams: Record<string, unknown> = {}): Client {
    const client = createClient({ url: router.wsUrl!, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(client);
    return client;
  }

  it('streams a bulk operation from QUEUED to COMPLETED through the gateway, then completes', async () => {
    const { id, accountIds } = await startBulkDisable(vpn, 4);
    expect(accountIds).toHaveLength(4);
    for (const k of Object.keys(router.fetchesTo)) delete router.fetchesTo[k];
    const listenersBefore = vpn.app.live.listeners;

    const sub = watch<{ bulkOperationUpdated: BulkState }>(connect(), BULK_UPDATED, { id });
    await sub.count(1); // queued: nobody runs it yet (WORKER=off)
    expect(sub.errors).toEqual([]);
    expect(vpn.app.live.listeners).toBe(listenersBefore + 1); // the gateway's subscription, on the subgraph

    expect(await runBulkElsewhere(vpn)).toBe(1);
    await sub.done;

    expect(sub.errors).toEqual([]);
    expectStreamToCompletion(
      sub.values.map((v) => v.bulkOperationUpdated),
      id,
      accountIds.length,
    );
    // one subscription to vpn-graph carried the whole stream; the subgraph released it on completion
    expect(router.fetchesTo).toEqual({ 'vpn-graph': 1 });
    while (vpn.app.live.listeners > listenersBefore) await new Promise((r) => setTimeout(r, 10));
  }, 60_000);

  it("forwards the client's credential: a customer token is refused a bulk operation, as directly", async () => {
    const { id } = await startBulkDisable(vpn, 1);
    const customerId = await storeCustomer(vpn, `gw-${name}`);
    const headers = await token(`gw-${name}`, { role: 'customer', vg_customers: [customerId] });

    const scoped = watch(connect(headers), BULK_UPDATED, { id });
    await scoped.done;
    expect(scoped.values).toEqual([]);
    // The subgraph's FORBIDDEN reaches the client through the JS planner. The Rust planner hands the gateway the
    // subgraph's errors as plain objects, which Hive's error masking (on by default) replaces with "Unexpected
    // error." (INTERNAL_SERVER_ERROR); with `maskedErrors: false` it carries FORBIDDEN too.
    const code = name === 'hive-rust' ? 'INTERNAL_SERVER_ERROR' : 'FORBIDDEN';
    expect(scoped.errors.map((e) => (e as { extensions?: { code?: string } }).extensions?.code)).toEqual([code]);

    // and the same operation, with no credential, is served (this test app accepts unauthenticated callers)
    const open = watch<{ bulkOperationUpdated: BulkState }>(connect(), BULK_UPDATED, { id });
    await open.count(1);
    expect(open.values[0]!.bulkOperationUpdated).toMatchObject({ id, status: 'QUEUED' });
    expect(await runBulkElsewhere(vpn)).toBe(1); // (leaves no queued operation to the next router's tests)
    await open.done;
    expect(open.values.at(-1)!.bulkOperationUpdated).toMatchObject({ id, status: 'COMPLETED', succeeded: 1 });
  }, 60_000);
});
