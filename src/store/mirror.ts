import type { ProviderName } from '../domain/provider.js';
import { AccountStatus, type AccountRecord, type IncompleteField } from '../domain/records.js';
import type { Db } from './db.js';

/**
 * The account mirror: the last-known state of every account, kept in the directory's own rows. Every live
 * read, every write made here and every sync lands through `write()`; cross-provider queries are keyset
 * pages over indexed sort columns (one b-tree per order), so page N costs what page 1 costs.
 */

export type MirrorSource = 'sync' | 'live' | 'write';
export type MirrorOrderField = 'USERNAME' | 'EXPIRES_AT' | 'CREATED_AT' | 'STATUS' | 'PROVIDER' | 'SYNCED_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface MirroredAccount {
  record: AccountRecord;
  /** When the state was last confirmed by the vendor (or written by us). Null: never read, only known by name. */
  syncedAt: string | null;
  source: MirrorSource | null;
  /** The directory's link to a customer (global Customer id or store customer id), if any. */
  customerId: string | null;
  projectId: string | null;
}

export interface MirrorWriteResult {
  /** What the mirror now holds (the record, its gaps filled from what was known). */
  record: AccountRecord;
  /** The directory did not know the account. */
  added: boolean;
  /** Status or expiry differ from the last-known state (drift when a sync finds it). */
  changed: boolean;
  before: { status: AccountStatus; expiresAt: string | null } | null;
}

export interface MirrorFilter {
  providers?: readonly ProviderName[];
  statuses?: readonly AccountStatus[];
  /** ISO instants: expiry strictly before / at or after. Accounts without expiry never match `expiresBefore`. */
  expiresBefore?: string;
  expiresAfter?: string;
  /** Any of these customer links (global ids or store ids). */
  customerIds?: readonly string[];
  projectId?: string;
  /** Username contains (case-insensitive). */
  search?: string;
  usernamePrefix?: string;
  /** Mirrored state older than this instant, or never synced. */
  staleBefore?: string;
  /** The vendor's own customer reference kept in the record (e.g. a VPNresellers customer id). */
  customerNativeId?: string;
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

interface Row {
  provider: ProviderName;
  native_id: string;
  username: string;
  customer_id: string | null;
  project_id: string | null;
  status: string;
  provider_status: string | null;
  expires_at: string | null;
  account_created_at: string | null;
  closed_at: string | null;
  plan_code: string | null;
  record: AccountRecord | string | null;
  synced_at: string | null;
  synced_via: MirrorSource | null;
  sort_key: string;
}

/** Sort column per order field; each has an index (column, provider, native_id). */
const SORT_COLUMN: Record<MirrorOrderField, string> = {
  USERNAME: 'username',
  EXPIRES_AT: 'expires_sort',
  CREATED_AT: 'created_sort',
  STATUS: 'status',
  PROVIDER: 'provider',
  SYNCED_AT: 'synced_sort',
};
const TIMESTAMP_SORT = new Set<MirrorOrderField>(['EXPIRES_AT', 'CREATED_AT', 'SYNCED_AT']);

const COLUMNS = `provider, native_id, username, customer_id, project_id, status, provider_status,
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
  to_char(account_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS account_created_at,
  to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS closed_at,
  plan_code, record,
  to_char(synced_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS synced_at, synced_via`;

export class Mirror {
  constructor(private readonly db: Db) {}

