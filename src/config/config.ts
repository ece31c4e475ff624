import { z } from 'zod';
import { DEFAULT_NETWORK, type NetworkSettings } from '../providers/http-settings.js';
import { bulkRateVariable, moduleVariables, syncRateVariable, type AnyProviderModule } from '../providers/module.js';
import { PROVIDER_MODULES, PROVIDER_SECRET_FIELDS, type ProviderName } from '../providers/modules.js';
import { registerSecret, registerSecretFields } from '../lib/redact.js';
import { ConfigError } from '../lib/config-error.js';
import {
  checkProductionExposure,
  checkProductionProviders,
  checkProductionSecrets,
  parseApiKeys,
  type StaticApiKey,
} from './checks.js';
import { bool, int, text } from './parsers.js';

/**
 * Every environment variable the service reads, parsed and validated in one place.
 * docs/configuration.md lists every one (test/docs/configuration.test.ts checks it).
 */

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The provider variables: the union of every provider module's zod fragment (their names are the modules'). */
type ProviderEnvShape = UnionToIntersection<(typeof PROVIDER_MODULES)[number]['env']['schema']['shape']>;
/** SYNC_RATE_<NAME> for every vendor: calls per minute a sync may spend, default from its module; 0 = no scheduled sync. */
type SyncRateShape = { [N in ProviderName as `SYNC_RATE_${N}`]: ReturnType<typeof int> };
/**
 * BULK_RATE_<NAME> for every vendor: calls per minute bulk operations may spend on it (every call an item makes,
 * its read-backs included; shared by all operations and replicas through the store); default 300; 0 = not paced.
 */
type BulkRateShape = { [N in ProviderName as `BULK_RATE_${N}`]: ReturnType<typeof int> };
const DEFAULT_BULK_RATE = 300;

/** The variables the provider modules bring: each one's own fragment, and its SYNC_RATE_<NAME>. */
function providerShapeOf(modules: readonly AnyProviderModule[]): z.ZodRawShape {
  return Object.assign(
    {},
    ...modules.map((m) => m.env.schema.shape as z.ZodRawShape),
    ...modules.map((m) => ({ [syncRateVariable(m.name)]: int(m.syncRate, 0) })),
    ...modules.map((m) => ({ [bulkRateVariable(m.name)]: int(DEFAULT_BULK_RATE, 0) })),
  ) as z.ZodRawShape;
}

