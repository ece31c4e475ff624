import DataLoader from 'dataloader';
import type { ProviderName } from '../domain/provider.js';
import type {
  AccountRecord,
  CustomerRecord,
  PlanRecord,
  ProjectRecord,
  ServerRecord,
  UsageRecord,
} from '../domain/records.js';
import { asProviderError, type BatchResult, type DateRange } from '../providers/port.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/store.js';
import type { Cache } from '../lib/ttl-cache.js';
import { recordBatch } from '../lib/batch-events.js';
import { Mirror } from '../store/mirror.js';
import { createMirrorLoaders, readLive, type MirrorLoaders, type ServedAccount } from './mirror.js';

export type { ServedAccount } from './mirror.js';
import { withSpan } from '../lib/tracing.js';

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

export interface Loaders extends MirrorLoaders {
  /** Live reads (stamped LIVE, written to the mirror before they answer). */
  account: DataLoader<ProviderKey, ServedAccount | null, string>;
  accountByUsername: DataLoader<UsernameKey, ServedAccount | null, string>;
  /** Accounts this API's directory keeps, for providers without a list call (no vendor call). */
  knownAccount: DataLoader<ProviderKey, AccountRecord | null, string>;
  customer: DataLoader<CustomerKey, CustomerRecord | null, string>;
  project: DataLoader<ProviderKey, ProjectRecord | null, string>;
  usage: DataLoader<UsageKey, UsageRecord | null, string>;
  /** Customer link kept in the store for an account (store customer id or PureWL uuid). */
  customerLink: DataLoader<ProviderKey, string | null, string>;
  plans: DataLoader<ProviderName, PlanRecord[], ProviderName>;
  servers: DataLoader<ProviderName, ServerRecord[], ProviderName>;
  /** Primes the account loaders with records fetched by a list call (records with gaps are skipped). */
  primeAccounts(records: readonly AccountRecord[]): void;
}

export interface LoaderDeps {
  registry: ProviderRegistry;
  store: Store;
  catalog: { plans: Cache<PlanRecord[]>; servers: Cache<ServerRecord[]> };
  /** false = the N+1 baseline: one upstream call per key, no request cache. */
  batching?: boolean;
}

export const keyOf = (k: ProviderKey): string => `${k.provider}:${k.nativeId}`;

export function createLoaders(deps: LoaderDeps): Loaders {
  const options = deps.batching === false ? { batch: false, cache: false } : {};
  const { registry, store, catalog } = deps;
  let mirrorStore: Mirror | undefined;
  const mirror = createMirrorLoaders(() => (mirrorStore ??= new Mirror(store.db)), keyOf);

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
    new DataLoader<CustomerKey, CustomerRecord | null, string>(
      batchSpan('customer', async (keys) => {
        const storeKeys = keys.filter((k) => k.provider === null);
        const providerKeys = keys.filter((k): k is ProviderKey => k.provider !== null);
        const [fromStore, fromProviders] = await Promise.all([
          storeKeys.length > 0
            ? store.getCustomers(storeKeys.map((k) => k.nativeId))
            : Promise.resolve([] as Array<CustomerRecord | null>),
          byProvider('customer', providerKeys, (provider, group) =>
            registry.get(provider).getCustomers(group.map((k) => k.nativeId)),
          ),
        ]);
        recordBatch('customer', storeKeys.length);
        let s = 0;
        let p = 0;
        return keys.map((k) => (k.provider === null ? (fromStore[s++] ?? null) : (fromProviders[p++] ?? null)));
      }),
      { ...options, cacheKeyFn: (k) => `${k.provider ?? 'STORE'}:${k.nativeId}` },
    );

  const project = (): Loaders['project'] =>
    new DataLoader<ProviderKey, ProjectRecord | null, string>(
      batchSpan('project', (keys) =>
        byProvider('project', keys, (provider, group) =>
          registry.get(provider).getProjects(group.map((k) => k.nativeId)),
        ),
      ),
      { ...options, cacheKeyFn: keyOf },
    );

  const usage = (): Loaders['usage'] =>
    new DataLoader<UsageKey, UsageRecord | null, string>(
      batchSpan('usage', async (keys) => {
        // One provider call per (provider, date range) group.
        const groups = new Map<string, UsageKey[]>();
        for (const k of keys) {
          const g = `${k.provider}|${k.from}|${k.to}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        const results = new Map<string, UsageRecord | null | Error>();
        await Promise.all(
          [...groups.values()].map(async (group) => {
            const first = group[0] as UsageKey;
            recordBatch('usage', group.length);
            const slots = await settle(first.provider, 'getUsage', group.length, () =>
              registry.get(first.provider).getUsage(
                group.map((k) => k.nativeId),
                { from: first.from, to: first.to },
              ),
            );
            group.forEach((k, i) => results.set(usageKey(k), slots[i] ?? null));
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

  const plans = (): Loaders['plans'] =>
    new DataLoader<ProviderName, PlanRecord[], ProviderName>(
      batchSpan('plans', async (names) =>
        Promise.all(
          names.map((name) =>
            catalog.plans
              .getOrLoad(name, () => registry.get(name).listPlans())
              .catch((e: unknown) => toError(e, name, 'listPlans')),
          ),
        ),
      ),
      options,
    );

  const servers = (): Loaders['servers'] =>
    new DataLoader<ProviderName, ServerRecord[], ProviderName>(
      batchSpan('servers', async (names) =>
        Promise.all(
          names.map((name) =>
            catalog.servers
              .getOrLoad(name, () => registry.get(name).listServers())
              .catch((e: unknown) => toError(e, name, 'listServers')),
          ),
        ),
      ),
      options,
    );

  // Built on first use: a request builds only the loaders it reads through (none for `{ __typename }`).
  const built: Partial<Loaders> = {};
  const loaders: Loaders = {
    get mirrored() {
      return (built.mirrored ??= mirror.mirrored);
    },
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
    get plans() {
      return (built.plans ??= plans());
    },
    get servers() {
      return (built.servers ??= servers());
    },
    remember: mirror.remember,
    forget: mirror.forget,
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