  /**
   * Records what a vendor told us (or what a write here made) as the accounts' state now. New accounts join
   * the directory; known ones keep their customer link unless a new one is given. Answers, per record, whether
   * it was new and whether its status or expiry changed (what a sync reports as drift).
   */
  async write(
    records: readonly AccountRecord[],
    source: MirrorSource,
    links: { customerIds?: ReadonlyArray<string | null>; projectIds?: ReadonlyArray<string | null> } = {},
  ): Promise<MirrorWriteResult[]> {
    if (records.length === 0) return [];
    const provider = records[0]!.provider;
    const known = await this.read(records.map((r) => ({ provider, nativeId: r.nativeId })));
    // A record with gaps (a list row without plans, a directory entry without status) keeps what the mirror
    // already knew of those fields: a sync never forgets what a fuller read told us.
    const merged = records.map((r, i) => mergeGaps(r, known[i]?.record ?? null));
    await this.db.query(
      `INSERT INTO account_registry AS r (provider, native_id, username, customer_id, project_id, created_via,
              status, provider_status, expires_at, account_created_at, closed_at, plan_code, record,
              synced_at, synced_via, gone_at)
       SELECT $1, native_id, username, customer_id, project_id, $13, status, provider_status, expires_at, created,
              closed_at, plan_code, record, clock_timestamp(), $13, NULL
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                   $8::timestamptz[], $9::text[], $10::jsonb[], $11::text[], $12::text[])
         AS t(native_id, username, status, provider_status, expires_at, created, closed_at, plan_code, record,
              customer_id, project_id)
       ON CONFLICT (provider, native_id) DO UPDATE SET
         username = EXCLUDED.username,
         customer_id = COALESCE(EXCLUDED.customer_id, r.customer_id),
         project_id = COALESCE(EXCLUDED.project_id, r.project_id),
         status = EXCLUDED.status,
         provider_status = EXCLUDED.provider_status,
         expires_at = EXCLUDED.expires_at,
         account_created_at = COALESCE(EXCLUDED.account_created_at, r.account_created_at),
         closed_at = EXCLUDED.closed_at,
         plan_code = EXCLUDED.plan_code,
         record = EXCLUDED.record,
         synced_at = EXCLUDED.synced_at,
         synced_via = EXCLUDED.synced_via,
         gone_at = NULL`,
      [
        provider,
        merged.map((r) => r.nativeId),
        merged.map((r) => r.username),
        merged.map((r) => r.status),
        merged.map((r) => r.providerStatus),
        merged.map((r) => r.expiresAt),
        merged.map((r) => r.createdAt),
        merged.map((r) => r.closedAt),
        merged.map((r) => r.planNativeId),
        merged.map((r) => JSON.stringify(storable(r))),
        merged.map((_, i) => links.customerIds?.[i] ?? null),
        merged.map((_, i) => links.projectIds?.[i] ?? null),
        source,
      ],
    );
    return merged.map((record, i) => {
      const before = known[i];
      // A row that was only a name in the directory (never read) is being learned, not changed.
      if (!before || before.syncedAt === null) return { record, added: !before, changed: false, before: null };
      const was = { status: before.record.status, expiresAt: before.record.expiresAt };
      const changed = was.status !== record.status || !sameInstant(was.expiresAt, record.expiresAt);
      return { record, added: false, changed, before: was };
    });
  }

