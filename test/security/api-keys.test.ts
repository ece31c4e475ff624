import 'reflect-metadata';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/main/app.js';
import { openStore, type Store } from '../../src/core/store/store.js';
import { migrate } from '../../src/core/db/db.js';
import { createLogger } from '../../src/lib/logger.js';
import { redact } from '../../src/lib/redact.js';
import { ProviderName } from '../../src/providers/modules.js';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument } from '../generated/operations.js';
import { openPostgresSchema, type OpenedBackend } from '../helpers/backends.js';
import { BUILD_DIR, buildOnce, spawnServer, tempDataDir, waitReady, type ServerProcess } from '../main/process.js';
import { createFor, storeCustomer } from './scopes/helpers.js';
import type { TestApp } from '../helpers/app.js';
import { print, type DocumentNode } from 'graphql';

/**
 * API keys managed through the API (issue #24): admin creates (secret shown once), lists (never a secret) and
 * revokes; a revocation is seen by the next request on every replica (two apps on one database: one shared
 * PGlite store, or two Postgres pools with TEST_DATABASE_URL); non-admins get FORBIDDEN; names are unique
 * (CONFLICT); migration 9 renames old duplicates; `npm run keys` round trip as a real process.
 */

const ADMIN = 'admin-key-for-api-key-tests-0123';
const READER = 'reader-key-for-api-key-tests-0123';
const admin = { 'x-api-key': ADMIN };
const reader = { 'x-api-key': READER };
const ENV = { API_KEYS: `root:admin:${ADMIN},ro:reader:${READER}`, ALLOW_ANONYMOUS: 'false' };

interface Replica {
  app: App;
  gql<T = Record<string, unknown>>(
    query: string | DocumentNode,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    data?: T | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    status: number;
  }>;
}

async function replica(store: Store): Promise<Replica> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', UPSTREAM_RETRIES: '1', WORKER: 'off', ...ENV });
  const app = await createApp(config, { store, logger: createLogger('silent'), emulator: { seed: 42 } });
  return {
    app,
    async gql(query, variables = {}, headers = {}) {
      const res = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      return { ...((await res.json()) as object), status: res.status };
    },
  };
}

async function createKey(r: Replica, input: Record<string, unknown>, headers = admin) {
  const res = await r.gql<{
    createApiKey: {
      apiKey: {
        id: string;
        name: string;
        role: string;
        scope: { customerIds: string[]; projectIds: string[]; ops: string[]; quota: number | null } | null;
        revokedAt: string | null;
        lastUsedAt: string | null;
      } | null;
      secret: string | null;
      userErrors: Array<{ field: string[] | null; message: string; code: string }>;
    };
  }>(CreateApiKeyDocument, { input }, headers);
  return res;
}

async function revokeKey(r: Replica, id: string, headers = admin) {
  return r.gql<{
    revokeApiKey: {
      apiKey: { id: string; revokedAt: string | null } | null;
      userErrors: Array<{ field: string[] | null; code: string }>;
    };
  }>(RevokeApiKeyDocument, { input: { id } }, headers);
}

const PROVIDERS_QUERY = '{ providers { name } }';

