import { ErrorCode, ProviderError } from '../domain/errors.js';

/** Reading vendor lists: a NOT_FOUND read as null, and windows over numbered pages (BaseProvider's helpers). */

/** Runs a vendor read; a NOT_FOUND answer becomes null (the batch slot for "does not exist"). */
export async function nullIfNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

/** One numbered page of a vendor list: its rows, and whether it was the last one. */
export interface NumberedPage<T> {
  items: T[];
  last: boolean;
  /** Total rows, when the vendor tells. */
  total: number | null;
}

/** Reads one numbered page (1-based) of `size` rows. */
export type NumberedFetch<T> = (page: number, size: number) => Promise<NumberedPage<T>>;

/**
 * Vendor pages already read for one caller, by list, page and size (`PageQuery.pages`): an account list reads its
 * vendor page once per request, however many windows of it the merge and the count ask for.
 */
export type PageMemo = Map<string, Promise<NumberedPage<unknown>>>;

/** `fetch` through `memo` (when there is one): a page read before under `list` is not read again. */
export function remembered<T>(memo: PageMemo | undefined, list: string, fetch: NumberedFetch<T>): NumberedFetch<T> {
  if (!memo) return fetch;
  return (page, size) => {
    const key = `${list}|${page}|${size}`;
    // Each list key is read through one `fetch` of one item type: what is stored under it is a page of T.
    let read = memo.get(key) as Promise<NumberedPage<T>> | undefined;
    if (!read) {
      read = fetch(page, size);
      memo.set(key, read);
      // A failed read is not remembered: the caller gets its error, a later window reads again.
      read.catch(() => memo.delete(key));
    }
    return read;
  };
}

/**
 * The [offset, offset+limit) window over a vendor list served in numbered pages of `size` (1-based): one
 * call usually, two when the window straddles a page boundary. The total is the vendor's, or known once
 * the last page was seen.
 */
export async function pageWindow<T>(
  offset: number,
  limit: number,
  size: number,
  fetch: NumberedFetch<T>,
): Promise<{ items: T[]; total: number | null }> {
  if (limit <= 0) {
    const first = await fetch(1, 1);
    return { items: [], total: first.total };
  }
  const firstPage = Math.floor(offset / size) + 1;
  const lastPage = Math.floor((offset + limit - 1) / size) + 1;
  const items: T[] = [];
  let total: number | null = null;
  let exhausted = false;
  for (let p = firstPage; p <= lastPage && !exhausted; p++) {
    const res = await fetch(p, size);
    items.push(...res.items);
    total = res.total;
    exhausted = res.last;
  }
  const start = offset - (firstPage - 1) * size;
  return {
    items: items.slice(start, start + limit),
    total: total ?? (exhausted ? (firstPage - 1) * size + items.length : null),
  };
}

/** Every row of a vendor list served in numbered pages (filters the vendor cannot apply need them all). */
export async function allPages<T>(size: number, fetch: NumberedFetch<T>): Promise<T[]> {
  const all: T[] = [];
  for (let p = 1; ; p++) {
    const res = await fetch(p, size);
    all.push(...res.items);
    if (res.last) return all;
  }
}
