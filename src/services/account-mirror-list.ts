import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type { ServedAccount } from '../loaders/index.js';
import { asProviderError } from '../providers/port.js';
import {
  CursorError,
  type Mirror,
  type MirroredAccount,
  type MirrorFilter,
  type MirrorOrderField,
  type MirrorPage,
  type SortDirection,
} from '../store/mirror.js';
import type { AccountListResult, FailureView } from './account-list.js';
import type { ServiceKernel } from './kernel.js';
import type { Direction } from './pagination.js';

/**
 * The accounts connection served by the mirror: one keyset page in SQL over every provider, exact counts, and
 * no vendor call for rows whose mirrored state is younger than the allowed age. Rows older than that are read
 * live (one batch per provider through the account loader, which writes them back), and the page is read
 * again so that order and filter hold for what the vendors just said; rows the vendor no longer knows leave.
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

  async page(dir: Direction, filter: MirrorFilter, order: MirrorOrder, maxAgeMs: number): Promise<AccountListResult> {
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
    for (let round = 0; ; round++) {
      try {
        page = await this.mirror.page(query);
      } catch (error) {
        if (error instanceof CursorError) throw new InputError(cursorField, `\`${cursorField}\`: ${error.message}`);
        throw error;
      }
      const stale = page.rows.filter((r) => this.isStale(r, maxAgeMs) && !this.unreadable.has(keyOf(r)));
      if (stale.length === 0 || round === REFRESH_ROUNDS) break;
      fresh = new Map([...fresh, ...(await this.refresh(stale))]);
    }
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

  private isStale(row: MirroredAccount, maxAgeMs: number): boolean {
    return row.syncedAt === null || Date.now() - Date.parse(row.syncedAt) > maxAgeMs;
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
