import fc from 'fast-check';
import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus, type AccountRecord } from '../../../src/domain/records.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { type MirrorOrderField } from '../../../src/core/mirror/mirror-query.js';
import type { Store } from '../../../src/core/store/store.js';
import { recordingDb, storeBackends } from '../../helpers/backends.js';

const PROVIDERS = [ProviderName.PUREWL, ProviderName.VPNRESELLERS, ProviderName.WLVPN, ProviderName.PUREVPN];
const STATUSES = [AccountStatus.ACTIVE, AccountStatus.DISABLED, AccountStatus.EXPIRED, AccountStatus.CLOSED];

function account(provider: ProviderName, i: number, over: Partial<AccountRecord> = {}): AccountRecord {
  const day = (i * 7) % 60;
  return {
    provider,
    nativeId: `${provider.toLowerCase()}-${i}`,
    username: `user${String(i).padStart(4, '0')}${provider[0]}`,
    status: STATUSES[i % STATUSES.length]!,
    providerStatus: `raw-${i}`,
    createdAt: new Date(Date.UTC(2025, 0, 1 + (i % 300))).toISOString(),
    updatedAt: null,
    // Every fifth account has no expiry: it sorts last ascending, first descending.
    expiresAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 10, 1 + day)).toISOString(),
    closedAt: null,
    throttled: null,
    customerNativeId: null,
    planNativeId: i % 2 ? 'plan-a' : null,
    groupId: null,
    metadata: null,
    wireguard: i % 3 === 0 ? { ip: '10.0.0.1', publicKey: 'pub', privateKey: 'PRIVATE-KEY-SECRET' } : null,
    plans: null,
    ...over,
  };
}

