import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { SANDBOX_ENTRY, gql, spawnServer, tempDataDir, waitReady, type ServerProcess } from '../main/process.js';

/**
 * Real processes for the crash tests: `npm run sandbox` (node dist/scripts/sandbox.js, SANDBOX_PORT=0) and the
 * server (node dist/src/main/index.js) pointed at it through the `export *_BASE_URL=… *_KEY=…` lines it prints.
 * Build first with `buildOnce()` from test/main/process.ts; `killAll()` there and `stopSandboxes()` here in afterAll.
 */

export const PROVIDERS = ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface Sandbox {
  child: ChildProcess;
  /** The variables it printed (base URLs and sandbox credentials). */
  vars: Record<string, string>;
  /** Emulator root URL per provider. */
  urls: Record<Provider, string>;
  /** Every username the emulator holds now (GET /__sandbox/usernames, SANDBOX_ADMIN=true). */
  usernames(provider: Provider): Promise<string[]>;
  fault(provider: Provider, rule: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

const sandboxes = new Set<ChildProcess>();

export async function startSandbox(dataDir: string, env: Record<string, string> = {}): Promise<Sandbox> {
  const child = spawn(process.execPath, [SANDBOX_ENTRY], {
    env: { PATH: process.env.PATH ?? '', SANDBOX_PORT: '0', SANDBOX_ADMIN: 'true', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  sandboxes.add(child);
  child.once('exit', () => sandboxes.delete(child));
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  // No deadline of its own (a start on a loaded machine is slow, not failed): an exit fails it, a hang the test's timeout.
  while (!/export PUREVPN_API_PASSWORD=/.test(out)) {
    if (child.exitCode !== null) throw new Error(`sandbox exited before it started:\n${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const vars = Object.fromEntries(
    [...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, unquote(m[2] as string)]),
  );
  const urls = Object.fromEntries(
    PROVIDERS.map((p) => {
      const m = new RegExp(`^\\s+${p}\\s+(http://\\S+)$`, 'm').exec(out);
      if (!m) throw new Error(`sandbox printed no URL for ${p}:\n${out}`);
      return [p, m[1] as string];
    }),
  ) as Record<Provider, string>;
  return {
    child,
    vars,
    urls,
    async usernames(provider) {
      const res = await fetch(`${urls[provider]}/__sandbox/usernames`);
      if (!res.ok) throw new Error(`${provider} usernames: ${res.status}`);
      return (await res.json()) as string[];
    },
    async fault(provider, rule) {
      const res = await fetch(`${urls[provider]}/__admin/faults`, { method: 'POST', body: JSON.stringify(rule) });
      if (res.status !== 201) throw new Error(`fault refused: ${res.status}`);
    },
    async clearFaults() {
      await Promise.all(PROVIDERS.map((p) => fetch(`${urls[p]}/__admin/faults`, { method: 'DELETE' })));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** For afterAll: SIGKILL every sandbox still running. */
export async function stopSandboxes(): Promise<void> {
  await Promise.all(
    [...sandboxes].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

function unquote(value: string): string {
  return /^'.*'$/.test(value) ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
}

/** The server on `sandbox`, with the store in `dataDir` (PGlite) or at `databaseUrl`; waits until /health answers. */
export async function startServer(
  sandbox: Sandbox,
  store: { dataDir: string; databaseUrl?: string },
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const p = await spawnServer({
    ...sandbox.vars,
    DATA_DIR: store.dataDir,
    ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
    ALLOW_ANONYMOUS: 'true',
    ...env,
  });
  await waitReady(p); // it binds port 0 and says which: no port to lose to another process in between
  return p;
}

/** A fresh schema on the test Postgres server: its URL (search_path) and a drop for afterAll. */
export async function freshSchema(
  baseUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    name: schema,
    url,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      await c.end();
    },
  };
}

export const CREATE = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id username provider } replayed userErrors { code message } }
}`;

export interface CreateAnswer {
  account: { id: string; username: string; provider: string } | null;
  replayed: boolean | null;
  userErrors: Array<{ code: string; message: string }>;
}

/** One createAccount over HTTP; a transport failure (the process died) answers `lost`. */
export async function createAccount(
  url: string,
  input: Record<string, unknown>,
): Promise<{ answer: CreateAnswer | null; lost: string | null; ms: number }> {
  const started = Date.now();
  try {
    const res = await gql<{ createAccount: CreateAnswer }>(url, CREATE, { input });
    const answer = res.body.data?.createAccount ?? null;
    if (!answer) return { answer: null, lost: `no data: ${JSON.stringify(res.body.errors)}`, ms: Date.now() - started };
    return { answer, lost: null, ms: Date.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { answer: null, lost: cause ?? String(error), ms: Date.now() - started };
  }
}

/** A customer kept in the store (PureWL creates need one): its id. */
export async function storeCustomer(url: string, tag: string): Promise<string> {
  const res = await gql<{ createCustomer: { customer: { id: string } | null; userErrors: unknown[] } }>(
    url,
    'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code message } } }',
    { input: { firstName: 'Crash', lastName: 'Test', email: `${tag}-${Date.now()}@example.com` } },
  );
  const id = res.body.data?.createCustomer.customer?.id;
  if (!id) throw new Error(`createCustomer: ${JSON.stringify(res.body)}`);
  return id;
}

/** Create input each provider accepts with nothing else (PureVPN picks the username). */
export function createInput(provider: Provider, key: string, purewlCustomer: string): Record<string, unknown> {
  if (provider === 'PUREVPN') return { provider, periodDays: 30, idempotencyKey: key };
  if (provider === 'PUREWL') return { provider, periodDays: 30, customerId: purewlCustomer, idempotencyKey: key };
  return { provider, idempotencyKey: key };
}

export interface IntentNode {
  id: string;
  provider: string;
  operation: string;
  state: string;
  username: string | null;
}

/** Every intent nobody can finish alone (the operators' list). */
export async function unresolvedIntents(url: string): Promise<IntentNode[]> {
  const out: IntentNode[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<
      ReturnType<
        typeof gql<{
          unresolvedIntents: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: IntentNode }>;
          };
        }>
      >
    > = await gql(
      url,
      `query($after: String) { unresolvedIntents(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { id provider operation state username } } } }`,
      { after },
    );
    const page = res.body.data?.unresolvedIntents;
    if (!page) throw new Error(JSON.stringify(res.body.errors));
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

export function intentIdIn(message: string): string | null {
  return /intent ([0-9a-f-]{36})/.exec(message)?.[1] ?? null;
}

/** Where a real-process test keeps its store: a PGlite DATA_DIR, or a Postgres schema (with a DATA_DIR for the lock). */
export interface ProcessStore {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * The stores a real-process test runs on: PGlite in a temporary DATA_DIR, and a fresh Postgres schema when
 * TEST_DATABASE_URL is set. What each creates is registered in `dirs` / `drops` for the test's afterAll.
 */
export function processStores(
  prefix: string,
  dirs: string[],
  drops: Array<() => Promise<void>>,
): Array<[string, () => Promise<ProcessStore>]> {
  const dataDir = (): string => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir;
  };
  const stores: Array<[string, () => Promise<ProcessStore>]> = [
    ['pglite', () => Promise.resolve({ dataDir: dataDir() })],
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    stores.push([
      'postgres',
      async () => {
        const schema = await freshSchema(pgUrl, prefix);
        drops.push(() => schema.drop());
        return { dataDir: dataDir(), databaseUrl: schema.url };
      },
    ]);
  }
  return stores;
}
