import type { ProviderName } from '../../domain/provider.js';
import type { AccountStatus } from '../../domain/records.js';
import type { MirroredAccount } from './mirror-rows.js';
import { ownedBy, type OwnerTerms } from '../store/scopes.js';

/** Queries over the mirror: filters (as SQL conditions), sort orders and their keyset cursors. */

export type MirrorOrderField = 'USERNAME' | 'EXPIRES_AT' | 'CREATED_AT' | 'STATUS' | 'PROVIDER' | 'SYNCED_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface MirrorFilter {
  providers?: readonly ProviderName[];
  statuses?: readonly AccountStatus[];
  /** ISO instants: expiry strictly before / at or after. Accounts without expiry never match `expiresBefore`. */
  expiresBefore?: string;
  expiresAfter?: string;
  /** Any of these customer links (global ids or store ids). */
  customerIds?: readonly string[];
  /** The project link, in any form the directory holds it (global Project id, or the vendor's bare id). */
  projectIds?: readonly string[];
  /** Any of these vendor customer links as the directory holds them (global Customer ids). */
  customerLinks?: readonly string[];
  /** Username contains (case-insensitive). */
  search?: string;
  usernamePrefix?: string;
  /** Mirrored state older than this instant, or never synced. */
  staleBefore?: string;
  /**
   * With `staleBefore`: judge only these confirmation groups (a row is stale when one of them is older or never
   * confirmed). Absent: every group (the row's `synced_at`, their oldest).
   */
  staleGroups?: ReadonlyArray<'status' | 'expiry' | 'plan' | 'bandwidth'>;
  /** The vendor's own customer reference kept in the record (e.g. a VPNresellers customer id). */
  customerNativeId?: string;
  /** A scoped caller's ownership (scope.ts): rows whose directory link is one of these customers / projects. */
  owner?: OwnerTerms;
  /** Only rows no read has confirmed yet (known by name only). */
  unconfirmed?: boolean;
  /** Only these accounts. */
  keys?: ReadonlyArray<{ provider: ProviderName; nativeId: string }>;
}

export interface MirrorPageQuery {
  filter: MirrorFilter;
  orderBy: { field: MirrorOrderField; direction: SortDirection };
  /** Page size (the caller bounds it): Relay's `first`, or `last` when paging backwards. */
  first: number;
  /** Keyset cursor (exclusive): forwards, rows after it; backwards, rows before it. None: from the start (end). */
  cursor?: string | null;
  /** Relay's `last`/`before`: the rows just before the cursor (the last ones without one), in the requested order. */
  backward?: boolean;
}

export interface MirrorPage {
  rows: MirroredAccount[];
  cursors: string[];
  /** There are rows past the page in the direction of travel. */
  hasMore: boolean;
}

/** Sort column per order field; each has an index (column, provider, native_id). */
export const SORT_COLUMN: Record<MirrorOrderField, string> = {
  USERNAME: 'username',
  EXPIRES_AT: 'expires_sort',
  CREATED_AT: 'created_sort',
  STATUS: 'status',
  PROVIDER: 'provider',
  SYNCED_AT: 'synced_sort',
};
export const TIMESTAMP_SORT = new Set<MirrorOrderField>(['EXPIRES_AT', 'CREATED_AT', 'SYNCED_AT']);

