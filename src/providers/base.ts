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
import { nativeIdProblem, type UpstreamHttp } from './http.js';
import type { IdKind, NativeIdRules, ProviderConfig, ProviderTraits } from './module.js';
import {
  AccountOperation,
  unsupported,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
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

/** One id an entry point hands the vendor: its kind, the input field it came from, and its value (if any). */
type IdArgument = [kind: IdKind, field: string, value: unknown, optional?: 'optional'];
type IdPicker = (args: readonly unknown[]) => IdArgument[];

const prop = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
const first =
  (kind: IdKind, field: string): IdPicker =>
  (args) => [[kind, field, args[0]]];

/**
 * Every entry point of the port that hands a native id to the vendor, and where the ids are: batch reads
 * (one slot per id), single-id reads and writes, and ids inside filters and inputs. The id guard wraps each
 * of them (BaseProvider's constructor), so no provider method can forget it.
 */
const BATCH_READS: Readonly<Partial<Record<keyof VpnProvider, IdKind>>> = {
  getAccounts: 'account',
  getAccountsByUsername: 'username',
  getCustomers: 'customer',
  getProjects: 'project',
  getUsage: 'account',
};
const ACCOUNT = first('account', 'id');
const SINGLE: Readonly<Partial<Record<keyof VpnProvider, IdPicker>>> = {
  findAccountByUsername: first('username', 'username'),
  enableAccount: ACCOUNT,
  disableAccount: ACCOUNT,
  renewAccount: ACCOUNT,
  extendAccount: ACCOUNT,
  expireAccount: ACCOUNT,
  changePassword: ACCOUNT,
  changePlan: ACCOUNT,
  closeAccount: ACCOUNT,
  deleteAccount: ACCOUNT,
  reopenAccount: ACCOUNT,
  anonymiseAccount: ACCOUNT,
  setBandwidthLimit: ACCOUNT,
  revokeSessions: ACCOUNT,
  updateCustomer: first('customer', 'id'),
  deleteCustomer: first('customer', 'id'),
  updateProject: first('project', 'id'),
  deleteProject: first('project', 'id'),
  getConnectionConfigs: (a) => [
    ['account', 'accountId', a[0]],
    ['server', 'serverId', a[1]],
  ],
  listAccounts: (a) => [
    ['customer', 'customerId', prop(prop(a[0], 'filter'), 'customerNativeId'), 'optional'],
    ['project', 'projectId', prop(prop(a[0], 'filter'), 'projectNativeId'), 'optional'],
  ],
  listCustomers: (a) => [['project', 'projectId', prop(prop(a[0], 'filter'), 'projectNativeId'), 'optional']],
  createAccount: (a) => [
    ['customer', 'customerId', prop(a[0], 'customerNativeId'), 'optional'],
    ['project', 'projectId', prop(prop(a[0], 'newCustomer'), 'projectNativeId'), 'optional'],
  ],
  createCustomer: (a) => [['project', 'projectId', prop(a[0], 'projectNativeId'), 'optional']],
};

/** Why `id` may not be sent to a vendor with these rules: the shared rules first, then the vendor's own. */
export function idProblem(rules: NativeIdRules, kind: IdKind, id: unknown): string | null {
  return nativeIdProblem(id) ?? rules[kind](id as string);
}

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
    this.guardIds(traits.idRules);
  }

  /**
   * The id guard: wraps every entry point that hands an id to the vendor (tables above) so an id the shared
   * rules or the vendor's own rules refuse answers VALIDATION with no vendor call — as the batch slot of
   * that id for batch reads (the other ids are still read), as a thrown ProviderError otherwise.
   */
  private guardIds(rules: NativeIdRules): void {
    const self = this as unknown as Record<string, unknown>;
    const refuse = (operation: string, field: string, problem: string) =>
      new ProviderError({
        provider: this.name,
        operation,
        code: ErrorCode.VALIDATION,
        field,
        message: `${this.name}: the ${field} ${problem}.`,
        retryable: false,
      });
    for (const [operation, kind] of Object.entries(BATCH_READS)) {
      const original = self[operation] as (ids: readonly string[], ...rest: unknown[]) => Promise<BatchResult<unknown>>;
      self[operation] = async (ids: readonly string[], ...rest: unknown[]): Promise<BatchResult<unknown>> => {
        const field = kind === 'username' ? 'username' : 'id';
        const refused = ids.map((id) => {
          const problem = idProblem(rules, kind, id);
          return problem ? refuse(operation, field, problem) : null;
        });
        const allowed = ids.filter((_, i) => refused[i] === null);
        const read = allowed.length > 0 ? await original.call(this, allowed, ...rest) : [];
        let next = 0;
        return refused.map((error) => error ?? read[next++] ?? null);
      };
    }
    for (const [operation, pick] of Object.entries(SINGLE)) {
      const original = self[operation] as (...args: unknown[]) => Promise<unknown>;
      self[operation] = async (...args: unknown[]): Promise<unknown> => {
        for (const [kind, field, value, optional] of pick(args)) {
          if (optional && (value === undefined || value === null || value === '')) continue;
          const problem = idProblem(rules, kind, value);
          if (problem) throw refuse(operation, field, problem);
        }
        return original.apply(this, args);
      };
    }
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

/** Runs a vendor read; a NOT_FOUND answer becomes null (the batch slot for "does not exist"). */
export async function nullIfNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

/** One numbered page of a vendor list: its rows, and whether it was the last one. */
export interface NumberedPage<T> {
  items: T[];
  last: boolean;
  /** Total rows, when the vendor tells. */
  total: number | null;
}

/**
 * The [offset, offset+limit) window over a vendor list served in numbered pages of `size` (1-based): one
 * call usually, two when the window straddles a page boundary. The total is the vendor's, or known once
 * the last page was seen.
 */
export async function pageWindow<T>(
  offset: number,
  limit: number,
  size: number,
  fetch: (page: number, size: number) => Promise<NumberedPage<T>>,
): Promise<{ items: T[]; total: number | null }> {
  if (limit <= 0) {
    const first = await fetch(1, 1);
    return { items: [], total: first.total };
  }
  const firstPage = Math.floor(offset / size) + 1;
  const lastPage = Math.floor((offset + limit - 1) / size) + 1;
  const items: T[] = [];
  let total: number | null = null;
  let exhausted = false;
  for (let p = firstPage; p <= lastPage && !exhausted; p++) {
    const res = await fetch(p, size);
    items.push(...res.items);
    total = res.total;
    exhausted = res.last;
  }
  const start = offset - (firstPage - 1) * size;
  return {
    items: items.slice(start, start + limit),
    total: total ?? (exhausted ? (firstPage - 1) * size + items.length : null),
  };
}

/** Every row of a vendor list served in numbered pages (filters the vendor cannot apply need them all). */
export async function allPages<T>(
  size: number,
  fetch: (page: number, size: number) => Promise<NumberedPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  for (let p = 1; ; p++) {
    const res = await fetch(p, size);
    all.push(...res.items);
    if (res.last) return all;
  }
}
