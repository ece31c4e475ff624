import { AccountService } from '../modules/accounts/index.js';
import { ApiKeyService } from '../modules/keys/index.js';
import { CatalogService } from '../modules/catalog/index.js';
import { CustomerService } from '../modules/customers/index.js';
import { HistoryService } from '../modules/history/index.js';
import { WebhookService } from '../modules/webhooks/index.js';
import { BulkService } from '../modules/bulk/index.js';
import { MoveService } from '../modules/moves/index.js';
import { ServiceKernel, type ServiceDeps } from '../core/kernel.js';
import { NodeService } from './node/node.service.js';
import { ProjectService } from '../modules/projects/index.js';
import type { ScopeGuard } from '../core/access/scope-guard.js';
import { SyncAdminService } from '../modules/sync/index.js';

/**
 * Per-request services: what resolvers delegate to (account lifecycle writes go through LifecycleService).
 * They speak loaders, the store and the provider port, never HTTP, never a vendor's name or field names,
 * and throw domain errors (src/domain/errors.ts) for the GraphQL layer to map.
 */
export class Services {
  // Each service is built on first use: a request pays only for the services its resolvers reach.
  #kernel?: ServiceKernel;
  #accounts?: AccountService;
  #customers?: CustomerService;
  #projects?: ProjectService;
  #catalog?: CatalogService;
  #nodes?: NodeService;
  #scope?: ScopeGuard;
  #sync?: SyncAdminService;
  #history?: HistoryService;
  #webhooks?: WebhookService;
  #bulk?: BulkService;
  #apiKeys?: ApiKeyService;
  #moves?: MoveService;

  constructor(private readonly deps: ServiceDeps) {}

  private get kernel(): ServiceKernel {
    return (this.#kernel ??= new ServiceKernel(this.deps));
  }

  get accounts(): AccountService {
    return (this.#accounts ??= new AccountService(this.kernel));
  }

  get customers(): CustomerService {
    return (this.#customers ??= new CustomerService(this.kernel, this.accounts));
  }

  get projects(): ProjectService {
    return (this.#projects ??= new ProjectService(this.kernel));
  }

  get catalog(): CatalogService {
    return (this.#catalog ??= new CatalogService(this.kernel));
  }

  get nodes(): NodeService {
    return (this.#nodes ??= new NodeService(this));
  }

  /** The scope guard of this request (the lifecycle service shares it). */
  get scope(): ScopeGuard {
    return (this.#scope ??= this.kernel.scope);
  }

  /** Mirror sync runs and drift (operators). */
  get sync(): SyncAdminService {
    return (this.#sync ??= new SyncAdminService(this.kernel, this.accounts, this.deps.syncQueue));
  }

  /** Account history (events). */
  get history(): HistoryService {
    return (this.#history ??= new HistoryService(this.kernel));
  }

  /** Webhook endpoints and deliveries (admin). */
  get webhooks(): WebhookService {
    return (this.#webhooks ??= new WebhookService(this.kernel));
  }

  /** Bulk account operations (operators). */
  get bulk(): BulkService {
    return (this.#bulk ??= new BulkService(this.kernel));
  }

  /** API keys (admin). */
  get apiKeys(): ApiKeyService {
    return (this.#apiKeys ??= new ApiKeyService(this.kernel));
  }

  /** Account moves between providers (operators, sub-resellers). */
  get moves(): MoveService {
    return (this.#moves ??= new MoveService(this.kernel));
  }
}
