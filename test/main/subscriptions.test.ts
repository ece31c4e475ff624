import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { createClient, type Client } from 'graphql-ws';
import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  BULK_UPDATED,
  expectStreamToCompletion,
  runBulkElsewhere,
  startBulkDisable,
  watch,
  type BulkState,
} from '../helpers/subscriptions.js';
import { createFor, SECRET, storeCustomer, token } from '../security/scopes/helpers.js';

/**
 * Subscriptions over graphql-ws on /graphql (real server, `graphql-ws` client over `ws`): a bulk operation
 * streams its progress to completion (run by a BulkRunner on the shared store, as another replica's worker
 * would: the database's NOTIFY carries it), a customer token's accountEvents carries its own account's events
 * and never another customer's, a refused credential closes the socket with 4403 and an expired token with
 * 4401, and MAX_SUBSCRIPTIONS_PER_CREDENTIAL is enforced.
 */

const MAX = 2;
let t: TestApp;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp({
    JWT_SECRET: SECRET,
    WORKER: 'off',
    SANDBOX_ACCOUNTS: '8',
    SYNC_INTERVAL_MS: '0',
    MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(MAX),
    WS_KEY_RECHECK_MS: '50',
  });
  wsUrl = t.app.graphqlUrl.replace(/^http/, 'ws');
}, 60_000);
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await t.stop();
});

function connect(connectionParams: Record<string, unknown> = {}): Client {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  clients.push(client);
  return client;
}

/** Waits until the server has `n` subscribers waiting for changes (a subscription is live once it counts). */
async function listening(n: number): Promise<void> {
  while (t.app.live.listeners < n) await new Promise((r) => setTimeout(r, 10));
}

/** A raw socket: the close code and reason after sending connection_init with `payload`. */
function closeAfterInit(
  payload: Record<string, unknown>,
  subscribe = false,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload })));
    ws.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString('utf8')) as { type: string };
      if (msg.type === 'connection_ack' && subscribe) {
        ws.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { accountEvents { id } }' } }),
        );
      }
    });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    ws.on('error', reject);
  });
}

describe('bulkOperationUpdated', () => {
  it('streams a bulk operation from QUEUED through its progress to COMPLETED, then completes', async () => {
    const { id, accountIds } = await startBulkDisable(t, 6);
    expect(accountIds.length).toBeGreaterThanOrEqual(3);

    const sub = watch<{ bulkOperationUpdated: BulkState }>(connect(), BULK_UPDATED, { id });
    await sub.count(1); // its state at once: queued (WORKER=off here: nobody runs it yet)
    expect(sub.values[0]!.bulkOperationUpdated).toMatchObject({ status: 'QUEUED' });

    // Another "replica" runs it on the shared store; only the database's notifications reach the subscriber.
    expect(await runBulkElsewhere(t)).toBe(1);
    await sub.done;

    expect(sub.errors).toEqual([]);
    expectStreamToCompletion(
      sub.values.map((v) => v.bulkOperationUpdated),
      id,
      accountIds.length,
    );
    expect(t.app.live.listeners).toBe(0);
  }, 60_000);

  it('an open socket is not a request in flight: HTTP requests end, and the write-back need not wait', async () => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      ws.on('message', (raw: Buffer) => {
        if ((JSON.parse(raw.toString('utf8')) as { type: string }).type === 'connection_ack') resolve();
      });
      ws.on('error', reject);
    });
    try {
      const res = await t.gql('{ accounts(first: 5, maxAge: 0) { nodes { id } } }');
      expect(res.status).toBe(200);
      // Every HTTP request answered while the socket stays open: none is counted in flight.
      expect(t.app.writeBack.stats.inFlight).toBe(0);
    } finally {
      ws.close();
    }
  });

  it('answers NOT_FOUND for an unknown id and FORBIDDEN for a customer token', async () => {
    const missing = Buffer.from('BulkOperation:STORE:00000000-0000-4000-8000-000000000000').toString('base64url');
    const unknown = watch(connect(), BULK_UPDATED, { id: missing });
    await unknown.done;
    expect(unknown.errors).toEqual([expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })]);

    const customerId = await storeCustomer(t, 'nobody');
    const scoped = watch(
      connect(await token('nobody', { role: 'customer', vg_customers: [customerId] })),
      BULK_UPDATED,
      {
        id: missing,
      },
    );
    await scoped.done;
    expect(scoped.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
  }, 60_000);
});

