import DataLoader from 'dataloader';
import type { ProviderName } from '../../domain/provider.js';
import type {
  AccountRecord,
  CustomerRecord,
  PlanRecord,
  ProjectRecord,
  ServerRecord,
  UsageRecord,
} from '../../domain/records.js';
import { asProviderError, type BatchResult, type DateRange } from '../../providers/port.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import type { Store } from '../store/store.js';
import type { Cache } from '../../lib/ttl-cache.js';
import { recordBatch } from '../../lib/batch-events.js';
import { Mirror } from '../mirror/mirror.js';
import { ReadModel, type Stored } from '../mirror/read-model.js';
import type { WriteBack } from '../mirror/write-back.js';
import type { MirroredAccount } from '../mirror/mirror-rows.js';
import {
  createMirrorLoaders,
  readLive,
  type DataSource,
  type MirrorLoaders,
  type ServedAccount,
} from './mirror-loaders.js';

import { withSpan } from '../../lib/tracing.js';
import { type LinkWalk, vendorCustomerOf, walkLinks } from '../mirror/link-walk.js';

/**
 * Per-request DataLoaders. Created in the context factory for each request and never shared, so the
 * cache is request-scoped. Every batch function groups its keys by provider and calls the provider port
 * once per provider per tick; a provider's failure becomes the error of its own keys only.
 */

export interface ProviderKey {
  provider: ProviderName;
  nativeId: string;
}
export interface UsernameKey {
  provider: ProviderName;
  username: string;
}
export interface UsageKey extends ProviderKey, DateRange {}
export interface CustomerKey {
  /** A provider, or null for customers kept in this API's store. */
  provider: ProviderName | null;
  nativeId: string;
}

/** How fresh a customer, project or usage report in an answer is (the account's own is `ServedAccount`). */
export interface Stamp {
  /** When the vendor last confirmed it (a live read: when it answered; a customer kept here: the read). */
  syncedAt?: string | null;
  dataSource?: DataSource;
}
export type ServedCustomer = CustomerRecord & Stamp;
export type ServedProject = ProjectRecord & Stamp;
export type ServedUsage = UsageRecord & Stamp;

/**
 * The allowed ages of stored state for one request: the `maxAge` a root field was given (the smallest, when
 * several were), else the server defaults (MIRROR_MAX_AGE_MS for customers, projects and the catalog,
 * USAGE_MAX_AGE_MS for usage, LINKS_MAX_AGE_MS for account–customer links kept at the vendor). 0 reads live.
 */
export class ReadAges {
  private explicit: number | null = null;
  constructor(
    private readonly defaults: { state: number; usage: number; links?: number } = { state: 60_000, usage: 900_000 },
  ) {}

  note(maxAgeMs: number): void {
    this.explicit = this.explicit === null ? maxAgeMs : Math.min(this.explicit, maxAgeMs);
  }

  get state(): number {
    return this.explicit ?? this.defaults.state;
  }

  get usage(): number {
    return this.explicit ?? this.defaults.usage;
  }

  /** Account–customer links kept at the vendor (LINKS_MAX_AGE_MS; default: as usage). */
  get links(): number {
    return this.explicit ?? this.defaults.links ?? this.defaults.usage;
  }
}

/**
 * When the vendor confirmed each catalog list held by the cross-request cache (keyed by the cached array itself,
 * so an evicted list takes its time with it).
 */
const catalogConfirmed = new WeakMap<readonly object[], string>();

/** A stored item is fresh enough when the vendor confirmed it within `maxAgeMs` (0: never). */
function fresh(stored: Stored<unknown> | null, maxAgeMs: number): stored is Stored<unknown> {
  return stored !== null && maxAgeMs > 0 && Date.now() - Date.parse(stored.syncedAt) <= maxAgeMs;
}

