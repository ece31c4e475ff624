import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { storeBackends } from '../../helpers/backends.js';
import { openStore, type Store } from '../../../src/core/store/store.js';
import { MIGRATIONS } from '../../../src/core/db/migrations.js';
import { ProviderName } from '../../../src/providers/modules.js';
import type { BeginInput, BeginResult } from '../../../src/core/store/intent-rows.js';

describe.each(storeBackends)('store on %s', (_name, open) => {
  let store: Store;
  let url: string | undefined;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, url, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('registers, lists and links accounts (the directory for vendors without a list call)', async () => {
    await store.importAccounts(
      ProviderName.PUREVPN,
      Array.from({ length: 30 }, (_, i) => ({ nativeId: `u${i}`, username: `u${String(i).padStart(2, '0')}` })),
    );
    await store.importAccounts(ProviderName.PUREVPN, [{ nativeId: 'u0', username: 'u00' }]); // duplicates ignored
    await store.registerAccount({
      provider: ProviderName.PUREVPN,
      nativeId: 'x1',
      username: 'xavier',
      customerId: 'cust-a',
    });
    const page = await store.list(ProviderName.PUREVPN, { offset: 10, limit: 5 });
    expect(page.total).toBe(31);
    expect(page.usernames).toHaveLength(5);
    expect((await store.list(ProviderName.PUREVPN, { offset: 0, limit: 100, usernamePrefix: 'u1' })).total).toBe(10);
    expect((await store.list(ProviderName.PUREVPN, { offset: 0, limit: 100, usernamePrefix: '%' })).total).toBe(0);
    expect(await store.customerOf(ProviderName.PUREVPN, ['xavier', 'u01', 'nobody'])).toEqual(['cust-a', null, null]);
    await store.linkCustomer(ProviderName.PUREVPN, 'u1', 'cust-b');
    expect(await store.customerLinks(ProviderName.PUREVPN, ['u1', 'x1', 'zz'])).toEqual(['cust-b', 'cust-a', null]);
    await store.unregisterAccount(ProviderName.PUREVPN, 'x1');
    expect(await store.findAccount(ProviderName.PUREVPN, { username: 'xavier' })).toBeNull();
  });

  it('keeps customers and refuses to delete one with accounts', async () => {
    const c = await store.createCustomer({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: `grace-${Date.now()}@example.com`,
    });
    expect(c.provider).toBeNull();
    expect(await store.getCustomers([c.nativeId, '00000000-0000-0000-0000-000000000000', 'garbage'])).toEqual([
      c,
      null,
      null,
    ]);
    await expect(
      store.createCustomer({ firstName: 'G', lastName: 'H', email: c.email as string }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const updated = await store.updateCustomer(c.nativeId, { lastName: 'Murray Hopper' });
    expect(updated.lastName).toBe('Murray Hopper');
    await store.registerAccount({
      provider: ProviderName.WLVPN,
      nativeId: '77',
      username: 'gh',
      customerId: c.nativeId,
    });
    expect(await store.accountsOfCustomer(c.nativeId)).toEqual([
      { provider: ProviderName.WLVPN, nativeId: '77', username: 'gh' },
    ]);
    await expect(store.deleteCustomer(c.nativeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.unregisterAccount(ProviderName.WLVPN, '77');
    await store.deleteCustomer(c.nativeId);
    expect(await store.getCustomers([c.nativeId])).toEqual([null]);
  });

  const begin = (
    key: string | null,
    hash = 'h1',
    owner = 'owner-a',
    leaseMs = 15_000,
    extra: Partial<BeginInput> = {},
  ) =>
    store.intents.begin({
      key,
      operation: 'createAccount',
      provider: ProviderName.WLVPN,
      inputHash: hash,
      username: 'u-intent',
      owner,
      leaseMs,
      ...extra,
    });

  it('claims a key and records its intent atomically: 50 concurrent claims → one owner, 49 busy', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => begin('k-atomic', 'h1', `owner-${i}`)));
    const claimed = results.filter((r) => r.kind === 'claimed');
    expect(claimed).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(49);
    expect((await begin('k-atomic', 'h2')).kind).toBe('mismatch');
    const intent = (claimed[0] as Extract<BeginResult, { kind: 'claimed' }>).intent;
    expect(intent).toMatchObject({ state: 'pending', attempt: 1, username: 'u-intent', key: 'k-atomic' });
    // not the lease holder: its unknown or failure decides nothing…
    expect(await store.intents.finish(intent.id, 'someone-else', { state: 'unknown' })).toBe(false);
    expect(await store.intents.finish(intent.id, 'someone-else', { state: 'failed', retryAllowed: true })).toBe(false);
    expect(
      await store.intents.finish(intent.id, intent.leaseOwner, {
        state: 'succeeded',
        response: { accountId: 'A1', userErrors: [] },
        resultAccountId: 'A1',
      }),
    ).toBe(true);
    // …and once succeeded, nobody moves it again (a settler that lost its lease, the vendor's answer or not)
    expect(await store.intents.finish(intent.id, intent.leaseOwner, { state: 'unknown' })).toBe(false);
    expect(await store.intents.finish(intent.id, 'someone-else', { state: 'succeeded', resultAccountId: 'A2' })).toBe(
      false,
    );
    const replay = await begin('k-atomic');
    expect(replay.kind).toBe('replay');
    expect((replay as Extract<BeginResult, { kind: 'replay' }>).intent.response).toEqual({
      accountId: 'A1',
      userErrors: [],
    });
  });

  it('takes over an intent whose lease expired (attempt + 1, same username), reruns a failure that may run again, refuses passwords', async () => {
    const first = await begin('k-lease', 'h', 'dead-owner', 1);
    expect(first.kind).toBe('claimed');
    await new Promise((r) => setTimeout(r, 20));
    const taken = await begin('k-lease', 'h', 'new-owner', 15_000, { username: 'another-name' });
    expect(taken).toMatchObject({
      kind: 'claimed',
      takeover: true,
      intent: { attempt: 2, username: 'u-intent', leaseOwner: 'new-owner' },
    });
    const id = (taken as Extract<BeginResult, { kind: 'claimed' }>).intent.id;
    expect(await store.intents.heartbeat(id, 'dead-owner', 15_000)).toBe(false);
    expect(await store.intents.heartbeat(id, 'new-owner', 15_000)).toBe(true);
    await store.intents.finish(id, 'new-owner', { state: 'failed', retryAllowed: true, errorCode: 'RATE_LIMITED' });
    expect(await begin('k-lease', 'h', 'third')).toMatchObject({
      kind: 'claimed',
      takeover: false,
      intent: { attempt: 3 },
    });
    await expect(
      store.intents.finish(id, null, { state: 'succeeded', response: { password: 'hunter2hunter2' } }),
    ).rejects.toThrow(/password/);
    await store.intents.finish(id, null, { state: 'unknown', errorCode: 'OUTCOME_UNKNOWN' });
    const unresolved = await store.intents.listUnresolved({ first: 10 });
    expect(unresolved.items.map((i) => i.id)).toContain(id);
    // the reconciler leases it (SKIP LOCKED); a second pass finds nothing to take
    const leased = await store.intents.leaseForReconcile('reconciler', 15_000, 100);
    expect(leased.map((i) => i.id)).toContain(id);
    expect((await store.intents.leaseForReconcile('reconciler-2', 15_000, 100)).map((i) => i.id)).not.toContain(id);
    expect(await store.intents.takeCredentialDelivery(id)).toBe(true);
    expect(await store.intents.takeCredentialDelivery(id)).toBe(false);
  });

  it('pages unresolved intents made within one millisecond: each exactly once', async () => {
    // A cursor holding a JS Date lost the microseconds of created_at and answered the page's last intent again.
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await begin(`k-page-${i}`, 'h', 'owner-page');
      if (r.kind !== 'claimed') throw new Error(r.kind);
      await store.intents.finish(r.intent.id, 'owner-page', { state: 'unknown', errorCode: 'OUTCOME_UNKNOWN' });
      ids.push(r.intent.id);
    }
    await store.db.query(
      "UPDATE write_intents SET created_at = date_trunc('milliseconds', created_at) + (random() * interval '900 microseconds') WHERE id = ANY($1::uuid[])",
      [ids],
    );
    const all = await store.intents.listUnresolved({ first: 1000 });
    const seen: string[] = [];
    let afterId: string | null = null;
    for (let page = 0; page < 100; page++) {
      const got: Awaited<ReturnType<typeof store.intents.listUnresolved>> = await store.intents.listUnresolved({
        first: 2,
        afterId,
      });
      seen.push(...got.items.map((i) => i.id));
      if (!got.hasNextPage) break;
      afterId = got.items.at(-1)!.id;
    }
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('journals without secrets', async () => {
    await store.journal({
      actor: 'key:ops',
      operation: 'CREATE',
      provider: 'WLVPN',
      target: 'alice',
      input: {
        username: 'alice',
        password: 'Secr3tPassw0rd!',
        nested: { apiKey: 'k-123456', note: 'token=abcdef123456' },
      },
      outcome: 'ok',
      errorCode: null,
      requestId: 'req-1',
    });
    const [entry] = await store.listJournal({ limit: 1, target: 'alice' });
    expect(entry?.operation).toBe('CREATE');
    const text = JSON.stringify(entry);
    expect(text).not.toContain('Secr3tPassw0rd!');
    expect(text).not.toContain('k-123456');
    expect(text).not.toContain('abcdef123456');
    expect(entry?.input).toMatchObject({ username: 'alice' });
  });

  it('stores API keys hashed and revokes them', async () => {
    const { id, key } = await store.createApiKey('ci', 'operator');
    expect(await store.findApiKey(key)).toMatchObject({ id, name: 'ci', role: 'operator' });
    const raw = JSON.stringify(await store.db.query('SELECT * FROM api_keys'));
    expect(raw).not.toContain(key);
    await store.revokeApiKey(id);
    expect(await store.findApiKey(key)).toBeNull();
  });

  // PGlite is one process's embedded database; the cross-replica case needs a server.
  (_name === 'postgres' ? it : it.skip)(
    'honours one idempotency key across two store instances (two replicas)',
    async () => {
      const second = await openStore({ url });
      try {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? store : second).intents.begin({
              key: 'k-replicas',
              operation: 'createAccount',
              provider: ProviderName.WLVPN,
              inputHash: 'h',
              owner: `o${i}`,
              leaseMs: 15_000,
            }),
          ),
        );
        expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
      } finally {
        await second.close();
      }
    },
  );
});

