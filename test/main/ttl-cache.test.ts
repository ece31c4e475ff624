import { TtlCache } from '../../src/lib/ttl-cache.js';

/** The catalog cache on lru-cache: single-flight loads, TTL, size bound, failures not cached. */
describe('TtlCache (lru-cache)', () => {
  it('shares one load among concurrent misses and serves hits until the TTL passes', async () => {
    let clock = 1_000;
    const cache = new TtlCache<string[]>(60_000, 8, () => clock);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 20));
      return ['plan'];
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.getOrLoad('k', load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r[0] === 'plan')).toBe(true);
    await cache.getOrLoad('k', load);
    expect(loads).toBe(1);
    clock += 60_001;
    await cache.getOrLoad('k', load);
    expect(loads).toBe(2);
  });

  it('keeps at most max entries, does not cache failures, and caches nothing with TTL 0', async () => {
    const cache = new TtlCache<number[]>(60_000, 2);
    for (const k of ['a', 'b', 'c']) await cache.getOrLoad(k, async () => [1]);
    expect(cache.size).toBe(2);
    await expect(cache.getOrLoad('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('x', async () => [2])).toEqual([2]);

    const none = new TtlCache<number[]>(0, 2);
    let loads = 0;
    const load = async () => [++loads];
    await Promise.all([none.getOrLoad('k', load), none.getOrLoad('k', load)]);
    expect(loads).toBe(1);
    await none.getOrLoad('k', load);
    expect(loads).toBe(2);
  });
});