export interface Loaders extends MirrorLoaders {
  /** Allowed ages of stored customers, projects, catalog and usage for this request. */
  ages: ReadAges;
  /** Live reads (stamped LIVE, written to the mirror before they answer). */
  account: DataLoader<ProviderKey, ServedAccount | null, string>;
  accountByUsername: DataLoader<UsernameKey, ServedAccount | null, string>;
  /** Accounts this API's directory keeps, for providers without a list call (no vendor call). */
  knownAccount: DataLoader<ProviderKey, AccountRecord | null, string>;
  /** Customers and projects: from the store when fresh (MIRROR), else live and written back (LIVE). */
  customer: DataLoader<CustomerKey, ServedCustomer | null, string>;
  project: DataLoader<ProviderKey, ServedProject | null, string>;
  /** Usage: from the store when younger than the usage age, else one live batch per provider and range. */
  usage: DataLoader<UsageKey, ServedUsage | null, string>;
  /** Customer link kept in the store for an account (store customer id or PureWL uuid). */
  customerLink: DataLoader<ProviderKey, string | null, string>;
  /**
   * The account–customer links of a vendor that keeps them (VPNresellers), read whole from its customer lists
   * (core/mirror/link-walk.ts) at most once per request; the directory is confirmed from it (after the answer,
   * through the write-back queue when there is one). The request answers links from the walk itself.
   */
  links: DataLoader<ProviderName, LinkWalk, ProviderName>;
  /** The catalog, each list stamped with its confirmation (`syncedAt`) and where it came from. */
  plans: DataLoader<ProviderName, Array<PlanRecord & Stamp>, ProviderName>;
  servers: DataLoader<ProviderName, Array<ServerRecord & Stamp>, ProviderName>;
  /** Primes the account loaders with records fetched by a list call (records with gaps are skipped). */
  primeAccounts(records: readonly AccountRecord[]): void;
  /**
   * Primes the store-read loaders (`mirrored`, `customerLink`) with rows a mirror page just read: the page's own
   * SQL already holds each row's state and directory links, so the resolvers do not read them again.
   */
  primeMirrored(rows: readonly MirroredAccount[]): void;
  /**
   * Starts live reads of accounts a resolver of this request will load anyway (its `account.load` then finds
   * them under way). A no-op without batching (the N+1 baseline caches nothing: it would read them twice).
   */
  startAccountReads(keys: readonly ProviderKey[]): void;
}

export interface LoaderDeps {
  registry: ProviderRegistry;
  store: Store;
  catalog: { plans: Cache<PlanRecord[]>; servers: Cache<ServerRecord[]> };
  /** false = the N+1 baseline: one upstream call per key, no request cache. */
  batching?: boolean;
  /** Default allowed ages (MIRROR_MAX_AGE_MS, USAGE_MAX_AGE_MS, LINKS_MAX_AGE_MS); a request's `maxAge` overrides them. */
  ages?: { state: number; usage: number; links?: number };
  /**
   * The app's write-back queue: what live reads learned is written after the answer (store/write-back.ts).
   * Absent (jobs, tools): written before the loader answers.
   */
  writeBack?: WriteBack;
}

/** Customers whose account lists a request's link walk reads at once (the vendor client bounds its calls too). */
const LINK_WALK_CONCURRENCY = 8;

export const keyOf = (k: ProviderKey): string => `${k.provider}:${k.nativeId}`;