  /** The mirrored state of each key, in order; null where the directory has no such account (or it is gone at the vendor). */
  async read(
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>,
  ): Promise<Array<MirroredAccount | null>> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS}, '' AS sort_key FROM account_registry
       WHERE (provider, native_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND gone_at IS NULL`,
      [keys.map((k) => k.provider), keys.map((k) => k.nativeId)],
    );
    const map = new Map(rows.map((r) => [`${r.provider}\u0000${r.native_id}`, r]));
    return keys.map((k) => {
      const row = map.get(`${k.provider}\u0000${k.nativeId}`);
      return row ? toMirrored(row) : null;
    });
  }

  /** The vendor answered "not found" for these accounts: they leave every list, their rows stay for history. */
  async markGone(provider: ProviderName, nativeIds: readonly string[]): Promise<number> {
    if (nativeIds.length === 0) return 0;
    const rows = await this.db.query<{ native_id: string }>(
      `UPDATE account_registry SET gone_at = clock_timestamp()
       WHERE provider = $1 AND native_id = ANY($2::text[]) AND gone_at IS NULL RETURNING native_id`,
      [provider, [...nativeIds]],
    );
    return rows.length;
  }

  /** Native ids the mirror holds for a provider (not gone), for a full sync to compare with the vendor's list. */
  async nativeIds(provider: ProviderName): Promise<string[]> {
    const rows = await this.db.query<{ native_id: string }>(
      'SELECT native_id FROM account_registry WHERE provider = $1 AND gone_at IS NULL',
      [provider],
    );
    return rows.map((r) => r.native_id);
  }

  /** Accounts most in need of a refresh: never synced first, then stalest, soonest-expiring first among equals. */
  async stalest(
    provider: ProviderName,
    limit: number,
    olderThan: string,
  ): Promise<Array<{ nativeId: string; username: string }>> {
    const rows = await this.db.query<{ native_id: string; username: string }>(
      `SELECT native_id, username FROM account_registry
       WHERE provider = $1 AND gone_at IS NULL AND synced_sort < $2::timestamptz
       ORDER BY synced_sort, expires_sort, native_id LIMIT $3`,
      [provider, olderThan, limit],
    );
    return rows.map((r) => ({ nativeId: r.native_id, username: r.username }));
  }

  /** One keyset page in the requested order; `first + 1` rows are read to know whether more follow. */
  async page(query: MirrorPageQuery): Promise<MirrorPage> {
    const { where, params } = whereOf(query.filter);
    const column = SORT_COLUMN[query.orderBy.field];
    const backwards = query.backward === true;
    const cursor = decodeCursor(query.cursor ?? null, query.orderBy.field);
    // Walking backwards is walking forwards in the opposite direction, then reversing the page.
    const ascending = (query.orderBy.direction === 'ASC') !== backwards;
    const cast = TIMESTAMP_SORT.has(query.orderBy.field) ? '::timestamptz' : '';
    const conditions = [...where];
    if (cursor) {
      params.push(cursor.key, cursor.provider, cursor.nativeId);
      const n = params.length;
      conditions.push(`(${column}, provider, native_id) ${ascending ? '>' : '<'} ($${n - 2}${cast}, $${n - 1}, $${n})`);
    }
    params.push(query.first + 1);
    const dir = ascending ? 'ASC' : 'DESC';
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS}, ${sortKeyExpr(query.orderBy.field)} AS sort_key FROM account_registry
       WHERE ${conditions.join(' AND ')}
       ORDER BY ${column} ${dir}, provider ${dir}, native_id ${dir}
       LIMIT $${params.length}`,
      params,
    );
    const hasMore = rows.length > query.first;
    const pageRows = rows.slice(0, query.first);
    if (backwards) pageRows.reverse();
    return {
      rows: pageRows.map(toMirrored),
      cursors: pageRows.map((r) => encodeCursor(query.orderBy.field, r.sort_key, r.provider, r.native_id)),
      hasMore,
    };
  }

  /**
   * When each provider's account list was last confirmed whole: the end of its last successful FULL sync.
   * Providers without one are absent (their membership is the directory itself, or was never listed).
   */
  async listedAt(providers: readonly ProviderName[]): Promise<Map<ProviderName, string>> {
    if (providers.length === 0) return new Map();
    const rows = await this.db.query<{ provider: ProviderName; at: string }>(
      `SELECT provider, to_char(max(finished_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM sync_runs WHERE provider = ANY($1::text[]) AND mode = 'FULL' AND status = 'SUCCEEDED'
       GROUP BY provider`,
      [[...providers]],
    );
    return new Map(rows.filter((r) => r.at).map((r) => [r.provider, r.at]));
  }

  /** Exact number of accounts matching a filter (asked only when a client selects `totalCount`). */
  async count(filter: MirrorFilter): Promise<number> {
    const { where, params } = whereOf(filter);
    const [row] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM account_registry WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }
}

