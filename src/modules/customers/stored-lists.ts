import { ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { CustomerRecord, ProjectRecord } from '../../domain/records.js';
import type { Stamp } from '../../core/loaders/loaders.js';
import { asProviderError, type Page, type PageQuery } from '../../providers/port.js';
import type { ReadModel, Stored } from '../../core/mirror/read-model.js';
import type { FailureView } from '../accounts/index.js';
import type { ServiceKernel } from '../../core/kernel.js';

/**
 * The `customers(provider:)`, `projects` and `Project.customers` lists from the store (issue #26), with the
 * accounts' freshness rules: a provider's list is served from the store (MIRROR, each row's own `syncedAt`) when
 * its whole list was last read — by a sync's links step, or a request that read it whole — within the allowed
 * age; otherwise (`maxAge: 0`, never listed, listed too long ago) the page is read live (LIVE) and written back
 * (a page that is the whole list also records the listing). A vendor that fails is one `failures` entry (and an
 * error at the list's path): its rows are then answered from the store as old as they are, or not at all when
 * the store never held its whole list.
 */

export type Stamped<T> = T & Stamp;

/** How one provider's list is read, from the store or live. */
export interface ListSource<T extends { nativeId: string }> {
  provider: ProviderName;
  /** Which stored list this is (the listing time is kept per provider and kind). */
  kind: 'customers' | 'projects';
  stored(
    model: ReadModel,
    q: { offset: number; limit: number },
  ): Promise<{ items: Array<Stored<T>>; totalCount: number }>;
  live(q: PageQuery): Promise<Page<T>>;
  /** True when a live page from offset 0 holding every item is the provider's whole list (no filter). */
  whole: boolean;
}

/** Failures of one list answer, per provider (the connection's `failures`). */
export class ListFailures {
  private readonly byProvider = new Map<ProviderName, ProviderError>();

  constructor(
    private readonly k: ServiceKernel,
    private readonly path: ReadonlyArray<string | number>,
  ) {}

  add(provider: ProviderName, error: unknown): void {
    if (this.byProvider.has(provider)) return;
    const e = error instanceof ProviderError ? error : asProviderError(provider, 'list', error);
    this.byProvider.set(provider, e);
    this.k.reportPartial(e, this.path, provider);
  }

  get views(): FailureView[] {
    return [...this.byProvider.values()].map((e) => ({
      provider: e.provider,
      code: e.code,
      message: e.message,
      retryable: e.retryable,
    }));
  }
}

/**
 * One provider's list as an offset-paged source: the decision (store or live) is taken once per request, so the
 * pages of one answer come from one place. `maxAgeMs` is the allowed age (0: live).
 */
export function storedOrLiveList<T extends CustomerRecord | ProjectRecord>(
  model: ReadModel,
  source: ListSource<T>,
  maxAgeMs: number,
  failures: ListFailures,
): (q: PageQuery) => Promise<Page<Stamped<T>>> {
  let listedAt: Promise<string | null> | undefined;
  let failed = false;
  const fromStore = async (q: PageQuery): Promise<Page<Stamped<T>>> => {
    const { items, totalCount } = await source.stored(model, q);
    return {
      items: items.flatMap((s) =>
        s.value ? [{ ...s.value, syncedAt: s.syncedAt, dataSource: 'MIRROR' as const }] : [],
      ),
      totalCount,
    };
  };
  return async (q) => {
    listedAt ??= model.listedAt(source.kind, source.provider).catch(() => null);
    const listed = await listedAt;
    if (maxAgeMs > 0 && listed !== null && Date.now() - Date.parse(listed) <= maxAgeMs) return fromStore(q);
    if (!failed) {
      const started = new Date().toISOString();
      try {
        const page = await source.live(q);
        const at = new Date().toISOString();
        await writeBack(model, source, q, page, started, at);
        return {
          items: page.items.map((i) => ({ ...i, syncedAt: at, dataSource: 'LIVE' as const })),
          totalCount: page.totalCount,
        };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        failed = true;
        failures.add(source.provider, error);
      }
    }
    // The vendor failed: what the store holds of its whole list, as old as it is; nothing when it never held it.
    return listed !== null ? fromStore(q) : { items: [], totalCount: 0 };
  };
}

/** A live page is kept in the store; the whole list (offset 0, every item) replaces the stored one. */
async function writeBack<T extends CustomerRecord | ProjectRecord>(
  model: ReadModel,
  source: ListSource<T>,
  q: PageQuery,
  page: Page<T>,
  started: string,
  at: string,
): Promise<void> {
  try {
    if (source.whole && q.offset === 0 && page.totalCount !== null && page.items.length >= page.totalCount) {
      // Confirmed as of when the listing started: never later than the vendor's answer.
      await model.replaceAll(source.kind, source.provider, page.items, started);
    } else if (source.kind === 'customers') {
      await model.putCustomers(source.provider, page.items as CustomerRecord[], at);
    } else {
      await model.putProjects(source.provider, page.items as ProjectRecord[], at);
    }
  } catch {
    // A write-back that fails leaves the store as old as it was (the next read or sync refreshes it).
  }
}
