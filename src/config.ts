import { z } from 'zod';
import { ProviderName } from './domain/provider.js';
import { DEFAULT_NETWORK, type NetworkSettings } from './providers/http.js';
import { registerSecret } from './lib/redact.js';

/**
 * Every environment variable the service reads, parsed and validated in one place.
 * The README's configuration table mirrors this file.
 */

const int = (fallback: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) {
        ctx.addIssue({ code: 'custom', message: `must be an integer ≥ ${min}` });
        return z.NEVER;
      }
      return n;
    });

const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });

const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  PORT: int(4000, 0),
  HOST: z.string().optional().default('127.0.0.1'),
  NODE_ENV: z.string().optional().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  DATABASE_URL: text,
  DATA_DIR: z.string().optional().default('./.data'),

  PUREWL_BASE_URL: text,
  PUREWL_SECRET_KEY: text,
  VPNRESELLERS_BASE_URL: text,
  VPNRESELLERS_API_TOKEN: text,
  WLVPN_BASE_URL: text,
  WLVPN_API_KEY: text,
  PUREVPN_BASE_URL: text,
  PUREVPN_API_USER: text,
  PUREVPN_API_PASSWORD: text,

  UPSTREAM_CONNECT_TIMEOUT_MS: int(DEFAULT_NETWORK.connectTimeoutMs, 1),
  UPSTREAM_TIMEOUT_MS: int(DEFAULT_NETWORK.responseTimeoutMs, 1),
  UPSTREAM_RETRIES: int(DEFAULT_NETWORK.retries, 0),
  UPSTREAM_CONCURRENCY: int(DEFAULT_NETWORK.concurrency, 1),
  UPSTREAM_MAX_RETRY_AFTER_MS: int(DEFAULT_NETWORK.maxRetryAfterMs, 0),
  BREAKER_THRESHOLD: int(DEFAULT_NETWORK.breakerThreshold, 1),
  BREAKER_HALF_OPEN_MS: int(DEFAULT_NETWORK.breakerHalfOpenAfterMs, 1),
  CATALOG_CACHE_TTL_MS: int(60_000, 0),
  /** How long a write with an unknown outcome keeps asking the vendor what happened (0: ask once). */
  RECONCILE_WINDOW_MS: int(2_500, 0),
  /** Lease of a write-ahead intent: a pending write whose owner went silent this long is taken over. */
  INTENT_LEASE_MS: int(15_000, 100),
  /** Background jobs (intent reconciliation, …): inside the server (`inline`) or only in `npm run worker` (`off`). */
  WORKER: z.enum(['inline', 'off']).optional().default('inline'),
  /** When the reconciler job runs (pg-boss cron, UTC; minute granularity). */
  RECONCILE_CRON: z.string().optional().default('* * * * *'),

  SANDBOX_SEED: int(42, 0),
  SANDBOX_LATENCY_MS: int(0, 0),
  SANDBOX_ADMIN: bool(false),

  DATALOADER: bool(true),
  MAX_PAGE_SIZE: int(100, 1),
  MAX_DEPTH: int(12, 1),
  MAX_ALIASES: int(30, 1),
  MAX_DIRECTIVES: int(20, 1),
  MAX_TOKENS: int(2000, 1),
  MAX_COST: int(20000, 1),
  INTROSPECTION: bool(true),

  API_KEYS: text,
  JWT_SECRET: text,
  JWT_ISSUER: text,
  JWT_AUDIENCE: text,
  ROUTER_SECRET: text,
  ALLOW_ANONYMOUS: text,

  APOLLO_KEY: text,
  APOLLO_GRAPH_REF: text,
});

export type Env = z.infer<typeof schema>;

export type Role = 'reader' | 'operator' | 'admin';

export interface StaticApiKey {
  name: string;
  role: Role;
  key: string;
}

export interface AppConfig {
  env: Env;
  production: boolean;
  network: NetworkSettings;
  /** API keys given in configuration: "name:role:key" entries separated by commas. */
  apiKeys: StaticApiKey[];
  /** Anonymous callers allowed (reader+operator+admin in sandbox/dev; never in production unless forced). */
  allowAnonymous: boolean;
  introspection: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  for (const secret of [
    env.PUREWL_SECRET_KEY,
    env.VPNRESELLERS_API_TOKEN,
    env.WLVPN_API_KEY,
    env.PUREVPN_API_PASSWORD,
    env.JWT_SECRET,
    env.ROUTER_SECRET,
    env.APOLLO_KEY,
  ]) {
    registerSecret(secret);
  }
  const apiKeys = parseApiKeys(env.API_KEYS);
  for (const k of apiKeys) registerSecret(k.key);
  // Anonymous callers only in sandbox mode (no provider configured) and never in production, unless forced.
  const anyProviderConfigured = Object.values(PROVIDER_ENV).some((p) =>
    [p.baseUrl, ...p.credentials].some((name) => env[name] !== undefined),
  );
  const allowAnonymous =
    env.ALLOW_ANONYMOUS !== undefined ? env.ALLOW_ANONYMOUS === 'true' : !production && !anyProviderConfigured;
  return {
    env,
    production,
    apiKeys,
    allowAnonymous,
    introspection: source.INTROSPECTION !== undefined ? env.INTROSPECTION : !production,
    network: {
      ...DEFAULT_NETWORK,
      connectTimeoutMs: env.UPSTREAM_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
      retries: env.UPSTREAM_RETRIES,
      concurrency: env.UPSTREAM_CONCURRENCY,
      maxRetryAfterMs: env.UPSTREAM_MAX_RETRY_AFTER_MS,
      breakerThreshold: env.BREAKER_THRESHOLD,
      breakerHalfOpenAfterMs: env.BREAKER_HALF_OPEN_MS,
    },
  };
}

function parseApiKeys(value: string | undefined): StaticApiKey[] {
  if (!value) return [];
  return value.split(',').map((entry, index) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    if (!name || !key || (role !== 'reader' && role !== 'operator' && role !== 'admin')) {
      throw new ConfigError(`API_KEYS entry ${index + 1} must look like name:reader|operator|admin:key`);
    }
    return { name, role, key };
  });
}

/** The provider variables, for the registry and the README. */
export const PROVIDER_ENV: Record<ProviderName, { baseUrl: keyof Env; credentials: Array<keyof Env> }> = {
  [ProviderName.PUREWL]: { baseUrl: 'PUREWL_BASE_URL', credentials: ['PUREWL_SECRET_KEY'] },
  [ProviderName.VPNRESELLERS]: { baseUrl: 'VPNRESELLERS_BASE_URL', credentials: ['VPNRESELLERS_API_TOKEN'] },
  [ProviderName.WLVPN]: { baseUrl: 'WLVPN_BASE_URL', credentials: ['WLVPN_API_KEY'] },
  [ProviderName.PUREVPN]: {
    baseUrl: 'PUREVPN_BASE_URL',
    credentials: ['PUREVPN_API_USER', 'PUREVPN_API_PASSWORD'],
  },
};
