import { AccountService } from './accounts.js';
import { ApiKeyService } from './api-keys.js';
import { CatalogService } from './catalog.js';
import { CustomerService } from './customers.js';
import { HistoryService } from './history.js';
import { WebhookService } from './webhooks.js';
import { BulkService } from './bulk.js';
import { MoveService } from './moves/service.js';
import { ServiceKernel, type ServiceDeps } from './kernel.js';
import { NodeService } from './nodes.js';
import { ProjectService } from './projects.js';
import type { ScopeGuard } from './scope.js';
import { SyncAdminService } from './sync-admin.js';

export type { ServiceDeps } from './kernel.js';
export type { AccountFilterInput } from './account-filters.js';
export type { SyncQueue } from './kernel.js';

/**
 * Per-request services: what resolvers delegate to (account lifecycle writes go through LifecycleService).
 * They speak loaders, the store and the provider port, never HTTP, never a vendor's name or field names,
 * and throw domain errors (src/domain/errors.ts) for the GraphQL layer to map.
 */
export class Services {
  readonly accounts: AccountService;
  readonly customers: CustomerService;
  readonly projects: ProjectService;
  readonly catalog: CatalogService;
  readonly nodes: NodeService;
  /** The scope guard of this request (the lifecycle service shares it). */
  readonly scope: ScopeGuard;
  /** Mirror sync runs and drift (operators). */
  readonly sync: SyncAdminService;
  /** Account history (events). */
  readonly history: HistoryService;
  /** Webhook endpoints and deliveries (admin). */
  readonly webhooks: WebhookService;
  /** Bulk account operations (operators). */
  readonly bulk: BulkService;
  /** API keys (admin). */
  readonly apiKeys: ApiKeyService;
  /** Account moves between providers (operators, sub-resellers). */
  readonly moves: MoveService;

  constructor(deps: ServiceDeps) {
    const kernel = new ServiceKernel(deps);
    this.scope = kernel.scope;
    this.accounts = new AccountService(kernel);
    this.customers = new CustomerService(kernel, this.accounts);
    this.projects = new ProjectService(kernel);
    this.catalog = new CatalogService(kernel);
    this.sync = new SyncAdminService(kernel, this.accounts, deps.syncQueue);
    this.history = new HistoryService(kernel);
    this.webhooks = new WebhookService(kernel);
    this.bulk = new BulkService(kernel);
    this.apiKeys = new ApiKeyService(kernel);
    this.moves = new MoveService(kernel);
    this.nodes = new NodeService(this);
  }
}