describe('accountEvents (scoped)', () => {
  it("a customer token receives its own account's events and never another customer's", async () => {
    const parties = [];
    for (const label of ['alice', 'bob']) {
      const customerId = await storeCustomer(t, label);
      const created = await createFor(t, ProviderName.WLVPN, customerId);
      parties.push({
        account: created.account!,
        headers: await token(label, { role: 'customer', vg_customers: [customerId] }),
      });
    }
    const [alice, bob] = parties as [(typeof parties)[0], (typeof parties)[0]];
    const before = t.app.live.listeners;
    const Q = 'subscription { accountEvents { kind accountId actor } }';
    type E = { accountEvents: { kind: string; accountId: string; actor: string } };
    const aliceSub = watch<E>(connect(alice.headers), Q);
    const bobSub = watch<E>(connect(bob.headers), Q);
    await listening(before + 2);

    const SET = `mutation($id: ID!) { disableAccount(input: { accountId: $id }) { account { status } userErrors { code } } }`;
    const ENABLE = `mutation($id: ID!) { enableAccount(input: { accountId: $id }) { account { status } userErrors { code } } }`;
    expect((await t.gql(SET, { id: alice.account.id })).errors).toBeUndefined();
    expect((await t.gql(SET, { id: bob.account.id })).errors).toBeUndefined();
    await bobSub.count(1);
    // Alice reads events in commit order: once her later event arrived, Bob's (committed before it) was seen too.
    expect((await t.gql(ENABLE, { id: alice.account.id })).errors).toBeUndefined();
    await aliceSub.count(2);

    expect(aliceSub.values.map((v) => [v.accountEvents.kind, v.accountEvents.accountId])).toEqual([
      ['STATUS_CHANGED', alice.account.id],
      ['STATUS_CHANGED', alice.account.id],
    ]);
    expect(bobSub.values.map((v) => [v.accountEvents.kind, v.accountEvents.accountId])).toEqual([
      ['STATUS_CHANGED', bob.account.id],
    ]);
    expect(aliceSub.errors).toEqual([]);
    expect(bobSub.errors).toEqual([]);

    // An unscoped caller with a filter gets what matches only.
    const filtered = watch<E>(
      connect(),
      'subscription($a: ID) { accountEvents(filter: { accountId: $a, kinds: [STATUS_CHANGED] }) { accountId } }',
      {
        a: bob.account.id,
      },
    );
    await listening(before + 3);
    expect((await t.gql(SET, { id: alice.account.id })).errors).toBeUndefined();
    expect((await t.gql(ENABLE, { id: bob.account.id })).errors).toBeUndefined();
    await filtered.count(1);
    expect(filtered.values).toEqual([{ accountEvents: { accountId: bob.account.id } }]);
    aliceSub.stop();
    bobSub.stop();
    filtered.stop();
  }, 60_000);
});

describe('authentication and limits', () => {
  it('closes with 4403 and the reason for a refused credential; nothing is served before connection_init', async () => {
    expect(await closeAfterInit({ 'X-Api-Key': 'not-a-key' })).toEqual({ code: 4403, reason: 'Unknown API key.' });
    expect(await closeAfterInit({ Authorization: 'Bearer not.a.jwt' })).toEqual({
      code: 4403,
      reason: 'The bearer token is invalid or expired.',
    });
    // subscribing without connection_init: 4401
    const early = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
      ws.on('open', () =>
        ws.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { accountEvents { id } }' } }),
        ),
      );
      ws.on('close', (code) => resolve(code));
    });
    expect(early).toBe(4401);
  });

  it('closes the socket with 4401 when the bearer token expires', async () => {
    const jwt = await new SignJWT({ role: 'reader' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('short-lived')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode(SECRET));
    expect(await closeAfterInit({ headers: { Authorization: `Bearer ${jwt}` } }, true)).toEqual({
      code: 4401,
      reason: 'The bearer token expired.',
    });
  }, 30_000);

  it('closes an open socket with 4403 once its stored API key is revoked', async () => {
    const created = await t.store.createApiKey(`ws-revoked-${Date.now()}`, 'operator');
    // the earlier tests' sockets are closed on the client's side; wait until the server has dropped their listeners
    while (t.app.live.listeners > 0) await new Promise((r) => setTimeout(r, 10));
    const before = 0;
    const closed = new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { 'X-Api-Key': created.key } })));
      ws.on('message', (raw: Buffer) => {
        const msg = JSON.parse(raw.toString('utf8')) as { type: string };
        if (msg.type === 'connection_ack') {
          ws.send(
            JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { accountEvents { id } }' } }),
          );
        }
      });
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
      ws.on('error', reject);
    });
    await listening(before + 1); // subscribed, with the key still valid
    expect(await t.store.revokeApiKey(created.id)).not.toBeNull();
    expect(await closed).toEqual({ code: 4403, reason: 'The API key was revoked.' });
    while (t.app.live.listeners > before) await new Promise((r) => setTimeout(r, 10));
    // and a revoked key cannot connect again
    expect(await closeAfterInit({ 'X-Api-Key': created.key })).toEqual({ code: 4403, reason: 'Unknown API key.' });
  }, 30_000);

  it(`refuses subscription ${MAX + 1} of one credential (RATE_LIMITED) until one completes`, async () => {
    const customerId = await storeCustomer(t, 'many');
    const headers = await token('many', { role: 'customer', vg_customers: [customerId] });
    const Q = 'subscription { accountEvents { id } }';
    const before = t.app.live.listeners;
    const open = [watch(connect(headers), Q), watch(connect(headers), Q)]; // two sockets, one credential
    await listening(before + MAX);
    const third = watch(connect(headers), Q);
    await third.done;
    expect(third.errors).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED' } })]);
    open[0]!.stop();
    while (t.app.live.listeners > before + MAX - 1) await new Promise((r) => setTimeout(r, 10));
    const fourth = watch(connect(headers), Q);
    await listening(before + MAX);
    expect(fourth.errors).toEqual([]);
    fourth.stop();
    open[1]!.stop();
  }, 60_000);

  it('serves only subscriptions over WebSocket', async () => {
    const q = watch(connect(), '{ __typename }');
    await q.done;
    expect(q.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
  });
});
