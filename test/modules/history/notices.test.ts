import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { addDays, todayYmd } from '../../../src/lib/dates.js';
import { AccountEvents } from '../../../src/core/events/account-events.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { storeBackends } from '../../helpers/backends.js';
import { EventStore } from '../../../src/core/events/events.store.js';
import type { VpnresellersEmulator } from '../../../src/providers/vpnresellers/sandbox/index.js';

/**
 * Notices: EXPIRING_SOON at each threshold of EXPIRY_NOTICE_DAYS and BANDWIDTH_CAPPED fire once per account,
 * threshold and expiry date, however many syncs see the account (a unique key in the database decides).
 * The clock is injected and moved; the account lives at the VPNresellers emulator, read over HTTP by real full
 * syncs (its list rows carry the expiry; WLVPN's paged list has no plan data, so its plan-based expiry drifts are
 * seen by live reads, not by the list sync).
 */
describe('expiry notices from syncs', () => {
  let t: TestApp;
  let now = Date.now();
  let sync: SyncService;
  beforeAll(async () => {
    t = await startTestApp();
    const db = t.store.db;
    sync = new SyncService({
      mirror: new Mirror(db),
      log: new SyncLog(db),
      budgetPerMinute: () => 1000,
      maxAgeMs: 0,
      events: new AccountEvents(db, { actor: 'sync', noticeDays: [7, 3, 1], clock: () => new Date(now) }),
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('fires each threshold once, not on every sync; drift is CHANGED_AT_VENDOR', async () => {
    const list = await t.gql<{ accounts: { nodes: Array<{ id: string; nativeId: string }> } }>(
      '{ accounts(first: 1, filter: { providers: [VPNRESELLERS], statuses: [ACTIVE] }) { nodes { id nativeId } } }',
    );
    const { id, nativeId } = list.data!.accounts.nodes[0]!;
    const on = addDays(todayYmd(), 20);
    const ext = await t.gql<{ extendAccount: { account: { expiresAt: string }; userErrors: unknown[] } }>(
      `mutation($id: ID!, $on: LocalDate!) { extendAccount(input: { accountId: $id, expiresOn: $on }) { account { expiresAt } userErrors { code message } } }`,
      { id, on },
    );
    expect(ext.data?.extendAccount.userErrors).toEqual([]);
    const expiry = Date.parse(ext.data!.extendAccount.account.expiresAt);
    const provider = t.app.registry.get(ProviderName.VPNRESELLERS);
    const notices = async () =>
      (
        await t.store.db.query<{ t: number }>(
          `SELECT (data->>'thresholdDays')::int AS t FROM account_events
           WHERE kind = 'EXPIRING_SOON' AND provider = 'VPNRESELLERS' AND native_id = $1 ORDER BY id`,
          [nativeId],
        )
      ).map((r) => r.t);
    const day = 86_400_000;
    const steps: Array<[number, number[]]> = [
      [10, []],
      [6.5, [7]],
      [6, [7]],
      [5, [7]],
      [2.5, [7, 3]],
      [2.2, [7, 3]],
      [0.5, [7, 3, 1]],
      [0.2, [7, 3, 1]],
    ];
    for (const [daysBefore, expected] of steps) {
      now = expiry - daysBefore * day;
      const run = await sync.runNow(provider);
      expect(run.status).toBe('SUCCEEDED');
      expect(await notices()).toEqual(expected);
    }
    // Renewed behind our back (in the vendor's panel): drift, and a new expiry date arms the thresholds again.
    const emu = t.emulator(ProviderName.VPNRESELLERS) as unknown as VpnresellersEmulator;
    const account = emu.accounts.get(Number(nativeId))!;
    const on2 = addDays(todayYmd(), 40);
    account.expired_at = `${on2}T00:00:00.000000Z`;
    const run = await sync.runNow(provider);
    expect(run.status).toBe('SUCCEEDED');
    const drift = await t.store.db.query<{ before: { expiresAt: string }; after: { expiresAt: string } }>(
      `SELECT before, after FROM account_events WHERE kind = 'CHANGED_AT_VENDOR' AND actor = 'sync' AND native_id = $1`,
      [nativeId],
    );
    expect(drift).toHaveLength(1);
    expect(drift[0]!.after.expiresAt.slice(0, 10)).toBe(on2);
    now = Date.parse(drift[0]!.after.expiresAt) - 6 * day;
    await sync.runNow(provider);
    await sync.runNow(provider);
    expect(await notices()).toEqual([7, 3, 1, 7]);
  });
});

describe.each(storeBackends)('event store on %s', (_name, open) => {
  let backend: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    backend = await open();
  });
  afterAll(async () => {
    await backend.cleanup();
  });

  it('drops a second event with the same dedupe key, fans out to subscribed endpoints in the same statement', async () => {
    const db = backend.store.db;
    const events = new EventStore(db);
    await db.query(
      `INSERT INTO webhook_endpoints (url, events, secret, created_by) VALUES
       ('http://a.example/h', '{EXPIRING_SOON}', 'x', 't'), ('http://b.example/h', '{STATUS_CHANGED}', 'x', 't')`,
    );
    const notice = {
      kind: 'EXPIRING_SOON' as const,
      provider: ProviderName.WLVPN,
      nativeId: '1',
      actor: 'sync',
      dedupeKey: 'k1',
    };
    expect(await events.append([notice])).toHaveLength(1);
    expect(await events.append([notice])).toHaveLength(0);
    // Inside a transaction that rolls back, nothing is left: neither the event nor its delivery.
    await expect(
      db.transaction(async (tx) => {
        await events.append([{ ...notice, dedupeKey: 'k2' }], tx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const [counts] = await db.query<{ e: number; d: number }>(
      'SELECT (SELECT count(*)::int FROM account_events) AS e, (SELECT count(*)::int FROM webhook_deliveries) AS d',
    );
    expect(counts).toEqual({ e: 1, d: 1 });
    for (let i = 0; i < 5; i++)
      await events.append([{ kind: 'STATUS_CHANGED', provider: ProviderName.PUREWL, nativeId: `u${i}`, actor: 'a' }]);
    const p1 = await events.page({ kinds: ['STATUS_CHANGED'] }, 3, null);
    const p2 = await events.page({ kinds: ['STATUS_CHANGED'] }, 3, p1.items.at(-1)!.id);
    expect(p1.items.map((e) => e.nativeId)).toEqual(['u4', 'u3', 'u2']);
    expect(p1.hasNextPage).toBe(true);
    expect(p2.items.map((e) => e.nativeId)).toEqual(['u1', 'u0']);
    expect(p2.hasNextPage).toBe(false);
  });
});
