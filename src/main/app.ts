import { PROVIDER_SECRET_FIELDS } from '../providers/modules.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { buildSubgraph } from '../graphql/schema.js';
import { formatError } from '../graphql/common/errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ProviderRegistry, type RegistryOptions } from '../providers/registry.js';
import { openStore, type Store } from '../core/store/store.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { encodeId } from '../domain/ids.js';
import { jobSender, startJobs } from './job-runner.js';
import { syncQueueOn } from '../modules/sync/index.js';
import type { PlanRecord, ServerRecord } from '../domain/records.js';
import { Authenticator } from './auth.js';
import { Metrics } from '../lib/metrics.js';
import { createLogger } from '../lib/logger.js';
import { acquireDirLock, type DirLock } from '../lib/dir-lock.js';
import { initTracing, operationSpan } from '../lib/tracing.js';
import { onUpstreamCall } from '../providers/http-settings.js';
import { resealPlainSecrets } from '../modules/webhooks/index.js';
import { createFastify, httpDrain, trackRequests } from './fastify.js';
import { apolloExtras } from './plugins.js';
import websocket from '@fastify/websocket';
import { contextFactory, viewerContextFactory } from './context-factory.js';
import { subscriptionHandler } from './ws.js';
import { LiveHub } from '../modules/live/index.js';
import { registerOpsRoutes, type WorkerStatus } from './routes.js';
import { registerExplorerAssets } from './explorer.js';
import { WriteBack } from '../core/mirror/write-back.js';

/**
 * Builds the HTTP server: Fastify with Apollo Server (subgraph schema) on POST/GET /graphql (and /), plus
 * /health, /ready and /metrics. No business logic here: only wiring.
 */

export interface AppOptions extends RegistryOptions {
  /** Store to use (tests pass an in-memory one); default: DATABASE_URL or PGlite in DATA_DIR (locked). */
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
  /** Change notifications behind subscriptions (its `listeners` count the subscribers waiting here). */
  live: LiveHub;
  /** What live reads queued for the store, written after the answers (`flushed()` waits for it). */
  writeBack: WriteBack;
  /**
   * Graceful: /ready answers 503 and answers close their connections; after `delayMs` (default 0; the process
   * passes SHUTDOWN_DELAY_MS) the listener closes; in-flight requests finish; then jobs, providers and the store
   * close. Later calls return the same promise; one with a shorter `delayMs` ends the delay sooner.
   */
  stop(options?: { delayMs?: number }): Promise<void>;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL, undefined, PROVIDER_SECRET_FIELDS);
  // PGlite's directory belongs to one process: take its lock before opening it.
  const ownsPglite = !options.store && !config.env.DATABASE_URL && config.env.DATA_DIR !== 'memory://';
  const lock: DirLock | undefined = ownsPglite ? acquireDirLock(config.env.DATA_DIR) : undefined;
  const cleanups: Array<() => Promise<void> | void> = [() => lock?.release()];
  // Runs every step (last registered first) even when one fails; the first failure is thrown at the end.
  const cleanup = async (): Promise<void> => {
    let failure: unknown;
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error('shutdown failed', { cause: failure });
  };
  try {
    return await build(config, options, logger, cleanups, cleanup);
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}

