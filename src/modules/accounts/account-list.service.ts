import { GraphQLError } from 'graphql';
import { ErrorCode, ProviderError, InputError } from '../../domain/errors.js';
import { PROVIDER_ORDER, type ProviderName } from '../../providers/modules.js';
import type { AccountRecord } from '../../domain/records.js';
import { asProviderError, type AccountFilter, type PageMemo, type VpnProvider } from '../../providers/port.js';
import type { Connection, Direction } from '../../core/pagination.js';
import { toGraphQLError } from '../../core/error-mapping.js';

/**
 * One Relay connection over every provider's accounts. Order: by position within each provider's own
 * list, then by provider (PUREWL, VPNRESELLERS, WLVPN, PUREVPN) — the providers are interleaved (1st of
 * each, 2nd of each, …), so every page spans all of them. A cursor names a position (provider, offset), so
 * pages stay stable while accounts are appended. Each page asks every provider for about its share (one
 * call per provider per round; a second round only when a provider runs dry), plus one count per
 * provider when paging backwards from the end (counts never need a status read). A failing provider is
 * skipped and reported.
 */

export interface Position {
  provider: ProviderName;
  offset: number;
}

export function encodeCursor(pos: Position): string {
  return Buffer.from(`a:${pos.provider}:${pos.offset}`).toString('base64url');
}

export function decodeCursor(cursor: string, field: string): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^a:([A-Z]+):(\d{1,9})$/.exec(text);
  if (!m || !PROVIDER_ORDER.includes(m[1] as ProviderName)) {
    throw new InputError(field, `\`${field}\` is not a cursor of the accounts connection.`);
  }
  return { provider: m[1] as ProviderName, offset: Number(m[2]) };
}

const rank = (p: ProviderName): number => PROVIDER_ORDER.indexOf(p);

/** Total order of positions: offset first, then provider. */
function compare(a: Position, b: Position): number {
  return a.offset - b.offset || rank(a.provider) - rank(b.provider);
}

export interface ProviderFailureInfo {
  provider: ProviderName;
  error: ProviderError;
}

export interface FailureView {
  provider: ProviderName;
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

export interface AccountListResult extends Connection<AccountRecord> {
  failures: FailureView[];
}

/**
 * Page size of a count scan (a vendor whose list tells no total): the largest page a vendor list serves (WLVPN's
 * paged call, 1,000). Pages of 100 re-read the same 1,000-row vendor page ten times, one after another.
 */
const COUNT_SCAN_PAGE = 1000;

/**
 * Rounds of one fetch per unfinished lane (`step`), each asking for the lane's share of what is still
 * missing, until `certain()` items are known to hold `need` or every lane is done.
 */
async function fillLanes<L extends { done: boolean }>(
  lanes: L[],
  need: number,
  step: (lane: L, share: number) => Promise<void>,
  certain: () => number,
): Promise<void> {
  let share = Math.ceil(need / Math.max(1, lanes.length));
  for (;;) {
    const active = lanes.filter((l) => !l.done);
    if (active.length === 0) return;
    await Promise.all(active.map((lane) => step(lane, share)));
    const complete = certain();
    if (complete >= need || lanes.every((l) => l.done)) return;
    share = Math.ceil((need - complete) / Math.max(1, lanes.filter((l) => !l.done).length));
  }
}

/** What the caller will ask of a page, so that the reads it needs start as early as they can. */
export interface ListOptions {
  /** `totalCount` is selected: the counts start with the page, beside the lists, not after it. */
  countTotal?: boolean;
  /**
   * Called, as soon as a provider's list answers, with the rows of it that are certain to be on the page (first
   * page forward): the caller may start the reads those rows will need (completions) before the other providers
   * answer. Never called for rows that may still fall off the page, so no read is started that the page would
   * not have made.
   */
  onCertainRows?: (records: readonly AccountRecord[]) => void;
}

export class CrossProviderAccountList {
  private readonly counts = new Map<ProviderName, Promise<number>>();
  /** The offset-0 list call of each provider this page made (its answer may carry the provider's total). */
  private readonly firstPages = new Map<ProviderName, Promise<unknown>>();
  /** Totals those offset-0 calls told. */
  private readonly told = new Map<ProviderName, number>();
  /** Vendor pages read for this list: the merge's windows and the count scan share them (one call per page). */
  private readonly pages: PageMemo = new Map();
  readonly failures: ProviderFailureInfo[] = [];

