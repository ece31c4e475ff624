import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import { decodeId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import type {
  AccountRecord,
  ConnectionConfigRecord,
  CustomerRecord,
  IncompleteField,
  PlanRecord,
  ProjectRecord,
  ServerRecord,
  UsageRecord,
} from '../../domain/records.js';
import { AccountOperation, asProviderError, type AccountFilter, type VpnProvider } from '../../providers/port.js';
import { CrossProviderAccountList, type AccountListResult } from './account-list.service.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { direction, offsetConnection, offsetWindow, type ConnectionArgs } from '../../core/pagination.js';
import { usageRange } from '../../core/usage-range.js';
import type { ServedAccount } from '../../core/loaders/mirror-loaders.js';
import { oldestOf, type RecordGroup } from '../../core/mirror/field-groups.js';
import { isMirrorCursor, type MirrorOrderField, type SortDirection } from '../../core/mirror/mirror-query.js';
import { RECORD_GROUPS, type Confirmations } from '../../core/mirror/mirror-rows.js';
import { Mirror, type ProviderCoverage } from '../../core/mirror/mirror.js';
import { linksAtVendor, vendorCustomerOf, type LinkWalk } from '../../core/mirror/link-walk.js';
import { DEFAULT_MIRROR_ORDER, MirrorAccountList, served } from './account-mirror-list.service.js';
import { mirrorFilter, needsMirror, resolveFilter, type AccountFilterInput } from './account-filters.js';
import { termsOf } from '../../core/store/scopes.js';

/** Ownership terms that match no directory row (a scoped filter naming a customer or project outside the scope). */
const NOBODY = termsOf([], []);

/**
 * The record gaps an Account field's resolver completes (graphql/account: `complete`, and `syncedAt`,
 * `confirmedAt`, `dataSource` through the status). Kept beside the resolvers' calls: a field missing here only
 * starts its read later, never adds one.
 */
const COMPLETED_BY: Readonly<Record<string, readonly IncompleteField[]>> = {
  status: ['status'],
  providerStatus: ['providerStatus'],
  expiresAt: ['expiresAt'],
  metadata: ['metadata'],
  plans: ['plans'],
  plan: ['planNativeId'],
  syncedAt: ['status'],
  confirmedAt: ['status'],
  dataSource: ['status'],
};

export interface AccountOrderInput {
  field: MirrorOrderField;
  direction?: SortDirection | null;
}

/** Reads of accounts and of what hangs off an account (customer, project, plan, usage, servers, configs). */
export class AccountService {
  private readonly incomplete = new Set<string>();
  /** Providers whose link walk failed in this request (reported once). */
  private readonly linkFailures = new Set<ProviderName>();

  constructor(private readonly k: ServiceKernel) {}

  /** One account by global id; null when it does not exist. `maxAge`: see `entity`. */
  /** `groups`: the field groups the answer shows (freshness is judged by them; default all). */
  async byId(
    id: string,
    field = 'id',
    maxAge?: number | null,
    groups: readonly RecordGroup[] = RECORD_GROUPS,
  ): Promise<AccountRecord | null> {
    const gid = this.k.decode(id, 'Account', field);
    const allowed = this.k.allowedAge(maxAge);
    if (gid.source === 'STORE') return null;
    return this.entity({ provider: gid.source, nativeId: gid.nativeId }, allowed, groups);
  }

  async byUsername(provider: ProviderName, username: string): Promise<AccountRecord | null> {
    if (username.length === 0 || username.length > 128)
      throw new InputError('username', '`username` must be 1 to 128 characters.');
    if (!(await this.k.scope.ownsUsername(provider, username))) return null;
    return this.k.scope.visible(await this.k.loaders.accountByUsername.load({ provider, username }));
  }

  /** WireGuard details. The mirror keeps no private key, so an admin (who may see it) is answered from a live read. */
  async wireguard(account: ServedAccount): Promise<AccountRecord['wireguard']> {
    if (!account.wireguard || account.dataSource !== 'MIRROR' || !this.k.deps.viewer.roles.has('admin')) {
      return account.wireguard;
    }
    const live = await this.entity({ provider: account.provider, nativeId: account.nativeId }, 0);
    return live?.wireguard ?? account.wireguard;
  }

  /**
   * One account by key, for `account`, `node(s)` and federation references. For providers without a list
   * call, an account kept in the directory is answered from it (status fields read only when asked, see
   * `complete`); anything else is read from the vendor.
   */
  async entity(
    key: { provider: ProviderName; nativeId: string },
    maxAgeMs = this.k.allowedAge(null),
    groups: readonly RecordGroup[] = RECORD_GROUPS,
  ): Promise<ServedAccount | null> {
    if (!(await this.k.scope.ownsAccount(key))) return null;
    // Mirrored state whose shown field groups are younger than the allowed age answers without a vendor call
    // (its gaps, if any, are still filled live when asked for, see `complete`); every group when not told.
    if (maxAgeMs > 0) {
      const row = await this.k.loaders.mirrored.load(key);
      const at = row && (groups === RECORD_GROUPS ? row.syncedAt : oldestOf(row.confirmedAt, groups));
      if (row && at && Date.now() - Date.parse(at) <= maxAgeMs) return served(row);
    }
    if (this.k.provider(key.provider).getKnownAccounts) {
      const known = await this.k.loaders.knownAccount.load(key);
      if (known) return known;
    }
    return this.k.loaders.account.load(key);
  }

  /**
   * The cross-provider accounts connection. `readStatus: false` (the selection asks no status field) lets
   * vendors without a list call answer from the directory alone; see `complete`.
   */
  async list(
    args: ConnectionArgs,
    input: AccountFilterInput | null | undefined,
    path: ReadonlyArray<string | number>,
    readStatus = true,
    options: {
      orderBy?: AccountOrderInput | null;
      maxAge?: number | null;
      groups?: readonly RecordGroup[];
      /** Fields the connection's nodes select: a live page starts the completions they need early. */
      fields?: ReadonlySet<string>;
      /** `totalCount` is selected: a live page counts beside its lists. */
      countTotal?: boolean;
    } = {},
  ): Promise<AccountListResult> {
    // Freshness is judged by the field groups the answer shows (all of them unless told).
    const groups = options.groups ?? RECORD_GROUPS;
    const dir = direction(args, this.k.deps.config.env.MAX_PAGE_SIZE);
    const maxAgeMs = this.k.allowedAge(options.maxAge);
    const order = options.orderBy
      ? { field: options.orderBy.field, direction: options.orderBy.direction ?? 'ASC' }
      : DEFAULT_MIRROR_ORDER;
    if (this.k.scope.scoped) {
      // The same engine as everyone's: the scope is one more SQL predicate (its directory links), narrowed by
      // the filter's customer / project, never widened.
      const { projectId, ...rest } = input ?? {};
      const owner = (await this.k.scope.listTerms(rest.customerId ?? null, projectId ?? null)) ?? NOBODY;
      const { providers, filter, storeCustomer } = resolveFilter(this.k, rest);
      this.startLinkWalks(providers, options.fields);
      const where = { ...mirrorFilter(rest, providers, filter, storeCustomer), owner };
      return new MirrorAccountList(this.k, this.mirror, path).page(dir, where, order, maxAgeMs, {
        scoped: true,
        groups,
      });
    }
    const { providers, filter, storeCustomer } = resolveFilter(this.k, input ?? {});
    this.startLinkWalks(providers, options.fields);
    const cursor = dir.forward ? dir.after : dir.before;
    let covered: ReadonlyMap<ProviderName, ProviderCoverage> | null = null;
    let mirrorPath = options.orderBy != null || needsMirror(input ?? {});
    if (!mirrorPath && cursor) mirrorPath = isMirrorCursor(cursor);
    else if (!mirrorPath && maxAgeMs > 0) {
      covered = await this.mirrorCovers(providers, filter, maxAgeMs, groups);
      mirrorPath = covered !== null;
    }
    if (mirrorPath) {
      const where = mirrorFilter(input ?? {}, providers, filter, storeCustomer);
      return new MirrorAccountList(this.k, this.mirror, path).page(dir, where, order, maxAgeMs, {
        groups,
        ...(covered ? { coverage: covered } : {}),
      });
    }
    if (storeCustomer) return this.storeCustomerAccounts(storeCustomer, args, input ?? {});
    const list = new CrossProviderAccountList(
      providers,
      filter,
      async (records) => {
        // What a live list read tells lands in the mirror too (rows without a status read are not written).
        this.k.loaders.primeAccounts(records);
        await this.k.loaders.remember(records, 'live');
      },
      path,
      this.k.deps.partialErrors,
      readStatus,
      { countTotal: options.countTotal ?? false, onCertainRows: this.completer(options.fields) },
    );
    return list.page(dir);
  }

  /**
   * The whole account behind a record with gaps (`AccountRecord.incomplete`) when `field` is one of them,
   * read through the account loader, so every such record on a page is completed in one batch. When the read
   * fails or the vendor no longer knows the account, the placeholders stand and one typed error is reported
   * at `path` (once per account per request).
   */
  async complete(
    record: AccountRecord,
    field: IncompleteField,
    path: ReadonlyArray<string | number>,
  ): Promise<ServedAccount> {
    if (!record.incomplete?.includes(field)) return record;
    let problem: Error;
    try {
      const full = await this.k.loaders.account.load({ provider: record.provider, nativeId: record.nativeId });
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
      this.k.reportPartial(problem, path, record.provider);
    }
    return record;
  }

  /**
   * Starts, for list rows certain to be on the page, the reads that completing them for the selected fields will
   * make anyway (`complete`, through the same account loader: the resolvers then find them under way). A WLVPN
   * row's plan read then overlaps the other providers' lists instead of waiting for the whole page. With `plan`
   * selected, the catalog of each provider on the page is read beside them (not after the last account).
   */
  private completer(
    fields: ReadonlySet<string> | undefined,
  ): ((records: readonly AccountRecord[]) => void) | undefined {
    const needed = new Set([...(fields ?? [])].flatMap((f) => COMPLETED_BY[f] ?? []));
    if (needed.size === 0) return undefined;
    const catalog = fields?.has('plan') ? new Set<ProviderName>() : undefined;
    return (records) => {
      this.k.loaders.startAccountReads(
        records
          .filter((r) => r.incomplete?.some((f) => needed.has(f)))
          .map((r) => ({ provider: r.provider, nativeId: r.nativeId })),
      );
      for (const r of records) {
        if (!catalog || catalog.has(r.provider)) continue;
        if (!r.planNativeId && !r.incomplete?.includes('planNativeId')) continue; // no plan to look up
        catalog.add(r.provider);
        // Failures are the plan resolver's to report (it loads the same list and gets the same answer).
        this.k.loaders.plans.load(r.provider).catch(() => undefined);
      }
    };
  }

  /**
   * The mirror may serve the default (unordered) connection when every provider in scope is mirrored younger
   * than the allowed age: its list confirmed whole by a FULL sync (providers with a list call; the others'
   * list is the directory itself) and no account's state older than that. Answers the coverage it read (the
   * mirror list then does not read it again), or null when the mirror may not serve.
   */
  private async mirrorCovers(
    providers: VpnProvider[],
    filter: AccountFilter,
    maxAgeMs: number,
    groups: readonly RecordGroup[],
  ): Promise<ReadonlyMap<ProviderName, ProviderCoverage> | null> {
    if (providers.length === 0 || filter.customerNativeId || filter.projectNativeId) return null;
    await this.k.loaders.settled(); // what reads just before this one learned counts
    const since = new Date(Date.now() - maxAgeMs).toISOString();
    const coverage = await this.mirror.coverage(providers.map((p) => p.name));
    const tooOld = (name: ProviderName) => {
      const listedAt = coverage.get(name)?.listedAt;
      return !listedAt || Date.parse(listedAt) < Date.parse(since);
    };
    if (providers.some((p) => p.features.listAccounts && tooOld(p.name))) return null;
    const stale = await this.mirror.exists({
      providers: providers.map((p) => p.name),
      staleBefore: since,
      staleGroups: groups,
    });
    return stale ? null : coverage;
  }

  private get mirror(): Mirror {
    return new Mirror(this.k.store.db);
  }

  /** The allowed age of mirrored state for a read (`maxAge` argument, ms; default MIRROR_MAX_AGE_MS). */
  allowedAge(maxAge: number | null | undefined): number {
    return this.k.allowedAge(maxAge);
  }

  /**
   * How fresh the account's state is. A record whose status a read has not learned (a directory entry) takes
   * it from the live read that completes it, so `syncedAt` never claims less age than the status shown has.
   */
  async freshness(
    record: ServedAccount,
    path: ReadonlyArray<string | number>,
    withLinks = false,
    groups: readonly RecordGroup[] = RECORD_GROUPS,
  ): Promise<{ syncedAt: string | null; dataSource: 'MIRROR' | 'LIVE' }> {
    const full: ServedAccount = record.incomplete?.includes('status')
      ? await this.complete(record, 'status', path)
      : record;
    // The oldest confirmation of the groups the answer shows (a record without per-group times: its syncedAt).
    let syncedAt =
      full.confirmedAt && groups !== RECORD_GROUPS ? oldestOf(full.confirmedAt, groups) : (full.syncedAt ?? null);
    // An answer that shows the customer or project of an account whose link lives at the vendor (VPNresellers)
    // is only as fresh as the link's last confirmation.
    if (withLinks && syncedAt !== null && this.linksAtVendor(full.provider)) {
      const link = (await this.confirmedAt(full, path, true)).customer;
      syncedAt = link === null ? null : Date.parse(link) < Date.parse(syncedAt) ? link : syncedAt;
    }
    return { syncedAt, dataSource: full.dataSource ?? 'LIVE' };
  }

  /**
   * When the vendor last confirmed each field group of the account shown (the customer link from the directory,
   * or from this request's walk of the vendor's customer lists). `withLinks`: the answer shows the customer or
   * project, so a link older than the request's allowed age is confirmed first (`linkWalk`).
   */
  async confirmedAt(
    record: ServedAccount,
    path: ReadonlyArray<string | number> = [],
    withLinks = false,
  ): Promise<Confirmations> {
    const walk = withLinks ? await this.linkWalk(record, path) : null;
    const own = record.confirmedAt ?? { status: null, expiry: null, plan: null, bandwidth: null };
    // This request's walk is the link's latest confirmation: no store read for it.
    if (walk) return { ...own, customer: walk.at };
    const row = await this.k.loaders.mirrored.load({ provider: record.provider, nativeId: record.nativeId });
    return { ...own, customer: row?.confirmedAt.customer ?? null };
  }

  /**
   * With `maxAge: 0` every link shown is walked for (`linkWalk`): when the nodes select `customer` or `project`,
   * the walk of each provider in scope that keeps links starts now, beside the lists, not after the page.
   * Failures are the resolvers' to report (they load the same key and get the same answer).
   */
  private startLinkWalks(providers: readonly VpnProvider[], fields: ReadonlySet<string> | undefined): void {
    if (!fields || !(fields.has('customer') || fields.has('project')) || this.k.loaders.ages.links !== 0) return;
    for (const p of providers) if (linksAtVendor(p)) this.k.loaders.links.load(p.name).catch(() => undefined);
  }

  /**
   * Links kept at the vendor (VPNresellers) are confirmed only by reading its customer lists whole: when the
   * answer shows an account's customer and its link is older than the request's allowed age (`maxAge`, 0 =
   * always; default LINKS_MAX_AGE_MS), the provider's lists are walked once in this request (loaders.links); the
   * answer takes its links from the walk and the directory is updated after it (the write-back). A walk that fails (vendor down, vendor-call budget spent) leaves the directory's link in the answer, its age
   * in `syncedAt`, and one typed error at `path`. Null: no walk was needed (or it failed).
   */
  private async linkWalk(record: AccountRecord, path: ReadonlyArray<string | number>): Promise<LinkWalk | null> {
    if (record.customerNativeId || !this.linksAtVendor(record.provider)) return null;
    const allowed = this.k.loaders.ages.links;
    if (allowed > 0) {
      // (0: every link is walked for, no need to read its confirmation first.)
      const row = await this.k.loaders.mirrored.load({ provider: record.provider, nativeId: record.nativeId });
      const at = row?.confirmedAt.customer ?? null;
      if (at !== null && Date.now() - Date.parse(at) <= allowed) return null;
    }
    try {
      return await this.k.loaders.links.load(record.provider);
    } catch (error) {
      if (!this.linkFailures.has(record.provider)) {
        this.linkFailures.add(record.provider);
        const e = error instanceof Error ? error : asProviderError(record.provider, 'listCustomers', error);
        this.k.reportPartial(e, path, record.provider);
      }
      return null;
    }
  }

  /** The provider keeps account–customer links itself (they come from its customer lists, not from this API). */
  private linksAtVendor(name: ProviderName): boolean {
    return linksAtVendor(this.k.provider(name));
  }

  /** Lifecycle operations the account's provider supports (CREATE excluded: it is not an account action). */
  capabilities(account: AccountRecord): AccountOperation[] {
    const caps = this.k.provider(account.provider).capabilities;
    return Object.values(AccountOperation).filter((op) => caps.has(op) && op !== AccountOperation.CREATE);
  }

  /**
   * The customer an account belongs to: the record's own link, then the vendor's customer lists when this
   * request walked them (`linkWalk`), then the directory's link.
   */
  async customer(record: AccountRecord, path: ReadonlyArray<string | number> = []): Promise<CustomerRecord | null> {
    let ref = record.customerNativeId;
    if (!ref) {
      const key = { provider: record.provider, nativeId: record.nativeId };
      const walk = await this.linkWalk(record, path);
      const listed = walk?.links.get(record.nativeId);
      if (listed) ref = listed.customerId;
      else {
        ref = await this.k.loaders.customerLink.load(key);
        // After a walk, a vendor link its lists did not show is gone (the walk's write-back removes it); a link
        // to a customer this API keeps is its own and stays.
        if (walk && ref && vendorCustomerOf(record.provider)(ref)) ref = null;
      }
    }
    if (!ref) return null;
    const gid = decodeId(ref);
    if (gid && gid.type === 'Customer') {
      return this.k.loaders.customer.load({
        provider: gid.source === 'STORE' ? null : gid.source,
        nativeId: gid.nativeId,
      });
    }
    // A bare reference: the provider's port says whose customer it names.
    const provider = this.k.provider(record.provider);
    if (provider.customerRefsAreStoreIds) return this.k.loaders.customer.load({ provider: null, nativeId: ref });
    if (!provider.features.customers) return null;
    return this.k.loaders.customer.load({ provider: record.provider, nativeId: ref });
  }

  /** The project of the account's customer, where the customer's provider has projects. */
  async project(record: AccountRecord, path: ReadonlyArray<string | number> = []): Promise<ProjectRecord | null> {
    const customer = await this.customer(record, path);
    if (!customer?.projectNativeId || !customer.provider) return null;
    return this.k.loaders.project.load({ provider: customer.provider, nativeId: customer.projectNativeId });
  }

  /** The plan the account is on (pass a record whose `planNativeId` is complete). */
  async plan(account: AccountRecord): Promise<PlanRecord | null> {
    if (!account.planNativeId) return null;
    const plans = await this.k.loaders.plans.load(account.provider);
    return plans.find((p) => p.nativeId === account.planNativeId || p.code === account.planNativeId) ?? null;
  }

  /** Usage over a range (default: the 30 days ending yesterday); null when the provider reports none. */
  usage(account: AccountRecord, from: string | null, to: string | null): Promise<UsageRecord | null> | null {
    if (!this.k.provider(account.provider).features.usage) return null;
    const range = usageRange(from, to);
    return this.k.loaders.usage.load({ provider: account.provider, nativeId: account.nativeId, ...range });
  }

  async servers(account: AccountRecord, countryCode: string | null): Promise<ServerRecord[]> {
    const servers = await this.k.loaders.servers.load(account.provider);
    return countryCode ? servers.filter((s) => s.countryCode === countryCode.toUpperCase()) : servers;
  }

  async connectionConfigs(account: AccountRecord, serverId: string): Promise<ConnectionConfigRecord[]> {
    await this.k.scope.assertOwns(account, 'serverId');
    const server = this.k.decode(serverId, 'Server', 'serverId');
    if (server.source !== account.provider)
      throw new InputError('serverId', 'The server belongs to another provider than the account.');
    return this.k.provider(account.provider).getConnectionConfigs(account.nativeId, server.nativeId);
  }

  /** Accounts linked to a customer kept in this API's store (any provider), in link order. */
  private async storeCustomerAccounts(
    customerId: string,
    args: ConnectionArgs,
    input: AccountFilterInput,
  ): Promise<AccountListResult> {
    const dir = direction(args, this.k.deps.config.env.MAX_PAGE_SIZE);
    const links = (await this.k.store.accountsOfCustomer(customerId)).filter(
      (l) => !input.providers?.length || input.providers.includes(l.provider),
    );
    const window = await offsetWindow(dir, async () => links.length);
    const slice = links.slice(window.offset, window.offset + window.limit);
    const records = await this.k.loaders.account.loadMany(
      slice.map((l) => ({ provider: l.provider, nativeId: l.nativeId })),
    );
    const found = records.filter((r): r is AccountRecord => r !== null && !(r instanceof Error));
    const statuses = input.statuses;
    const kept = statuses?.length ? found.filter((r) => statuses.includes(r.status)) : found;
    return { ...offsetConnection(kept, window, dir, links.length, links.length), failures: [] };
  }
}
