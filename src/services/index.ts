import type { GraphQLError } from 'graphql';
import type { AppConfig } from '../config.js';
import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import { toGraphQLError } from '../graphql/common/errors.js';
import { PROVIDER_ORDER, type ProviderName } from '../domain/provider.js';
import type { AccountRecord, AccountStatus, CustomerRecord, IncompleteField } from '../domain/records.js';
import type { Loaders } from '../loaders/index.js';
import { asProviderError, type AccountFilter, type VpnProvider } from '../providers/port.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/store.js';
import { decodeId, type GlobalId } from '../graphql/common/ids.js';
import { CrossProviderAccountList, type AccountListResult } from './account-list.js';
import { direction, offsetConnection, offsetWindow, type Connection, type ConnectionArgs } from './pagination.js';

/**
 * Per-request read services: what resolvers delegate to. They speak loaders and the provider port,
 * never HTTP, and never know a vendor's field names.
 */

export interface AccountFilterInput {
  providers?: ProviderName[] | null;
  statuses?: AccountStatus[] | null;
  customerId?: string | null;
  projectId?: string | null;
  usernamePrefix?: string | null;
}

export interface ServiceDeps {
  config: AppConfig;
  registry: ProviderRegistry;
  store: Store;
  loaders: Loaders;
  partialErrors: GraphQLError[];
}

export class Services {
  constructor(readonly deps: ServiceDeps) {}

  get registry(): ProviderRegistry {
    return this.deps.registry;
  }
  get store(): Store {
    return this.deps.store;
  }
  get loaders(): Loaders {
    return this.deps.loaders;
  }
  get maxPageSize(): number {
    return this.deps.config.env.MAX_PAGE_SIZE;
  }

  /** Decodes an id of the expected type or throws a typed VALIDATION error naming the argument. */
  decode(id: string, type: GlobalId['type'], field = 'id'): GlobalId {
    const decoded = decodeId(id);
    if (!decoded || decoded.type !== type) {
      throw new InputError(field, `\`${field}\` is not a valid ${type} id.`);
    }
    return decoded;
  }

  provider(name: ProviderName): VpnProvider {
    return this.registry.get(name);
  }

  async account(id: string, field = 'id'): Promise<AccountRecord | null> {
    const gid = this.decode(id, 'Account', field);
    if (gid.source === 'STORE') return null;
    return this.accountEntity({ provider: gid.source, nativeId: gid.nativeId });
  }

  /**
   * One account by key, for `account`, `node(s)` and federation references. For providers without a list
   * call, an account kept in the directory is answered from it (status fields read only when asked, see
   * `completeAccount`); anything else is read from the vendor.
   */
  async accountEntity(key: { provider: ProviderName; nativeId: string }): Promise<AccountRecord | null> {
    if (this.provider(key.provider).getKnownAccounts) {
      const known = await this.loaders.knownAccount.load(key);
      if (known) return known;
    }
    return this.loaders.account.load(key);
  }

  /**
   * The cross-provider accounts connection. `readStatus: false` (the selection asks no status field) lets
   * vendors without a list call answer from the directory alone; see `completeAccount`.
   */
  async accounts(
    args: ConnectionArgs,
    input: AccountFilterInput | null | undefined,
    path: ReadonlyArray<string | number>,
    readStatus = true,
  ): Promise<AccountListResult> {
    const dir = direction(args, this.maxPageSize);
    const { providers, filter, storeCustomer } = this.resolveFilter(input ?? {});
    if (storeCustomer) return this.storeCustomerAccounts(storeCustomer, args, input ?? {});
    const list = new CrossProviderAccountList(
      providers,
      filter,
      (records) => this.loaders.primeAccounts(records),
      path,
      this.deps.partialErrors,
      readStatus,
    );
    return list.page(dir);
  }

  private readonly incomplete = new Set<string>();

  /**
   * The whole account behind a record with gaps (`AccountRecord.incomplete`) when `field` is one of them,
   * read through the account loader, so every such record on a page is completed in one batch. When the read
   * fails or the vendor no longer knows the account, the placeholders stand and one typed error is reported
   * at `path` (once per account per request).
   */
  async completeAccount(record: AccountRecord, field: IncompleteField, path: ReadonlyArray<string | number>): Promise<AccountRecord> {
    if (!record.incomplete?.includes(field)) return record;
    let problem: Error;
    try {
      const full = await this.loaders.account.load({ provider: record.provider, nativeId: record.nativeId });
      if (full) return full;
      problem = new ProviderError({
        provider: record.provider,
        operation: 'getAccount',
        code: ErrorCode.NOT_FOUND,
        message: `${record.provider} no longer knows the account ${record.username}`,
        retryable: false,
      });
    } catch (error) {
      problem = error instanceof Error ? error : asProviderError(record.provider, 'getAccount', error);
    }
    const id = `${record.provider}:${record.nativeId}`;
    if (!this.incomplete.has(id)) {
      this.incomplete.add(id);
      this.reportPartial(problem, path, record.provider);
    }
    return record;
  }