const common = z.object({
  PORT: int(4000, 0),
  HOST: z.string().optional().default('127.0.0.1'),
  NODE_ENV: z.string().optional().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  DATABASE_URL: text,
  DATA_DIR: z.string().optional().default('./.data'),

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
  /** After a time-adding write (renew, plan change) failed, how long its absence at the vendor proves nothing. */
  WRITE_SETTLE_MS: int(1_000, 0),
  /** Lease of a write-ahead intent: a pending write whose owner went silent this long is taken over. */
  INTENT_LEASE_MS: int(15_000, 100),
  /** Background jobs (intent reconciliation, …): inside the server (`inline`) or only in `npm run worker` (`off`). */
  WORKER: z.enum(['inline', 'off']).optional().default('inline'),
  /** When the reconciler job runs (pg-boss cron, UTC; minute granularity). */
  RECONCILE_CRON: z.string().optional().default('* * * * *'),

  SANDBOX_SEED: int(42, 0),
  SANDBOX_LATENCY_MS: int(0, 0),
  SANDBOX_ADMIN: bool(false),
  /** Demo accounts each emulator seeds (default: the emulator's own 55-60). */
  SANDBOX_ACCOUNTS: int(0, 0),

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

  /** How long SIGTERM/SIGINT waits for in-flight requests before the process gives up (exit 1). */
  SHUTDOWN_GRACE_MS: int(10_000, 0),
  /**
   * After SIGTERM/SIGINT, how long /ready answers 503 while requests are still served (with `Connection: close`)
   * before the listener closes: at least the router's readiness probe interval (docs/operations-shutdown.md).
   */
  SHUTDOWN_DELAY_MS: int(1_000, 0),
  /** Browser origins allowed by CORS, comma-separated (e.g. `https://admin.example.com`); default none. */
  CORS_ORIGINS: text,
  /**
   * When set, /metrics (and /ready's details in production) require `Authorization: Bearer <token>`.
   * Production refuses to start without it unless METRICS_PUBLIC=true.
   */
  METRICS_TOKEN: text,
  /** Production only: serve /metrics without a token on purpose (e.g. a private scrape network). */
  METRICS_PUBLIC: bool(false),
  /** Longest JWT lifetime accepted (exp − iat, or exp − now without iat), in seconds. */
  JWT_MAX_TTL_S: int(86_400, 1),
  /** Largest request body accepted; larger ones are refused with 413 while they stream. */
  MAX_BODY_BYTES: int(1_000_000, 1),
  /** Customer-scoped callers must send an `idempotencyKey` with renewAccount (a portal double-click pays once). */
  CUSTOMER_RENEW_REQUIRES_IDEMPOTENCY_KEY: bool(true),
  /** A customer may renew/extend only an account that expires within this many days (or has expired). */
  CUSTOMER_RENEW_WITHIN_DAYS: int(30, 0),
  /** Longest period a customer may add at once: renew `periodDays`, or an extend date this far past today. */
  CUSTOMER_RENEW_MAX_DAYS: int(366, 1),
  /**
   * How often providers with a list call (VPNresellers, WLVPN) get a full sync, in ms. The schedule ticks once a
   * minute (pg-boss cron), so the interval is honoured at minute granularity; 0 turns scheduled full syncs off.
   */
  SYNC_INTERVAL_MS: int(300_000, 0),
  /**
   * Vendor calls one GraphQL request may make (every call counted in providers/http.ts); further calls in that
   * request fail fast with RATE_LIMITED on their path. 0 (default): derived from MAX_COST, ceil(MAX_COST / 100).
   */
  MAX_UPSTREAM_CALLS: int(0, 0),
  /**
   * Production (NODE_ENV=production) refuses to start while any provider would run against its emulator
   * (none of its variables set) unless this is `true` (a staging deployment on purpose). SANDBOX_ADMIN is
   * refused in production whatever this says.
   */
  ALLOW_SANDBOX_IN_PRODUCTION: bool(false),
  /**
   * Default allowed age (ms) of mirrored account state: reads whose mirrored state is younger come from the
   * mirror (no vendor call), older ones go live and write back. A query's `maxAge` argument overrides it.
   */
  MIRROR_MAX_AGE_MS: int(60_000, 0),
  /**
   * Default allowed age (ms) of stored usage reports: younger ones answer from the store, older ones are read
   * live (one batch per provider) and written back. A query's `maxAge` argument overrides it (0: live).
   */
  USAGE_MAX_AGE_MS: int(900_000, 0),
  /**
   * Default allowed age (ms) of the account–customer links a vendor keeps itself (VPNresellers), which only a
   * walk of its whole customer lists confirms (each full sync walks them). An answer showing an account's
   * customer or project whose link is older walks them once in the request. A query's `maxAge` overrides it.
   */
  LINKS_MAX_AGE_MS: int(900_000, 0),
  /**
   * Most items (accounts, customers, projects, usage reports) live reads may leave queued for the write-back to
   * the store after the answer; past it new items are dropped (the mirror stays as old as it was until the next
   * read or sync). About 1–2 KB per item.
   */
  WRITE_BACK_MAX_PENDING: int(20_000, 1),

  /** Days before expiry at which EXPIRING_SOON fires (once per account, threshold and expiry date), comma-separated. */
  EXPIRY_NOTICE_DAYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const parts = (v ?? '7,3,1')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const days = parts.map(Number);
      if (days.some((d) => !Number.isInteger(d) || d < 1)) {
        ctx.addIssue({ code: 'custom', message: 'must be whole numbers of days ≥ 1, comma-separated' });
        return z.NEVER;
      }
      return [...new Set(days)].sort((a, b) => b - a);
    }),
  /** Allow webhook targets on loopback, private and link-local addresses (tests, private networks). */
  WEBHOOK_ALLOW_PRIVATE: bool(false),
  /** Timeout of one webhook delivery attempt (connect + answer). */
  WEBHOOK_TIMEOUT_MS: int(10_000, 100),
  /** First retry delay of a failed delivery; doubles per attempt (with jitter) up to WEBHOOK_BACKOFF_MAX_MS. */
  WEBHOOK_BACKOFF_BASE_MS: int(10_000, 1),
  /** Longest pause between two attempts of one delivery. */
  WEBHOOK_BACKOFF_MAX_MS: int(3_600_000, 1),
  /** How long a delivery keeps being retried before it is marked failed (default 3 days; at least 24 h in production). */
  WEBHOOK_RETRY_WINDOW_MS: int(259_200_000, 1),
  /**
   * Key that encrypts webhook signing secrets at rest (hashed to 256 bits). Required in production, at least
   * 32 bytes; elsewhere unset stores them unencrypted (`plain:`).
   */
  WEBHOOK_ENCRYPTION_KEY: text,
  /** Vendor writes a bulk operation runs at once per provider. */
  BULK_CONCURRENCY: int(4, 1),
  /** A running bulk operation whose worker went silent this long is taken over (resumed) by another. */
  BULK_LEASE_MS: int(30_000, 100),
  /** Account moves: what is done to the source once the target exists (close deletes where the vendor only deletes). */
  MOVE_SOURCE_ACTION: z.enum(['disable', 'close', 'delete']).optional().default('close'),
  /** Account moves the worker runs at once. */
  MOVE_CONCURRENCY: int(4, 1),
  /** Tries of a move step that may succeed later (unknown outcome, 429, vendor down) before NEEDS_ATTENTION. */
  MOVE_MAX_ATTEMPTS: int(5, 1),
  /** First pause between those tries (doubling, with jitter, at most a minute). */
  MOVE_RETRY_BASE_MS: int(1_000, 10),
  /** Demand control: size assumed for a list with no @listSize and no slicing argument (= the router's list_size). */
  COST_LIST_SIZE: int(10, 1),
  /**
   * What `GET /graphql` with `Accept: text/html` shows: `graphiql` (the offline explorer, every asset served from
   * here), `apollo` (Apollo Sandbox, loaded from Apollo's CDN) or `off`. Default: graphiql, off in production.
   */
  LANDING_PAGE: z.enum(['graphiql', 'apollo', 'off']).optional(),
  /** Subscriptions one credential (API key, JWT subject, anonymous) may hold open at once, over all its sockets. */
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL: int(20, 1),
  /**
   * How often an open subscription socket that authenticated with a stored API key looks the key up again (a
   * revoked key closes the socket with 4403), in ms; the key is also looked up when a subscription starts. 0: only then.
   */
  WS_KEY_RECHECK_MS: int(30_000, 0),
});