async function build(
  config: AppConfig,
  options: AppOptions,
  logger: Logger,
  cleanups: Array<() => Promise<void> | void>,
  cleanup: () => Promise<void>,
): Promise<App> {
  // Once per process: W3C propagation always, spans recorded/exported only when OTEL_* asks (or a test installed it).
  const tracing = initTracing();
  cleanups.push(() => tracing.shutdown());
  const store =
    options.store ??
    (await openStore(config.env.DATABASE_URL ? { url: config.env.DATABASE_URL } : { dataDir: config.env.DATA_DIR }));
  if (!options.store) cleanups.push(() => store.close());
  // Live reads' write-back, after the answers; written out (after the HTTP drain) before the store closes.
  const writeBack = new WriteBack(store.db, config.env.WRITE_BACK_MAX_PENDING);
  cleanups.push(() => writeBack.close());
  // Webhook secrets stored in clear before WEBHOOK_ENCRYPTION_KEY was set are encrypted now.
  if (config.env.WEBHOOK_ENCRYPTION_KEY) {
    const sealed = await resealPlainSecrets(store.db, config.env.WEBHOOK_ENCRYPTION_KEY);
    if (sealed > 0) logger.info({ sealed }, 'webhook secrets stored in clear are now encrypted');
  }
  // In-process emulators keep their state beside the embedded store, so a restart finds both as they were.
  const persistent = !options.store && !config.env.DATABASE_URL && config.env.DATA_DIR !== 'memory://';
  const registry = await ProviderRegistry.create(config, store, {
    emulator: {
      admin: config.env.SANDBOX_ADMIN,
      seed: config.env.SANDBOX_SEED,
      ...(config.env.SANDBOX_ACCOUNTS > 0 ? { accounts: config.env.SANDBOX_ACCOUNTS } : {}),
      ...options.emulator,
    },
    sandboxLatencyMs: options.sandboxLatencyMs ?? config.env.SANDBOX_LATENCY_MS,
    ...(persistent ? { sandboxStateDir: join(config.env.DATA_DIR, 'sandbox') } : {}),
  });
  cleanups.push(() => registry.close());
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
      links.map((l) => ({
        nativeId: l.nativeId,
        username: l.username,
        customerId: encodeId('Customer', name, l.customerNativeId),
      })),
    );
  }

  // Background jobs (intent reconciliation, syncs) on the store's database; WORKER=off leaves them to `npm run worker`.
  const jobDeps = { config, store, registry, logger };
  const worker = { state: 'off' as ReturnType<WorkerStatus['state']>, lastErrorAt: 0 };
  const jobs = config.env.WORKER === 'inline' ? await startJobs(jobDeps) : undefined;
  if (jobs) {
    worker.state = 'running';
    jobs.boss.on('error', () => (worker.lastErrorAt = Date.now()));
    jobs.boss.on('stopped', () => (worker.state = 'stopped'));
    cleanups.push(() => jobs.stop());
  }
  const sender = jobSender(jobDeps, jobs); // syncProvider queues its run here
  cleanups.push(() => sender.stop());
  // Failing: the queue reported an error within the last minute (pg-boss retries on its own).
  const workerStatus: WorkerStatus = {
    state: () => (worker.state === 'running' && Date.now() - worker.lastErrorAt < 60_000 ? 'failing' : worker.state),
  };

  const metrics = new Metrics();
  cleanups.push(() => metrics.close());
  cleanups.push(onUpstreamCall((e) => metrics.observeUpstream(e)));
  cleanups.push(onUpstreamCall((e) => logger.debug({ upstream: e }, 'upstream call')));
  const catalog = {
    plans: new TtlCache<PlanRecord[]>(config.env.CATALOG_CACHE_TTL_MS, 64),
    servers: new TtlCache<ServerRecord[]>(config.env.CATALOG_CACHE_TTL_MS, 64),
  };
  const authenticator = new Authenticator(config, store);
  const { subgraph } = await buildSubgraph();

  const fastify = await createFastify(config, logger);
  const http = httpDrain(fastify, { graceMs: config.env.SHUTDOWN_GRACE_MS, logger });
  trackRequests(fastify, writeBack); // live reads' write-backs run between requests, not under one
  const extras = apolloExtras(config, metrics, http.apolloPlugin<GraphQLContext>());
  const apollo = new ApolloServer<GraphQLContext>({
    ...extras.protection,
    schema: subgraph,
    introspection: config.introspection,
    csrfPrevention: true,
    formatError,
    includeStacktraceInErrorResponses: false,
    // src/main/index.ts owns SIGTERM/SIGINT (grace period, exit code); Apollo's own handler would fight it.
    stopOnTerminationSignals: false,
    logger: {
      debug: (m: unknown) => logger.debug(String(m)),
      info: (m: unknown) => logger.debug(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
    plugins: extras.plugins,
    validationRules: extras.validationRules,
    parseOptions: extras.parseOptions,
  });
  await apollo.start();
  cleanups.push(() => apollo.stop()); // waits for the HTTP drain: in-flight requests finish first

  const contextDeps = {
    config,
    registry,
    store,
    writeBack,
    catalog,
    authenticator,
    logger,
    syncQueue: syncQueueOn(sender),
    ...(jobs ? { jobs } : {}),
  };
  const graphql = fastifyApolloHandler(apollo, { context: contextFactory(contextDeps) });
  // Subscriptions: change notifications from the database (every replica LISTENs), served over graphql-ws.
  const hub = await LiveHub.start(store.db);
  cleanups.push(() => hub.stop());
  await fastify.register(websocket, { options: { maxPayload: config.env.MAX_BODY_BYTES } });
  const wsHandler = subscriptionHandler({
    config,
    schema: subgraph,
    authenticator,
    hub,
    forViewer: viewerContextFactory(contextDeps),
    validationRules: extras.validationRules,
    parseOptions: extras.parseOptions,
    logger,
  });
  // The operation span: under the router's `traceparent` when one came in; the tracing plugin names it. The
  // request's scope (id, vendor-call budget) is built with its context (contextFactory), not entered here.
  const handler = (...args: Parameters<typeof graphql>) =>
    operationSpan(args[0].headers, async () => graphql.call(fastify, ...args));
  for (const url of ['/graphql', '/']) {
    fastify.route({ method: 'GET', url, handler, wsHandler });
    fastify.route({ method: 'POST', url, handler });
  }
  registerOpsRoutes(fastify, { config, store, registry, metrics, worker: workerStatus });
  if (config.landingPage === 'graphiql') registerExplorerAssets(fastify);

  await fastify.listen({ port: config.env.PORT, host: config.env.HOST });
  const address = fastify.server.address() as AddressInfo;
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
    live: hub,
    writeBack,
    stop(options = {}) {
      // the drain is awaited (and its failure reported) by apollo.stop(), the first cleanup step
      void http.drain(options.delayMs ?? 0).catch(() => undefined);
      stopping ??= cleanup();
      return stopping;
    },
  };
}