export function whereOf(filter: MirrorFilter): { where: string[]; params: unknown[] } {
  const where = ['gone_at IS NULL'];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filter.providers?.length) add((n) => `provider = ANY($${n}::text[])`, [...filter.providers]);
  if (filter.statuses?.length) add((n) => `status = ANY($${n}::text[])`, [...filter.statuses]);
  // On the sort column (no expiry = infinity, so never before anything): an EXPIRES_AT page, either direction,
  // is an index range scan that starts at the bound instead of filtering its way there.
  if (filter.expiresBefore) add((n) => `expires_sort < $${n}::timestamptz`, filter.expiresBefore);
  if (filter.expiresAfter) {
    add((n) => `expires_sort >= $${n}::timestamptz AND expires_at IS NOT NULL`, filter.expiresAfter);
  }
  if (filter.customerIds) add((n) => `customer_id = ANY($${n}::text[])`, [...filter.customerIds]);
  if (filter.projectIds?.length) add((n) => `project_id = ANY($${n}::text[])`, [...filter.projectIds]);
  if (filter.search) add((n) => `username ILIKE $${n}`, `%${escapeLike(filter.search)}%`);
  if (filter.usernamePrefix) add((n) => `username LIKE $${n}`, `${escapeLike(filter.usernamePrefix)}%`);
  if (filter.staleBefore && filter.staleGroups?.length) {
    const groups = filter.staleGroups;
    // synced_at is the oldest of the four groups' confirmations (null while any is): a row with any group older
    // than the bound has synced_sort before it too. That conjunct makes the check an index range scan over the
    // stale rows (none, on a fresh mirror) instead of a scan of every row.
    add(
      (n) =>
        `synced_sort < $${n}::timestamptz AND ` +
        `(${groups.map((g) => `COALESCE(${g}_confirmed_at, '-infinity') < $${n}::timestamptz`).join(' OR ')})`,
      filter.staleBefore,
    );
  } else if (filter.staleBefore) add((n) => `synced_sort < $${n}::timestamptz`, filter.staleBefore);
  if (filter.customerNativeId) {
    // The vendor's own reference in the record (PureWL), or the directory's link (VPNresellers: from the sync).
    params.push(filter.customerNativeId, [...(filter.customerLinks ?? [])]);
    const n = params.length;
    where.push(`(record->>'customerNativeId' = $${n - 1} OR customer_id = ANY($${n}::text[]))`);
  }
  if (filter.owner) {
    const owned = ownedBy(filter.owner, params.length + 1);
    params.push(...owned.params);
    where.push(`(${owned.sql})`);
  }
  if (filter.unconfirmed) where.push('synced_at IS NULL');
  if (filter.keys) {
    params.push(
      filter.keys.map((k) => k.provider),
      filter.keys.map((k) => k.nativeId),
    );
    const n = params.length;
    where.push(`(provider, native_id) IN (SELECT * FROM unnest($${n - 1}::text[], $${n}::text[]))`);
  }
  return { where, params };
}

export function sortKeyExpr(field: MirrorOrderField): string {
  // Timestamps travel in cursors as text Postgres reads back exactly (±infinity included).
  return TIMESTAMP_SORT.has(field) ? `${SORT_COLUMN[field]}::text` : SORT_COLUMN[field];
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface Cursor {
  key: string;
  provider: ProviderName;
  nativeId: string;
}

export function encodeCursor(field: MirrorOrderField, key: string, provider: ProviderName, nativeId: string): string {
  return Buffer.from(JSON.stringify(['m1', field, key, provider, nativeId])).toString('base64url');
}

/** True when `cursor` is a keyset cursor of `page` (of any order), not one of another connection. */
export function isMirrorCursor(cursor: string): boolean {
  return Buffer.from(cursor, 'base64url').toString('utf8').startsWith('["m1",');
}

/** A cursor made for another order (or not by us) is refused rather than misread. */
export class CursorError extends Error {}

export function decodeCursor(cursor: string | null, field: MirrorOrderField): Cursor | null {
  if (!cursor) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('The cursor is not one this API made.');
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== 5 ||
    parts[0] !== 'm1' ||
    !parts.slice(1).every((p) => typeof p === 'string')
  ) {
    throw new CursorError('The cursor is not one this API made.');
  }
  if (parts[1] !== field) throw new CursorError('The cursor belongs to another order; start again without it.');
  return { key: parts[2] as string, provider: parts[3] as ProviderName, nativeId: parts[4] as string };
}
