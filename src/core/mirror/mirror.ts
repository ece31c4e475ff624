import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import { queryMemo, type Db } from '../db/db.js';
import {
  decodeCursor,
  encodeCursor,
  SORT_COLUMN,
  sortKeyExpr,
  TIMESTAMP_SORT,
  whereOf,
  type MirrorFilter,
  type MirrorPage,
  type MirrorPageQuery,
} from './mirror-query.js';
import {
  COLUMNS,
  confirmedGroups,
  mergeGaps,
  RECORD_GROUPS,
  sameInstant,
  storable,
  toMirrored,
  type MirroredAccount,
  type MirrorSource,
  type MirrorWriteResult,
  type Row,
} from './mirror-rows.js';

/**
 * The account mirror: the last-known state of every account, kept in the directory's own rows. Every live
 * read (`confirm()`), every write made here and every sync (`write()`) lands in them; cross-provider queries
 * are keyset pages over indexed sort columns (one b-tree per order), so page N costs what page 1 costs.
 */

/** How much of one provider's account set the mirror holds (see `Mirror.coverage`). */
export interface ProviderCoverage {
  provider: ProviderName;
  /** When the mirror first held the whole set; null: never yet (warming up). */
  completeAt: string | null;
  /** End of the last read of the vendor's whole list (vendors with a list call); null: never. */
  listedAt: string | null;
  /** Directory rows (not gone) that no read has confirmed yet. */
  unconfirmed: number;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An account's customer link as stored, for `confirmLinks`. */
interface LinkRow {
  native_id: string;
  username: string;
  customer_id: string | null;
  project_id: string | null;
  customer_confirmed_at: string | null;
  /** Confirmed after the walk began (newer knowledge than the walk's). */
  newer: boolean;
}

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
    /**
     * When the vendor confirmed these records (a write-back after the answer); default: now. Given, a row some
     * group of which was confirmed after it is left as it is (newer knowledge wins).
     */
    at?: string,
  ): Promise<MirrorWriteResult[]> {
    if (records.length === 0) return [];
    const provider = records[0]!.provider;
    const known = await this.read(records.map((r) => ({ provider, nativeId: r.nativeId })));
    // A record with gaps (a list row without plans, a directory entry without status) keeps what the mirror
    // already knew of those fields: a sync never forgets what a fuller read told us.
    const merged = records.map((r, i) => mergeGaps(r, known[i]?.record ?? null));
    const groups = records.map(confirmedGroups);
    await this.upsert(merged, groups, source, links, at);
    return merged.map((record, i) => {
      const before = known[i];
      // A row that was only a name in the directory (never read) is being learned, not changed.
      if (!before || before.confirmedAt.status === null) {
        return { record, added: !before, changed: false, before: null };
      }
      const was = { status: before.record.status, expiresAt: before.record.expiresAt };
      // A plan is drift only once a read has told it before (a list row without plans learns nothing of it).
      const planKnown = before.confirmedAt.plan !== null && groups[i]!.has('plan');
      const planChanged = planKnown && (before.record.planNativeId ?? null) !== (record.planNativeId ?? null);
      const changed = was.status !== record.status || !sameInstant(was.expiresAt, record.expiresAt) || planChanged;
      return {
        record,
        added: false,
        changed,
        before: planKnown ? { ...was, planNativeId: before.record.planNativeId ?? null } : was,
      };
    });
  }

  /**
   * `write` for a caller that needs no answer (a live read's write-back): the same rows and confirmations, but the
   * mirrored state is read only for records with gaps (to keep what it knew of them), not for every record to
   * tell what changed — one statement fewer per write-back of complete records.
   */
  async confirm(records: readonly AccountRecord[], source: MirrorSource, at?: string): Promise<void> {
    if (records.length === 0) return;
    const provider = records[0]!.provider;
    const gapped = records.filter((r) => r.incomplete?.length);
    const known = await this.read(gapped.map((r) => ({ provider, nativeId: r.nativeId })));
    const knownOf = new Map(gapped.map((r, i) => [r.nativeId, known[i]?.record ?? null]));
    const merged = records.map((r) => mergeGaps(r, knownOf.get(r.nativeId) ?? null)); // a complete record as it is
    await this.upsert(merged, records.map(confirmedGroups), source, {}, at);
  }

  /** The rows of `merged` as the mirror's state now, each group confirmed where `groups` says (see `write`). */
  private async upsert(
    merged: readonly AccountRecord[],
    groups: ReadonlyArray<Set<(typeof RECORD_GROUPS)[number]>>,
    source: MirrorSource,
    links: { customerIds?: ReadonlyArray<string | null>; projectIds?: ReadonlyArray<string | null> },
    at: string | undefined,
  ): Promise<void> {
    const provider = merged[0]!.provider;
    const confirms = (g: (typeof RECORD_GROUPS)[number]) => groups.map((set) => set.has(g));
    const kept = (g: string) => `COALESCE(EXCLUDED.${g}_confirmed_at, r.${g}_confirmed_at)`;
    const oldest = (c: (g: string) => string) =>
      `CASE WHEN ${RECORD_GROUPS.map((g) => `${c(g)} IS NOT NULL`).join(' AND ')}
            THEN LEAST(${RECORD_GROUPS.map(c).join(', ')}) END`;
    await this.db.query(
      `INSERT INTO account_registry AS r (provider, native_id, username, customer_id, project_id, created_via,
              status, provider_status, expires_at, account_created_at, closed_at, plan_code, record,
              synced_at, synced_via, gone_at,
              status_confirmed_at, expiry_confirmed_at, plan_confirmed_at, bandwidth_confirmed_at)
       SELECT $1, native_id, username, customer_id, project_id, $13, status, provider_status, expires_at, created,
              closed_at, plan_code, record,
              CASE WHEN cs AND ce AND cp AND cb THEN n.at END, $13, NULL,
              CASE WHEN cs THEN n.at END, CASE WHEN ce THEN n.at END, CASE WHEN cp THEN n.at END,
              CASE WHEN cb THEN n.at END
       FROM (SELECT COALESCE($18::timestamptz, clock_timestamp()) AS at) n,
            unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                   $8::timestamptz[], $9::text[], $10::jsonb[], $11::text[], $12::text[],
                   $14::boolean[], $15::boolean[], $16::boolean[], $17::boolean[])
         AS t(native_id, username, status, provider_status, expires_at, created, closed_at, plan_code, record,
              customer_id, project_id, cs, ce, cp, cb)
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
         status_confirmed_at = ${kept('status')},
         expiry_confirmed_at = ${kept('expiry')},
         plan_confirmed_at = ${kept('plan')},
         bandwidth_confirmed_at = ${kept('bandwidth')},
         synced_at = ${oldest(kept)},
         synced_via = EXCLUDED.synced_via,
         gone_at = NULL
       -- A write-back (given when its vendor answered) never replaces state confirmed after it: a live read queued
       -- before a write here, flushed after it, would reinstate the older state.
       WHERE $18::timestamptz IS NULL
          OR GREATEST(r.status_confirmed_at, r.expiry_confirmed_at, r.plan_confirmed_at, r.bandwidth_confirmed_at)
             IS NULL
          OR GREATEST(r.status_confirmed_at, r.expiry_confirmed_at, r.plan_confirmed_at, r.bandwidth_confirmed_at)
             <= $18::timestamptz`,
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
        confirms('status'),
        confirms('expiry'),
        confirms('plan'),
        confirms('bandwidth'),
        at ?? null,
      ],
    );
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

  /**
   * Accounts whose expiry or plan no read has confirmed since `olderThan` (a list that cannot see them left them
   * as they were): never confirmed first, then the longest unconfirmed, soonest-expiring first among equals.
   */
  async detailsDue(
    provider: ProviderName,
    limit: number,
    olderThan: string,
  ): Promise<Array<{ nativeId: string; username: string }>> {
    if (limit <= 0) return [];
    const oldest = `CASE WHEN expiry_confirmed_at IS NULL OR plan_confirmed_at IS NULL THEN '-infinity'::timestamptz
                         ELSE LEAST(expiry_confirmed_at, plan_confirmed_at) END`;
    const rows = await this.db.query<{ native_id: string; username: string }>(
      `SELECT native_id, username FROM account_registry
       WHERE provider = $1 AND gone_at IS NULL AND status_confirmed_at IS NOT NULL AND ${oldest} < $2::timestamptz
       ORDER BY ${oldest}, expires_sort, native_id LIMIT $3`,
      [provider, olderThan, limit],
    );
    return rows.map((r) => ({ nativeId: r.native_id, username: r.username }));
  }

  /**
   * The customer and project links of a provider's accounts as its customer lists tell them, confirmed now:
   * accounts listed under a customer take that customer (global id) and its project; the provider's other
   * accounts lose a link that named one of the provider's customers (`isVendorCustomer`). A link to a customer
   * kept by this API (made by `linkAccountToCustomer`) is this API's own and stays. Links are stamped confirmed
   * at `at` (when the customer lists were read, never later). Answers the accounts whose customer link changed
   * (from a confirmed one).
   */
  async confirmLinks(
    provider: ProviderName,
    links: ReadonlyMap<string, { customerId: string; projectId: string | null }>,
    isVendorCustomer: (customerId: string) => boolean,
    at: string,
    /**
     * false (a request's walk, written back after its answer): only links that moved and links never confirmed
     * are written — a row whose link the walk found unchanged keeps its older confirmation (honest, and no write
     * of every row per request); the sync's walks stamp them all.
     */
    stampUnchanged = true,
  ): Promise<Array<{ nativeId: string; username: string; before: string | null; after: string | null }>> {
    const rows = stampUnchanged ? await this.linkRows(provider, at) : await this.linkCandidates(provider, links, at);
    const ids: string[] = [];
    const customers: Array<string | null> = [];
    const projects: Array<string | null> = [];
    const changed: Array<{ nativeId: string; username: string; before: string | null; after: string | null }> = [];
    for (const row of rows) {
      // Confirmed after these lists were read (a create or a link made meanwhile): that is newer knowledge.
      if (row.newer) continue;
      const listed = links.get(row.native_id);
      const ours = row.customer_id !== null && !isVendorCustomer(row.customer_id);
      // A link to a customer kept by this API is an operator's choice and stays; the project is the vendor's.
      const customer = ours ? row.customer_id : (listed?.customerId ?? null);
      const project = listed ? listed.projectId : ours ? row.project_id : null;
      const moved = (row.customer_id ?? null) !== customer || (row.project_id ?? null) !== project;
      if (!stampUnchanged && !moved && row.customer_confirmed_at !== null) continue;
      ids.push(row.native_id);
      customers.push(customer);
      projects.push(project);
      if (row.customer_confirmed_at !== null && (row.customer_id ?? null) !== customer) {
        changed.push({ nativeId: row.native_id, username: row.username, before: row.customer_id, after: customer });
      }
    }
    if (ids.length) {
      await this.db.query(
        `UPDATE account_registry r SET customer_id = t.c, project_id = t.p,
                customer_confirmed_at = $5::timestamptz
         FROM unnest($2::text[], $3::text[], $4::text[]) AS t(n, c, p)
         WHERE r.provider = $1 AND r.native_id = t.n`,
        [provider, ids, customers, projects, at],
      );
    }
    return changed;
  }

  /** Every account of `provider` still listed, with its link (a sync's walk stamps them all). */
  private linkRows(provider: ProviderName, at: string): Promise<LinkRow[]> {
    return this.db.query<LinkRow>(
      `SELECT native_id, username, customer_id, project_id, customer_confirmed_at::text AS customer_confirmed_at,
              COALESCE(customer_confirmed_at > $2::timestamptz, false) AS newer
       FROM account_registry WHERE provider = $1 AND gone_at IS NULL`,
      [provider, at],
    );
  }

  /**
   * The accounts whose link a request's walk may change, compared in SQL (a write-back after every live page: the
   * provider's linked rows are not read to find the few that moved). A row is read when its link was never
   * confirmed, when the walk lists it with another customer or project, or when it has a customer and the walk
   * does not list it (a vendor customer's link is then dropped; a link kept by this API stays: `confirmLinks`
   * decides). A listed row that matches, and a confirmed row with no customer that no list shows, stay as they are;
   * rows confirmed after the walk began are newer knowledge and are not read.
   */
  private linkCandidates(
    provider: ProviderName,
    links: ReadonlyMap<string, { customerId: string; projectId: string | null }>,
    at: string,
  ): Promise<LinkRow[]> {
    const ids: string[] = [];
    const customers: string[] = [];
    const projects: Array<string | null> = [];
    for (const [nativeId, link] of links) {
      ids.push(nativeId);
      customers.push(link.customerId);
      projects.push(link.projectId);
    }
    return this.db.query<LinkRow>(
      `SELECT r.native_id, r.username, r.customer_id, r.project_id,
              r.customer_confirmed_at::text AS customer_confirmed_at, false AS newer
       FROM account_registry r
       LEFT JOIN unnest($3::text[], $4::text[], $5::text[]) AS t(n, c, p) ON t.n = r.native_id
       WHERE r.provider = $1 AND r.gone_at IS NULL
         AND NOT COALESCE(r.customer_confirmed_at > $2::timestamptz, false)
         AND (r.customer_confirmed_at IS NULL
              OR (t.n IS NULL AND r.customer_id IS NOT NULL)
              OR (t.n IS NOT NULL AND (r.customer_id IS DISTINCT FROM t.c OR r.project_id IS DISTINCT FROM t.p)))`,
      [provider, at, ids, customers, projects],
    );
  }

  /** A link this API made or was told (a create, a link by an operator): written and confirmed now. */
  async setLink(
    provider: ProviderName,
    nativeId: string,
    link: { customerId: string | null; projectId: string | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE account_registry SET customer_id = COALESCE($3, customer_id), project_id = COALESCE($4, project_id),
              customer_confirmed_at = clock_timestamp()
       WHERE provider = $1 AND native_id = $2`,
      [provider, nativeId, link.customerId, link.projectId],
    );
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
    const rows = await queryMemo<Row>(
      this.db,
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
   * Completeness per provider: when the mirror first held the whole account set, when the vendor's list was last
   * read whole, and how many directory rows no read has confirmed yet. Every asked provider is in the answer.
   */
  async coverage(providers: readonly ProviderName[]): Promise<Map<ProviderName, ProviderCoverage>> {
    const out = new Map<ProviderName, ProviderCoverage>(
      providers.map((p) => [p, { provider: p, completeAt: null, listedAt: null, unconfirmed: 0 }]),
    );
    if (providers.length === 0) return out;
    // One statement (each costs a round through PGlite's queue): the coverage row and the unconfirmed count.
    const rows = await queryMemo<{
      provider: ProviderName;
      complete_at: string | null;
      listed_at: string | null;
      n: string | number;
    }>(
      this.db,
      `SELECT p.provider, ${iso('c.complete_at')} AS complete_at, ${iso('c.listed_at')} AS listed_at,
              (SELECT count(*) FROM account_registry r
               WHERE r.provider = p.provider AND r.synced_at IS NULL AND r.gone_at IS NULL) AS n
       FROM unnest($1::text[]) AS p(provider) LEFT JOIN mirror_coverage c ON c.provider = p.provider`,
      [[...providers]],
    );
    for (const r of rows) {
      const c = out.get(r.provider);
      if (!c) continue;
      Object.assign(c, { completeAt: r.complete_at, listedAt: r.listed_at, unconfirmed: Number(r.n) });
    }
    return out;
  }

  /** The vendor's whole list was just read and written here: the membership is confirmed as of now. */
  async markListed(provider: ProviderName): Promise<void> {
    await this.db.query(
      `INSERT INTO mirror_coverage AS c (provider, complete_at, listed_at) VALUES ($1, clock_timestamp(), clock_timestamp())
       ON CONFLICT (provider) DO UPDATE SET listed_at = EXCLUDED.listed_at,
         complete_at = COALESCE(c.complete_at, EXCLUDED.complete_at)`,
      [provider],
    );
  }

  /**
   * For a vendor without a list call (the directory is its account set): records the moment every directory row
   * has been confirmed at least once. Answers whether none is unconfirmed now.
   */
  async markConfirmed(provider: ProviderName): Promise<boolean> {
    const rows = await this.db.query<{ provider: string }>(
      `INSERT INTO mirror_coverage AS c (provider, complete_at)
       SELECT $1, clock_timestamp() WHERE NOT EXISTS (
         SELECT 1 FROM account_registry WHERE provider = $1 AND synced_at IS NULL AND gone_at IS NULL)
       ON CONFLICT (provider) DO UPDATE SET complete_at = COALESCE(c.complete_at, EXCLUDED.complete_at)
       RETURNING provider`,
      [provider],
    );
    return rows.length > 0;
  }

  /**
   * Usernames (lower-cased) with a create still open at `provider` (a write intent pending or of unknown outcome):
   * a sync leaves them to the create, which settles them, instead of adopting our own account as an orphan.
   */
  async openCreates(provider: ProviderName): Promise<Set<string>> {
    const rows = await this.db.query<{ username: string }>(
      `SELECT username FROM write_intents
       WHERE provider = $1 AND operation = 'createAccount' AND state IN ('pending', 'unknown') AND username IS NOT NULL`,
      [provider],
    );
    return new Set(rows.map((r) => r.username.toLowerCase()));
  }

  /** Native ids of the rows matching a filter (at most `limit`, in native-id order). */
  async keys(filter: MirrorFilter, limit: number): Promise<string[]> {
    const { where, params } = whereOf(filter);
    params.push(limit);
    const rows = await this.db.query<{ native_id: string }>(
      `SELECT native_id FROM account_registry WHERE ${where.join(' AND ')} ORDER BY provider, native_id
       LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => r.native_id);
  }

  /** Whether any account matches a filter (stops at the first). */
  async exists(filter: MirrorFilter): Promise<boolean> {
    const { where, params } = whereOf(filter);
    const rows = await this.db.query<{ one: number }>(
      `SELECT 1 AS one FROM account_registry WHERE ${where.join(' AND ')} LIMIT 1`,
      params,
    );
    return rows.length > 0;
  }

  /** Exact number of accounts matching a filter (asked only when a client selects `totalCount`). */
  async count(filter: MirrorFilter): Promise<number> {
    const { where, params } = whereOf(filter);
    const [row] = await queryMemo<{ n: string | number }>(
      this.db,
      `SELECT count(*) AS n FROM account_registry WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }
}