function whereOf(filter: MirrorFilter): { where: string[]; params: unknown[] } {
  const where = ['gone_at IS NULL'];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filter.providers?.length) add((n) => `provider = ANY($${n}::text[])`, [...filter.providers]);
  if (filter.statuses?.length) add((n) => `status = ANY($${n}::text[])`, [...filter.statuses]);
  if (filter.expiresBefore) add((n) => `expires_at < $${n}::timestamptz`, filter.expiresBefore);
  if (filter.expiresAfter) add((n) => `expires_at >= $${n}::timestamptz`, filter.expiresAfter);
  if (filter.customerIds) add((n) => `customer_id = ANY($${n}::text[])`, [...filter.customerIds]);
  if (filter.projectId) add((n) => `project_id = $${n}`, filter.projectId);
  if (filter.search) add((n) => `username ILIKE $${n}`, `%${escapeLike(filter.search)}%`);
  if (filter.usernamePrefix) add((n) => `username LIKE $${n}`, `${escapeLike(filter.usernamePrefix)}%`);
  if (filter.staleBefore) add((n) => `synced_sort < $${n}::timestamptz`, filter.staleBefore);
  if (filter.customerNativeId) add((n) => `record->>'customerNativeId' = $${n}`, filter.customerNativeId);
  return { where, params };
}

function sortKeyExpr(field: MirrorOrderField): string {
  // Timestamps travel in cursors as text Postgres reads back exactly (±infinity included).
  return TIMESTAMP_SORT.has(field) ? `${SORT_COLUMN[field]}::text` : SORT_COLUMN[field];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** What the mirror keeps of a record: everything but secrets (WireGuard private keys stay at the vendor). */
function storable(record: AccountRecord): AccountRecord {
  const { incomplete, ...rest } = record;
  const out: AccountRecord = {
    ...rest,
    wireguard: record.wireguard ? { ...record.wireguard, privateKey: null } : null,
  };
  return incomplete?.length ? { ...out, incomplete } : out;
}

function toMirrored(row: Row): MirroredAccount {
  const stored = typeof row.record === 'string' ? (JSON.parse(row.record) as AccountRecord) : row.record;
  const record: AccountRecord = stored ?? {
    // Known by name only (imported, never read): the graph fills the status fields when they are asked for.
    provider: row.provider,
    nativeId: row.native_id,
    username: row.username,
    status: AccountStatus.UNKNOWN,
    providerStatus: '',
    createdAt: row.account_created_at,
    updatedAt: null,
    expiresAt: null,
    closedAt: null,
    throttled: null,
    customerNativeId: null,
    planNativeId: row.plan_code,
    groupId: null,
    metadata: null,
    wireguard: null,
    plans: null,
    incomplete: ['status', 'providerStatus', 'expiresAt'],
  };
  return {
    record,
    syncedAt: row.synced_at,
    source: row.synced_via,
    customerId: row.customer_id,
    projectId: row.project_id,
  };
}

const GAP_FIELDS = {
  status: 'status',
  providerStatus: 'providerStatus',
  expiresAt: 'expiresAt',
  planNativeId: 'planNativeId',
  metadata: 'metadata',
  plans: 'plans',
} as const satisfies Record<IncompleteField, keyof AccountRecord>;

function mergeGaps(record: AccountRecord, known: AccountRecord | null): AccountRecord {
  if (!record.incomplete?.length || !known) return record;
  const out: Record<string, unknown> = { ...record };
  const stillMissing: IncompleteField[] = [];
  for (const field of record.incomplete) {
    if (known.incomplete?.includes(field)) stillMissing.push(field);
    else out[GAP_FIELDS[field]] = known[GAP_FIELDS[field]];
  }
  const merged = out as unknown as AccountRecord;
  return stillMissing.length ? { ...merged, incomplete: stillMissing } : { ...merged, incomplete: undefined };
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}

interface Cursor {
  key: string;
  provider: ProviderName;
  nativeId: string;
}

function encodeCursor(field: MirrorOrderField, key: string, provider: ProviderName, nativeId: string): string {
  return Buffer.from(JSON.stringify(['m1', field, key, provider, nativeId])).toString('base64url');
}

/** True when `cursor` is a keyset cursor of `page` (of any order), not one of another connection. */
export function isMirrorCursor(cursor: string): boolean {
  return Buffer.from(cursor, 'base64url').toString('utf8').startsWith('["m1",');
}

/** A cursor made for another order (or not by us) is refused rather than misread. */
export class CursorError extends Error {}

function decodeCursor(cursor: string | null, field: MirrorOrderField): Cursor | null {
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
