import DataLoader from 'dataloader';
import { ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import type { BatchResult } from '../../providers/port.js';
import { RECORD_GROUPS, type Confirmations, type MirroredAccount, type MirrorSource } from '../mirror/mirror-rows.js';
import { type Mirror } from '../mirror/mirror.js';
import { confirmedGroups } from '../mirror/mirror-rows.js';
import type { WriteBack } from '../mirror/write-back.js';

/**
 * The mirror side of the per-request loaders: what a live read or a write here learns lands in the mirror in
 * the same step, and answers carry how fresh they are (`syncedAt`, `dataSource`).
 */

/** Where an answer's account state came from. */
export type DataSource = 'MIRROR' | 'LIVE';

export interface Freshness {
  /** When the vendor last confirmed this state (a live read: when it answered). Null: never confirmed. */
  syncedAt: string | null;
  dataSource: DataSource;
  /** Per record field group, when the vendor last confirmed it (the customer link is read from the directory). */
  confirmedAt: Omit<Confirmations, 'customer'>;
}

/** An account as the graph serves it: the record plus, where known, its freshness. */
export type ServedAccount = AccountRecord & Partial<Freshness>;

export interface MirrorLoaders {
  /** The mirrored state of accounts (one SQL read per tick, no vendor call). */
  mirrored: DataLoader<{ provider: ProviderName; nativeId: string }, MirroredAccount | null, string>;
  /**
   * Records what a live read or a write found (one statement per provider). A failure to write is swallowed:
   * the answer stands and the mirror simply stays as old as it was (the next read or sync refreshes it).
   */
  remember(records: readonly AccountRecord[], source: MirrorSource): Promise<void>;
  /** The vendor said "not found" for these: they leave the mirror's lists (errors swallowed like `remember`). */
  forget(provider: ProviderName, nativeIds: readonly string[]): Promise<void>;
  /**
   * Resolved once the write-backs queued so far (by this request or others; store/write-back.ts) are written:
   * a store read that decides whether to call a vendor waits for it, so it never re-reads what a read just
   * before it learned (at most the flush running and the one queued after it; nothing when none is queued).
   */
  settled(): Promise<void>;
}

export function createMirrorLoaders(
  /** The mirror store, built on first use. */
  mirror: () => Mirror,
  cacheKeyFn: (k: { provider: ProviderName; nativeId: string }) => string,
  /** Live reads' write-back, queued off the response path; absent: written before the loader answers. */
  writeBack?: WriteBack,
) {
  const settled = async (): Promise<void> => {
    await writeBack?.current();
  };
  // Built on first read (a request that never reads the mirror builds none); `clear` on an unbuilt one is a no-op.
  let built: MirrorLoaders['mirrored'] | undefined;
  const loader = (): MirrorLoaders['mirrored'] =>
    (built ??= new DataLoader<{ provider: ProviderName; nativeId: string }, MirroredAccount | null, string>(
      async (keys) => (await settled(), mirror().read(keys)),
      { cacheKeyFn },
    ));
  const remember = async (records: readonly AccountRecord[], source: MirrorSource): Promise<void> => {
    const groups = new Map<ProviderName, AccountRecord[]>();
    for (const r of records) {
      // A record whose status this read did not learn (a directory entry) would claim a freshness it lacks.
      if (r.incomplete?.includes('status')) continue;
      groups.set(r.provider, [...(groups.get(r.provider) ?? []), r]);
    }
    if (writeBack && source === 'live') {
      const at = new Date().toISOString();
      for (const [provider, group] of groups)
        void writeBack.accounts(
          provider,
          group.map((record) => ({ nativeId: record.nativeId, record })),
          at,
        );
      for (const r of records) built?.clear({ provider: r.provider, nativeId: r.nativeId });
      return;
    }
    await Promise.all(
      [...groups.values()].map((group) =>
        mirror()
          .confirm(group, source)
          .then(
            () => undefined,
            () => undefined,
          ),
      ),
    );
    for (const r of records) built?.clear({ provider: r.provider, nativeId: r.nativeId });
  };
  const forget = async (provider: ProviderName, nativeIds: readonly string[]): Promise<void> => {
    if (writeBack) {
      const gone = nativeIds.map((nativeId) => ({ nativeId, record: null }));
      void writeBack.accounts(provider, gone, new Date().toISOString());
      for (const nativeId of nativeIds) built?.clear({ provider, nativeId });
      return;
    }
    await mirror()
      .markGone(provider, nativeIds)
      .catch(() => 0);
    for (const nativeId of nativeIds) built?.clear({ provider, nativeId });
  };
  return {
    get mirrored() {
      return loader();
    },
    remember,
    forget,
    settled,
  } satisfies MirrorLoaders;
}

/**
 * Wraps a vendor batch read: found records are stamped LIVE with the time the vendor answered and handed to the
 * mirror (queued for the write-back after the answer, or written before the loader answers without one; records
 * whose status a read did not learn are not written: they would claim a freshness they do not have).
 */
export async function readLive(
  loaders: MirrorLoaders,
  read: () => Promise<BatchResult<AccountRecord>>,
  /** The native ids asked for, when the read is by native id: those the vendor no longer knows are marked gone. */
  asked?: { provider: ProviderName; nativeIds: readonly string[] },
): Promise<BatchResult<ServedAccount>> {
  const slots = await read();
  const at = new Date().toISOString();
  const stamped: BatchResult<ServedAccount> = slots.map((s) =>
    s === null || s instanceof ProviderError
      ? s
      : { ...s, syncedAt: at, dataSource: 'LIVE', confirmedAt: liveGroups(s, at) },
  );
  const found = slots.filter((s): s is AccountRecord => s !== null && !(s instanceof ProviderError));
  const missing = asked ? asked.nativeIds.filter((_, i) => slots[i] === null) : [];
  await Promise.all([
    loaders.remember(found, 'live'),
    asked && missing.length ? loaders.forget(asked.provider, missing) : undefined,
  ]);
  return stamped;
}

/** A live read confirms, at the time it answered, the groups it told in full (the others it left out). */
export function liveGroups(record: AccountRecord, at: string): Omit<Confirmations, 'customer'> {
  const told = confirmedGroups(record);
  return Object.fromEntries(RECORD_GROUPS.map((g) => [g, told.has(g) ? at : null])) as Omit<Confirmations, 'customer'>;
}