export function createLoaders(deps: LoaderDeps): Loaders {
  const options = deps.batching === false ? { batch: false, cache: false } : {};
  const { registry, store, catalog } = deps;
  let mirrorStore: Mirror | undefined;
  const queue = deps.writeBack;
  const mirror = createMirrorLoaders(() => (mirrorStore ??= new Mirror(store.db)), keyOf, queue);
  /** Store reads that decide whether to call a vendor first let the write-backs already queued land. */
  const settled = mirror.settled;
  let readModelStore: ReadModel | undefined;
  const readModel = (): ReadModel => (readModelStore ??= new ReadModel(store.db));
  const ages = new ReadAges(deps.ages);
  // The N+1 baseline (batching off) reads every customer, project, catalog and usage live (it still writes back).
  const readThrough = deps.batching !== false;
  const storeAge = () => (readThrough ? ages.state : 0);
  /** A write-back that fails leaves the store as old as it was (the next read or sync refreshes it). */
  const quietly = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      () => undefined,
    );

  const account = (): Loaders['account'] =>
    new DataLoader<ProviderKey, ServedAccount | null, string>(
      batchSpan('account', (keys) =>
        byProvider('account', keys, (provider, group) => {
          const nativeIds = group.map((k) => k.nativeId);
          return readLive(mirror, () => registry.get(provider).getAccounts(nativeIds), { provider, nativeIds });
        }),
      ),
      { ...options, cacheKeyFn: keyOf },
    );

  const accountByUsername = (): Loaders['accountByUsername'] =>
    new DataLoader<UsernameKey, ServedAccount | null, string>(
      batchSpan('accountByUsername', (keys) =>
        byProvider('accountByUsername', keys, (provider, group) =>
          readLive(mirror, () => registry.get(provider).getAccountsByUsername(group.map((k) => k.username))),
        ),
      ),
      { ...options, cacheKeyFn: (k) => `${k.provider}:${k.username}` },
    );

  const knownAccount = (): Loaders['knownAccount'] =>
    new DataLoader<ProviderKey, AccountRecord | null, string>(
      batchSpan('knownAccount', (keys) =>
        byProvider('knownAccount', keys, async (provider, group) => {
          const p = registry.get(provider);
          return p.getKnownAccounts ? p.getKnownAccounts(group.map((k) => k.nativeId)) : group.map(() => null);
        }),
      ),
      { ...options, cacheKeyFn: keyOf },
    );

  const customer = (): Loaders['customer'] =>
    new DataLoader<CustomerKey, ServedCustomer | null, string>(
      batchSpan('customer', async (keys) => {
        const storeKeys = keys.filter((k) => k.provider === null);
        const providerKeys = keys.filter((k): k is ProviderKey => k.provider !== null);
        const [fromStore, fromProviders] = await Promise.all([
          storeKeys.length > 0
            ? store.getCustomers(storeKeys.map((k) => k.nativeId))
            : Promise.resolve([] as Array<CustomerRecord | null>),
          storedOrLive(
            providerKeys,
            storeAge(),
            async (ks) => (await settled(), readModel().customers(ks)),
            'customer',
            (provider, group) => registry.get(provider).getCustomers(group.map((k) => k.nativeId)),
            (provider, found, gone, at) =>
              queue
                ? void queue.entities('customers', provider, entityItems(found, gone), at)
                : quietly(
                    Promise.all([
                      readModel().putCustomers(provider, found),
                      readModel().forget('customers', provider, gone),
                    ]),
                  ),
          ),
        ]);
        recordBatch('customer', storeKeys.length);
        // A customer kept by this API is read from its own source, the store: as fresh as this read.
        const at = new Date().toISOString();
        let s = 0;
        let p = 0;
        return keys.map((k) => {
          if (k.provider !== null) return fromProviders[p++] ?? null;
          const c = fromStore[s++] ?? null;
          return c ? { ...c, syncedAt: at, dataSource: 'LIVE' as const } : null;
        });
      }),
      { ...options, cacheKeyFn: (k) => `${k.provider ?? 'STORE'}:${k.nativeId}` },
    );

  const project = (): Loaders['project'] =>
    new DataLoader<ProviderKey, ServedProject | null, string>(
      batchSpan('project', (keys) =>
        storedOrLive(
          keys,
          storeAge(),
          async (ks) => (await settled(), readModel().projects(ks)),
          'project',
          (provider, group) => registry.get(provider).getProjects(group.map((k) => k.nativeId)),
          (provider, found, gone, at) =>
            queue
              ? void queue.entities('projects', provider, entityItems(found, gone), at)
              : quietly(
                  Promise.all([
                    readModel().putProjects(provider, found),
                    readModel().forget('projects', provider, gone),
                  ]),
                ),
        ),
      ),
      { ...options, cacheKeyFn: keyOf },
    );

  const usage = (): Loaders['usage'] =>
    new DataLoader<UsageKey, ServedUsage | null, string>(
      batchSpan('usage', async (keys) => {
        const results = new Map<string, ServedUsage | null | Error>();
        // Stored reports younger than the usage age answer without a vendor call.
        const maxAge = readThrough ? ages.usage : 0;
        if (maxAge > 0) await settled();
        const stored =
          maxAge > 0
            ? await readModel()
                .usage(keys)
                .catch(() => keys.map(() => null))
            : [];
        const missing: UsageKey[] = [];
        keys.forEach((k, i) => {
          const s = stored[i] ?? null;
          if (fresh(s, maxAge)) {
            results.set(usageKey(k), s.value ? { ...s.value, syncedAt: s.syncedAt, dataSource: 'MIRROR' } : null);
          } else missing.push(k);
        });
        // The rest: one provider call per (provider, date range) group, written back.
        const groups = new Map<string, UsageKey[]>();
        for (const k of missing) {
          const g = `${k.provider}|${k.from}|${k.to}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0] as UsageKey;
            recordBatch('usage', group.length);
            const range = { from: first.from, to: first.to };
            const slots = await settle(first.provider, 'getUsage', group.length, () =>
              registry.get(first.provider).getUsage(
                group.map((k) => k.nativeId),
                range,
              ),
            );
            const at = new Date().toISOString();
            const answered: Array<{ nativeId: string; record: UsageRecord | null }> = [];
            group.forEach((k, i) => {
              const slot = slots[i] ?? null;
              if (slot instanceof Error) return results.set(usageKey(k), slot);
              answered.push({ nativeId: k.nativeId, record: slot });
              results.set(usageKey(k), slot ? { ...slot, syncedAt: at, dataSource: 'LIVE' } : null);
            });
            if (queue) void queue.usage(first.provider, range, answered, at);
            else await quietly(readModel().putUsage(first.provider, range, answered, at));
          }),
        );
        return keys.map((k) => results.get(usageKey(k)) ?? null);
      }),
      { ...options, cacheKeyFn: usageKey },
    );

  const customerLink = (): Loaders['customerLink'] =>
    new DataLoader<ProviderKey, string | null, string>(
      batchSpan('customerLink', async (keys) => {
        const out = new Map<string, string | null>();
        const groups = groupBy(keys, (k) => k.provider);
        await Promise.all(
          [...groups].map(async ([provider, group]) => {
            recordBatch('customerLink', group.length);
            const links = await store.customerLinks(
              provider,
              group.map((k) => k.nativeId),
            );
            group.forEach((k, i) => out.set(keyOf(k), links[i] ?? null));
          }),
        );
        return keys.map((k) => out.get(keyOf(k)) ?? null);
      }),
      { ...options, cacheKeyFn: keyOf },
    );

  /**
   * The catalog: the cross-request cache, then the store when fresh, else the vendor (written back). Each list is
   * stamped with when the vendor confirmed it (`syncedAt`, kept beside the cached list) and where this request got
   * it (`LIVE` only when this request read the vendor); a cached list older than the allowed age is read again.
   */
  const catalogOf = <T extends PlanRecord | ServerRecord>(
    kind: 'plans' | 'servers',
    cache: Cache<T[]>,
    read: (name: ProviderName) => Promise<T[]>,
  ) =>
    new DataLoader<ProviderName, Array<T & Stamp>, ProviderName>(
      batchSpan(kind, async (names) =>
        Promise.all(
          names.map(async (name) => {
            const maxAge = storeAge();
            let readLive = false;
            const load = async (): Promise<T[]> => {
              if (maxAge > 0) await settled();
              const stored =
                maxAge > 0
                  ? await readModel()
                      .catalog<T>(name, kind)
                      .catch(() => null)
                  : null;
              if (fresh(stored, maxAge) && stored.value) {
                catalogConfirmed.set(stored.value, stored.syncedAt);
                return stored.value;
              }
              const live = await read(name);
              const at = new Date().toISOString();
              readLive = true;
              catalogConfirmed.set(live, at);
              if (queue)
                void (kind === 'plans'
                  ? queue.catalog(name, 'plans', live as PlanRecord[], at)
                  : queue.catalog(name, 'servers', live as ServerRecord[], at));
              else
                await quietly(
                  kind === 'plans'
                    ? readModel().putCatalog(name, 'plans', live as PlanRecord[], at)
                    : readModel().putCatalog(name, 'servers', live as ServerRecord[], at),
                );
              return live;
            };
            try {
              let list = await cache.getOrLoad(name, load);
              const confirmed = catalogConfirmed.get(list);
              if (readThrough && !readLive && !fresh(confirmed ? { value: null, syncedAt: confirmed } : null, maxAge)) {
                // The process cache holds an older confirmation than this request accepts (or `maxAge: 0`).
                cache.delete(name);
                list = await cache.getOrLoad(name, load);
              }
              const syncedAt = catalogConfirmed.get(list) ?? null;
              const dataSource: DataSource = readLive ? 'LIVE' : 'MIRROR';
              return list.map((r) => ({ ...r, syncedAt, dataSource }));
            } catch (e) {
              return toError(e, name, kind === 'plans' ? 'listPlans' : 'listServers');
            }
          }),
        ),
      ),
      options,
    );
  const plans = (): Loaders['plans'] =>
    catalogOf<PlanRecord>('plans', catalog.plans, (name) => registry.get(name).listPlans());
  const servers = (): Loaders['servers'] =>
    catalogOf<ServerRecord>('servers', catalog.servers, (name) => registry.get(name).listServers());

  const links = (): Loaders['links'] =>
    new DataLoader<ProviderName, LinkWalk, ProviderName>(
      batchSpan('links', (names) =>
        Promise.all(
          names.map(async (name) => {
            recordBatch('links', 1);
            try {
              const walk = await walkLinks(registry.get(name), { concurrency: LINK_WALK_CONCURRENCY });
              // The walk read every customer: this request's customer reads find them, and the store keeps them.
              for (const c of walk.customers) {
                loaders.customer.prime(
                  { provider: name, nativeId: c.nativeId },
                  { ...c, syncedAt: walk.at, dataSource: 'LIVE' },
                );
              }
              if (queue) {
                // The directory is confirmed after the answer; this request answers from the walk itself.
                void queue.entities('customers', name, entityItems(walk.customers, []), walk.at);
                void queue.links(name, walk.links, walk.at);
              } else {
                await settled();
                // As through the write-back: a request's walk writes moved and never-confirmed links only (an
                // unchanged link keeps its older, true confirmation; the sync's walks stamp every row).
                await (mirrorStore ??= new Mirror(store.db)).confirmLinks(
                  name,
                  walk.links,
                  vendorCustomerOf(name),
                  walk.at,
                  false,
                );
                await quietly(readModel().putCustomers(name, walk.customers));
              }
              return walk;
            } catch (error) {
              return toError(error, name, 'listCustomers');
            }
          }),
        ),
      ),
      // Cached even in the N+1 baseline: a walk reads the vendor's whole customer lists, not one key's.
      {},
    );

  // Built on first use: a request builds only the loaders it reads through (none for `{ __typename }`).
  const built: Partial<Loaders> = {};
  const loaders: Loaders = {
    get mirrored() {
      return (built.mirrored ??= mirror.mirrored);
    },
    ages,
    get account() {
      return (built.account ??= account());
    },
    get accountByUsername() {
      return (built.accountByUsername ??= accountByUsername());
    },
    get knownAccount() {
      return (built.knownAccount ??= knownAccount());
    },
    get customer() {
      return (built.customer ??= customer());
    },
    get project() {
      return (built.project ??= project());
    },
    get usage() {
      return (built.usage ??= usage());
    },
    get customerLink() {
      return (built.customerLink ??= customerLink());
    },
    get links() {
      return (built.links ??= links());
    },
    get plans() {
      return (built.plans ??= plans());
    },
    get servers() {
      return (built.servers ??= servers());
    },
    remember: mirror.remember,
    forget: mirror.forget,
    settled: mirror.settled,
    startAccountReads(keys) {
      if (deps.batching === false || keys.length === 0) return;
      // Failures are the resolver's to report (it loads the same keys and gets the same settled answers).
      for (const k of keys) loaders.account.load(k).catch(() => undefined);
    },
    primeMirrored(rows) {
      if (deps.batching === false) return;
      for (const row of rows) {
        const key = { provider: row.record.provider, nativeId: row.record.nativeId };
        loaders.mirrored.prime(key, row);
        loaders.customerLink.prime(key, row.customerId);
      }
    },
    primeAccounts(records) {
      if (deps.batching === false) return;
      for (const r of records) {
        if (r.incomplete) continue; // has placeholders: not the account
        loaders.account.prime({ provider: r.provider, nativeId: r.nativeId }, r);
        loaders.accountByUsername.prime({ provider: r.provider, username: r.username }, r);
      }
    },
  };
  return loaders;
}

/** A span per batch (name, size); vendor-call and store spans of the batch are its children. */
function batchSpan<K, V>(
  loader: string,
  batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>,
): (keys: readonly K[]) => Promise<ArrayLike<V | Error>> {
  return (keys) =>
    withSpan(`dataloader ${loader}`, { attributes: { 'vpn.loader': loader, 'vpn.batch.size': keys.length } }, () =>
      batch(keys),
    );
}

/** Found entities and those the vendor said it does not have (null), as write-back items. */
function entityItems<V extends { nativeId: string }>(found: readonly V[], gone: readonly string[]) {
  return [
    ...found.map((record) => ({ nativeId: record.nativeId, record })),
    ...gone.map((nativeId) => ({ nativeId, record: null })),
  ];
}

function usageKey(k: UsageKey): string {
  return `${k.provider}:${k.nativeId}:${k.from}:${k.to}`;
}

function groupBy<K extends { provider: ProviderName }>(
  keys: readonly K[],
  by: (k: K) => ProviderName,
): Map<ProviderName, K[]> {
  const groups = new Map<ProviderName, K[]>();
  for (const k of keys) groups.set(by(k), [...(groups.get(by(k)) ?? []), k]);
  return groups;
}

/**
 * Splits keys by provider, calls `fetch` once per provider, and puts each answer back in key order.
 * A provider that throws fails only its own keys.
 */
async function byProvider<K extends { provider: ProviderName }, V>(
  loader: string,
  keys: readonly K[],
  fetch: (provider: ProviderName, group: K[]) => Promise<BatchResult<V>>,
): Promise<Array<V | null | Error>> {
  const groups = groupBy(keys, (k) => k.provider);
  const answers = new Map<ProviderName, Array<V | null | Error>>();
  await Promise.all(
    [...groups].map(async ([provider, group]) => {
      recordBatch(loader, group.length);
      answers.set(provider, await settle(provider, loader, group.length, () => fetch(provider, group)));
    }),
  );
  const cursor = new Map<ProviderName, number>();
  return keys.map((k) => {
    const i = cursor.get(k.provider) ?? 0;
    cursor.set(k.provider, i + 1);
    return answers.get(k.provider)?.[i] ?? null;
  });
}

async function settle<V>(
  provider: ProviderName,
  operation: string,
  size: number,
  call: () => Promise<BatchResult<V>>,
): Promise<Array<V | null | Error>> {
  try {
    const slots = await call();
    return Array.from({ length: size }, (_, i) => slots[i] ?? null);
  } catch (error) {
    const failure = toError(error, provider, operation);
    return Array.from({ length: size }, () => failure);
  }
}

/** Errors stay as they are (a bug surfaces as one); anything else thrown becomes a ProviderError. */
function toError(error: unknown, provider: ProviderName, operation: string): Error {
  return error instanceof Error ? error : asProviderError(provider, operation, error);
}

/**
 * Entities kept in the store (customers, projects): those confirmed within `maxAgeMs` answer from it (MIRROR);
 * the others are read live, one call per provider (LIVE), and written back (`remember`; "not found" forgets).
 */
async function storedOrLive<V extends { nativeId: string }>(
  keys: readonly ProviderKey[],
  maxAgeMs: number,
  stored: (keys: readonly ProviderKey[]) => Promise<Array<Stored<V> | null>>,
  loader: string,
  live: (provider: ProviderName, group: ProviderKey[]) => Promise<BatchResult<V>>,
  remember: (provider: ProviderName, found: V[], gone: string[], at: string) => Promise<void> | void,
): Promise<Array<(V & Stamp) | null | Error>> {
  if (keys.length === 0) return [];
  const kept = maxAgeMs > 0 ? await stored(keys).catch(() => keys.map(() => null)) : keys.map(() => null);
  const out: Array<(V & Stamp) | null | Error | undefined> = keys.map((_, i) => {
    const s = kept[i] ?? null;
    return fresh(s, maxAgeMs) && s.value ? { ...s.value, syncedAt: s.syncedAt, dataSource: 'MIRROR' } : undefined;
  });
  const missing = keys.map((k, i) => ({ k, i })).filter(({ i }) => out[i] === undefined);
  if (missing.length > 0) {
    const at = new Date().toISOString();
    const answers = await byProvider(
      loader,
      missing.map((m) => m.k),
      live,
    );
    const found = new Map<ProviderName, V[]>();
    const gone = new Map<ProviderName, string[]>();
    missing.forEach(({ k, i }, j) => {
      const a = answers[j] ?? null;
      if (a instanceof Error) out[i] = a;
      else if (a === null) {
        out[i] = null;
        gone.set(k.provider, [...(gone.get(k.provider) ?? []), k.nativeId]);
      } else {
        out[i] = { ...a, syncedAt: at, dataSource: 'LIVE' };
        found.set(k.provider, [...(found.get(k.provider) ?? []), a]);
      }
    });
    const providers = new Set([...found.keys(), ...gone.keys()]);
    // Queued (void) or written now (a promise), per the loaders' write-back.
    await Promise.all([...providers].map(async (p) => remember(p, found.get(p) ?? [], gone.get(p) ?? [], at)));
  }
  return out.map((o) => o ?? null);
}

/** Items a vendor call of this request just answered (a list page): LIVE, confirmed when it answered. */
export async function stampLive<T>(page: Promise<{ items: T[]; totalCount: number | null }>): Promise<{
  items: Array<T & Stamp>;
  totalCount: number | null;
}> {
  const { items, totalCount } = await page;
  const at = new Date().toISOString();
  return { items: items.map((i) => ({ ...i, syncedAt: at, dataSource: 'LIVE' as const })), totalCount };
}