  /** Accounts linked to a customer kept in this API's store (any provider), in link order. */
  private async storeCustomerAccounts(
    customerId: string,
    args: ConnectionArgs,
    input: AccountFilterInput,
  ): Promise<AccountListResult> {
    const dir = direction(args, this.maxPageSize);
    const links = (await this.store.accountsOfCustomer(customerId)).filter(
      (l: { provider: ProviderName }) => !input.providers?.length || input.providers.includes(l.provider),
    );
    const window = await offsetWindow(dir, async () => links.length);
    const slice = links.slice(window.offset, window.offset + window.limit);
    const records = await this.loaders.account.loadMany(slice.map((l: { provider: ProviderName; nativeId: string }) => ({ provider: l.provider, nativeId: l.nativeId })));
    const found = records.filter((r): r is AccountRecord => r !== null && !(r instanceof Error));
    const statuses = input.statuses;
    const kept = statuses?.length ? found.filter((r) => statuses.includes(r.status)) : found;
    return { ...offsetConnection(kept, window, dir, links.length, links.length), failures: [] };
  }

  resolveFilter(input: AccountFilterInput): { providers: VpnProvider[]; filter: AccountFilter; storeCustomer?: string } {
    let names: ProviderName[] = input.providers?.length ? [...new Set(input.providers)] : [...PROVIDER_ORDER];
    const filter: AccountFilter = {};
    if (input.statuses?.length) filter.statuses = input.statuses;
    if (input.usernamePrefix) {
      if (input.usernamePrefix.length > 60) throw new InputError('usernamePrefix', '`usernamePrefix` is at most 60 characters.');
      filter.usernamePrefix = input.usernamePrefix;
    }
    let storeCustomer: string | undefined;
    if (input.customerId) {
      const c = this.decode(input.customerId, 'Customer', 'customerId');
      if (c.source === 'STORE') storeCustomer = c.nativeId;
      else {
        names = names.filter((n) => n === c.source);
        filter.customerNativeId = c.nativeId;
      }
    }
    if (input.projectId) {
      const p = this.decode(input.projectId, 'Project', 'projectId');
      if (p.source === 'STORE') throw new InputError('projectId', '`projectId` is not a valid Project id.');
      names = names.filter((n) => n === p.source);
      filter.projectNativeId = p.nativeId;
    }
    const providers = PROVIDER_ORDER.filter((n) => names.includes(n)).map((n) => this.registry.get(n));
    return { providers, filter, ...(storeCustomer ? { storeCustomer } : {}) };
  }

  /** The customer an account belongs to: vendor link first, then the store's link. */
  async customerOfAccount(record: AccountRecord): Promise<CustomerRecord | null> {
    let ref = record.customerNativeId;
    if (!ref) ref = await this.loaders.customerLink.load({ provider: record.provider, nativeId: record.nativeId });
    if (!ref) return null;
    const gid = decodeId(ref);
    if (gid && gid.type === 'Customer') {
      return this.loaders.customer.load({ provider: gid.source === 'STORE' ? null : gid.source, nativeId: gid.nativeId });
    }
    if (!this.provider(record.provider).features.customers) {
      // A bare id from a vendor without customers is a store customer id (PureWL uuid = store customer id).
      return this.loaders.customer.load({ provider: null, nativeId: ref });
    }
    return this.loaders.customer.load({ provider: record.provider, nativeId: ref });
  }

  /** Offset-paged list from one source (customers, projects, a customer's or project's accounts). */
  async offsetList<T>(
    args: ConnectionArgs,
    fetch: (offset: number, limit: number) => Promise<{ items: T[]; totalCount: number | null }>,
  ): Promise<Connection<T>> {
    const dir = direction(args, this.maxPageSize);
    let total: number | null = null;
    const window = await offsetWindow(dir, async () => {
      const first = await fetch(0, 1);
      if (first.totalCount === null) throw new InputError('before', 'This list cannot be paged backwards from its end.', ErrorCode.VALIDATION);
      total = first.totalCount;
      return first.totalCount;
    });
    const page = await fetch(window.offset, dir.forward ? window.limit + 1 : window.limit);
    total = page.totalCount ?? total;
    return offsetConnection(page.items, window, dir, total, total ?? undefined);
  }

  /** Records a non-fatal provider failure at `path` (the rest of the answer stands). */
  reportPartial(error: Error, path: ReadonlyArray<string | number>, provider?: ProviderName): void {
    this.deps.partialErrors.push(toGraphQLError(provider ? asProviderError(provider, 'read', error) : error, path));
  }

}