interface Page {
  apiKeys: {
    totalCount: number;
    edges: Array<{ node: { name: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('API keys through GraphQL, two replicas on one database', () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let backend: OpenedBackend;
  let second: Store | null = null;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    if (pgUrl) {
      // Two replicas as in production: each its own pool on one Postgres schema.
      backend = await openPostgresSchema(pgUrl);
      if (!backend.url) throw new Error('openPostgresSchema answered no url');
      second = await openStore({ url: backend.url });
    } else {
      // PGlite is one process's database: both apps share it (each with its own authenticator and contexts).
      const store = await openStore({});
      backend = { store, cleanup: () => store.close() };
    }
    a = await replica(backend.store);
    b = await replica(second ?? backend.store);
  });

  afterAll(async () => {
    await a?.app.stop();
    await b?.app.stop();
    await second?.close();
    await backend?.cleanup();
  });

  it('admin creates a scoped key: the secret once, the key works within its scope, the list never shows it', async () => {
    // The scope helpers need only `store` and `gql` of a TestApp.
    const t = { store: backend.store, gql: a.gql } as unknown as TestApp;
    const mine = await storeCustomer(t, 'keys-alice');
    const theirs = await storeCustomer(t, 'keys-bob');
    const myAccount = await createFor(t, ProviderName.WLVPN, mine, admin);
    const theirAccount = await createFor(t, ProviderName.WLVPN, theirs, admin);
    expect(myAccount.userErrors).toEqual([]);
    expect(theirAccount.userErrors).toEqual([]);

    const res = await createKey(a, { name: 'portal-alice', role: 'CUSTOMER', scope: { customerIds: [mine] } });
    expect(res.errors).toBeUndefined();
    const created = res.data?.createApiKey;
    expect(created?.userErrors).toEqual([]);
    expect(created?.secret).toMatch(/^vgk_[A-Za-z0-9_-]{43}$/);
    expect(created?.apiKey).toMatchObject({
      name: 'portal-alice',
      role: 'CUSTOMER',
      revokedAt: null,
      lastUsedAt: null,
      scope: { customerIds: [mine], projectIds: [], quota: null },
    });
    expect(new Set(created?.apiKey?.scope?.ops)).toEqual(new Set(['CHANGE_PASSWORD', 'RENEW', 'EXTEND']));
    const secret = created?.secret as string;
    const key = { 'x-api-key': secret };

    // Accepted on both replicas; within its scope only (the account lives in replica a's emulator).
    expect((await b.gql(PROVIDERS_QUERY, {}, key)).status).toBe(200);
    const mineOnly = await a.gql<{ accounts: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      '{ accounts(first: 50) { totalCount edges { node { id } } } }',
      {},
      key,
    );
    expect(mineOnly.errors).toBeUndefined();
    expect(mineOnly.data?.accounts.totalCount).toBe(1);
    expect(mineOnly.data?.accounts.edges.map((e) => e.node.id)).toEqual([myAccount.account?.id]);
    // A scoped key is not an admin: it cannot make keys.
    const escalate = await createKey(a, { name: 'escalated', role: 'ADMIN' }, key);
    expect(escalate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A sub-reseller key: its scope as given (ops named, quota).
    const reseller = await createKey(a, {
      name: 'reseller-7',
      role: 'RESELLER',
      scope: { customerIds: [mine, theirs], ops: ['CREATE', 'RENEW'], quota: 5 },
    });
    expect(reseller.data?.createApiKey.userErrors).toEqual([]);
    expect(reseller.data?.createApiKey.apiKey).toMatchObject({
      role: 'RESELLER',
      scope: { customerIds: [mine, theirs], projectIds: [], ops: ['CREATE', 'RENEW'], quota: 5 },
    });

    // Listed without its secret (nor its hash), with lastUsedAt now set.
    const list = await a.gql<{
      apiKeys: { totalCount: number; edges: Array<{ node: { id: string; name: string; lastUsedAt: string | null } }> };
    }>(ApiKeysDocument, { first: 50 }, admin);
    expect(list.errors).toBeUndefined();
    const listed = list.data?.apiKeys.edges.map((e) => e.node).find((n) => n.name === 'portal-alice');
    expect(listed?.id).toBe(created?.apiKey?.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(JSON.stringify(list)).not.toContain(secret.slice(4, 20));
    // Stored: only a hash; the journal has the creation, not the secret.
    const rows = JSON.stringify(await backend.store.db.query('SELECT * FROM api_keys'));
    expect(rows).not.toContain(secret);
    const journal = JSON.stringify(await backend.store.listJournal({ limit: 50, target: 'key:portal-alice' }));
    expect(journal).toContain('createApiKey');
    expect(journal).not.toContain(secret);
    // Redaction knows the shape, should a secret ever reach a message.
    expect(redact(`failed with ${secret} in it`)).not.toContain(secret);
  });

  it('revoke on one replica: the next request with the key is refused on the other (and on this one)', async () => {
    const res = await createKey(a, { name: 'ci-reader', role: 'READER' });
    expect(res.data?.createApiKey.userErrors).toEqual([]);
    const secret = res.data?.createApiKey.secret as string;
    const id = res.data?.createApiKey.apiKey?.id as string;
    const key = { 'x-api-key': secret };
    // Both replicas accept it (and have looked it up: nothing cached may outlive the revocation).
    for (let i = 0; i < 3; i++) {
      expect((await b.gql(PROVIDERS_QUERY, {}, key)).status).toBe(200);
      expect((await a.gql(PROVIDERS_QUERY, {}, key)).status).toBe(200);
    }

    const revoked = await revokeKey(a, id);
    expect(revoked.data?.revokeApiKey.userErrors).toEqual([]);
    expect(revoked.data?.revokeApiKey.apiKey?.revokedAt).toEqual(expect.any(String));

    const onB = await b.gql(PROVIDERS_QUERY, {}, key);
    expect(onB.status).toBe(401);
    expect(onB.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(onB)).not.toContain(secret);
    expect((await a.gql(PROVIDERS_QUERY, {}, key)).status).toBe(401);

    // The other way round, with the scoped key of the first test: revoked on B, refused on A at once.
    const other = await createKey(b, { name: 'ci-operator', role: 'OPERATOR' });
    const otherKey = { 'x-api-key': other.data?.createApiKey.secret as string };
    expect((await a.gql(PROVIDERS_QUERY, {}, otherKey)).status).toBe(200);
    await revokeKey(b, other.data?.createApiKey.apiKey?.id as string);
    expect((await a.gql(PROVIDERS_QUERY, {}, otherKey)).status).toBe(401);

    // Revoking again changes nothing; the list shows when.
    const again = await revokeKey(b, id);
    expect(again.data?.revokeApiKey.userErrors).toEqual([]);
    expect(again.data?.revokeApiKey.apiKey?.revokedAt).toBe(revoked.data?.revokeApiKey.apiKey?.revokedAt);
  });

  it('non-admins are refused with FORBIDDEN (a reader key, a stored operator key); nothing changes', async () => {
    const op = await createKey(a, { name: 'ops-bot', role: 'OPERATOR' });
    const operator = { 'x-api-key': op.data?.createApiKey.secret as string };
    const before = await backend.store.listApiKeys({ offset: 0, limit: 100 });
    for (const headers of [reader, operator]) {
      const list = await a.gql(ApiKeysDocument, { first: 5 }, headers);
      expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(list.data).toBeNull();
      const create = await createKey(a, { name: 'sneaky', role: 'ADMIN' }, headers);
      expect(create.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const revoke = await revokeKey(b, op.data?.createApiKey.apiKey?.id as string, headers);
      expect(revoke.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const after = await backend.store.listApiKeys({ offset: 0, limit: 100 });
    expect(after.totalCount).toBe(before.totalCount);
    expect(after.items.map((k) => [k.name, k.revokedAt])).toEqual(before.items.map((k) => [k.name, k.revokedAt]));
    // Unauthenticated: 401.
    expect((await a.gql(ApiKeysDocument, { first: 5 })).status).toBe(401);
  });

  it('a duplicate name is a CONFLICT userError (revoked names stay taken, configured names too); bad input is typed', async () => {
    const first = await createKey(a, { name: 'dup-name', role: 'READER' });
    expect(first.data?.createApiKey.userErrors).toEqual([]);
    for (const r of [a, b]) {
      const dup = await createKey(r, { name: 'dup-name', role: 'ADMIN' });
      const payload = dup.data?.createApiKey;
      expect([payload?.apiKey, payload?.secret]).toEqual([null, null]);
      expect(payload?.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'name'], 'CONFLICT']]);
    }
    // ci-reader was revoked above: its name is still taken (the journal and quotas know keys by name).
    const revokedName = await createKey(a, { name: 'ci-reader', role: 'READER' });
    expect(revokedName.data?.createApiKey.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
    // A name of API_KEYS.
    const configured = await createKey(a, { name: 'root', role: 'READER' });
    expect(configured.data?.createApiKey.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);

    const bad = async (input: Record<string, unknown>) =>
      (await createKey(a, input)).data?.createApiKey.userErrors.map((e) => [e.field?.join('.'), e.code]);
    expect(await bad({ name: '  ', role: 'READER' })).toEqual([['input.name', 'VALIDATION']]);
    expect(await bad({ name: 'x'.repeat(101), role: 'READER' })).toEqual([['input.name', 'VALIDATION']]);
    expect(await bad({ name: 'global-with-scope', role: 'ADMIN', scope: { quota: 3 } })).toEqual([
      ['input.scope', 'VALIDATION'],
    ]);
    expect(await bad({ name: 'customer-without-scope', role: 'CUSTOMER' })).toEqual([['input.scope', 'VALIDATION']]);
    expect(await bad({ name: 'reseller-bad-id', role: 'RESELLER', scope: { customerIds: ['nope'] } })).toEqual([
      ['input.scope', 'VALIDATION'],
    ]);
    // Revoke: unknown and malformed ids.
    const unknown = Buffer.from('ApiKey:STORE:00000000-0000-4000-8000-000000000000').toString('base64url');
    expect((await revokeKey(a, unknown)).data?.revokeApiKey.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'id'], 'NOT_FOUND'],
    ]);
    expect((await revokeKey(a, 'not-an-id')).data?.revokeApiKey.userErrors.map((e) => e.code)).toEqual(['VALIDATION']);
  });

  it('pages with first/after, oldest first, totalCount', async () => {
    for (const n of ['page-1', 'page-2', 'page-3']) await createKey(a, { name: n, role: 'READER' });
    const all = await backend.store.listApiKeys({ offset: 0, limit: 100 });
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res: { data?: Page | null } = await a.gql<Page>(ApiKeysDocument, { first: 2, after }, admin);
      expect(res.data?.apiKeys.totalCount).toBe(all.totalCount);
      names.push(...(res.data?.apiKeys.edges.map((e) => e.node.name) ?? []));
      if (!res.data?.apiKeys.pageInfo.hasNextPage) break;
      after = res.data.apiKeys.pageInfo.endCursor;
    }
    expect(names).toEqual(all.items.map((k) => k.name));
    expect(names.slice(-3)).toEqual(['page-1', 'page-2', 'page-3']);
  });
});

