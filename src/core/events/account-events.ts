import { AccountStatus, type AccountRecord } from '../../domain/records.js';
import type { ProviderName } from '../../domain/provider.js';
import { encodeId } from '../../domain/ids.js';
import type { Db } from '../db/db.js';
import { EventStore, type AccountEventKind, type AccountSnapshot, type NewEvent } from './events.store.js';
import { Mirror } from '../mirror/mirror.js';
import { type MirrorWriteResult } from '../mirror/mirror-rows.js';
import type { SyncIssueKind } from '../../domain/sync-log-records.js';

/**
 * What becomes account history: one event per change made through this API (written right after the vendor
 * confirmed it, or in the transaction of the DB write that records it), drift found by syncs (in the
 * transaction of the mirror write), and notices (EXPIRING_SOON at EXPIRY_NOTICE_DAYS, BANDWIDTH_CAPPED), each
 * at most once per account, threshold and expiry date — a unique key in the database decides.
 */

export type Clock = () => Date;

export interface AccountEventsOptions {
  /** Who made the change: API key name / JWT subject, `sync`, `bulk:<id>`, `reconciler`. */
  actor: string;
  /** EXPIRY_NOTICE_DAYS, largest first (default 7, 3, 1). */
  noticeDays?: readonly number[];
  clock?: Clock;
  /** Called after events were written (queues the webhook sender); failures are ignored. */
  onAppended?: () => void;
}

const DAY_MS = 86_400_000;

/** Lifecycle operations (AccountOperation values) and the event each successful one records. */
const KIND_OF: Record<string, AccountEventKind> = {
  CREATE: 'ACCOUNT_CREATED',
  ENABLE: 'STATUS_CHANGED',
  DISABLE: 'STATUS_CHANGED',
  REOPEN: 'STATUS_CHANGED',
  RENEW: 'EXPIRY_CHANGED',
  EXTEND: 'EXPIRY_CHANGED',
  EXPIRE: 'EXPIRY_CHANGED',
  CHANGE_PLAN: 'PLAN_CHANGED',
  CHANGE_PASSWORD: 'PASSWORD_CHANGED',
  CLOSE: 'ACCOUNT_CLOSED',
  DELETE: 'ACCOUNT_DELETED',
};

/** The fields history shows of an account (never a secret). */
export function snapshotOf(record: AccountRecord | null | undefined): AccountSnapshot | null {
  if (!record) return null;
  return {
    username: record.username,
    status: record.status,
    providerStatus: record.providerStatus,
    expiresAt: record.expiresAt,
    planCode: record.planNativeId,
    closedAt: record.closedAt,
  };
}

/** A drift's "before" in the snapshot's own names (the plan as `planCode`, like `snapshotOf`). */
function beforeSnapshot(before: NonNullable<MirrorWriteResult['before']>): AccountSnapshot {
  const { planNativeId, ...rest } = before;
  return planNativeId === undefined ? { ...rest } : { ...rest, planCode: planNativeId };
}