describe('PGlite on disk', () => {
  it('persists across close and reopen, and migrations run once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpn-graph-store-'));
    try {
      const a = await openStore({ dataDir: dir });
      await a.registerAccount({ provider: ProviderName.PUREWL, nativeId: 'p1', username: 'p1' });
      await a.close();
      const b = await openStore({ dataDir: dir });
      expect((await b.list(ProviderName.PUREWL, { offset: 0, limit: 10 })).usernames).toEqual(['p1']);
      const migrations = await b.db.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(migrations.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // two on-disk PGlite opens with every migration: slow on a loaded 2-core machine, not a bound
});

describe('PGlite on the event loop', () => {
  it('lets I/O run between statements queued back to back', async () => {
    // A statement runs on this thread and resolves without I/O: queued back to back, statements would run from
    // the first to the last before any socket was read (a vendor's answer, a request arriving).
    const store = await openStore({});
    const server = createServer();
    const sockets: Socket[] = [];
    try {
      await store.db.query('SELECT 0'); // whatever opening the store queued is done
      const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
      const peer = await accepted;
      sockets.push(client, peer);
      const order: string[] = [];
      const read = new Promise<void>((resolve) => client.once('data', () => resolve(void order.push('socket read'))));
      peer.write('answer'); // in the client's receive buffer now: the next poll of the event loop reads it
      const first = store.db.query('SELECT 1').then(() => order.push('first statement'));
      const second = store.db.query('SELECT 2').then(() => order.push('second statement'));
      await Promise.all([first, second, read]);
      expect(order.indexOf('socket read')).toBeLessThan(order.indexOf('second statement'));
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
      await store.close();
    }
  });
});
