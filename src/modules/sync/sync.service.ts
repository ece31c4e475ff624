import type { Env } from '../../config/config.js';
import { ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import { syncRateVariable } from '../../providers/module.js';
import type { AccountRecord, IncompleteField } from '../../domain/records.js';
import type { VpnProvider } from '../../providers/port.js';
import type { Db } from '../../core/db/db.js';
import { Mirror } from '../../core/mirror/mirror.js';
import { type MirrorWriteResult } from '../../core/mirror/mirror-rows.js';
import { SyncLog } from './sync-log.store.js';
import type { SyncCounts, SyncIssueKind, SyncMode, SyncRun } from '../../domain/sync-log-records.js';
import type { AccountEvents } from '../../core/events/account-events.js';
import { ReadModel } from '../../core/mirror/read-model.js';
import { linksAtVendor, vendorCustomerOf, walkLinks } from '../../core/mirror/link-walk.js';
import { scopedProvider } from '../../providers/scoped.js';
import { usageRange } from '../../core/usage-range.js';

/**
 * Keeps the mirror close to the vendors and records what drifted.
 * - Vendors with a list call: a FULL sync pages their list at the largest page the provider reads in one call,
 *   imports every account (also those made in the vendor's own panel: ORPHAN_AT_VENDOR, adopted at once), records
 *   status/expiry changed behind our back (CHANGED_AT_VENDOR), then asks about accounts the list no longer shows:
 *   "not found" → GONE_AT_VENDOR.
 * - Vendors without one: a REFRESH reads at most `budget` accounts (stalest, then soonest-expiring first) — one
 *   vendor call each, so the per-minute budget is the number of accounts a run may read.
 * A provider that fails fails its run with the typed error and leaves the mirror as it was.
 */

/** Accounts asked for in one list call (WLVPN's paged maximum; other providers page inside the port). */
export const SYNC_LIST_PAGE = 1000;
/** Accounts confirmed per batch read when looking for the ones a list no longer shows. */
const CONFIRM_BATCH = 100;
/** Accounts read per batch when confirming what a list cannot see. */
const DETAIL_BATCH = 20;
/** Fields whose absence from a list's rows calls for a detail read (plan and plan-based expiry). */
const DETAIL_FIELDS: ReadonlySet<IncompleteField> = new Set(['expiresAt', 'planNativeId', 'plans']);

export interface SyncServiceDeps {
  mirror: Mirror;
  log: SyncLog;
  /**
   * Vendor calls per minute a sync may spend (SYNC_RATE_<PROVIDER>): the accounts a refresh of a provider without
   * a list call reads per minute; the pace of a full sync's calls (0: unpaced).
   */
  budgetPerMinute(provider: VpnProvider): number;
  /** Mirrored state younger than this is not refreshed again (MIRROR_MAX_AGE_MS). */
  maxAgeMs: number;
  /** History: when given, mirror writes and their drift/notice events commit together (actor `sync`). */
  events?: AccountEvents;
  /**
   * The rest of the graph in the store (issue #26): when given, a run also keeps the provider's customers and
   * projects (VPNresellers), its catalog (plans, servers; when older than `maxAgeMs`) and its usage reports of the
   * default range (when older than half of `usageMaxAgeMs`, one batch for every account) in the store, paced
   * within the same rate and counted in the run's vendor calls.
   */
  readModel?: { store: ReadModel; usageMaxAgeMs: number };
}

/** SYNC_RATE_<PROVIDER>: vendor calls per minute a sync of that provider may spend; 0 = no scheduled sync. */
export function syncRate(env: Env, provider: ProviderName): number {
  return env[syncRateVariable(provider)];
}

/**
 * The sync service the jobs and the admin surface use. A refresh does not read again an account read in the last
 * SYNC_INTERVAL_MS (at least a minute): directory vendors' accounts are then as fresh as the listing vendors'.
 */
export function createSyncService(env: Env, db: Db): SyncService {
  return new SyncService({
    mirror: new Mirror(db),
    log: new SyncLog(db),
    budgetPerMinute: (provider) => syncRate(env, provider.name),
    maxAgeMs: Math.max(60_000, env.SYNC_INTERVAL_MS),
    readModel: { store: new ReadModel(db), usageMaxAgeMs: env.USAGE_MAX_AGE_MS },
  });
}

export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  get log(): SyncLog {
    return this.deps.log;
  }

  /** Which kind of run a provider gets. */
  modeFor(provider: VpnProvider): SyncMode {
    return provider.features.listAccounts ? 'FULL' : 'REFRESH';
  }

  /** Starts a run, or answers the one already going for that provider (no second run). */
  begin(provider: VpnProvider): Promise<{ run: SyncRun; started: boolean }> {
    return this.deps.log.start(provider.name, this.modeFor(provider));
  }

  /**
   * The scheduled start: a run only when none is going and none started in the last `notWithinMs` (one run per
   * schedule tick however many replicas handle it). A refresh's budget then covers the time since the previous
   * run (`rate × elapsed / 1 min`, at most two minutes' worth), so calls per minute follow the rate whatever the
   * ticks' jitter.
   */
  async beginScheduled(
    provider: VpnProvider,
    notWithinMs: number,
  ): Promise<{ run: SyncRun | null; started: boolean; budget: number }> {
    const rate = Math.max(0, Math.floor(this.deps.budgetPerMinute(provider)));
    const { run, started, previous } = await this.deps.log.startIfDue(
      provider.name,
      this.modeFor(provider),
      notWithinMs,
    );
    const elapsed = previous ? Date.now() - Date.parse(previous.startedAt) : 60_000;
    const budget = Math.round((rate * Math.min(Math.max(elapsed, 0), 120_000)) / 60_000);
    return { run, started, budget };
  }

  /** Does the work of a run that `begin` started, and closes it. `budget`: accounts a refresh may read (default: the rate). */
  async execute(provider: VpnProvider, run: SyncRun, options: { budget?: number } = {}): Promise<SyncRun> {
    const counts: SyncCounts = { seen: 0, added: 0, changed: 0, gone: 0, vendorCalls: 0 };
    try {
      if (run.mode === 'FULL') await this.fullSync(provider, run, counts);
      else await this.refresh(provider, run, counts, options.budget);
      return await this.deps.log.finish(run.id, counts);
    } catch (error) {
      const failure =
        error instanceof ProviderError
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'The sync failed inside vpn-graph; see the logs.' };
      return this.deps.log.finish(run.id, counts, failure);
    }
  }

  /** begin + execute, for callers that wait (tests, the job when it starts a run itself). */
  async runNow(provider: VpnProvider): Promise<SyncRun> {
    const { run, started } = await this.begin(provider);
    return started ? this.execute(provider, run) : run;
  }

  private async fullSync(provider: VpnProvider, run: SyncRun, counts: SyncCounts): Promise<void> {
    const pace = new CallPacer(this.deps.budgetPerMinute(provider));
    const seen = new Set<string>();
    let gaps = false;
    for (let offset = 0; ; offset += SYNC_LIST_PAGE) {
      await pace.take();
      counts.vendorCalls++;
      const page = await provider.listAccounts({ offset, limit: SYNC_LIST_PAGE, readStatus: true });
      gaps ||= page.items.some((a) => a.incomplete?.some((f) => DETAIL_FIELDS.has(f)));
      const fresh = page.items.filter((a) => !seen.has(a.nativeId));
      for (const a of fresh) seen.add(a.nativeId);
      counts.seen += fresh.length;
      const own = await this.withoutOpenCreates(provider, fresh);
      await this.record(provider, run, await this.mirrorWrite(own), counts);
      await this.deps.log.progress(run.id, counts);
      if (page.items.length < SYNC_LIST_PAGE) break;
    }
    const missing = (await this.deps.mirror.nativeIds(provider.name)).filter((id) => !seen.has(id));
    for (let i = 0; i < missing.length; i += CONFIRM_BATCH) {
      const batch = missing.slice(i, i + CONFIRM_BATCH);
      await pace.take();
      counts.vendorCalls++;
      await this.confirm(provider, run, batch, counts);
    }
    // The vendor's whole list is in the mirror: the provider is complete (issue #26), its membership fresh.
    await this.deps.mirror.markListed(provider.name);
    if (linksAtVendor(provider)) await this.syncLinks(provider, run, counts, pace);
    await this.syncReadModel(provider, counts, pace);
    if (gaps) await this.readDetails(provider, run, counts, pace);
  }

  /**
   * The catalog (plans, servers) and usage reports of a provider into the store (see `SyncServiceDeps.readModel`),
   * each only when what is stored is due. Every vendor call waits for the run's pace and is counted. `leftOver`
   * (a refresh): at most that many calls; the catalog then waits for a run with calls to spare.
   */
  private async syncReadModel(provider: VpnProvider, counts: SyncCounts, pace: CallPacer, leftOver = Infinity) {
    const model = this.deps.readModel;
    if (!model) return;
    const start = counts.vendorCalls;
    // The provider for this run's catalog and usage reads: every call waits for the pace and is counted.
    // `first.at`: when the current read's first vendor call left (what it confirms is confirmed no earlier).
    const first: { at: string | null } = { at: null };
    const paced = scopedProvider(provider, {
      requestId: `sync-${provider.name}`,
      beforeUpstreamCall: async () => {
        await pace.take();
        counts.vendorCalls++;
        first.at ??= new Date().toISOString();
      },
    });
    const due = (at: string | null | undefined, ageMs: number) => !at || Date.now() - Date.parse(at) > ageMs;
    const catalog: Array<'plans' | 'servers'> = [];
    if (provider.features.plans) catalog.push('plans');
    if (provider.features.servers) catalog.push('servers');
    for (const kind of catalog) {
      if (counts.vendorCalls - start >= leftOver) return;
      const stored = await model.store.catalog(provider.name, kind);
      if (!due(stored?.syncedAt, this.deps.maxAgeMs)) continue;
      // Stamped with when the read's first call left: syncedAt never claims a confirmation later than the answer.
      first.at = null;
      if (kind === 'plans') {
        const plans = await paced.listPlans();
        await model.store.putCatalog(provider.name, 'plans', plans, first.at ?? undefined);
      } else {
        const servers = await paced.listServers();
        await model.store.putCatalog(provider.name, 'servers', servers, first.at ?? undefined);
      }
    }
    // Usage: one batch for every account where the vendor has a bulk report (WLVPN), of the default range.
    if (provider.features.usage && provider.features.bulkUsage && leftOver === Infinity) {
      const range = usageRange(null, null);
      if (!due(await model.store.oldestUsage(provider.name, range), model.usageMaxAgeMs / 2)) return;
      const ids = await this.deps.mirror.nativeIds(provider.name);
      if (ids.length === 0) return;
      const at = new Date().toISOString();
      const slots = await paced.getUsage(ids, range);
      const items = ids.flatMap((nativeId, i) => {
        const slot = slots[i];
        return slot instanceof ProviderError ? [] : [{ nativeId, record: slot ?? null }];
      });
      await model.store.putUsage(provider.name, range, items, at);
    }
  }

  /**
   * What the list cannot see (WLVPN: plan and plan-based expiry), read account by account within what is left
   * of the rate this minute (SYNC_RATE_<PROVIDER> less the run's calls so far; a rate of 0 reads none): the
   * accounts whose plan or expiry has gone unconfirmed longest first, none confirmed within the refresh age.
   * A plan or expiry changed behind our back becomes CHANGED_AT_VENDOR; until then the account's `syncedAt`
   * stays at the older confirmation.
   */
  private async readDetails(provider: VpnProvider, run: SyncRun, counts: SyncCounts, pace: CallPacer): Promise<void> {
    const rate = Math.max(0, Math.floor(this.deps.budgetPerMinute(provider)));
    const budget = Math.max(0, rate - counts.vendorCalls);
    const olderThan = new Date(Date.now() - this.deps.maxAgeMs).toISOString();
    const due = await this.deps.mirror.detailsDue(provider.name, budget, olderThan);
    for (let i = 0; i < due.length; i += DETAIL_BATCH) {
      const batch = due.slice(i, i + DETAIL_BATCH).map((d) => d.nativeId);
      for (let n = 0; n < batch.length; n++) await pace.take();
      counts.vendorCalls += batch.length; // one account read each
      await this.confirm(provider, run, batch, counts, false);
    }
  }

  /**
   * The customer and project links of a provider that keeps customers (VPNresellers): its customers (each
   * with its project), then each customer's accounts. Links are written and confirmed; a confirmed customer
   * link that moved is CHANGED_AT_VENDOR.
   */
  private async syncLinks(provider: VpnProvider, run: SyncRun, counts: SyncCounts, pace: CallPacer): Promise<void> {
    // The lists are confirmed as of when their listing started: never later than any page's answer.
    const walk = await walkLinks(provider, { beforeCall: () => pace.take() }); // one customer at a time, paced
    counts.vendorCalls += walk.calls;
    const model = this.deps.readModel?.store;
    if (model) {
      // The vendor's whole customer and project lists: the store keeps them (a row no longer listed is dropped).
      await model.replaceAll('customers', provider.name, walk.customers, walk.at);
      const projectsAt = new Date().toISOString();
      const projects = [];
      for (let offset = 0; ; offset += SYNC_LIST_PAGE) {
        await pace.take();
        counts.vendorCalls++;
        const page = await provider.listProjects({ offset, limit: SYNC_LIST_PAGE });
        projects.push(...page.items);
        if (page.items.length < SYNC_LIST_PAGE) break;
      }
      await model.replaceAll('projects', provider.name, projects, projectsAt);
    }
    const moved = await this.deps.mirror.confirmLinks(
      provider.name,
      walk.links,
      vendorCustomerOf(provider.name),
      walk.at,
    );
    if (moved.length === 0) return;
    counts.changed += moved.length;
    await this.deps.events?.linksChanged(provider.name, moved);
    await this.deps.log.report(
      moved.map((m) => ({
        provider: provider.name,
        nativeId: m.nativeId,
        username: m.username,
        kind: 'CHANGED_AT_VENDOR',
        details: { before: { customerId: m.before }, after: { customerId: m.after } },
      })),
      run.id,
    );
  }

  /**
   * Accounts whose username has a create of ours still open (pending / unknown intent) are left to that create:
   * adopting them would report our own in-flight account as ORPHAN_AT_VENDOR.
   */
  private async withoutOpenCreates(provider: VpnProvider, records: AccountRecord[]): Promise<AccountRecord[]> {
    if (records.length === 0) return records;
    const open = await this.deps.mirror.openCreates(provider.name);
    return open.size === 0 ? records : records.filter((r) => !open.has(r.username.toLowerCase()));
  }

  private async refresh(provider: VpnProvider, run: SyncRun, counts: SyncCounts, given?: number): Promise<void> {
    const budget = Math.max(0, Math.floor(given ?? this.deps.budgetPerMinute(provider)));
    if (budget === 0) return;
    const olderThan = new Date(Date.now() - this.deps.maxAgeMs).toISOString();
    const due = await this.deps.mirror.stalest(provider.name, budget, olderThan);
    counts.vendorCalls += due.length; // one status read per account for these vendors
    await this.confirm(
      provider,
      run,
      due.map((d) => d.nativeId),
      counts,
    );
    // Every directory row confirmed at least once: the provider is complete (issue #26).
    await this.deps.mirror.markConfirmed(provider.name);
    // Calls the budget has to spare keep the catalog in the store.
    if (budget > due.length) await this.syncReadModel(provider, counts, new CallPacer(0), budget - due.length);
  }

  /** Reads accounts one by one (batched by the port): found → mirrored, not found → gone, failed → left as is. */
  private async confirm(
    provider: VpnProvider,
    run: SyncRun,
    nativeIds: string[],
    counts: SyncCounts,
    countSeen = true,
  ): Promise<void> {
    if (nativeIds.length === 0) return;
    const results = await provider.getAccounts(nativeIds);
    const found: AccountRecord[] = [];
    const gone: string[] = [];
    results.forEach((r, i) => {
      if (r instanceof ProviderError) return;
      if (r === null) gone.push(nativeIds[i]!);
      else found.push(r);
    });
    if (countSeen) counts.seen += found.length;
    await this.record(provider, run, await this.mirrorWrite(await this.withoutOpenCreates(provider, found)), counts);
    if (gone.length) {
      const known = await this.deps.mirror.read(gone.map((nativeId) => ({ provider: provider.name, nativeId })));
      counts.gone += this.deps.events
        ? await this.deps.events.syncGone(
            provider.name,
            gone.map((nativeId, i) => ({
              nativeId,
              username: known[i]?.record.username ?? nativeId,
              lastKnown: known[i] ? { status: known[i].record.status, expiresAt: known[i].record.expiresAt } : null,
            })),
          )
        : await this.deps.mirror.markGone(provider.name, gone);
      await this.deps.log.report(
        gone.map((nativeId, i) => ({
          provider: provider.name,
          nativeId,
          username: known[i]?.record.username ?? nativeId,
          kind: 'GONE_AT_VENDOR',
          details: { lastKnownStatus: known[i]?.record.status ?? null, lastSyncedAt: known[i]?.syncedAt ?? null },
        })),
        run.id,
      );
    }
    await this.deps.log.progress(run.id, counts);
  }

  /** The mirror write of a sync; with history, in one transaction with its events. */
  private mirrorWrite(records: AccountRecord[]): Promise<MirrorWriteResult[]> {
    return this.deps.events ? this.deps.events.syncWrite(records) : this.deps.mirror.write(records, 'sync');
  }

  private async record(
    provider: VpnProvider,
    run: SyncRun,
    results: MirrorWriteResult[],
    counts: SyncCounts,
  ): Promise<void> {
    const issues = [];
    for (const r of results) {
      if (r.added) {
        counts.added++;
        issues.push({
          provider: provider.name,
          nativeId: r.record.nativeId,
          username: r.record.username,
          kind: 'ORPHAN_AT_VENDOR' as SyncIssueKind,
          details: { status: r.record.status, expiresAt: r.record.expiresAt },
          resolution: 'ADOPTED',
        });
      } else if (r.changed) {
        counts.changed++;
        issues.push({
          provider: provider.name,
          nativeId: r.record.nativeId,
          username: r.record.username,
          kind: 'CHANGED_AT_VENDOR' as SyncIssueKind,
          details: {
            before: r.before,
            after: {
              status: r.record.status,
              expiresAt: r.record.expiresAt,
              ...(r.before && 'planNativeId' in r.before ? { planNativeId: r.record.planNativeId } : {}),
            },
          },
        });
      }
    }
    if (issues.length) await this.deps.log.report(issues, run.id);
  }
}

/** At most `perMinute` calls in any minute (sliding window); 0 or less: no pacing. */
class CallPacer {
  private readonly stamps: number[] = [];
  constructor(private readonly perMinute: number) {}

  async take(): Promise<void> {
    if (this.perMinute <= 0) return;
    const limit = Math.floor(this.perMinute);
    if (this.stamps.length >= limit) {
      const wait = this.stamps[this.stamps.length - limit]! + 60_000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.stamps.push(Date.now());
    if (this.stamps.length > limit) this.stamps.splice(0, this.stamps.length - limit);
  }
}
