import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { ServedAccount } from '../../core/loaders/mirror-loaders.js';
import { PROVIDER_ORDER } from '../../providers/modules.js';
import { asProviderError, type VpnProvider } from '../../providers/port.js';
import {
  CursorError,
  type MirrorFilter,
  type MirrorOrderField,
  type MirrorPage,
  type SortDirection,
} from '../../core/mirror/mirror-query.js';
import { type ProviderCoverage, type Mirror } from '../../core/mirror/mirror.js';
import { type MirroredAccount } from '../../core/mirror/mirror-rows.js';
import type { AccountListResult, FailureView } from './account-list.service.js';
import { oldestOf, type RecordGroup } from '../../core/mirror/field-groups.js';
import { RECORD_GROUPS } from '../../core/mirror/mirror-rows.js';
import type { ServiceKernel } from '../../core/kernel.js';
import type { Direction } from '../../core/pagination.js';

/** Accounts asked for per list call when a request reads a vendor's whole list (WLVPN's paged maximum). */
const LIST_PAGE = 1000;

/**
 * The ONE accounts list engine over the mirror, for operators and scoped callers alike (a scope is one more SQL
 * predicate): one keyset page in SQL over every provider, exact counts, and no vendor call for rows whose
 * mirrored state is younger than the allowed age. Rows older than that are read live (one batch per provider
 * through the account loader, which writes them back), and the page is read again so that order and filter
 * hold for what the vendors just said; rows the vendor no longer knows leave.
 *
 * Before the page, each provider in scope is made to hold its whole account set for this answer (`cover`):
 * - a vendor with a list call whose mirror is not complete, whose last full listing is older than `maxAge`, or
 *   with `maxAge: 0`: its list is read whole now (within the request's vendor-call budget) and written back;
 * - a vendor without one (the directory is its set): directory rows no read has confirmed yet — every row in
 *   scope with `maxAge: 0` — are read now, when the budget allows all of them.
 * A provider that cannot be covered (vendor failure, budget too small) is answered as known, with a
 * MIRROR_INCOMPLETE error at the list's path and a `failures` entry; the answer is then not cached.
 */

export interface MirrorOrder {
  field: MirrorOrderField;
  direction: SortDirection;
}

export const DEFAULT_MIRROR_ORDER: MirrorOrder = { field: 'USERNAME', direction: 'ASC' };

/** Rounds of "refresh the stale rows of the page, read the page again" before answering what is known. */
const REFRESH_ROUNDS = 3;

