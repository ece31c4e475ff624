import { createRequire } from 'node:module';
import { queryMemo, writesJobQueueOnly } from '../../../src/core/db/db.js';
import type { Store } from '../../../src/core/store/store.js';
import { storeBackends } from '../../helpers/backends.js';

/**
 * `queryMemo` (core/db/db.ts ReadMemo): on the embedded database a read-only statement's rows are answered again
 * until anything may have written — a statement other than a plain SELECT, a transaction, raw SQL — and never
 * across one. On a Postgres server (other processes write) it always reads. `random()` tells a reused answer
 * from a new one.
 */
describe.each(storeBackends)('queryMemo on %s', (name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
    await store.db.query('CREATE TABLE memo_t (n int)');
    if (name === 'pglite') {
      // A table of the job queue's schema (the embedded database is this suite's own).
      await store.db.query('CREATE SCHEMA pgboss');
      await store.db.query('CREATE TABLE pgboss.t (n int)');
    }
    await store.db.maintain?.(); // the embedded autovacuum's first round is over
  }, 60_000);
  afterAll(async () => {
    await cleanup();
  });

  const RANDOM = 'SELECT random() AS r, (SELECT count(*)::int FROM memo_t) AS n, $1::int AS k';
  const read = async (k = 0) => (await queryMemo<{ r: number; n: number }>(store.db, RANDOM, [k]))[0]!;

  if (name !== 'pglite') {
    it('reads every time (other processes write to a server)', async () => {
      expect(store.db.queryMemo).toBeUndefined();
      expect((await read()).r).not.toBe((await read()).r);
    });
    return;
  }

  it('answers the same rows again while nothing is written', async () => {
    const first = await read();
    expect(await read()).toBe(first);
    expect(await read()).toBe(first);
    // Another statement or other parameters are another result.
    expect((await read(2)).r).not.toBe(first.r);
  });

  it.each([
    ['an INSERT', (s: Store) => s.db.query('INSERT INTO memo_t VALUES (1)')],
    ['an UPDATE', (s: Store) => s.db.query('UPDATE memo_t SET n = n + 1')],
    ['a data-modifying WITH', (s: Store) => s.db.query('WITH x AS (DELETE FROM memo_t WHERE n > 100) SELECT 1')],
    ['a SELECT … FOR UPDATE', (s: Store) => s.db.query('SELECT n FROM memo_t FOR UPDATE')],
    ['a transaction', (s: Store) => s.db.transaction((tx) => tx.query('INSERT INTO memo_t VALUES (2)'))],
    [
      'a transaction that rolls back',
      (s: Store) =>
        s.db
          .transaction(async (tx) => {
            await tx.query('INSERT INTO memo_t VALUES (3)');
            throw new Error('rolled back');
          })
          .catch(() => undefined),
    ],
    ['raw SQL', (s: Store) => s.db.executeSql('UPDATE memo_t SET n = n')],
    ['a script that starts with a SELECT', (s: Store) => s.db.executeSql('SELECT 1; UPDATE memo_t SET n = n')],
    [
      "a write to the job queue's tables and ours",
      (s: Store) => s.db.query('WITH x AS (UPDATE pgboss.t SET n = n) UPDATE memo_t SET n = n'),
    ],
  ])('reads again after %s', async (_what, write) => {
    const before = await read();
    expect(await read()).toBe(before);
    await write(store);
    const after = await read();
    expect(after.r).not.toBe(before.r);
    const [count] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM memo_t');
    expect(after.n).toBe(count!.n);
  });

  it('keeps no answer read while a write was queued, and answers what the write left', async () => {
    const before = await read(3);
    // The read and the write are queued together: whichever order they run in, what follows sees the write.
    await Promise.all([read(4), store.db.query('INSERT INTO memo_t VALUES (4)')]);
    expect((await read(3)).n).toBe(before.n + 1);
    expect((await read(4)).n).toBe(before.n + 1);
  });

  it("keeps the results across the job queue's own writes (pg-boss polls several times a second)", async () => {
    const before = await read(5);
    await store.db.query('INSERT INTO pgboss.t VALUES (1)');
    await store.db.executeSql('UPDATE pgboss.t SET n = n + 1 WHERE n > $1', [0]);
    expect(await read(5)).toBe(before);
  });

  it("tells pg-boss's own statements apart from ours", () => {
    // pg-boss is CommonJS; its statement builders are what its polling and maintenance send.
    const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as Record<string, (schema: string) => unknown>;
    const sql = (name: string, schema = 'pgboss'): string => {
      const built = plans[name]!(schema);
      return typeof built === 'function' ? String((built as (o: object) => unknown)({})) : String(built);
    };
    const polling = ['fetchNextJob', 'completeJobs', 'failJobsById', 'failJobsByTimeout', 'insertJob', 'insertJobs'];
    const upkeep = ['trySetMaintenanceTime', 'trySetMonitorTime', 'trySetCronTime', 'archive', 'retryJobs'];
    for (const name of [...polling, ...upkeep]) {
      expect([name, writesJobQueueOnly(sql(name))]).toEqual([name, true]);
      expect([name, writesJobQueueOnly(sql(name, 'tenant_pgboss'))]).toEqual([name, true]);
    }
    for (const ours of [
      'INSERT INTO account_registry AS r (provider) VALUES ($1)',
      'UPDATE account_registry SET status = $1',
      'DELETE FROM read_usage WHERE provider = $1',
      'WITH x AS (DELETE FROM pgboss.job) INSERT INTO account_events (id) VALUES (1)',
      'INSERT INTO pgboss.job (id) VALUES (1); UPDATE account_registry SET status = $1',
      'TRUNCATE account_registry',
      'CREATE TABLE pgboss.x (n int)',
      'SELECT id FROM pgboss.job FOR UPDATE SKIP LOCKED',
    ])
      expect([ours, writesJobQueueOnly(ours)]).toEqual([ours, false]);
  });

  it('shares frozen rows (a caller cannot change what the next one gets)', async () => {
    const rows = await queryMemo<{ a: { b: number[] } }>(store.db, `SELECT '{"b":[1]}'::jsonb AS a`);
    expect(Object.isFrozen(rows)).toBe(true);
    expect(() => {
      rows[0]!.a.b.push(2);
    }).toThrow(TypeError);
  });

  it('refuses a statement that may write', async () => {
    await expect(queryMemo(store.db, 'UPDATE memo_t SET n = n')).rejects.toThrow(/read-only/);
    await expect(queryMemo(store.db, 'SELECT n FROM memo_t FOR SHARE')).rejects.toThrow(/read-only/);
    await expect(queryMemo(store.db, 'WITH x AS (DELETE FROM memo_t) SELECT 1')).rejects.toThrow(/read-only/);
    await expect(queryMemo(store.db, 'VACUUM memo_t')).rejects.toThrow(/read-only/);
    await expect(queryMemo(store.db, 'SELECT n FROM pgboss.t')).rejects.toThrow(/job queue/);
  });

  it('holds at most 5,000 rows across its results, the least recently used dropped first', async () => {
    await store.db.query('INSERT INTO memo_t VALUES (6)'); // starts empty
    const rows = (n: number) =>
      queryMemo<{ i: number; r: number }>(store.db, 'SELECT i, random() AS r FROM generate_series(1, $1::int) i', [n]);
    const first = await rows(2_000);
    const second = await rows(2_001);
    expect(await rows(2_000)).toBe(first);
    await rows(2_002); // 6,003 rows: the least recently used (2,001) goes
    expect(await rows(2_000)).toBe(first);
    expect((await rows(2_001))[0]!.r).not.toBe(second[0]!.r);
    // A result larger than the whole budget is answered, never kept.
    const big = await rows(5_001);
    expect(await rows(5_001)).not.toBe(big);
  });

  it('holds at most 64 results, the least recently used dropped first', async () => {
    await store.db.query('INSERT INTO memo_t VALUES (5)'); // starts empty
    const kept = await read(1000);
    const oldest = await read(2000);
    for (let i = 1; i <= 62; i++) await read(2000 + i); // 64 results
    expect(await read(1000)).toBe(kept); // used last
    await read(3000); // the 65th: the least recently used goes
    expect(await read(1000)).toBe(kept);
    expect((await read(2000)).r).not.toBe(oldest.r);
  });
});
