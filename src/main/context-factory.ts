import type { GraphQLError } from 'graphql';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import type { Authenticator } from './auth.js';
import type { GraphQLContext, LiveContext } from '../graphql/context.js';
import { createLoaders, type LoaderDeps, type Loaders } from '../core/loaders/loaders.js';
import { Services } from '../graphql/services.js';
import { type SyncQueue } from '../core/kernel.js';
import { LifecycleService } from '../modules/lifecycle/index.js';
import { AccountEvents } from '../core/events/account-events.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { RequestScope } from '../lib/request-context.js';
import type { Store } from '../core/store/store.js';
import type { WriteBack } from '../core/mirror/write-back.js';
import type { JobSender } from '../core/job.js';
import type { Viewer } from '../domain/viewer.js';
import { kickDeliveries } from '../modules/webhooks/index.js';

/**
 * Builds the per-request GraphQL context: who is calling, fresh DataLoaders, services over them. An HTTP request's
 * scope (request id, vendor-call budget) travels explicitly: its loaders and services are built over the provider
 * registry scoped to it (`ProviderRegistry.scoped`), so no async context is entered per request.
 */

export interface ContextDeps {
  config: AppConfig;
  registry: ProviderRegistry;
  store: Store;
  /** Live reads' write-back after the answer (absent: written before the loaders answer). */
  writeBack?: WriteBack;
  catalog: LoaderDeps['catalog'];
  authenticator: Authenticator;
  logger: Logger;
  syncQueue?: SyncQueue;
  /** The job runner, when this process runs one (WORKER=inline): services queue background work on it. */
  jobs?: JobSender;
}

export function contextFactory(deps: ContextDeps): (request: FastifyRequest) => Promise<GraphQLContext> {
  const forViewer = viewerContextFactory(deps);
  return async (request) => {
    const viewer = await deps.authenticator.viewer({ get: (name) => headerText(request.headers[name]) });
    return forViewer(viewer, request.id, {
      requestId: request.id,
      upstreamBudget: { limit: deps.config.upstreamCallBudget, used: 0 },
    });
  };
}

/**
 * The context of a caller already authenticated (an HTTP request, or one read of a subscription). With a `scope`
 * (HTTP requests), the vendor calls of its loaders and services count against the scope's budget.
 */
export function viewerContextFactory(
  deps: ContextDeps,
): (viewer: Viewer, requestId: string, scope?: RequestScope) => GraphQLContext {
  const { config, store, writeBack, catalog, logger, syncQueue, jobs } = deps;
  const onAppended = jobs ? () => kickDeliveries((...args) => jobs.send(...args), 'event') : undefined;
  return (viewer, requestId, scope) => {
    const partialErrors: GraphQLError[] = [];
    let scoped: ProviderRegistry | undefined;
    // built with the first loader or service: `{ __typename }` builds none
    const registryOf = (): ProviderRegistry => (scoped ??= scope ? deps.registry.scoped(scope) : deps.registry);
    const parts: RequestParts = new RequestParts({
      loaders: () =>
        createLoaders({
          registry: registryOf(),
          store,
          catalog,
          batching: config.env.DATALOADER,
          ages: {
            state: config.env.MIRROR_MAX_AGE_MS,
            usage: config.env.USAGE_MAX_AGE_MS,
            links: config.env.LINKS_MAX_AGE_MS,
          },
          ...(writeBack ? { writeBack } : {}),
        }),
      services: (): Services =>
        new Services({
          config,
          registry: registryOf(),
          store,
          loaders: parts.loaders,
          partialErrors,
          viewer,
          requestId,
          logger,
          ...(syncQueue ? { syncQueue } : {}),
          ...(jobs ? { jobs } : {}),
        }),
      lifecycle: (): LifecycleService =>
        new LifecycleService({
          registry: registryOf(),
          store,
          loaders: parts.loaders,
          viewer,
          requestId,
          logger,
          reconcileWindowMs: config.env.RECONCILE_WINDOW_MS,
          settleMs: config.env.WRITE_SETTLE_MS,
          leaseMs: config.env.INTENT_LEASE_MS,
          scope: parts.services.scope,
          events: new AccountEvents(store.db, {
            actor: viewer.actor,
            noticeDays: config.env.EXPIRY_NOTICE_DAYS,
            ...(onAppended ? { onAppended } : {}),
          }),
        }),
    });
    return new RequestContext(requestId, viewer, partialErrors, parts);
  };
}

/** The loaders, services and lifecycle service of one request, each built on first use. */
class RequestParts {
  #loaders?: Loaders;
  #services?: Services;
  #lifecycle?: LifecycleService;
  constructor(private readonly make: { loaders(): Loaders; services(): Services; lifecycle(): LifecycleService }) {}
  get loaders(): Loaders {
    return (this.#loaders ??= this.make.loaders());
  }
  get services(): Services {
    return (this.#services ??= this.make.services());
  }
  get lifecycle(): LifecycleService {
    return (this.#lifecycle ??= this.make.lifecycle());
  }
}

/**
 * A request's context: `{ __typename }` builds no loader and no service. The lazy parts sit behind getters on
 * the prototype, and `parts` is a plain field: Apollo's shallow copy of the context (`Object.assign` onto an
 * object of the same prototype) shares them instead of building them all to copy them.
 */
class RequestContext implements GraphQLContext {
  live?: LiveContext;
  constructor(
    readonly requestId: string,
    readonly viewer: Viewer,
    readonly partialErrors: GraphQLError[],
    private readonly parts: RequestParts,
  ) {}
  get loaders(): Loaders {
    return this.parts.loaders;
  }
  get services(): Services {
    return this.parts.services;
  }
  get lifecycle(): LifecycleService {
    return this.parts.lifecycle;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