export class MirrorAccountList {
  private readonly failures = new Map<ProviderName, ProviderError>();
  /** Accounts whose live read failed this request: answered from the mirror, not asked again. */
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly k: ServiceKernel,
    private readonly mirror: Mirror,
    private readonly path: ReadonlyArray<string | number>,
  ) {}

  async page(
    dir: Direction,
    filter: MirrorFilter,
    order: MirrorOrder,
    maxAgeMs: number,
    options: {
      scoped?: boolean;
      groups?: readonly RecordGroup[];
      /** Coverage this request just read to choose this path (not read again). */
      coverage?: ReadonlyMap<ProviderName, ProviderCoverage>;
    } = {},
  ): Promise<AccountListResult> {
    const groups = options.groups ?? RECORD_GROUPS;
    await this.k.loaders.settled(); // coverage and freshness are read from the store: earlier reads land first
    await this.cover(filter, maxAgeMs, options.scoped ?? false, options.coverage);
    const cursorField = dir.forward ? 'after' : 'before';
    const query = {
      filter,
      orderBy: order,
      first: dir.size,
      cursor: dir.forward ? dir.after : dir.before,
      backward: !dir.forward,
    };
    let page: MirrorPage;
    let fresh = new Map<string, ServedAccount>();
    const refreshed: MirroredAccount[] = [];
    for (let round = 0; ; round++) {
      // The page is read from the store: what this request's live reads queued there is written first.
      await this.k.loaders.settled();
      try {
        page = await this.mirror.page(query);
      } catch (error) {
        if (error instanceof CursorError) throw new InputError(cursorField, `\`${cursorField}\`: ${error.message}`);
        throw error;
      }
      const stale = page.rows.filter((r) => this.isStale(r, maxAgeMs, groups) && !this.unreadable.has(keyOf(r)));
      if (stale.length === 0 || round === REFRESH_ROUNDS) break;
      fresh = new Map([...fresh, ...(await this.refresh(stale))]);
      refreshed.push(...stale);
    }
    if (query.cursor) await this.movedBehind(refreshed, page, query);
    // The page's rows hold their state and directory links: resolvers asking for them read no more SQL.
    this.k.loaders.primeMirrored(page.rows);
    const nodes = page.rows.map((row) => fresh.get(keyOf(row)) ?? served(row));
    const edges = nodes.map((node, i) => ({ cursor: page.cursors[i] as string, node }));
    let total: Promise<number | null> | undefined;
    const mirror = this.mirror;
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: dir.forward ? page.hasMore : Boolean(dir.before),
        hasPreviousPage: dir.forward ? Boolean(dir.after) : page.hasMore,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      // Counted only when the field is selected.
      get totalCount(): Promise<number | null> {
        total ??= mirror.count(filter);
        return total;
      },
      failures: [...this.failures].map(([provider, e]): FailureView => ({
        provider,
        code: e.code,
        message: e.message,
        retryable: e.retryable,
      })),
    };
  }

  /**
   * Rows this page read live whose sort key moved behind the cursor (into pages the client already has): they
   * would be skipped silently. Each such provider is reported MIRROR_INCOMPLETE (the answer is then not cached),
   * so a client paging while the mirror warms up knows to read the list again.
   */
  private async movedBehind(
    refreshed: readonly MirroredAccount[],
    page: MirrorPage,
    query: { filter: MirrorFilter; orderBy: MirrorOrder; cursor?: string | null; backward: boolean },
  ): Promise<void> {
    const onPage = new Set(page.rows.map(keyOf));
    const left = refreshed.filter((r) => !onPage.has(keyOf(r)));
    if (left.length === 0) return;
    const behind = await this.mirror.page({
      filter: {
        ...query.filter,
        keys: left.map((r) => ({ provider: r.record.provider, nativeId: r.record.nativeId })),
      },
      orderBy: query.orderBy,
      first: left.length,
      cursor: query.cursor ?? null,
      // Behind a forward page's cursor is before it; behind a backward page's, after it.
      backward: !query.backward,
    });
    const counts = new Map<ProviderName, number>();
    for (const r of behind.rows) counts.set(r.record.provider, (counts.get(r.record.provider) ?? 0) + 1);
    for (const [provider, n] of counts) {
      this.incomplete(
        provider,
        new ProviderError({
          provider,
          operation: 'getAccounts',
          code: ErrorCode.MIRROR_INCOMPLETE,
          message:
            `${n} ${provider} account(s) read live for this page changed their sort key and moved before the cursor, ` +
            'into pages already answered; read the list again from the start to see them',
          retryable: true,
        }),
      );
    }
  }

  /** Makes every provider in scope hold its whole account set for this answer, or reports it (see the class). */
  private async cover(
    filter: MirrorFilter,
    maxAgeMs: number,
    scoped: boolean,
    known?: ReadonlyMap<ProviderName, ProviderCoverage>,
  ): Promise<void> {
    const names = filter.providers?.length ? filter.providers : PROVIDER_ORDER;
    const coverage = known && names.every((n) => known.has(n)) ? known : await this.mirror.coverage(names);
    // One provider at a time: the budget check of a directory re-read sees what the listings before it spent.
    for (const name of names) {
      const provider = this.k.provider(name);
      const held = coverage.get(name) as ProviderCoverage;
      try {
        // A scope's membership is the directory's links, complete by construction: only its state is read.
        if (provider.features.listAccounts && !scoped) {
          if (!listedWithin(held, maxAgeMs)) await this.relist(provider);
        } else {
          await this.reread(provider, filter, maxAgeMs === 0, scoped || held.unconfirmed > 0);
        }
      } catch (error) {
        this.incomplete(name, error);
      }
    }
  }

  /** Reads the vendor's whole list, writes it back, and confirms the mirrored rows it no longer shows. */
  private async relist(provider: VpnProvider): Promise<void> {
    const seen = new Set<string>();
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await provider.listAccounts({ offset, limit: LIST_PAGE, readStatus: true });
      const fresh = page.items.filter((a) => !seen.has(a.nativeId));
      for (const a of fresh) seen.add(a.nativeId);
      const at = new Date().toISOString();
      this.k.loaders.primeAccounts(fresh.map((a): ServedAccount => ({ ...a, syncedAt: at, dataSource: 'LIVE' })));
      await this.k.loaders.remember(fresh, 'live');
      if (page.items.length < LIST_PAGE) break;
    }
    const missing = (await this.mirror.nativeIds(provider.name)).filter((id) => !seen.has(id));
    if (missing.length > this.k.registry.remainingUpstreamCalls()) {
      throw new ProviderError({
        provider: provider.name,
        operation: 'getAccounts',
        code: ErrorCode.MIRROR_INCOMPLETE,
        message:
          `${provider.name}'s list no longer shows ${missing.length} mirrored accounts, more than this request can ` +
          'confirm one by one within its vendor-call budget (MAX_UPSTREAM_CALLS); the next sync confirms them',
        retryable: false,
      });
    }
    if (missing.length > 0) {
      // Not in the list: gone (the loader marks it) or created since the list was read (still there).
      const answers = await this.k.loaders.account.loadMany(
        missing.map((nativeId) => ({ provider: provider.name, nativeId })),
      );
      const failed = answers.find((a): a is Error => a instanceof Error);
      if (failed) throw failed;
    }
    await this.k.loaders.settled();
    await this.mirror.markListed(provider.name);
  }

  /**
   * Reads directory rows live: those no read has confirmed (`unconfirmedOnly`), or every row in scope. Only rows
   * the request's membership conditions (provider, username, links, scope) keep are read; all of them or none
   * (too many for the request's vendor-call budget: MIRROR_INCOMPLETE).
   */
  private async reread(
    provider: VpnProvider,
    filter: MirrorFilter,
    all: boolean,
    maybeUnconfirmed: boolean,
  ): Promise<void> {
    if (!all && !maybeUnconfirmed) return;
    const where: MirrorFilter = {
      ...membership(filter),
      providers: [provider.name],
      ...(all ? {} : { unconfirmed: true }),
    };
    const count = await this.mirror.count(where);
    if (count === 0) {
      if (!filter.owner) await this.mirror.markConfirmed(provider.name);
      return;
    }
    const budget = this.k.registry.remainingUpstreamCalls();
    if (count > budget) {
      throw new ProviderError({
        provider: provider.name,
        operation: 'getAccounts',
        code: ErrorCode.MIRROR_INCOMPLETE,
        message:
          `${provider.name} cannot list its accounts: ${count} of them must be read one by one for this answer, ` +
          `more than the ${budget} vendor calls left to this request (MAX_UPSTREAM_CALLS); ask with a larger ` +
          '`maxAge`, narrow the filter, or wait for the sync',
        retryable: false,
      });
    }
    const ids = await this.mirror.keys(where, count);
    const answers = await this.k.loaders.account.loadMany(
      ids.map((nativeId) => ({ provider: provider.name, nativeId })),
    );
    const failed = answers.find((a): a is Error => a instanceof Error);
    if (failed) throw failed;
    await this.k.loaders.settled(); // markConfirmed reads the rows those reads wrote back
    if (!filter.owner) await this.mirror.markConfirmed(provider.name);
  }

  /** A provider this answer could not cover: MIRROR_INCOMPLETE at the list's path, and a `failures` entry. */
  private incomplete(provider: ProviderName, error: unknown): void {
    if (this.failures.has(provider)) return;
    const cause = error instanceof ProviderError ? error : asProviderError(provider, 'listAccounts', error);
    const e =
      cause.code === ErrorCode.MIRROR_INCOMPLETE
        ? cause
        : new ProviderError({
            provider,
            operation: cause.operation,
            code: ErrorCode.MIRROR_INCOMPLETE,
            message: `The mirror may not hold every ${provider} account for this answer (${cause.code}: ${cause.message})`,
            retryable: cause.retryable,
          });
    this.failures.set(provider, e);
    this.k.reportPartial(e, this.path, provider);
  }

  /** A row is stale when a group the answer shows was confirmed longer than `maxAgeMs` ago, or never. */
  private isStale(row: MirroredAccount, maxAgeMs: number, groups: readonly RecordGroup[]): boolean {
    const at = groups === RECORD_GROUPS ? row.syncedAt : oldestOf(row.confirmedAt, groups);
    return at === null || Date.now() - Date.parse(at) > maxAgeMs;
  }

  /** Reads the stale rows live (one batch per provider); the loader writes them back or marks them gone. */
  private async refresh(rows: MirroredAccount[]): Promise<Map<string, ServedAccount>> {
    const keys = rows.map((r) => ({ provider: r.record.provider, nativeId: r.record.nativeId }));
    const answers = await this.k.loaders.account.loadMany(keys);
    const out = new Map<string, ServedAccount>();
    answers.forEach((answer, i) => {
      const row = rows[i] as MirroredAccount;
      if (answer instanceof Error) {
        this.unreadable.add(keyOf(row));
        this.fail(row.record.provider, answer);
      } else if (answer) out.set(keyOf(row), answer);
    });
    return out;
  }

  private fail(provider: ProviderName, error: Error): void {
    if (this.failures.has(provider)) return;
    const e = error instanceof ProviderError ? error : asProviderError(provider, 'getAccounts', error);
    this.failures.set(provider, e);
    this.k.reportPartial(e, this.path, provider);
  }
}

