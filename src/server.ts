import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { AppConfig } from './config.js';
import { createLoaders } from './loaders/index.js';
import { Services } from './services/index.js';
import { LifecycleService } from './services/lifecycle.js';
import { buildSubgraph } from './graphql/schema.js';
import { formatError } from './graphql/common/errors.js';
import type { GraphQLContext } from './graphql/context.js';
import { ProviderRegistry, type RegistryOptions } from './providers/registry.js';
import type { VpnProvider } from './providers/port.js';
import { openStore, type Store } from './store/store.js';
import { TtlCache } from './lib/ttl-cache.js';
import { encodeId } from './graphql/common/ids.js';
import type { PlanRecord, ServerRecord } from './domain/records.js';
import { Authenticator } from './auth.js';
import { Metrics } from './lib/metrics.js';
import { createLogger } from './lib/logger.js';
import { runInRequestScope } from './lib/request-context.js';
import { onUpstreamCall } from './providers/http.js';
import { startJobs } from './jobs/runner.js';

/**
 * Builds the HTTP server: Apollo Server (subgraph schema) on POST/GET /graphql (and /), plus /health,
 * /ready and /metrics. No business logic here: only wiring.
 */

export interface AppOptions extends RegistryOptions {
  /** Store to use (tests pass an in-memory one); default: DATABASE_URL or PGlite in DATA_DIR. */
  store?: Store;
  logger?: Logger;
}

export interface App {
  url: string;
  graphqlUrl: string;
  apollo: ApolloServer<GraphQLContext>;
  registry: ProviderRegistry;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  /** Graceful: stop accepting, let in-flight requests finish, close providers and the store. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL);
  const store =
    options.store ??
    (await openStore(config.env.DATABASE_URL ? { url: config.env.DATABASE_URL } : { dataDir: config.env.DATA_DIR }));
  const registry = await ProviderRegistry.create(config, store, {
    emulator: { admin: config.env.SANDBOX_ADMIN, seed: config.env.SANDBOX_SEED, ...options.emulator },
    sandboxLatencyMs: options.sandboxLatencyMs ?? config.env.SANDBOX_LATENCY_MS,
  });
  // Vendors with no list call: the sandbox's demo accounts are imported into the directory, as a reseller
  // would import its existing usernames.
  for (const [name, handle] of registry.sandboxEmulators) {
    if (!registry.get(name).features.listAccounts) {
      await store.importAccounts(
        name,
        handle.demoUsernames().map((username) => ({ nativeId: username, username })),
      );
    }
    const links = handle.demoCustomerLinks?.() ?? [];
    await store.importAccounts(
      name,
      links.map((l) => ({ nativeId: l.nativeId, username: l.username, customerId: encodeId('Customer', name, l.customerNativeId) })),
    );
  }

  const jobs = config.env.WORKER === 'inline' ? await startJobs({ config, store, registry, logger }) : null;
  const metrics = new Metrics();
  const stopUpstreamLog = onUpstreamCall((e) => {
    logger.debug({ upstream: e }, 'upstream call');
  });
  const catalog = {
    plans: new TtlCache<PlanRecord[]>(config.env.CATALOG_CACHE_TTL_MS, 64),
    servers: new TtlCache<ServerRecord[]>(config.env.CATALOG_CACHE_TTL_MS, 64),
  };
  const authenticator = new Authenticator(config, store);
  const { subgraph } = await buildSubgraph();

  const httpServer = http.createServer();
  const armor = new ApolloArmor({
    maxDepth: { n: config.env.MAX_DEPTH },
    maxAliases: { n: config.env.MAX_ALIASES },
    maxDirectives: { n: config.env.MAX_DIRECTIVES },
    maxTokens: { n: config.env.MAX_TOKENS },
    costLimit: { maxCost: config.env.MAX_COST },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();

  const partialErrorsPlugin: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          metrics.operations.inc({ operation_type: operation?.operation ?? 'unknown' });
        },
        async willSendResponse({ response, contextValue, errors }) {
          for (const e of errors ?? []) {
            metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
          if (response.body.kind !== 'single' || !contextValue.partialErrors?.length) return;
          const extra = contextValue.partialErrors.map((e) => e.toJSON());
          for (const e of extra) metrics.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
          response.body.singleResult.errors = [...(response.body.singleResult.errors ?? []), ...extra];
        },
      };
    },
  };

  const apollo = new ApolloServer<GraphQLContext>({
    ...protection,
    schema: subgraph,
    introspection: config.introspection,
    csrfPrevention: true,
    formatError,
    includeStacktraceInErrorResponses: false,
    logger: {
      debug: (m: unknown) => logger.debug(String(m)),
      info: (m: unknown) => logger.debug(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
    // Plugins written for BaseContext work for any context; TypeScript's variance check cannot see that.
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<GraphQLContext>[]),
      partialErrorsPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }) as ApolloServerPlugin<GraphQLContext>,
      (config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true })) as ApolloServerPlugin<GraphQLContext>,
    ],
    validationRules: [...protection.validationRules],
  });
  await apollo.start();

  const contextFor = async (headers: HeaderMap, requestId: string): Promise<GraphQLContext> => {
    const viewer = await authenticator.viewer(headers);
    const loaders = createLoaders({ registry, store, catalog, batching: config.env.DATALOADER });
    const partialErrors: GraphQLError[] = [];
    const services = new Services({ config, registry, store, loaders, partialErrors });
    return {
      requestId,
      viewer,
      loaders,
      services,
      lifecycle: new LifecycleService({ registry, store, loaders, viewer, requestId, logger, reconcileWindowMs: config.env.RECONCILE_WINDOW_MS, leaseMs: config.env.INTENT_LEASE_MS }),
      partialErrors,
    };
  };

  httpServer.on('request', (req, res) => {
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    void runInRequestScope({ requestId }, () =>
      handle(req, res, requestId).catch((error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error), requestId }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      }),
    );
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ready = await readiness(store, registry);
      return sendJson(res, ready.ok ? 200 : 503, ready);
    }
    if (url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return;
    }
    if (url.pathname !== '/' && url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_BODY_BYTES);
      if (raw === null) return sendJson(res, 413, { errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }] });
      if ((headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = raw.length > 0 ? JSON.parse(raw) : undefined;
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw;
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => contextFor(headers, requestId),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.env.PORT, config.env.HOST, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    apollo,
    registry,
    store,
    metrics,
    logger,
    stop() {
      stopping ??= (async () => {
        await apollo.stop(); // drains the HTTP server: in-flight requests finish first
        stopUpstreamLog();
        metrics.close();
        await jobs?.stop();
        await registry.close();
        if (!options.store) await store.close();
      })();
      return stopping;
    },
  };
}

async function readiness(store: Store, registry: ProviderRegistry) {
  let storeOk = true;
  try {
    await store.ping();
  } catch {
    storeOk = false;
  }
  const providers = registry.all().map((p) => ({ name: p.name, sandbox: p.sandbox, breaker: breakerOf(p) }));
  return { ok: storeOk, store: storeOk ? 'ok' : 'unreachable', providers };
}

function breakerOf(p: VpnProvider): string {
  return p.breakerState?.() ?? 'unknown';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[A-Za-z0-9._-]{1,128}$/.test(v) ? v : undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

