import { ErrorCode, InputError } from '../domain/errors.js';

/** Relay connection arguments, validated and bounded. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export type Direction =
  { forward: true; size: number; after: string | null } | { forward: false; size: number; before: string | null };

export const DEFAULT_PAGE_SIZE = 20;

export function direction(args: ConnectionArgs, maxPageSize: number): Direction {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new InputError('first', 'Give either `first` or `last`, not both.');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > maxPageSize)) {
      throw new InputError(name, `\`${name}\` must be between 0 and ${maxPageSize}.`);
    }
  }
  if (last != null) return { forward: false, size: last, before: before ?? null };
  if (before != null && first == null) {
    return { forward: false, size: DEFAULT_PAGE_SIZE, before };
  }
  return { forward: true, size: first ?? DEFAULT_PAGE_SIZE, after: after ?? null };
}

/** Offset cursors for single-source lists: base64url("o:<offset>"). */
export function offsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffsetCursor(cursor: string, field: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^o:(\d{1,9})$/.exec(text);
  if (!m) throw new InputError(field, `\`${field}\` is not a cursor of this list.`, ErrorCode.VALIDATION);
  return Number(m[1]);
}

export interface OffsetWindow {
  offset: number;
  limit: number;
}

/**
 * Window for an offset-based list. Backward paging without `before` needs the total (`count`).
 */
export async function offsetWindow(dir: Direction, count: () => Promise<number>): Promise<OffsetWindow> {
  if (dir.forward) {
    const offset = dir.after ? decodeOffsetCursor(dir.after, 'after') + 1 : 0;
    return { offset, limit: dir.size };
  }
  const end = dir.before ? decodeOffsetCursor(dir.before, 'before') : await count();
  const offset = Math.max(0, end - dir.size);
  return { offset, limit: end - offset };
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null | Promise<number | null>;
}

/** Builds a connection from an offset window fetched with one extra item to learn `hasNextPage`. */
export function offsetConnection<T>(
  items: T[],
  window: OffsetWindow,
  dir: Direction,
  total: number | null | Promise<number | null>,
  knownEnd?: number,
): Connection<T> {
  const page = items.slice(0, window.limit);
  const edges = page.map((node, i) => ({ cursor: offsetCursor(window.offset + i), node }));
  const hasMore = items.length > window.limit || (knownEnd !== undefined && window.offset + page.length < knownEnd);
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: dir.forward ? hasMore : dir.before !== null,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: total,
  };
}