export class AccountEvents {
  readonly store: EventStore;
  readonly actor: string;
  private readonly noticeDays: readonly number[];
  private readonly clock: Clock;
  private readonly onAppended: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    options: AccountEventsOptions,
  ) {
    this.store = new EventStore(db);
    this.actor = options.actor;
    this.noticeDays = [...(options.noticeDays ?? [7, 3, 1])].sort((a, b) => b - a);
    this.clock = options.clock ?? (() => new Date());
    this.onAppended = options.onAppended;
  }

  /** The same recorder acting for someone else (a bulk operation, the sync). */
  as(actor: string): AccountEvents {
    return new AccountEvents(this.db, {
      actor,
      noticeDays: this.noticeDays,
      clock: this.clock,
      ...(this.onAppended ? { onAppended: this.onAppended } : {}),
    });
  }

  /** What the mirror last knew of an account: the `before` of the event a write is about to record. */
  async snapshot(provider: ProviderName, nativeId: string): Promise<AccountSnapshot | null> {
    const [[known], last] = await Promise.all([
      new Mirror(this.db).read([{ provider, nativeId }]),
      this.store.lastState(provider, nativeId),
    ]);
    // The fresher of the mirror's state and the state the last event left.
    const mirrored = known?.syncedAt ? snapshotOf(known.record) : null;
    if (mirrored && (!last || Date.parse(known!.syncedAt!) >= Date.parse(last.at))) return mirrored;
    if (last) return last.state;
    return known ? { username: known.record.username } : null;
  }

  /**
   * A lifecycle write the vendor confirmed: its event, and the notices the new state calls for. `db`: the
   * transaction of the DB write that goes with it, when there is one. Never throws for a bookkeeping failure
   * the caller cannot act on (the vendor write stands); callers log.
   */
  async written(
    operation: string,
    account: { provider: ProviderName; nativeId: string; username?: string | null },
    before: AccountSnapshot | null,
    after: AccountRecord | null,
    db?: Db,
  ): Promise<void> {
    const kind = KIND_OF[operation] ?? 'ACCOUNT_UPDATED';
    const events: NewEvent[] = [
      {
        kind,
        provider: account.provider,
        nativeId: account.nativeId,
        username: after?.username ?? account.username ?? (before?.username as string | undefined) ?? null,
        before: kind === 'PASSWORD_CHANGED' ? null : before,
        after: kind === 'PASSWORD_CHANGED' || kind === 'ACCOUNT_DELETED' ? null : snapshotOf(after),
        data: { operation, accountId: encodeId('Account', account.provider, account.nativeId) },
        actor: this.actor,
      },
    ];
    if (after) events.push(...this.notices([after]));
    await this.store.append(events, db);
    this.appended();
  }

  /** Tells the webhook sender there is work (after the caller's transaction, when there is one: soon enough). */
  appended(): void {
    if (!this.onAppended) return;
    try {
      this.onAppended();
    } catch {
      // a kick is an optimisation: the sender's schedule finds the deliveries anyway
    }
  }

  /** EXPIRING_SOON (the tightest threshold crossed) and BANDWIDTH_CAPPED notices for accounts as they are now. */
  notices(records: readonly AccountRecord[]): NewEvent[] {
    const now = this.clock().getTime();
    const out: NewEvent[] = [];
    for (const r of records) {
      const base = { provider: r.provider, nativeId: r.nativeId, username: r.username, actor: this.actor };
      const accountId = encodeId('Account', r.provider, r.nativeId);
      const expiry = r.expiresAt ? Date.parse(r.expiresAt) : NaN;
      const live = r.status !== AccountStatus.CLOSED && r.status !== AccountStatus.EXPIRED;
      if (live && Number.isFinite(expiry) && expiry > now) {
        const daysLeft = Math.ceil((expiry - now) / DAY_MS);
        const threshold = [...this.noticeDays].reverse().find((d) => daysLeft <= d);
        if (threshold !== undefined) {
          out.push({
            ...base,
            kind: 'EXPIRING_SOON',
            after: snapshotOf(r),
            data: { accountId, thresholdDays: threshold, daysLeft, expiresAt: r.expiresAt },
            dedupeKey: `EXPIRING_SOON:${r.provider}:${r.nativeId}:${r.expiresAt}:${threshold}`,
          });
        }
      }
      if (r.status === AccountStatus.BANDWIDTH_CAPPED) {
        out.push({
          ...base,
          kind: 'BANDWIDTH_CAPPED',
          after: snapshotOf(r),
          data: { accountId, expiresAt: r.expiresAt },
          dedupeKey: `BANDWIDTH_CAPPED:${r.provider}:${r.nativeId}:${r.expiresAt ?? 'none'}`,
        });
      }
    }
    return out;
  }

  /**
   * A sync's mirror write and the history it makes, in one transaction: accounts new to the directory
   * (ORPHAN_AT_VENDOR), status or expiry changed behind our back (CHANGED_AT_VENDOR), and notices.
   */
  async syncWrite(records: readonly AccountRecord[]): Promise<MirrorWriteResult[]> {
    if (records.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const results = await new Mirror(tx).write(records, 'sync');
      const events: NewEvent[] = [];
      for (const r of results) {
        const kind: SyncIssueKind | null = r.added ? 'ORPHAN_AT_VENDOR' : r.changed ? 'CHANGED_AT_VENDOR' : null;
        if (!kind) continue;
        events.push({
          kind,
          provider: r.record.provider,
          nativeId: r.record.nativeId,
          username: r.record.username,
          before: r.before ? beforeSnapshot(r.before) : null,
          after: snapshotOf(r.record),
          data: { accountId: encodeId('Account', r.record.provider, r.record.nativeId) },
          actor: this.actor,
        });
      }
      events.push(...this.notices(results.map((r) => r.record)));
      if ((await this.store.append(events, tx)).length > 0) setImmediate(() => this.appended());
      return results;
    });
  }

  /** Customer links a sync found moved at the vendor: their CHANGED_AT_VENDOR events (the mirror already has them). */
  async linksChanged(
    provider: ProviderName,
    moved: ReadonlyArray<{ nativeId: string; username: string; before: string | null; after: string | null }>,
  ): Promise<void> {
    if (moved.length === 0) return;
    await this.store.append(
      moved.map((m) => ({
        kind: 'CHANGED_AT_VENDOR' as const,
        provider,
        nativeId: m.nativeId,
        username: m.username,
        before: { customerId: m.before },
        after: { customerId: m.after },
        data: { accountId: encodeId('Account', provider, m.nativeId) },
        actor: this.actor,
      })),
    );
    setImmediate(() => this.appended());
  }

  /** Accounts a sync found gone at the vendor: marked in the mirror, with their GONE_AT_VENDOR events. */
  async syncGone(
    provider: ProviderName,
    gone: ReadonlyArray<{ nativeId: string; username: string; lastKnown: AccountSnapshot | null }>,
  ): Promise<number> {
    if (gone.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      const marked = await new Mirror(tx).markGone(
        provider,
        gone.map((g) => g.nativeId),
      );
      await this.store.append(
        gone.map((g) => ({
          kind: 'GONE_AT_VENDOR' as const,
          provider,
          nativeId: g.nativeId,
          username: g.username,
          before: g.lastKnown,
          after: null,
          data: { accountId: encodeId('Account', provider, g.nativeId) },
          actor: this.actor,
        })),
        tx,
      );
      setImmediate(() => this.appended());
      return marked;
    });
  }
}
