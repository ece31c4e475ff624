import { ProviderError } from '../domain/errors.js';
import type { AccountRecord } from '../domain/records.js';
import type { VpnProvider } from '../providers/port.js';
import type { AccountEvents } from './events.js';
import type { Mirror, MirrorWriteResult } from '../store/mirror.js';
import type { SyncCounts, SyncIssueKind, SyncLog, SyncMode, SyncRun } from '../store/sync-log.js';

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

export interface SyncServiceDeps {
  mirror: Mirror;
  log: SyncLog;
  /** Vendor calls per minute a refresh of a provider without a list call may spend (SYNC_RATE_<PROVIDER>). */
  budgetPerMinute(provider: VpnProvider): number;
  /** Mirrored state younger than this is not refreshed again (MIRROR_MAX_AGE_MS). */
  maxAgeMs: number;
  /** History: when given, mirror writes and their drift/notice events commit together (actor `sync`). */
  events?: AccountEvents;
}

export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  /** Which kind of run a provider gets. */
  modeFor(provider: VpnProvider): SyncMode {
    return provider.features.listAccounts ? 'FULL' : 'REFRESH';
  }

  /** Starts a run, or answers the one already going for that provider (no second run). */
  begin(provider: VpnProvider): Promise<{ run: SyncRun; started: boolean }> {
    return this.deps.log.start(provider.name, this.modeFor(provider));
  }

  /** Does the work of a run that `begin` started, and closes it. */
  async execute(provider: VpnProvider, run: SyncRun): Promise<SyncRun> {
    const counts: SyncCounts = { seen: 0, added: 0, changed: 0, gone: 0, vendorCalls: 0 };
    try {
      if (run.mode === 'FULL') await this.fullSync(provider, run, counts);
      else await this.refresh(provider, run, counts);
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
    const seen = new Set<string>();
    for (let offset = 0; ; offset += SYNC_LIST_PAGE) {
      counts.vendorCalls++;
      const page = await provider.listAccounts({ offset, limit: SYNC_LIST_PAGE, readStatus: true });
      const fresh = page.items.filter((a) => !seen.has(a.nativeId));
      for (const a of fresh) seen.add(a.nativeId);
      counts.seen += fresh.length;
      await this.record(provider, run, await this.mirrorWrite(fresh), counts);
      await this.deps.log.progress(run.id, counts);
      if (page.items.length < SYNC_LIST_PAGE) break;
    }
    const missing = (await this.deps.mirror.nativeIds(provider.name)).filter((id) => !seen.has(id));
    for (let i = 0; i < missing.length; i += CONFIRM_BATCH) {
      const batch = missing.slice(i, i + CONFIRM_BATCH);
      counts.vendorCalls++;
      await this.confirm(provider, run, batch, counts);
    }
  }

  private async refresh(provider: VpnProvider, run: SyncRun, counts: SyncCounts): Promise<void> {
    const budget = Math.max(0, Math.floor(this.deps.budgetPerMinute(provider)));
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
  }

  /** Reads accounts one by one (batched by the port): found → mirrored, not found → gone, failed → left as is. */
  private async confirm(provider: VpnProvider, run: SyncRun, nativeIds: string[], counts: SyncCounts): Promise<void> {
    if (nativeIds.length === 0) return;
    const results = await provider.getAccounts(nativeIds);
    const found: AccountRecord[] = [];
    const gone: string[] = [];
    results.forEach((r, i) => {
      if (r instanceof ProviderError) return;
      if (r === null) gone.push(nativeIds[i]!);
      else found.push(r);
    });
    counts.seen += found.length;
    await this.record(provider, run, await this.mirrorWrite(found), counts);
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
          kind: 'GONE_AT_VENDOR' as SyncIssueKind,
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
          details: { before: r.before, after: { status: r.record.status, expiresAt: r.record.expiresAt } },
        });
      }
    }
    if (issues.length) await this.deps.log.report(issues, run.id);
  }
}
