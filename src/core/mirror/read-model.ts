import type { ProviderName } from '../../domain/provider.js';
import type { CustomerRecord, PlanRecord, ProjectRecord, ServerRecord, UsageRecord } from '../../domain/records.js';
import { queryMemo, type Db } from '../db/db.js';

/**
 * The rest of the graph in the store (issue #26, "the whole graph in the store"): vendor customers and projects,
 * the catalog (plans, servers) and usage reports, each row stamped with when the vendor last confirmed it. Written
 * by the sync and by every live read (write-back); read by the per-request loaders when fresh enough.
 */

/** A stored item and when the vendor last confirmed it (ISO instant). `value` null: the vendor said "none". */
export interface Stored<T> {
  value: T | null;
  syncedAt: string;
}

export type CatalogKind = 'plans' | 'servers';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface EntityRow {
  provider: string;
  native_id: string;
  record: unknown;
  synced_at: string;
}

type EntityTable = 'read_customers' | 'read_projects';

export class ReadModel {
  constructor(private readonly db: Db) {}

  putCustomers(provider: ProviderName, records: readonly CustomerRecord[], at?: string): Promise<void> {
    return this.putEntities('read_customers', provider, records, at);
  }

  putProjects(provider: ProviderName, records: readonly ProjectRecord[], at?: string): Promise<void> {
    return this.putEntities('read_projects', provider, records, at);
  }

  customers(
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>,
  ): Promise<Array<Stored<CustomerRecord> | null>> {
    return this.entities<CustomerRecord>('read_customers', keys);
  }

  projects(
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>,
  ): Promise<Array<Stored<ProjectRecord> | null>> {
    return this.entities<ProjectRecord>('read_projects', keys);
  }

  /** The vendor no longer has these (a read said "not found", or a whole listing did not show them). */
  async forget(table: 'customers' | 'projects', provider: ProviderName, nativeIds: readonly string[]): Promise<void> {
    if (nativeIds.length === 0) return;
    await this.db.query(`DELETE FROM read_${table} WHERE provider = $1 AND native_id = ANY($2::text[])`, [
      provider,
      [...nativeIds],
    ]);
  }

  /** A whole listing of a provider's customers or projects: rows it did not show are dropped. */
  async replaceAll(
    table: 'customers' | 'projects',
    provider: ProviderName,
    records: ReadonlyArray<CustomerRecord | ProjectRecord>,
    at: string,
  ): Promise<void> {
    await this.putEntities(`read_${table}`, provider, records, at);
    await this.db.query(`DELETE FROM read_${table} WHERE provider = $1 AND NOT (native_id = ANY($2::text[]))`, [
      provider,
      records.map((r) => r.nativeId),
    ]);
    await this.db.query(
      `INSERT INTO read_listings AS l (provider, kind, listed_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (provider, kind) DO UPDATE SET listed_at = EXCLUDED.listed_at
       WHERE l.listed_at <= EXCLUDED.listed_at`,
      [provider, table, at],
    );
  }

  /**
   * When the provider's whole customer or project list was last read into the store (`replaceAll`); null when it
   * never was. Every stored row of that provider was confirmed then or later (a row the listing did not show left).
   */
  async listedAt(table: 'customers' | 'projects', provider: ProviderName): Promise<string | null> {
    const rows = await this.db.query<{ listed_at: string }>(
      `SELECT ${iso('listed_at')} AS listed_at FROM read_listings WHERE provider = $1 AND kind = $2`,
      [provider, table],
    );
    return rows[0]?.listed_at ?? null;
  }

  /**
   * One offset window of a provider's stored customers (optionally of one project) or projects, in the vendor's
   * own list order (ascending id: numeric ids by value), with the total.
   */
  async listCustomers(
    provider: ProviderName,
    window: { offset: number; limit: number; projectNativeId?: string | null },
  ): Promise<{ items: Array<Stored<CustomerRecord>>; totalCount: number }> {
    return this.window<CustomerRecord>('read_customers', provider, window, window.projectNativeId ?? null);
  }

  async listProjects(
    provider: ProviderName,
    window: { offset: number; limit: number },
  ): Promise<{ items: Array<Stored<ProjectRecord>>; totalCount: number }> {
    return this.window<ProjectRecord>('read_projects', provider, window, null);
  }

