import type { ProviderName } from '../../domain/provider.js';
import { decodeId } from '../../domain/ids.js';
import type { Db } from '../db/db.js';

/**
 * What the scope guard (src/core/access/scope-guard.ts) asks the database: which directory rows a scope owns, and the
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

  /**
   * Reserves one unit of a scope's quota of open accounts, in the caller's transaction (the intent's claim):
   * the scope's open accounts (directory rows neither gone nor closed) plus its open reservations (create and
   * reopen intents still pending or unknown) must stay below `quota`. An advisory lock on the scope's identity
   * serialises reservations across replicas, so N concurrent creates cannot all pass. Nothing is counted in a
   * separate counter: closing an account gives its unit back by being closed, once, however often it is closed.
   */
  async reserveOpenAccount(tx: Db, identity: string, quota: number, terms: OwnerTerms): Promise<boolean> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quota:${identity}`]);
    return (await openUnits(tx, identity, terms)) < quota;
  }

  /** Open accounts the scope owns plus its open reservations (what its quota counts). */
  openUnits(identity: string, terms: OwnerTerms): Promise<number> {
    return openUnits(this.db, identity, terms);
  }
}

async function openUnits(db: Db, identity: string, terms: OwnerTerms): Promise<number> {
  const { where, params } = listWhere(terms, {});
  const [row] = await db.query<{ n: string | number }>(
    `SELECT (SELECT count(*) FROM account_registry WHERE ${where} AND status IS DISTINCT FROM 'CLOSED')
          + (SELECT count(*) FROM write_intents WHERE scope_key = $${params.length + 1} AND opens_account
               AND state IN ('pending', 'unknown')) AS n`,
    [...params, identity],
  );
  return Number(row?.n ?? 0);
}

/** `(customer_id / project_id matches the terms)` from parameter number `first` on. */
export function ownedBy(terms: OwnerTerms, first: number): { sql: string; params: unknown[] } {
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