  constructor(
    private readonly providers: VpnProvider[],
    private readonly filter: AccountFilter,
    private readonly onRecords: (records: AccountRecord[]) => void | Promise<void>,
    private readonly path: ReadonlyArray<string | number>,
    private readonly partialErrors: GraphQLError[],
    /** false when the selection needs no vendor-only field (see `PageQuery.readStatus`). */
    private readonly readStatus = true,
    private readonly options: ListOptions = {},
  ) {}

  async page(dir: Direction): Promise<AccountListResult> {
    const listing = dir.forward ? this.forward(dir.size, dir.after) : this.backward(dir.size, dir.before);
    let totalPromise: Promise<number | null> | undefined;
    // Counting beside the lists: a vendor without totals (WLVPN) needs a scan, which would otherwise start only
    // once every list had answered. Forward only: backward paging counts first anyway.
    if (this.options.countTotal && dir.forward) totalPromise = this.total();
    const result = await listing;
    // Rows the vendors just listed are live as of now; directory rows (status not read) carry no freshness.
    const at = new Date().toISOString();
    const edges = result.items.map(({ record, pos }) => ({
      cursor: encodeCursor(pos),
      node: record.incomplete?.includes('status') ? record : { ...record, syncedAt: at, dataSource: 'LIVE' as const },
    }));
    await this.onRecords(result.items.map((i) => i.record));
    const countTotal = () => this.total();
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: result.hasNext,
        hasPreviousPage: result.hasPrevious,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      // Counted only when the field is selected.
      get totalCount(): Promise<number | null> {
        totalPromise ??= countTotal();
        return totalPromise;
      },
      failures: this.failures.map((f) => ({
        provider: f.provider,
        code: f.error.code,
        message: f.error.message,
        retryable: f.error.retryable,
      })),
    };
  }

  private async forward(size: number, after: string | null) {
    const cursor = after ? decodeCursor(after, 'after') : null;
    const lanes = this.providers.map((provider) => {
      const start = cursor ? cursor.offset + (rank(provider.name) > rank(cursor.provider) ? 0 : 1) : 0;
      return { provider, next: start, items: [] as AccountRecord[], start, done: false };
    });
    // Items below `level` are certain: no unfinished lane can still place one before them.
    const level = () => Math.min(...lanes.filter((l) => !l.done).map((l) => l.next), Number.POSITIVE_INFINITY);
    await fillLanes(
      lanes,
      size + 1,
      async (lane, share) => {
        const page = await this.fetch(lane.provider, lane.next, share);
        if (!page) {
          lane.done = true;
          lane.items = [];
          return;
        }
        if (this.options.onCertainRows && !cursor && lane.items.length === 0) {
          // Row i of this lane has at most lanes × i rows before it (i from each lane) plus one per lane ranked
          // before it at the same position: below `size`, it is on the page whatever the others answer.
          const before = lanes.filter((l) => rank(l.provider.name) < rank(lane.provider.name)).length;
          const certain = page.filter((_, i) => lanes.length * i + before < size);
          if (certain.length > 0) this.options.onCertainRows(certain);
        }
        lane.items.push(...page);
        lane.next += page.length;
        if (page.length < share) lane.done = true;
      },
      () => {
        const below = level();
        return lanes.reduce((n, l) => n + l.items.filter((_, i) => l.start + i < below).length, 0);
      },
    );
    const certainBelow = level();
    const merged = lanes
      .flatMap((l) => l.items.map((record, i) => ({ record, pos: { provider: l.provider.name, offset: l.start + i } })))
      .filter((x) => x.pos.offset < certainBelow)
      .sort((a, b) => compare(a.pos, b.pos));
    return { items: merged.slice(0, size), hasNext: merged.length > size, hasPrevious: cursor !== null };
  }

