import { ErrorCode, ProviderError, type InputError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type {
  AccountRecord,
  ConnectionConfigRecord,
  CustomerRecord,
  PlanRecord,
  ProjectRecord,
  ServerRecord,
  UsageRecord,
} from '../domain/records.js';
import type { UpstreamHttp } from './http.js';
import { installIdGuard } from './id-guard.js';
import type { ProviderConfig, ProviderTraits } from './module.js';
import {
  AccountOperation,
  unsupported,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
  type ServiceTerm,
  type CustomerInput,
  type DateRange,
  type InputCheck,
  type Page,
  type PageQuery,
  type ProjectInput,
  type ProviderFeatures,
  type ProviderHealth,
  type RenewInput,
  type ServerFilter,
  type VpnProvider,
} from './port.js';

/**
 * What every provider shares, written once: its traits (from the module), the breaker state and close()
 * of its HTTP client, `must()` (a read that has to find the record), the health probe, the paging window
 * over a vendor's numbered pages, and UNSUPPORTED_BY_PROVIDER for every operation it does not override.
 */

/**
 * Base class: every operation answers UNSUPPORTED_BY_PROVIDER and every optional read answers empty,
 * so a provider only implements what its vendor offers. Capabilities must list what it overrides.
 */
export abstract class BaseProvider implements VpnProvider {
  readonly name: ProviderName;
  readonly sandbox: boolean;
  readonly capabilities: ReadonlySet<AccountOperation>;
  readonly features: ProviderFeatures;
  readonly customerRefsAreStoreIds: boolean;
  /** Fan-out width for vendors without a batch call. */
  protected readonly concurrency: number;
  /** The vendor client's HTTP layer (set by the subclass constructor). */
  protected abstract readonly http: UpstreamHttp;

  constructor(traits: ProviderTraits, config: Pick<ProviderConfig, 'sandbox' | 'network'>) {
    this.name = traits.name;
    this.capabilities = traits.capabilities;
    this.features = traits.features;
    this.customerRefsAreStoreIds = traits.customerRefsAreStoreIds;
    this.sandbox = config.sandbox;
    this.concurrency = config.network.concurrency;
    installIdGuard(this, traits.idRules);
  }

  breakerState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    return this.http.breakerState;
  }

  async close(): Promise<void> {
    this.http.close();
  }

  /** Health from one cheap probe call; `acceptNotFound` when the probe asks for something that cannot exist. */
  protected async probe(call: () => Promise<unknown>, acceptNotFound = false): Promise<ProviderHealth> {
    try {
      await call();
      return { ok: true, breaker: this.http.breakerState, message: null };
    } catch (error) {
      if (acceptNotFound && error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) {
        return { ok: true, breaker: this.http.breakerState, message: null };
      }
      return {
        ok: false,
        breaker: this.http.breakerState,
        message: error instanceof Error ? error.message : 'health check failed',
      };
    }
  }

  /** A read that has to find its record: null (the vendor does not know it) becomes NOT_FOUND with `message`. */
  protected async mustFind<T>(read: Promise<T | null>, operation: string, message: string): Promise<T> {
    const found = await read;
    if (found === null) throw this.http.error(operation, ErrorCode.NOT_FOUND, message);
    return found;
  }

  abstract getAccounts(nativeIds: readonly string[]): Promise<BatchResult<AccountRecord>>;
  abstract getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>>;
  abstract listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>>;
  abstract health(): Promise<ProviderHealth>;
  abstract findAccountByUsername(username: string): Promise<AccountRecord | null>;

  validate: InputCheck = () => [];
  validateCustomer(_input: Record<string, unknown>): InputError[] {
    return [];
  }

  async getCustomers(nativeIds: readonly string[]): Promise<BatchResult<CustomerRecord>> {
    return nativeIds.map(() => null);
  }
  async listCustomers(_query: PageQuery<{ projectNativeId?: string }>): Promise<Page<CustomerRecord>> {
    return { items: [], totalCount: 0 };
  }
  async getProjects(nativeIds: readonly string[]): Promise<BatchResult<ProjectRecord>> {
    return nativeIds.map(() => null);
  }
  async listProjects(_query: PageQuery): Promise<Page<ProjectRecord>> {
    return { items: [], totalCount: 0 };
  }
  async listPlans(): Promise<PlanRecord[]> {
    return [];
  }
  async listServers(_filter?: ServerFilter): Promise<ServerRecord[]> {
    return [];
  }
  async getUsage(accountNativeIds: readonly string[], _range: DateRange): Promise<BatchResult<UsageRecord>> {
    return accountNativeIds.map(() => null);
  }
  async getConnectionConfigs(_accountNativeId: string, _serverNativeId: string): Promise<ConnectionConfigRecord[]> {
    throw unsupported(this.name, 'getConnectionConfigs');
  }

  async createAccount(_input: CreateAccountInput): Promise<CreatedAccount> {
    throw unsupported(this.name, AccountOperation.CREATE);
  }
  async termFor(_days: number, _planCode: string | null): Promise<ServiceTerm> {
    throw unsupported(this.name, AccountOperation.CREATE);
  }
  async enableAccount(_nativeId: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.ENABLE);
  }
  async disableAccount(_nativeId: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.DISABLE);
  }
  async renewAccount(_nativeId: string, _input: RenewInput): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.RENEW);
  }
  async extendAccount(_nativeId: string, _date: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.EXTEND);
  }
  async expireAccount(_nativeId: string, _date?: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.EXPIRE);
  }
  async changePassword(_nativeId: string, _password: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.CHANGE_PASSWORD);
  }
  async changePlan(_nativeId: string, _planCode: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.CHANGE_PLAN);
  }
  async closeAccount(_nativeId: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.CLOSE);
  }
  async deleteAccount(_nativeId: string): Promise<void> {
    throw unsupported(this.name, AccountOperation.DELETE);
  }
  async reopenAccount(_nativeId: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.REOPEN);
  }
  async anonymiseAccount(_nativeId: string): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.ANONYMISE);
  }
  async setBandwidthLimit(_nativeId: string, _kilobytesPerSecond: number | null): Promise<AccountRecord> {
    throw unsupported(this.name, AccountOperation.SET_BANDWIDTH_LIMIT);
  }
  async revokeSessions(_nativeId: string): Promise<void> {
    throw unsupported(this.name, AccountOperation.REVOKE_SESSIONS);
  }
  async createCustomer(_input: CustomerInput): Promise<CustomerRecord> {
    throw unsupported(this.name, 'createCustomer');
  }
  async updateCustomer(
    _nativeId: string,
    _input: Partial<Omit<CustomerInput, 'projectNativeId'>>,
  ): Promise<CustomerRecord> {
    throw unsupported(this.name, 'updateCustomer');
  }
  async deleteCustomer(_nativeId: string): Promise<void> {
    throw unsupported(this.name, 'deleteCustomer');
  }
  async createProject(_input: ProjectInput): Promise<ProjectRecord> {
    throw unsupported(this.name, 'createProject');
  }
  async updateProject(_nativeId: string, _input: ProjectInput): Promise<ProjectRecord> {
    throw unsupported(this.name, 'updateProject');
  }
  async deleteProject(_nativeId: string): Promise<void> {
    throw unsupported(this.name, 'deleteProject');
  }
}