describe.each(storeBackends)('mirror on %s', (_name, open) => {
  let store: Store;
  let mirror: Mirror;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
    mirror = new Mirror(store.db);
    for (const p of PROVIDERS) {
      await mirror.write(
        Array.from({ length: 40 }, (_, i) => account(p, i)),
        'sync',
      );
    }
  });
  afterAll(async () => {
    await cleanup();
  });

  it('keeps the last-known state with syncedAt and never a WireGuard private key', async () => {
    const [a, missing] = await mirror.read([
      { provider: ProviderName.WLVPN, nativeId: 'wlvpn-3' },
      { provider: ProviderName.WLVPN, nativeId: 'nope' },
    ]);
    expect(missing).toBeNull();
    expect(a?.record.username).toBe('user0003W');
    expect(a?.record.status).toBe(AccountStatus.CLOSED);
    expect(a?.source).toBe('sync');
    expect(Date.parse(a!.syncedAt!)).toBeLessThanOrEqual(Date.now());
    expect(a?.record.wireguard).toEqual({ ip: '10.0.0.1', publicKey: 'pub', privateKey: null });
    const raw = await store.db.query<{ record: unknown }>('SELECT record FROM account_registry');
    expect(JSON.stringify(raw)).not.toContain('PRIVATE-KEY-SECRET');
  });

  it('reports what a write adds and changes (drift), and learns names without calling them changes', async () => {
    await store.importAccounts(ProviderName.PUREVPN, [{ nativeId: 'named-only', username: 'named-only' }]);
    const result = await mirror.write(
      [
        account(ProviderName.PUREVPN, 1),
        account(ProviderName.PUREVPN, 2, { status: AccountStatus.ACTIVE }),
        account(ProviderName.PUREVPN, 999),
        account(ProviderName.PUREVPN, 1000, { nativeId: 'named-only', username: 'named-only' }),
      ],
      'live',
    );
    expect(result.map((r) => [r.added, r.changed])).toEqual([
      [false, false],
      [false, true],
      [true, false],
      [false, false],
    ]);
    expect(result[1]?.before?.status).toBe(AccountStatus.EXPIRED);
  });

  it('a record with gaps (a list row without plans) keeps what a fuller read told the mirror', async () => {
    const plans = [
      {
        planCode: 'p1',
        name: 'P1',
        state: 'CURRENT' as const,
        unlimited: true,
        startsAt: null,
        expiresAt: null,
        bytesUsed: null,
        bytesMax: null,
        revoked: false,
      },
    ];
    await mirror.write([account(ProviderName.WLVPN, 11, { planNativeId: 'p1', plans, metadata: { a: 'b' } })], 'live');
    const [row] = await mirror.write(
      [
        account(ProviderName.WLVPN, 11, {
          status: AccountStatus.DISABLED,
          planNativeId: null,
          plans: null,
          metadata: null,
          incomplete: ['planNativeId', 'plans', 'metadata'],
        }),
      ],
      'sync',
    );
    expect(row?.changed).toBe(true);
    const [read] = await mirror.read([{ provider: ProviderName.WLVPN, nativeId: 'wlvpn-11' }]);
    expect(read?.record).toMatchObject({
      status: AccountStatus.DISABLED,
      planNativeId: 'p1',
      plans,
      metadata: { a: 'b' },
    });
    expect(read?.record.incomplete).toBeUndefined();
    // Never read fully: the gaps stay marked, so the graph knows to ask the vendor.
    await mirror.write([account(ProviderName.WLVPN, 300, { plans: null, incomplete: ['plans'] })], 'sync');
    const [gappy] = await mirror.read([{ provider: ProviderName.WLVPN, nativeId: 'wlvpn-300' }]);
    expect(gappy?.record.incomplete).toEqual(['plans']);
  });

  it('confirm (a write-back) stores what write stores, reading the mirror only for records with gaps', async () => {
    const statements: string[] = [];
    const counted = new Mirror(
      recordingDb(store.db, (sql) => statements.push(sql.trim().split(/\s+/)[0]!.toUpperCase())),
    );
    const full = [600, 601, 602].map((i) =>
      account(ProviderName.PUREVPN, i, { planNativeId: 'p9', metadata: { k: String(i) } }),
    );
    await mirror.write(full, 'live');
    const stored = async () =>
      (await mirror.read(full.map((r) => ({ provider: r.provider, nativeId: r.nativeId })))).map((m) => m?.record);
    const before = await stored();

    // Complete records: the upsert alone (write would read the three rows first, to answer what changed).
    const changed = full.map((r) => ({ ...r, status: AccountStatus.DISABLED }));
    await counted.confirm(changed, 'live');
    expect(statements).toEqual(['INSERT']);
    expect((await stored()).map((r) => r?.status)).toEqual(changed.map(() => AccountStatus.DISABLED));

    // One record with gaps: it alone is read, and keeps what the mirror knew of its gaps.
    statements.length = 0;
    const listRow = {
      ...full[1]!,
      planNativeId: null,
      metadata: null,
      incomplete: ['planNativeId', 'metadata'] as AccountRecord['incomplete'],
    };
    await counted.confirm([full[0]!, listRow, full[2]!], 'live');
    expect(statements).toEqual(['SELECT', 'INSERT']);
    expect(await stored()).toEqual(before);
    const [confirmed] = await mirror.read([{ provider: ProviderName.PUREVPN, nativeId: listRow.nativeId }]);
    expect(confirmed?.syncedAt).not.toBeNull();
  });

  it('filters across providers and counts exactly', async () => {
    const expiring = await mirror.count({ expiresBefore: '2026-11-08T00:00:00.000Z' });
    const manual = (
      await store.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM account_registry WHERE expires_at < '2026-11-08T00:00:00Z' AND gone_at IS NULL",
      )
    )[0]!.n;
    expect(expiring).toBe(manual);
    expect(expiring).toBeGreaterThan(0);
    expect(await mirror.count({ providers: [ProviderName.VPNRESELLERS], statuses: [AccountStatus.ACTIVE] })).toBe(10);
    expect(await mirror.count({ search: '003' })).toBeGreaterThanOrEqual(4);
    expect(await mirror.count({ search: '%' })).toBe(0);
  });

  it('leaves gone accounts out of every list', async () => {
    expect(await mirror.markGone(ProviderName.PUREWL, ['purewl-7'])).toBe(1);
    expect(await mirror.markGone(ProviderName.PUREWL, ['purewl-7'])).toBe(0);
    const page = await mirror.page({
      filter: { providers: [ProviderName.PUREWL] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 100,
    });
    expect(page.rows.map((r) => r.record.nativeId)).not.toContain('purewl-7');
    expect(page.rows).toHaveLength(39);
  });

  it('keyset pages return every account once in order, both directions, under concurrent inserts (property)', async () => {
    const before = await mirror.count({});
    let extra = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<MirrorOrderField>('USERNAME', 'EXPIRES_AT', 'CREATED_AT', 'STATUS', 'PROVIDER', 'SYNCED_AT'),
        fc.constantFrom<'ASC' | 'DESC'>('ASC', 'DESC'),
        fc.integer({ min: 1, max: 45 }),
        fc.boolean(),
        async (field, direction, size, backwards) => {
          const existing = new Set(
            (await mirror.page({ filter: {}, orderBy: { field, direction }, first: 10_000 })).rows.map(
              (r) => `${r.record.provider}:${r.record.nativeId}`,
            ),
          );
          const seen: string[] = [];
          let cursor: string | null = null;
          let finished = false;
          for (let pageNo = 0; pageNo < existing.size + 100; pageNo++) {
            const page = await mirror.page({
              filter: {},
              orderBy: { field, direction },
              first: size,
              cursor,
              backward: backwards,
            });
            // Someone inserts while we page (during the first pages: new rows may land ahead of the cursor).
            if (pageNo < 15) await mirror.write([account(ProviderName.WLVPN, 5000 + extra++)], 'write');
            const keys = page.rows.map((r) => `${r.record.provider}:${r.record.nativeId}`);
            if (backwards) seen.unshift(...keys);
            else seen.push(...keys);
            if (!page.hasMore) {
              finished = true;
              break;
            }
            cursor = backwards ? page.cursors[0]! : page.cursors[page.cursors.length - 1]!;
          }
          expect(finished).toBe(true);
          expect(new Set(seen).size).toBe(seen.length);
          for (const key of existing) expect(seen).toContain(key);
        },
      ),
      { numRuns: 12 },
    );
    expect(await mirror.count({})).toBe(before + extra);
  });

  it('refuses a cursor of another order', async () => {
    const page = await mirror.page({ filter: {}, orderBy: { field: 'USERNAME', direction: 'ASC' }, first: 2 });
    await expect(
      mirror.page({
        filter: {},
        orderBy: { field: 'EXPIRES_AT', direction: 'ASC' },
        first: 2,
        cursor: page.cursors[1]!,
      }),
    ).rejects.toThrow(/another order/);
    await expect(
      mirror.page({ filter: {}, orderBy: { field: 'USERNAME', direction: 'ASC' }, first: 2, cursor: 'garbage' }),
    ).rejects.toThrow(/not one this API made/);
  });

  it('orders accounts without expiry last ascending and keeps sort order exact', async () => {
    const page = await mirror.page({
      filter: { providers: [ProviderName.VPNRESELLERS] },
      orderBy: { field: 'EXPIRES_AT', direction: 'ASC' },
      first: 100,
    });
    const expiries = page.rows.map((r) => r.record.expiresAt);
    const firstNull = expiries.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(expiries.slice(firstNull).every((e) => e === null)).toBe(true);
    const dated = expiries.slice(0, firstNull).map((e) => Date.parse(e!));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
  });
});