/** The whole schema for a list of provider modules (the contract test adds a made-up fifth one). */
export function configSchemaFor(modules: readonly AnyProviderModule[]) {
  return common.extend(providerShapeOf(modules));
}

const schema = common.extend(providerShapeOf(PROVIDER_MODULES) as ProviderEnvShape & SyncRateShape & BulkRateShape);

export type Env = z.infer<typeof schema>;

/** The name of every variable of the schema (common ones and every provider module's). */
export const ENV_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface AppConfig {
  env: Env;
  production: boolean;
  network: NetworkSettings;
  /** API keys given in configuration: "name:role:key" entries separated by commas. */
  apiKeys: StaticApiKey[];
  /** Anonymous callers allowed (reader+operator+admin in sandbox/dev; never in production unless forced). */
  allowAnonymous: boolean;
  introspection: boolean;
  /** CORS_ORIGINS as a list (empty: no cross-origin browser access). */
  corsOrigins: string[];
  /** Vendor calls one request may make: MAX_UPSTREAM_CALLS, or ceil(MAX_COST / 100) when it is 0. */
  upstreamCallBudget: number;
  /** LANDING_PAGE, or its default: `graphiql` in development, `off` in production. */
  landingPage: 'graphiql' | 'apollo' | 'off';
}

/** MAX_COST units per vendor call when MAX_UPSTREAM_CALLS is not set (MAX_COST 20000 → 200 calls). */
export const COST_PER_UPSTREAM_CALL = 100;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const byName = env as Readonly<Record<string, unknown>>;
  const providerSecrets = PROVIDER_MODULES.flatMap((m) => m.env.secrets.map((name) => byName[name]));
  for (const secret of [
    ...providerSecrets,
    env.JWT_SECRET,
    env.ROUTER_SECRET,
    env.APOLLO_KEY,
    env.METRICS_TOKEN,
    env.WEBHOOK_ENCRYPTION_KEY,
  ]) {
    registerSecret(typeof secret === 'string' ? secret : undefined);
  }
  registerSecretFields(PROVIDER_SECRET_FIELDS);
  const apiKeys = parseApiKeys(env.API_KEYS);
  for (const k of apiKeys) registerSecret(k.key);
  if (production) {
    checkProductionSecrets(env, apiKeys);
    checkProductionProviders(env);
    checkProductionExposure(env);
  }
  // Anonymous callers only in sandbox mode (no provider configured) and never in production, unless forced.
  const anyProviderConfigured = PROVIDER_MODULES.some((m) =>
    moduleVariables(m).some((name) => byName[name] !== undefined),
  );
  const allowAnonymous =
    env.ALLOW_ANONYMOUS !== undefined ? env.ALLOW_ANONYMOUS === 'true' : !production && !anyProviderConfigured;
  return {
    env,
    production,
    apiKeys,
    allowAnonymous,
    landingPage: env.LANDING_PAGE ?? (production ? 'off' : 'graphiql'),
    upstreamCallBudget: env.MAX_UPSTREAM_CALLS || Math.ceil(env.MAX_COST / COST_PER_UPSTREAM_CALL),
    introspection: source.INTROSPECTION !== undefined ? env.INTROSPECTION : !production,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o !== ''),
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
