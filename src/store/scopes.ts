import type { ProviderName } from '../domain/provider.js';
import { decodeId } from '../domain/ids.js';
import type { Db } from './db.js';

/**
 * What the scope guard (src/services/scope.ts) asks the database: which directory rows a scope owns, and the
 * sub-reseller quota counters. A scope names customers and projects by global id; the directory holds either
 * that global id or a bare native id (a store customer's uuid, a provider's own id), so both forms are
 * matched — a bare id only on rows of the provider (or the store) it belongs to.
 */

/** The ownership terms of a scope, in the forms the directory may hold them. */
export interface OwnerTerms {
  /** Global ids and store uuids: matched on customer_id as they are. */
  customerIds: readonly string[];
  /** `PROVIDER:nativeId` of provider customers: matched on (provider, customer_id). */
  customerPairs: readonly string[];
  projectIds: readonly string[];
  projectPairs: readonly string[];
}

export interface ScopedRow {
  provider: ProviderName;
  nativeId: string;
  username: string;
}

export class ScopeStore {
  constructor(private readonly db: Db) {}

  /** Which of `keys` the scope owns (by its directory row), in input order. */
  async owned(
    terms: OwnerTerms,
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>,
  ): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const pairs = keys.map((k) => `${k.provider}:${k.nativeId}`);
    const { sql, params } = ownedBy(terms, 2);
    const rows = await this.db.query<{ pair: string }>(
      `SELECT provider || ':' || native_id AS pair FROM account_registry
       WHERE provider || ':' || native_id = ANY($1::text[]) AND (${sql})`,
      [pairs, ...params],
    );
    const hit = new Set(rows.map((r) => r.pair));
    return pairs.map((p) => hit.has(p));
  }

  /** Whether the scope owns the account named `username` at `provider`. */
  async ownsUsername(terms: OwnerTerms, provider: ProviderName, username: string): Promise<boolean> {
    const { sql, params } = ownedBy(terms, 3);
    const rows = await this.db.query<{ n: number }>(
      `SELECT 1 AS n FROM account_registry WHERE provider = $1 AND username = $2 AND (${sql}) LIMIT 1`,
      [provider, username, ...params],
    );
    return rows.length > 0;
  }

  /** A page of the scope's accounts in directory order, and how many there are in all. */
  async accounts(
    terms: OwnerTerms,
    query: { providers?: readonly ProviderName[]; usernamePrefix?: string; offset: number; limit: number },
  ): Promise<{ rows: ScopedRow[]; total: number }> {
    const { where, params } = listWhere(terms, query);
    const [count] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM account_registry WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<{ provider: ProviderName; native_id: string; username: string }>(
      `SELECT provider, native_id, username FROM account_registry WHERE ${where}
       ORDER BY created_at, provider, native_id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, query.offset, query.limit],
    );
    return {
      rows: rows.map((r) => ({ provider: r.provider, nativeId: r.native_id, username: r.username })),
      total: Number(count?.n ?? 0),
    };
  }

  /**
   * Takes one unit of a sub-reseller's quota, or answers false when it is used up. The counter starts at the
   * number of accounts the scope already owns; the conditional UPDATE is one atomic statement, so concurrent
   * creates on any number of replicas cannot take more than `quota` units.
   */
  async takeQuota(key: string, quota: number, terms: OwnerTerms): Promise<boolean> {
    const { where, params } = listWhere(terms, {});
    await this.db.query(
      `INSERT INTO quota_usage (scope_key, used)
       SELECT $${params.length + 1}, count(*) FROM account_registry WHERE ${where}
       ON CONFLICT (scope_key) DO NOTHING`,
      [...params, key],
    );
    const rows = await this.db.query<{ used: number }>(
      `UPDATE quota_usage SET used = used + 1, updated_at = clock_timestamp()
       WHERE scope_key = $1 AND used < $2 RETURNING used`,
      [key, quota],
    );
    return rows.length > 0;
  }

  /** Gives one unit back (a refused create, a closed or deleted account). */
  async releaseQuota(key: string): Promise<void> {
    await this.db.query(
      `UPDATE quota_usage SET used = used - 1, updated_at = clock_timestamp() WHERE scope_key = $1 AND used > 0`,
      [key],
    );
  }

  async quotaUsed(key: string): Promise<number | null> {
    const [row] = await this.db.query<{ used: number }>('SELECT used FROM quota_usage WHERE scope_key = $1', [key]);
    return row ? Number(row.used) : null;
  }
}

/** `(customer_id / project_id matches the terms)` from parameter number `first` on. */
function ownedBy(terms: OwnerTerms, first: number): { sql: string; params: unknown[] } {
  const n = (i: number) => `$${first + i}`;
  return {
    sql: `customer_id = ANY(${n(0)}::text[]) OR provider || ':' || customer_id = ANY(${n(1)}::text[])
      OR project_id = ANY(${n(2)}::text[]) OR provider || ':' || project_id = ANY(${n(3)}::text[])`,
    params: [[...terms.customerIds], [...terms.customerPairs], [...terms.projectIds], [...terms.projectPairs]],
  };
}

function listWhere(
  terms: OwnerTerms,
  query: { providers?: readonly ProviderName[]; usernamePrefix?: string },
): { where: string; params: unknown[] } {
  const owned = ownedBy(terms, 1);
  const params = [...owned.params];
  let where = `gone_at IS NULL AND (${owned.sql})`;
  if (query.providers?.length) {
    params.push([...query.providers]);
    where += ` AND provider = ANY($${params.length}::text[])`;
  }
  if (query.usernamePrefix) {
    params.push(`${query.usernamePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where += ` AND username LIKE $${params.length}`;
  }
  return { where, params };
}

/** Global ids as the directory may hold them: the id itself, a store uuid, or `PROVIDER:nativeId`. */
export function termsOf(customerIds: readonly string[], projectIds: readonly string[]): OwnerTerms {
  const terms = {
    customerIds: [] as string[],
    customerPairs: [] as string[],
    projectIds: [] as string[],
    projectPairs: [] as string[],
  };
  for (const id of customerIds) {
    const gid = decodeId(id);
    if (!gid) continue;
    terms.customerIds.push(id);
    if (gid.source === 'STORE') terms.customerIds.push(gid.nativeId);
    else terms.customerPairs.push(`${gid.source}:${gid.nativeId}`);
  }
  for (const id of projectIds) {
    const gid = decodeId(id);
    if (!gid || gid.source === 'STORE') continue;
    terms.projectIds.push(id);
    terms.projectPairs.push(`${gid.source}:${gid.nativeId}`);
  }
  return terms;
}
