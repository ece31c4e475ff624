import { jest } from '@jest/globals';
import fs from 'node:fs';
import { ConfigError } from '../../src/lib/config-error.js';
import { loadConfig } from '../../src/config/config.js';
import { buildOnce, killAll, spawnServer, tempDataDir, waitReady, type ServerProcess } from '../main/process.js';
import { PRODUCTION_ESSENTIALS, PRODUCTION_SANDBOX } from './production-env.js';

/**
 * The production audit of #28, checked against the REAL built process (`node dist/src/main/index.js`,
 * NODE_ENV=production, emulators allowed with ALLOW_SANDBOX_IN_PRODUCTION=true, PGlite in a temp DATA_DIR):
 * `_service` only for the router / admins, /metrics behind its token, no start without METRICS_TOKEN or
 * WEBHOOK_ENCRYPTION_KEY, and a 401 that reads as written.
 */
jest.setTimeout(120_000);

const READER = 'reader-key-production-0123456789';
const ADMIN = 'admin-key-production-0123456789ab';
const ROUTER_SECRET = 'router-secret-production-0123456789';
const BASE = { ...PRODUCTION_SANDBOX, API_KEYS: `ro:reader:${READER},root:admin:${ADMIN}` };
const SDL = '{ _service { sdl } }';

const dirs: string[] = [];
const start = async (env: Record<string, string>): Promise<ServerProcess> => {
  const dir = tempDataDir();
  dirs.push(dir);
  const p = await spawnServer({ DATA_DIR: dir, ...env });
  await waitReady(p);
  return p;
};

/** Starts a process that must refuse: its exit code and everything it printed. */
const refused = async (env: Record<string, string>): Promise<{ code: number | null; output: string }> => {
  const dir = tempDataDir();
  dirs.push(dir);
  const p = await spawnServer({ DATA_DIR: dir, ...env });
  const exit = await p.exited;
  return { code: exit.code, output: p.output() };
};

interface Answer {
  status: number;
  data?: { _service?: { sdl: string } } & Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}