/** A listing vendor's mirror is complete and its membership was read whole within `maxAgeMs` (0: never enough). */
function listedWithin(c: ProviderCoverage, maxAgeMs: number): boolean {
  return (
    maxAgeMs > 0 && c.completeAt !== null && c.listedAt !== null && Date.now() - Date.parse(c.listedAt) <= maxAgeMs
  );
}

/** The conditions of a filter that do not depend on an account's state (which rows belong, not how they are). */
function membership(filter: MirrorFilter): MirrorFilter {
  const { providers, usernamePrefix, search, customerIds, owner } = filter;
  return {
    ...(providers ? { providers } : {}),
    ...(usernamePrefix ? { usernamePrefix } : {}),
    ...(search ? { search } : {}),
    ...(customerIds ? { customerIds } : {}),
    ...(owner ? { owner } : {}),
  };
}

function keyOf(row: MirroredAccount): string {
  return `${row.record.provider}:${row.record.nativeId}`;
}

/** A mirrored row as the graph serves it: its state as of `syncedAt`. */
export function served(row: MirroredAccount): ServedAccount {
  const { customer: _link, ...confirmedAt } = row.confirmedAt;
  return { ...row.record, syncedAt: row.syncedAt, dataSource: 'MIRROR', confirmedAt };
}

/** Validation of the mirror-only filter fields (what SQL can answer and the vendors cannot). */
export function checkSearch(search: string | null | undefined): string | undefined {
  if (search === null || search === undefined || search === '') return undefined;
  if (search.length > 60) throw new InputError('search', '`search` is at most 60 characters.', ErrorCode.VALIDATION);
  return search;
}