  private async window<T>(
    table: EntityTable,
    provider: ProviderName,
    window: { offset: number; limit: number },
    projectNativeId: string | null,
  ): Promise<{ items: Array<Stored<T>>; totalCount: number }> {
    const where = `provider = $1 AND ($2::text IS NULL OR record->>'projectNativeId' = $2::text)`;
    const [rows, counted] = await Promise.all([
      this.db.query<EntityRow>(
        `SELECT provider, native_id, record, ${iso('synced_at')} AS synced_at FROM ${table} WHERE ${where}
         ORDER BY native_id !~ '^[0-9]+$', length(native_id), native_id OFFSET $3 LIMIT $4`,
        [provider, projectNativeId, window.offset, window.limit],
      ),
      this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, [
        provider,
        projectNativeId,
      ]),
    ]);
    return {
      items: rows.map((r) => ({ value: r.record as T, syncedAt: r.synced_at })),
      totalCount: Number(counted[0]?.n ?? 0),
    };
  }

  async putCatalog(provider: ProviderName, kind: 'plans', records: readonly PlanRecord[], at?: string): Promise<void>;
  async putCatalog(
    provider: ProviderName,
    kind: 'servers',
    records: readonly ServerRecord[],
    at?: string,
  ): Promise<void>;
  async putCatalog(
    provider: ProviderName,
    kind: CatalogKind,
    records: ReadonlyArray<PlanRecord | ServerRecord>,
    at?: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO read_catalog (provider, kind, records, synced_at)
       VALUES ($1, $2, $3::jsonb, COALESCE($4::timestamptz, clock_timestamp()))
       ON CONFLICT (provider, kind) DO UPDATE SET records = EXCLUDED.records, synced_at = EXCLUDED.synced_at
       WHERE read_catalog.synced_at <= EXCLUDED.synced_at`,
      [provider, kind, JSON.stringify(records), at ?? null],
    );
  }

  async catalog<T extends PlanRecord | ServerRecord>(
    provider: ProviderName,
    kind: CatalogKind,
  ): Promise<Stored<T[]> | null> {
    const rows = await queryMemo<{ records: T[]; synced_at: string }>(
      this.db,
      `SELECT records, ${iso('synced_at')} AS synced_at FROM read_catalog WHERE provider = $1 AND kind = $2`,
      [provider, kind],
    );
    const row = rows[0];
    return row ? { value: row.records, syncedAt: row.synced_at } : null;
  }

  /** Usage of accounts over one range; a null record: the vendor reports no usage for that account then. */
  async putUsage(
    provider: ProviderName,
    range: { from: string; to: string },
    items: ReadonlyArray<{ nativeId: string; record: UsageRecord | null }>,
    at?: string,
  ): Promise<void> {
    if (items.length === 0) return;
    await this.db.query(
      `INSERT INTO read_usage (provider, native_id, range_from, range_to, record, synced_at)
       SELECT $1, native_id, $2, $3, record, COALESCE($6::timestamptz, clock_timestamp())
       FROM unnest($4::text[], $5::jsonb[]) AS t(native_id, record)
       ON CONFLICT (provider, native_id, range_from, range_to)
       DO UPDATE SET record = EXCLUDED.record, synced_at = EXCLUDED.synced_at
       WHERE read_usage.synced_at <= EXCLUDED.synced_at`,
      [
        provider,
        range.from,
        range.to,
        items.map((i) => i.nativeId),
        items.map((i) => (i.record ? JSON.stringify(i.record) : null)),
        at ?? null,
      ],
    );
  }

  /** Stored usage per key, in key order; null where nothing is stored. */
  async usage(
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string; from: string; to: string }>,
  ): Promise<Array<Stored<UsageRecord> | null>> {
    if (keys.length === 0) return [];
    const rows = await queryMemo<{
      provider: string;
      native_id: string;
      range_from: string;
      range_to: string;
      record: UsageRecord | null;
      synced_at: string;
    }>(
      this.db,
      `SELECT provider, native_id, range_from, range_to, record, ${iso('synced_at')} AS synced_at FROM read_usage
       WHERE (provider, native_id, range_from, range_to) IN
             (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))`,
      [keys.map((k) => k.provider), keys.map((k) => k.nativeId), keys.map((k) => k.from), keys.map((k) => k.to)],
    );
    const map = new Map(
      rows.map((r) => [`${r.provider}\u0000${r.native_id}\u0000${r.range_from}\u0000${r.range_to}`, r]),
    );
    return keys.map((k) => {
      const r = map.get(`${k.provider}\u0000${k.nativeId}\u0000${k.from}\u0000${k.to}`);
      return r ? { value: r.record, syncedAt: r.synced_at } : null;
    });
  }

  /** The oldest usage confirmation of a provider's accounts over a range (null: some account has none). */
  async oldestUsage(provider: ProviderName, range: { from: string; to: string }): Promise<string | null> {
    const rows = await this.db.query<{ oldest: string | null; missing: number }>(
      `SELECT ${iso('min(u.synced_at)')} AS oldest, count(*) FILTER (WHERE u.native_id IS NULL)::int AS missing
       FROM account_registry a
       LEFT JOIN read_usage u ON u.provider = a.provider AND u.native_id = a.native_id
            AND u.range_from = $2 AND u.range_to = $3
       WHERE a.provider = $1 AND a.gone_at IS NULL`,
      [provider, range.from, range.to],
    );
    const row = rows[0];
    return !row || row.missing > 0 ? null : row.oldest;
  }

  private async putEntities(
    table: EntityTable,
    provider: ProviderName,
    records: ReadonlyArray<CustomerRecord | ProjectRecord>,
    at?: string,
  ): Promise<void> {
    if (records.length === 0) return;
    await this.db.query(
      `INSERT INTO ${table} (provider, native_id, record, synced_at)
       SELECT $1, native_id, record, COALESCE($4::timestamptz, clock_timestamp())
       FROM unnest($2::text[], $3::jsonb[]) AS t(native_id, record)
       ON CONFLICT (provider, native_id) DO UPDATE SET record = EXCLUDED.record, synced_at = EXCLUDED.synced_at
       WHERE ${table}.synced_at <= EXCLUDED.synced_at`,
      [provider, records.map((r) => r.nativeId), records.map((r) => JSON.stringify(r)), at ?? null],
    );
  }

  private async entities<T>(
    table: EntityTable,
    keys: ReadonlyArray<{ provider: ProviderName; nativeId: string }>,
  ): Promise<Array<Stored<T> | null>> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<EntityRow>(
      `SELECT provider, native_id, record, ${iso('synced_at')} AS synced_at FROM ${table}
       WHERE (provider, native_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.provider), keys.map((k) => k.nativeId)],
    );
    const map = new Map(rows.map((r) => [`${r.provider}\u0000${r.native_id}`, r]));
    return keys.map((k) => {
      const r = map.get(`${k.provider}\u0000${k.nativeId}`);
      return r ? { value: r.record as T, syncedAt: r.synced_at } : null;
    });
  }
}
