import { AccountStatus, type AccountRecord } from '../../domain/records.js';
import { mapBounded } from '../../lib/concurrency.js';
import { allPages, pageWindow, remembered, type NumberedPage } from '../paging.js';
import type { AccountFilter, Page, PageQuery } from '../port.js';
import type { VpnresellersClient } from './client.js';
import { toAccount } from './mapper.js';
import { PAGE_SIZE as PAGE } from './rules.js';
import type { VrPage, VrPageQuery } from './wire.js';

/** Reading VPNresellers' Laravel-paged lists: windows of offset/limit, reads by id, the account listing with its filters. */

/** A Laravel page as a numbered page (the vendor tells the total and the last page). */
export const numbered =
  <T>(fetch: (q: VrPageQuery) => Promise<VrPage<T>>) =>
  async (page: number, size: number): Promise<NumberedPage<T>> => {
    const res = await fetch({ page, per_page: size });
    return { items: res.data, last: page >= res.meta.last_page, total: res.meta.total };
  };

/** Fetches [offset, offset+limit) from a Laravel-paged list with pages of 100 (one or two calls). */
export async function window<T>(
  offset: number,
  limit: number,
  fetch: (q: VrPageQuery) => Promise<VrPage<T>>,
): Promise<{ items: T[]; total: number }> {
  const { items, total } = await pageWindow(offset, limit, PAGE, numbered(fetch));
  return { items, total: total ?? 0 };
}

/**
 * Reads many records by id. One GET per id costs `ids.length` calls; the paged list costs one call per 100
 * records. When a batch is bigger than the list's page count, page through the list instead (the first page
 * tells the total), and fall back to single GETs for ids the list did not show.
 */
export async function byIds<T extends { id: number }>(
  ids: readonly string[],
  concurrency: number,
  list: (q: { page: number; per_page: number }) => Promise<VrPage<T>>,
  one: (id: string) => Promise<T | null>,
): Promise<Array<T | null | Error>> {
  const numeric = ids.filter((id) => /^\d+$/.test(id));
  const found = new Map<string, T>();
  if (numeric.length > 2) {
    let first: VrPage<T>;
    try {
      first = await list({ page: 1, per_page: PAGE });
    } catch (error) {
      return ids.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    if (first.meta.last_page < numeric.length) {
      for (const r of first.data) found.set(String(r.id), r);
      try {
        for (let page = 2; page <= first.meta.last_page && numeric.some((id) => !found.has(id)); page++) {
          for (const r of (await list({ page, per_page: PAGE })).data) found.set(String(r.id), r);
        }
      } catch (error) {
        return ids.map((id) => found.get(id) ?? (error instanceof Error ? error : new Error(String(error))));
      }
      return ids.map((id) => found.get(id) ?? null);
    }
  }
  return mapBounded(ids, concurrency, (id) => (/^\d+$/.test(id) ? one(id) : Promise.resolve(null)));
}

/** The account listing: filters the vendor applies natively, the rest by scanning every page. */
export async function listAccountsPage(
  client: VpnresellersClient,
  query: PageQuery<AccountFilter>,
): Promise<Page<AccountRecord>> {
  const f = query.filter ?? {};
  const statuses = f.statuses ?? [];
  const native =
    statuses.length === 1 && (statuses[0] === AccountStatus.ACTIVE || statuses[0] === AccountStatus.DISABLED)
      ? statuses[0] === AccountStatus.ACTIVE
        ? 'Active'
        : 'Disabled'
      : undefined;
  // The status the vendor filters by when the whole account list is read.
  const sent = native && !f.usernamePrefix ? native : undefined;
  const source = (q: { page: number; per_page: number }) =>
    f.customerNativeId
      ? client.customerAccounts(f.customerNativeId, q)
      : f.projectNativeId
        ? client.projectAccounts(f.projectNativeId, q)
        : client.listAccounts({ ...q, ...(sent ? { status: sent } : {}) });
  const postFilter =
    Boolean(f.usernamePrefix) ||
    (statuses.length > 0 &&
      (native === undefined || Boolean(f.customerNativeId || f.projectNativeId) || native === 'Active'));
  const pages = remembered(
    query.pages,
    `vpnresellers:accounts:${f.customerNativeId ?? ''}:${f.projectNativeId ?? ''}:${sent ?? ''}`,
    numbered(source),
  );
  if (!postFilter) {
    const { items, total } = await pageWindow(query.offset, query.limit, PAGE, pages);
    return { items: items.map((a) => toAccount(a)), totalCount: total ?? 0 };
  }
  // Filters the vendor cannot apply (username prefix, EXPIRED, ACTIVE-but-not-expired): scan, then page.
  const all = (await allPages(PAGE, pages)).map((a) => toAccount(a));
  const kept = all.filter(
    (a) =>
      (!f.usernamePrefix || a.username.startsWith(f.usernamePrefix)) &&
      (statuses.length === 0 || statuses.includes(a.status)),
  );
  return { items: kept.slice(query.offset, query.offset + query.limit), totalCount: kept.length };
}