  private async backward(size: number, before: string | null) {
    const cursor = before ? decodeCursor(before, 'before') : null;
    const lanes = await Promise.all(
      this.providers.map(async (provider) => {
        const end = cursor
          ? cursor.offset + (rank(provider.name) < rank(cursor.provider) ? 1 : 0)
          : ((await this.count(provider)) ?? 0);
        return { provider, low: end, items: [] as AccountRecord[], done: end === 0 };
      }),
    );
    // Items at or above `floor` are certain: no unfinished lane can still place one after them.
    const floor = () => Math.max(...lanes.filter((l) => !l.done).map((l) => l.low), 0);
    await fillLanes(
      lanes,
      size + 1,
      async (lane, share) => {
        const from = Math.max(0, lane.low - share);
        const page = await this.fetch(lane.provider, from, lane.low - from);
        if (!page) {
          lane.done = true;
          lane.items = [];
          return;
        }
        lane.items = [...page, ...lane.items];
        lane.low = from;
        if (from === 0) lane.done = true;
      },
      () => {
        const from = floor();
        return lanes.reduce((n, l) => n + l.items.filter((_, i) => l.low + i >= from).length, 0);
      },
    );
    const certainFrom = floor();
    const merged = lanes
      .flatMap((l) => l.items.map((record, i) => ({ record, pos: { provider: l.provider.name, offset: l.low + i } })))
      .filter((x) => x.pos.offset >= certainFrom)
      .sort((a, b) => compare(a.pos, b.pos));
    return {
      items: merged.slice(Math.max(0, merged.length - size)),
      hasNext: cursor !== null,
      hasPrevious: merged.length > size,
    };
  }

  private async fetch(provider: VpnProvider, offset: number, limit: number): Promise<AccountRecord[] | null> {
    try {
      const listed = provider.listAccounts({
        offset,
        limit,
        filter: this.filter,
        readStatus: this.readStatus,
        pages: this.pages,
      });
      if (offset === 0 && !this.firstPages.has(provider.name)) this.firstPages.set(provider.name, listed);
      const page = await listed;
      if (offset === 0 && page.totalCount !== null) this.told.set(provider.name, page.totalCount);
      if (offset === 0 && page.totalCount !== null && !this.counts.has(provider.name)) {
        this.counts.set(provider.name, Promise.resolve(page.totalCount));
      }
      return page.items.slice(0, limit);
    } catch (error) {
      this.fail(provider.name, error);
      return null;
    }
  }

  /** Number of accounts a provider lists under the filter (one call when the vendor tells totals). */
  private async count(provider: VpnProvider): Promise<number | null> {
    let pending = this.counts.get(provider.name);
    if (!pending) {
      pending = (async () => {
        const listed = this.firstPages.get(provider.name);
        if (listed) {
          // This page's own offset-0 call tells the total when the vendor tells one (no probe of our own).
          await listed;
          const told = this.told.get(provider.name);
          if (told !== undefined) return told;
        } else {
          const first = await provider.listAccounts({
            offset: 0,
            limit: 1,
            filter: this.filter,
            readStatus: false,
            pages: this.pages,
          });
          if (first.totalCount !== null) return first.totalCount;
        }
        let total = 0;
        for (;;) {
          const page = await provider.listAccounts({
            offset: total,
            limit: COUNT_SCAN_PAGE,
            filter: this.filter,
            readStatus: false,
            pages: this.pages,
          });
          total += page.items.length;
          if (page.items.length < COUNT_SCAN_PAGE) return total;
        }
      })();
      this.counts.set(provider.name, pending);
    }
    try {
      return await pending;
    } catch (error) {
      this.fail(provider.name, error);
      return null;
    }
  }

  private async total(): Promise<number | null> {
    const counts = await Promise.all(this.providers.map((p) => this.count(p)));
    return counts.some((c) => c === null) ? null : counts.reduce<number>((a, c) => a + (c ?? 0), 0);
  }

  private fail(provider: ProviderName, error: unknown): void {
    if (this.failures.some((f) => f.provider === provider)) return;
    const providerError = asProviderError(provider, 'listAccounts', error);
    this.failures.push({ provider, error: providerError });
    this.partialErrors.push(toGraphQLError(providerError, this.path));
  }
}
