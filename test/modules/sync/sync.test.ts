import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus } from '../../../src/domain/records.js';
import { ErrorCode } from '../../../src/domain/errors.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { recordingDb } from '../../helpers/backends.js';

/**
 * Sync against the emulators over real HTTP. "Behind the API's back" = through the provider's own client
 * straight to the vendor (the emulator), never through the graph or the mirror.
 */
describe('sync and drift', () => {
  let t: TestApp;
  let mirror: Mirror;
  let log: SyncLog;
  let sync: SyncService;
  const budget: Partial<Record<ProviderName, number>> = { [ProviderName.PUREWL]: 5, [ProviderName.PUREVPN]: 8 };
  beforeAll(async () => {
    t = await startTestApp();
    mirror = new Mirror(t.store.db);
    log = new SyncLog(t.store.db);
    sync = new SyncService({ mirror, log, budgetPerMinute: (p) => budget[p.name] ?? 0, maxAgeMs: 60_000 });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('a full sync imports every account a listing vendor has, in a handful of list calls', async () => {
    const wlvpn = t.app.registry.get(ProviderName.WLVPN);
    t.resetUpstream();
    const run = await sync.runNow(wlvpn);
    expect(run).toMatchObject({ status: 'SUCCEEDED', mode: 'FULL', changed: 0, gone: 0 });
    expect(run.seen).toBeGreaterThanOrEqual(55);
    expect(run.added).toBe(run.seen);
    // One paged call covers the seeded accounts; no per-account read.
    expect(t.upstream(ProviderName.WLVPN)).toBe(1);
    expect(await mirror.count({ providers: [ProviderName.WLVPN] })).toBe(run.seen);
    // Orphans are adopted at once: recorded, already resolved.
    const open = await log.issues({ providers: [ProviderName.WLVPN], limit: 10, offset: 0 });
    expect(open.totalCount).toBe(0);
    const all = await log.issues({ providers: [ProviderName.WLVPN], includeResolved: true, limit: 500, offset: 0 });
    expect(all.items.filter((i) => i.kind === 'ORPHAN_AT_VENDOR' && i.resolution === 'ADOPTED')).toHaveLength(
      run.added,
    );
  });

  it('drift is recorded in one statement per 1,000 entries; an open entry reported twice in one call keeps the later', async () => {
    let statements = 0;
    const counting = recordingDb(t.store.db, () => statements++);
    const P = ProviderName.VPNRESELLERS;
    const orphans = Array.from({ length: 1_200 }, (_, i) => ({
      provider: P,
      nativeId: `batch-${i}`,
      username: `batch${i}`,
      kind: 'ORPHAN_AT_VENDOR' as const,
      details: { i },
      resolution: 'ADOPTED',
    }));
    const twice = (seen: number) => ({
      provider: P,
      nativeId: 'batch-twice',
      username: 'batchtwice',
      kind: 'CHANGED_AT_VENDOR' as const,
      details: { seen },
    });
    await new SyncLog(counting).report([...orphans, twice(1), twice(2)], null);
    expect(statements).toBe(2);
    const all = await log.issues({ providers: [P], includeResolved: true, limit: 5_000, offset: 0 });
    const batch = all.items.filter((i) => i.nativeId.startsWith('batch-'));
    expect(batch.filter((i) => i.resolution === 'ADOPTED')).toHaveLength(1_200);
    expect(batch.filter((i) => i.nativeId === 'batch-twice').map((i) => i.details)).toEqual([{ seen: 2 }]);
  });

  it('a change, a new account and a deleted one behind the API’s back show up after one sync as drift', async () => {
    const vr = t.app.registry.get(ProviderName.VPNRESELLERS);
    await sync.runNow(vr);
    const page = await mirror.page({
      filter: { providers: [ProviderName.VPNRESELLERS], statuses: [AccountStatus.ACTIVE] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 2,
    });
    const [toDisable, toDelete] = page.rows.map((r) => r.record);
    await vr.disableAccount(toDisable!.nativeId);
    await vr.deleteAccount(toDelete!.nativeId);
    const created = await vr.createAccount({ username: 'drift-made-at-vendor', password: 'Secret-Pass-123' });

    const run = await sync.runNow(vr);
    expect(run).toMatchObject({ status: 'SUCCEEDED', added: 1, changed: 1, gone: 1 });
    const issues = await log.issues({
      providers: [ProviderName.VPNRESELLERS],
      includeResolved: true,
      limit: 500,
      offset: 0,
    });
    const last = issues.items.filter((i) => i.runId === run.id);
    expect(last.map((i) => [i.kind, i.nativeId]).sort()).toEqual(
      [
        ['CHANGED_AT_VENDOR', toDisable!.nativeId],
        ['GONE_AT_VENDOR', toDelete!.nativeId],
        ['ORPHAN_AT_VENDOR', created.account.nativeId],
      ].sort(),
    );
    const changed = last.find((i) => i.kind === 'CHANGED_AT_VENDOR')!;
    expect(changed.details).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'DISABLED' } });
    const [mirrored, gone] = await mirror.read([
      { provider: ProviderName.VPNRESELLERS, nativeId: toDisable!.nativeId },
      { provider: ProviderName.VPNRESELLERS, nativeId: created.account.nativeId },
    ]);
    expect(mirrored?.record.status).toBe(AccountStatus.DISABLED);
    expect(gone?.record.username).toBe('drift-made-at-vendor');
    expect(
      (
        await mirror.page({
          filter: { search: toDelete!.username },
          orderBy: { field: 'USERNAME', direction: 'ASC' },
          first: 5,
        })
      ).rows,
    ).toHaveLength(0);
    // Acknowledging a drift entry closes it.
    expect((await log.resolve(changed.id, 'ACKNOWLEDGED'))?.resolution).toBe('ACKNOWLEDGED');
    expect(await log.resolve(changed.id, 'ACKNOWLEDGED')).toBeNull();
  });

  it('a refresh of a vendor without a list call reads at most its budget, stalest first', async () => {
    const purewl = t.app.registry.get(ProviderName.PUREWL);
    const known = await mirror.count({ providers: [ProviderName.PUREWL] });
    expect(known).toBeGreaterThan(10);
    t.resetUpstream();
    const first = await sync.runNow(purewl);
    expect(first).toMatchObject({ status: 'SUCCEEDED', mode: 'REFRESH', seen: 5, vendorCalls: 5 });
    const statusCalls = t.emulator(ProviderName.PUREWL).server.count('status');
    expect(statusCalls).toBe(5);
    // The next run takes the next five: never the ones just refreshed.
    const second = await sync.runNow(purewl);
    expect(second.seen).toBe(5);
    const synced = await mirror.count({
      providers: [ProviderName.PUREWL],
      staleBefore: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(synced).toBe(known - 10);
  });

  it('a provider that is down fails its run with a typed error and leaves the mirror as it was', async () => {
    const wlvpn = t.app.registry.get(ProviderName.WLVPN);
    const before = await mirror.page({
      filter: { providers: [ProviderName.WLVPN] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 500,
    });
    const fault = t.emulator(ProviderName.WLVPN).server.addFault({ kind: 'error', status: 503 });
    try {
      const run = await sync.runNow(wlvpn);
      expect(run.status).toBe('FAILED');
      expect(run.errorCode).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    } finally {
      t.emulator(ProviderName.WLVPN).server.clearFaults();
    }
    expect(fault).toBeGreaterThan(0);
    const after = await mirror.page({
      filter: { providers: [ProviderName.WLVPN] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 500,
    });
    expect(after.rows.map((r) => [r.record.nativeId, r.syncedAt])).toEqual(
      before.rows.map((r) => [r.record.nativeId, r.syncedAt]),
    );
  });

  it('asking for a sync while one runs answers the running one', async () => {
    const wlvpn = t.app.registry.get(ProviderName.WLVPN);
    const a = await sync.begin(wlvpn);
    const b = await sync.begin(wlvpn);
    expect(a.started).toBe(true);
    expect(b).toEqual({ run: a.run, started: false });
    const done = await sync.execute(wlvpn, a.run);
    expect(done.status).toBe('SUCCEEDED');
    expect((await sync.begin(wlvpn)).started).toBe(true);
  });
});
