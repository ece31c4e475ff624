import { GraphQLError } from 'graphql';
import { ErrorCode, ProviderError, InputError } from '../domain/errors.js';
import { PROVIDER_ORDER, type ProviderName } from '../domain/provider.js';
import type { AccountRecord } from '../domain/records.js';
import type { AccountFilter, VpnProvider } from '../providers/port.js';
import type { Connection, Direction } from './pagination.js';
import { toGraphQLError } from '../graphql/common/errors.js';

/**
 * One Relay connection over every provider's accounts. Order: providers in PROVIDER_ORDER, then each
 * provider's own list order. A cursor names a position (provider, offset within that provider), so pages
 * stay stable while new accounts are appended. Each provider is asked at most once per page for items,
 * plus once for its count when paging backwards from the end; a failing provider is skipped and reported.
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

export interface ProviderFailureInfo {
  provider: ProviderName;
  error: ProviderError;
}

export interface AccountListResult extends Connection<AccountRecord> {
  failures: ProviderFailureInfo[];
}

const COUNT_SCAN_PAGE = 100;

export class CrossProviderAccountList {
  private readonly counts = new Map<ProviderName, Promise<number>>();
  readonly failures: ProviderFailureInfo[] = [];

  constructor(
    private readonly providers: VpnProvider[],
    private readonly filter: AccountFilter,
    private readonly onRecords: (records: AccountRecord[]) => void,
    private readonly path: ReadonlyArray<string | number>,
    private readonly partialErrors: GraphQLError[],
  ) {}

  async page(dir: Direction): Promise<AccountListResult> {
    const result = dir.forward ? await this.forward(dir.size, dir.after) : await this.backward(dir.size, dir.before);
    const edges = result.items.map(({ record, pos }) => ({ cursor: encodeCursor(pos), node: record }));
    this.onRecords(result.items.map((i) => i.record));
    let totalPromise: Promise<number | null> | undefined;
    const self = this;
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
        totalPromise ??= self.total();
        return totalPromise;
      },
      failures: this.failures,
    };
  }

  private indexOf(provider: ProviderName): number {
    const i = this.providers.findIndex((p) => p.name === provider);
    return i;
  }

  private async forward(size: number, after: string | null) {
    const start = after ? decodeCursor(after, 'after') : null;
    let index = start ? this.indexOf(start.provider) : 0;
    let offset = start ? start.offset + 1 : 0;
    if (start && index < 0) {
      // The cursor's provider is filtered out: continue with the next provider in the global order.
      const globalIndex = PROVIDER_ORDER.indexOf(start.provider);
      index = this.providers.findIndex((p) => PROVIDER_ORDER.indexOf(p.name) > globalIndex);
      if (index < 0) index = this.providers.length;
      offset = 0;
    }
    const items: Array<{ record: AccountRecord; pos: Position }> = [];
    for (; index < this.providers.length && items.length <= size; index++, offset = 0) {
      const provider = this.providers[index] as VpnProvider;
      const want = size + 1 - items.length;
      const page = await this.fetch(provider, offset, want);
      if (!page) continue;
      page.forEach((record, i) => items.push({ record, pos: { provider: provider.name, offset: offset + i } }));
    }
    return {
      items: items.slice(0, size),
      hasNext: items.length > size,
      hasPrevious: start !== null,
    };
  }

  private async backward(size: number, before: string | null) {
    const end = before ? decodeCursor(before, 'before') : null;
    let index = end ? this.indexOf(end.provider) : this.providers.length - 1;
    let endOffset: number | null = end ? end.offset : null;
    if (end && index < 0) {
      const globalIndex = PROVIDER_ORDER.indexOf(end.provider);
      index = -1;
      this.providers.forEach((p, i) => {
        if (PROVIDER_ORDER.indexOf(p.name) < globalIndex) index = i;
      });
      endOffset = null;
    }
    let items: Array<{ record: AccountRecord; pos: Position }> = [];
    for (; index >= 0 && items.length <= size; index--, endOffset = null) {
      const provider = this.providers[index] as VpnProvider;
      const stop = endOffset ?? (await this.count(provider));
      if (stop === null) continue;
      const want = size + 1 - items.length;
      const from = Math.max(0, stop - want);
      if (stop - from <= 0) continue;
      const page = await this.fetch(provider, from, stop - from);
      if (!page) continue;
      items = [...page.map((record, i) => ({ record, pos: { provider: provider.name, offset: from + i } })), ...items];
    }
    return {
      items: items.slice(Math.max(0, items.length - size)),
      hasNext: end !== null,
      hasPrevious: items.length > size,
    };
  }

  private async fetch(provider: VpnProvider, offset: number, limit: number): Promise<AccountRecord[] | null> {
    try {
      const page = await provider.listAccounts({ offset, limit, filter: this.filter });
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
        const first = await provider.listAccounts({ offset: 0, limit: 1, filter: this.filter });
        if (first.totalCount !== null) return first.totalCount;
        let total = 0;
        for (;;) {
          const page = await provider.listAccounts({ offset: total, limit: COUNT_SCAN_PAGE, filter: this.filter });
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
    const providerError =
      error instanceof ProviderError
        ? error
        : new ProviderError({
            provider,
            operation: 'listAccounts',
            code: ErrorCode.UPSTREAM_UNAVAILABLE,
            message: `${provider} could not list accounts`,
            retryable: true,
          });
    this.failures.push({ provider, error: providerError });
    this.partialErrors.push(toGraphQLError(providerError, this.path));
  }
}
