import { LRUCache } from 'lru-cache';

/**
 * Cross-request cache for catalog data (plans, servers), bounded in time and size: lru-cache with a TTL,
 * a maximum entry count, and its `fetchMethod` for single-flight (concurrent misses for one key share one
 * load). Behind an interface so a shared store (Redis via keyv) can replace the in-memory default.
 */
export interface Cache<V> {
  getOrLoad(key: string, load: () => Promise<V>): Promise<V>;
  delete(key: string): void;
  clear(): void;
}

type Loader<V> = () => Promise<V>;

// lru-cache stores only non-nullish values; catalog values are arrays.
export class TtlCache<V extends object> implements Cache<V> {
  private readonly lru: LRUCache<string, V, Loader<V>>;

  /**
   * `ttlMs` 0 keeps nothing (loads still single-flight); `now` is the clock for tests. Bounded twice: at most
   * `maxEntries` keys and at most `maxItems` list items over all of them (a value's size is its length, 1 when it
   * is not a list): a vendor answering a huge catalog cannot make the cache hold it all (a value larger than
   * `maxItems` is answered, not kept).
   */
  constructor(
    private readonly ttlMs: number,
    maxEntries = 256,
    now: () => number = Date.now,
    maxItems = 50_000,
  ) {
    this.lru = new LRUCache<string, V, Loader<V>>({
      max: maxEntries,
      maxSize: maxItems,
      sizeCalculation: (value) => (Array.isArray(value) ? Math.max(1, value.length) : 1),
      ...(ttlMs > 0 ? { ttl: ttlMs } : {}),
      perf: { now },
      ttlResolution: 0, // read the clock on every check (a handful of entries; exact expiry, testable clock)
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  async getOrLoad(key: string, load: Loader<V>): Promise<V> {
    try {
      const value = await this.lru.fetch(key, { context: load });
      if (value === undefined) throw new Error(`cache load for ${key} returned nothing`);
      return value;
    } finally {
      if (this.ttlMs <= 0) this.lru.delete(key);
    }
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}