const post = async (p: ServerProcess, query: string, headers: Record<string, string> = {}): Promise<Answer> => {
  const res = await fetch(`${p.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
};

beforeAll(async () => {
  await buildOnce();
}, 180_000);

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('production process, no router secret', () => {
  let p: ServerProcess;
  beforeAll(async () => {
    p = await start(BASE);
  });

  it('refuses `_service` to a reader (FORBIDDEN) and serves it to an admin', async () => {
    const reader = await post(p, SDL, { 'x-api-key': READER });
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(reader.errors?.[0]?.message).toMatch(/_service/);
    expect(reader.data?._service).toBeUndefined();
    expect(JSON.stringify(reader)).not.toContain('type Query');
    const admin = await post(p, SDL, { 'x-api-key': ADMIN });
    expect(admin.errors).toBeUndefined();
    expect(admin.data?._service?.sdl).toContain('type Query');
    // also when `_service` hides behind a fragment
    const hidden = await post(p, '{ ...F } fragment F on Query { _service { sdl } }', { 'x-api-key': READER });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // introspection stays off for readers as well
    const intro = await post(p, '{ __schema { types { name } } }', { 'x-api-key': READER });
    expect(intro.errors?.length).toBeGreaterThan(0);
  });

  it('serves /metrics only with METRICS_TOKEN', async () => {
    expect((await fetch(`${p.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${p.url}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${p.url}/metrics`, {
      headers: { authorization: `Bearer ${PRODUCTION_ESSENTIALS.METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
  });

  it('answers 401 with a readable message', async () => {
    const res = await post(p, '{ providers { name } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Authentication required: send X-Api-Key or Authorization: Bearer <JWT>.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('production process behind a router (ROUTER_SECRET)', () => {
  let p: ServerProcess;
  beforeAll(async () => {
    p = await start({ ...BASE, ROUTER_SECRET });
  });

  it('serves `_service` to the router secret, and nothing else to the secret alone', async () => {
    const router = await post(p, SDL, { 'x-router-secret': ROUTER_SECRET });
    expect(router.errors).toBeUndefined();
    expect(router.data?._service?.sdl).toContain('@key');
    const beyond = await post(p, '{ _service { sdl } providers { name } }', { 'x-router-secret': ROUTER_SECRET });
    expect(beyond.status).toBe(401);
    expect(beyond.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // a reader straight to the subgraph (no router secret) is refused outright
    const direct = await post(p, SDL, { 'x-api-key': READER });
    expect(direct.status).toBe(401);
    const wrong = await post(p, SDL, { 'x-router-secret': 'not-the-router-secret-0123456789' });
    expect(wrong.status).toBe(401);
    // a reader's query through the router runs as the reader
    const viaRouter = await post(p, '{ providers { name } }', {
      'x-router-secret': ROUTER_SECRET,
      'x-api-key': READER,
    });
    expect(viaRouter.status).toBe(200);
  });
});

describe('production start-up refusals (real process)', () => {
  it('refuses to start without METRICS_TOKEN, naming it', async () => {
    const { METRICS_TOKEN: _drop, ...env } = BASE;
    const exit = await refused(env);
    expect(exit.code).toBe(2);
    expect(exit.output).toMatch(/METRICS_TOKEN is required in production/);
    expect(exit.output).toMatch(/METRICS_PUBLIC=true/);
  });

  it('refuses to start without WEBHOOK_ENCRYPTION_KEY, or with one under 32 bytes', async () => {
    const { WEBHOOK_ENCRYPTION_KEY: _drop, ...env } = BASE;
    const missing = await refused(env);
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/WEBHOOK_ENCRYPTION_KEY is required in production/);
    const short = await refused({ ...env, WEBHOOK_ENCRYPTION_KEY: 'short-webhook-key' });
    expect(short.code).toBe(2);
    expect(short.output).toMatch(/WEBHOOK_ENCRYPTION_KEY must be at least 32 bytes/);
    expect(short.output).not.toContain('short-webhook-key');
  });
});

describe('production configuration rules', () => {
  const verdict = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
      return 'started';
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
  };
  const { METRICS_TOKEN: _m, ...noMetrics } = PRODUCTION_SANDBOX;
  const { WEBHOOK_ENCRYPTION_KEY: _w, ...noKey } = PRODUCTION_SANDBOX;

  it('METRICS_PUBLIC=true starts without a metrics token, on purpose', () => {
    expect(verdict(noMetrics)).toMatch(/METRICS_TOKEN/);
    expect(verdict({ ...noMetrics, METRICS_PUBLIC: 'true' })).toBe('started');
  });

  it('WEBHOOK_ENCRYPTION_KEY: required, at least 32 bytes (counted in UTF-8 bytes)', () => {
    expect(verdict(noKey)).toMatch(/WEBHOOK_ENCRYPTION_KEY is required/);
    expect(verdict({ ...noKey, WEBHOOK_ENCRYPTION_KEY: 'x'.repeat(31) })).toMatch(/at least 32 bytes/);
    expect(verdict({ ...noKey, WEBHOOK_ENCRYPTION_KEY: 'é'.repeat(16) })).toBe('started');
    expect(verdict({ ...noKey, WEBHOOK_ENCRYPTION_KEY: 'x'.repeat(32) })).toBe('started');
  });

  it('ROUTER_SECRET: at least 24 characters in production', () => {
    expect(verdict({ ...PRODUCTION_SANDBOX, ROUTER_SECRET: 'short-router' })).toMatch(/ROUTER_SECRET/);
    expect(verdict({ ...PRODUCTION_SANDBOX, ROUTER_SECRET })).toBe('started');
  });

  it('none of it applies outside production', () => {
    expect(verdict({})).toBe('started');
    expect(verdict({ WEBHOOK_ENCRYPTION_KEY: 'short' })).toBe('started');
  });
});
