import type { ProviderName } from '../../domain/provider.js';
import type { Db } from '../db/db.js';

/**
 * Account history, which is also the outbox of webhooks. `append` writes events and, in the same statement,
 * one delivery per subscribed webhook endpoint; it takes the caller's transaction, so an event commits with
 * the change it records (or not at all). Pages are keyset pages on the event id, newest first.
 */

export type AccountEventKind =
  | 'ACCOUNT_CREATED'
  | 'STATUS_CHANGED'
  | 'EXPIRY_CHANGED'
  | 'PLAN_CHANGED'
  | 'PASSWORD_CHANGED'
  | 'ACCOUNT_UPDATED'
  | 'ACCOUNT_CLOSED'
  | 'ACCOUNT_DELETED'
  | 'CHANGED_AT_VENDOR'
  | 'GONE_AT_VENDOR'
  | 'ORPHAN_AT_VENDOR'
  | 'EXPIRING_SOON'
  | 'BANDWIDTH_CAPPED'
  | 'BULK_OPERATION_FINISHED'
  | 'ACCOUNT_MOVED';

export const ACCOUNT_EVENT_KINDS: readonly AccountEventKind[] = [
  'ACCOUNT_CREATED',
  'STATUS_CHANGED',
  'EXPIRY_CHANGED',
  'PLAN_CHANGED',
  'PASSWORD_CHANGED',
  'ACCOUNT_UPDATED',
  'ACCOUNT_CLOSED',
  'ACCOUNT_DELETED',
  'CHANGED_AT_VENDOR',
  'GONE_AT_VENDOR',
  'ORPHAN_AT_VENDOR',
  'EXPIRING_SOON',
  'BANDWIDTH_CAPPED',
  'BULK_OPERATION_FINISHED',
  'ACCOUNT_MOVED',
];

/** The state an event shows before and after (never a password). */
export type AccountSnapshot = Record<string, unknown>;

export interface NewEvent {
  kind: AccountEventKind;
  /** The account (null for events about no single account, e.g. a bulk operation finishing). */
  provider: ProviderName | null;
  nativeId: string | null;
  username?: string | null;
  before?: AccountSnapshot | null;
  after?: AccountSnapshot | null;
  data?: Record<string, unknown>;
  actor: string;
  /** Unique: a second event with the same key is dropped (notices fire once). */
  dedupeKey?: string | null;
}

export interface StoredEvent {
  id: string;
  at: string;
  kind: AccountEventKind;
  provider: ProviderName | null;
  nativeId: string | null;
  username: string | null;
  before: AccountSnapshot | null;
  after: AccountSnapshot | null;
  data: Record<string, unknown>;
  actor: string;
}

export interface EventFilter {
  kinds?: readonly AccountEventKind[];
  providers?: readonly ProviderName[];
  /** ISO instant: events at or after it. */
  since?: string;
  account?: { provider: ProviderName; nativeId: string };
  /** Only events about an account (default); false includes the others (bulk operations). */
  accountsOnly?: boolean;
}

const COLUMNS = `id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, kind, provider,
  native_id, username, before, after, data, actor`;

interface Row {
  id: string;
  at: string;
  kind: AccountEventKind;
  provider: ProviderName | null;
  native_id: string | null;
  username: string | null;
  before: AccountSnapshot | string | null;
  after: AccountSnapshot | string | null;
  data: Record<string, unknown> | string;
  actor: string;
}

export class EventStore {
  constructor(private readonly db: Db) {}

  /**
   * Writes events (those whose dedupe key exists already are dropped) and their webhook deliveries, on `db`
   * (pass the transaction of the change). Answers the events written.
   */
  async append(events: readonly NewEvent[], db: Db = this.db): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const rows = await db.query<Row>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::jsonb[],
                              $8::text[], $9::text[]) WITH ORDINALITY
           AS t(kind, provider, native_id, username, before, after, data, actor, dedupe_key, ord)
       ), ins AS (
         INSERT INTO account_events (kind, provider, native_id, username, before, after, data, actor, dedupe_key)
         SELECT kind, provider, native_id, username, before, after, data, actor, dedupe_key FROM input ORDER BY ord
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING *
       ), deliveries AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id)
         SELECT ins.id, w.id FROM ins JOIN webhook_endpoints w
           ON w.deleted_at IS NULL AND w.enabled AND ins.kind = ANY (w.events)
       )
       SELECT ${COLUMNS} FROM ins ORDER BY id`,
      [
        events.map((e) => e.kind),
        events.map((e) => e.provider),
        events.map((e) => e.nativeId),
        events.map((e) => e.username ?? null),
        events.map((e) => (e.before ? JSON.stringify(e.before) : null)),
        events.map((e) => (e.after ? JSON.stringify(e.after) : null)),
        events.map((e) => JSON.stringify(e.data ?? {})),
        events.map((e) => e.actor),
        events.map((e) => e.dedupeKey ?? null),
      ],
    );
    return rows.map(toEvent);
  }

  /** Newest first; `after` is the id of the last event of the previous page (exclusive). */
  async page(
    filter: EventFilter,
    first: number,
    after: string | null,
  ): Promise<{ items: StoredEvent[]; hasNextPage: boolean }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.accountsOnly !== false) where.push('provider IS NOT NULL');
    if (filter.kinds?.length) add('kind = ANY(?::text[])', [...filter.kinds]);
    if (filter.providers?.length) add('provider = ANY(?::text[])', [...filter.providers]);
    if (filter.since) add('at >= ?::timestamptz', filter.since);
    if (filter.account) {
      add('provider = ?', filter.account.provider);
      add('native_id = ?', filter.account.nativeId);
    }
    if (after) add('id < ?::bigint', after);
    params.push(first + 1);
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM account_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.slice(0, first).map(toEvent), hasNextPage: rows.length > first };
  }

  /** The state the newest event about an account left (its `after`), and when. */
  async lastState(provider: ProviderName, nativeId: string): Promise<{ at: string; state: AccountSnapshot } | null> {
    const [row] = await this.db.query<{ at: string; after: AccountSnapshot | string }>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, after FROM account_events
       WHERE provider = $1 AND native_id = $2 AND after IS NOT NULL ORDER BY id DESC LIMIT 1`,
      [provider, nativeId],
    );
    return row ? { at: row.at, state: json(row.after)! } : null;
  }

  async get(ids: readonly string[]): Promise<Array<StoredEvent | null>> {
    const valid = ids.filter((id) => /^\d{1,18}$/.test(id));
    const rows = valid.length
      ? await this.db.query<Row>(`SELECT ${COLUMNS} FROM account_events WHERE id = ANY($1::bigint[])`, [valid])
      : [];
    const map = new Map(rows.map((r) => [r.id, toEvent(r)]));
    return ids.map((id) => map.get(id) ?? null);
  }
}

function json<T>(value: T | string | null): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function toEvent(r: Row): StoredEvent {
  return {
    id: r.id,
    at: r.at,
    kind: r.kind,
    provider: r.provider,
    nativeId: r.native_id,
    username: r.username,
    before: json(r.before),
    after: json(r.after),
    data: json(r.data) ?? {},
    actor: r.actor,
  };
}
