import 'reflect-metadata';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/main/app.js';
import { openStore, type Store } from '../../src/core/store/store.js';
import { createLogger } from '../../src/lib/logger.js';
import { WlvpnEmulator, WLVPN_SANDBOX_KEY } from '../../src/providers/wlvpn/sandbox/index.js';

/**
 * Scale-out: two API replicas (each with its own Postgres pool) in front of one WLVPN and one Postgres.
 * An idempotency key is honoured across them: concurrent creates split between the replicas make one
 * account upstream. Runs when TEST_DATABASE_URL points at a Postgres server (CI starts one).
 */
const PG_URL = process.env.TEST_DATABASE_URL;
(PG_URL ? describe : describe.skip)('two replicas on one Postgres', () => {
  const wlvpn = new WlvpnEmulator({ seed: 21 });
  const apps: App[] = [];
  const stores: Store[] = [];
  let schema: string;

  beforeAll(async () => {
    const base = await wlvpn.server.start();
    schema = `replicas_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = `${PG_URL}${PG_URL?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ url });
      stores.push(store);
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        WLVPN_BASE_URL: base,
        WLVPN_API_KEY: WLVPN_SANDBOX_KEY,
        ALLOW_ANONYMOUS: 'true',
      });
      apps.push(await createApp(config, { store, logger: createLogger('silent') }));
    }
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await wlvpn.server.stop();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  it('honours one idempotency key across the replicas', async () => {
    const query = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } replayed userErrors { code } } }`;
    const input = { provider: 'WLVPN', username: 'replica_user', idempotencyKey: 'replica-key-1' };
    wlvpn.server.resetStats();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch((apps[i % 2] as App).graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: { input } }),
        });
        return (
          (await res.json()) as {
            data: { createAccount: { account: { id: string } | null; replayed: boolean; userErrors: unknown[] } };
          }
        ).data.createAccount;
      }),
    );
    expect(wlvpn.server.count('POST /v2/customers')).toBe(1);
    expect(new Set(answers.map((a) => a.account?.id)).size).toBe(1);
    expect(answers.every((a) => a.userErrors.length === 0)).toBe(true);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(apps[0]?.registry.get('WLVPN').sandbox).toBe(false);
  });
});
