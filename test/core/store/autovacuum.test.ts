import { openDatabase, type Db } from '../../../src/core/db/db.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { ProviderName } from '../../../src/providers/modules.js';

/**
 * The embedded database runs no autovacuum of its own (PGlite is Postgres single-user): `Db.maintain` does its
 * work with Postgres's default thresholds. Without statistics the planner guessed one row per table and answered
 * a keyset page of the mirror with a scan of every row and a sort; with them, the page is an index scan.
 */
const PAGE = `SELECT native_id FROM account_registry
  WHERE gone_at IS NULL AND provider = ANY($1::text[]) ORDER BY username, provider, native_id LIMIT 101`;

async function plan(db: Db): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${PAGE}`, [['WLVPN', 'PUREWL']]);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('embedded autovacuum (PGlite)', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openDatabase({});
    await db.maintain!(); // the start's round: every table of ours analysed once (still empty here)
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('analyses a table that changed past the threshold, and then the mirror page is an index scan', async () => {
    await db.query(
      `INSERT INTO account_registry (provider, native_id, username, created_via)
       SELECT CASE WHEN g % 2 = 0 THEN 'WLVPN' ELSE 'PUREWL' END, 'n' || g, 'user' || lpad(g::text, 5, '0'), 'sync'
       FROM generate_series(1, 4000) g`,
    );
    // Every row rewritten once, as a sync confirming every account does: as many dead row versions as live ones.
    await db.query(`UPDATE account_registry SET status = 'ACTIVE', synced_at = clock_timestamp()`);
    const before = await plan(db);
    // The first round flushes this connection's counters; a round sees what the previous one flushed.
    const rounds = [await db.maintain!(), await db.maintain!()];
    const vacuumed = rounds.flatMap((r) => r.vacuumed);
    const analyzed = rounds.flatMap((r) => r.analyzed);
    expect(vacuumed).toContain('public.account_registry');
    expect(analyzed).toContain('public.account_registry');
    const after = await plan(db);
    expect(after).toMatch(/Index Scan using account_mirror_username/);
    // What it replaced: the plan without statistics sorted every matching row.
    expect(before).not.toEqual(after);
    const [stats] = await db.query<{ dead: string | number; analyzed: string | null }>(
      `SELECT n_dead_tup AS dead, last_analyze::text AS analyzed FROM pg_stat_user_tables WHERE relname = 'account_registry'`,
    );
    expect(Number(stats!.dead)).toBe(0);
    expect(stats!.analyzed).not.toBeNull();
  }, 60_000);

  it('leaves tables alone when little changed (no round of VACUUMs for nothing)', async () => {
    await db.maintain!();
    await new Mirror(db).markListed(ProviderName.WLVPN); // one row in a small table: below 50 + 10 %
    const rounds = [await db.maintain!(), await db.maintain!()];
    expect(rounds).toEqual([
      { vacuumed: [], analyzed: [] },
      { vacuumed: [], analyzed: [] },
    ]);
  }, 60_000);
});