describe('migration 9 on a database with duplicate key names', () => {
  it('keeps one name per key (the oldest active key keeps it), renames the others, breaks no key', async () => {
    const store = await openStore({});
    try {
      // Back to before migration 9, with duplicates as old databases may hold them.
      await store.db.query('ALTER TABLE api_keys DROP CONSTRAINT api_keys_name_key');
      await store.db.query('ALTER TABLE api_keys DROP COLUMN last_used_at');
      await store.db.query('DELETE FROM schema_migrations WHERE version = 9');
      const hash = (n: number) => `h${n}`.padEnd(64, '0');
      const insert = (name: string, n: number, at: string, revoked: boolean) =>
        store.db.query(
          `INSERT INTO api_keys (name, role, key_hash, created_at, revoked_at) VALUES ($1, 'reader', $2, $3, $4)`,
          [name, hash(n), at, revoked ? at : null],
        );
      await insert('ci', 1, '2024-01-01T00:00:00Z', true); // oldest, revoked
      await insert('ci', 2, '2024-02-01T00:00:00Z', false); // oldest active: keeps "ci"
      await insert('ci', 3, '2024-03-01T00:00:00Z', false);
      await insert('solo', 4, '2024-01-01T00:00:00Z', false);
      await migrate(store.db);
      const rows = await store.db.query<{ name: string; key_hash: string; id: string; revoked_at: unknown }>(
        'SELECT id, name, key_hash, revoked_at FROM api_keys ORDER BY key_hash',
      );
      expect(rows.map((r) => r.name)).toEqual([
        `ci (duplicate ${rows[0]?.id})`,
        'ci',
        `ci (duplicate ${rows[2]?.id})`,
        'solo',
      ]);
      expect(rows.filter((r) => r.revoked_at !== null)).toHaveLength(1); // nothing revoked by the migration
      await expect(store.createApiKey('ci', 'reader')).rejects.toMatchObject({ code: 'CONFLICT', field: 'name' });
      const [versions] = await store.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM schema_migrations WHERE version = 9',
      );
      expect(versions?.n).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('npm run keys (the built script as a process)', () => {
  const OUT = BUILD_DIR;
  const KEYS = path.join(OUT, 'scripts/keys.js');
  const run = promisify(execFile);
  let dataDir: string;
  let server: ServerProcess | null = null;

  const keys = async (
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [KEYS, ...args], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  beforeAll(async () => {
    await buildOnce();
    dataDir = tempDataDir();
  }, 180_000);

  afterAll(async () => {
    server?.kill();
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('create (secret printed once) → the key works at a real server → list (no secret) → revoke → refused', async () => {
    const created = await keys(['create', '--name', 'bootstrap-admin', '--role', 'admin', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id, secret, name, role } = JSON.parse(created.stdout) as {
      id: string;
      secret: string;
      name: string;
      role: string;
    };
    expect([name, role]).toEqual(['bootstrap-admin', 'admin']);
    expect(secret).toMatch(/^vgk_/);

    // Refused: a taken name (exit 1, CONFLICT), wrong usage (exit 2), a bad role.
    const dup = await keys(['create', '--name', 'bootstrap-admin', '--role', 'reader']);
    expect([dup.code, dup.stderr]).toEqual([1, expect.stringContaining('CONFLICT')]);
    expect((await keys(['create', '--name', 'x'])).code).toBe(2);
    expect((await keys(['create', '--name', 'x', '--role', 'root'])).stderr).toContain('VALIDATION');

    // The secret authenticates at the real server on that directory, as an admin.
    server = await spawnServer({ DATA_DIR: dataDir, ALLOW_ANONYMOUS: 'false', WORKER: 'off' });
    await waitReady(server);
    const ask = async (query: string) =>
      fetch(`${server?.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query }),
      });
    const listed = await ask('{ apiKeys(first: 10) { totalCount nodes { id name role revokedAt } } }');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      data: { apiKeys: { totalCount: 1, nodes: [{ id, name: 'bootstrap-admin', role: 'ADMIN', revokedAt: null }] } },
    });
    // While the server holds the PGlite directory, the script refuses (one process per directory).
    const busy = await keys(['list']);
    expect([busy.code, busy.stderr]).toEqual([1, expect.stringContaining('in use')]);
    server.kill();
    expect((await server.exited).code).toBe(0);
    expect(server.output()).not.toContain(secret);
    server = null;

    const list = await keys(['list', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.id, r.name, r.revokedAt])).toEqual([[id, 'bootstrap-admin', null]]);
    expect(rows[0]?.lastUsedAt).toEqual(expect.any(String));
    expect(list.stdout).not.toContain(secret);

    const revoked = await keys(['revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('revoked API key "bootstrap-admin"');
    const text = await keys(['list']);
    expect(text.stdout).toContain('bootstrap-admin\tadmin\trevoked ');
    expect(`${text.stdout}${revoked.stdout}${revoked.stderr}`).not.toContain(secret);
    expect((await keys(['revoke', '--name', 'nobody'])).code).toBe(1);

    // The next server on that directory refuses the revoked key.
    server = await spawnServer({ DATA_DIR: dataDir, ALLOW_ANONYMOUS: 'false', WORKER: 'off' });
    await waitReady(server);
    const refused = await ask('{ providers { name } }');
    expect(refused.status).toBe(401);
  }, 180_000);
});
