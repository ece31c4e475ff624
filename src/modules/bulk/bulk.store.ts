import { isUuid } from '../../lib/uuid.js';
import type { Db } from '../../core/db/db.js';
import { EventStore } from '../../core/events/events.store.js';
import type { StoredViewer } from '../moves/index.js';
import {
  toItem,
  toOp,
  type BulkItemRecord,
  type BulkItemStatus,
  type BulkOperationRecord,
  type BulkStatus,
  type ItemRow,
  type NewBulkItem,
  type OpRow,
} from './bulk.rows.js';

/**
 * Bulk operations: the operation row (leased by one runner at a time; a runner that goes silent loses it)
 * and one state row per item. An item is CLAIMED before its vendor write and settled after it.
 */

const ISO = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const OP = `o.id::text, o.action, o.args, o.status, o.actor, o.total, o.cancel_requested, o.viewer, o.tenant,
  (o.sealed_password IS NOT NULL OR (o.args -> 'password') IS NOT NULL) AS has_password, ${ISO('o.created_at')} AS created_at,
  ${ISO('o.started_at')} AS started_at, ${ISO('o.finished_at')} AS finished_at,
  (SELECT COALESCE(json_object_agg(s, n), '{}'::json) FROM (SELECT status AS s, count(*)::int AS n FROM bulk_items i
     WHERE i.operation_id = o.id GROUP BY status) c) AS counts`;

const ITEM = `seq, account_id, provider, native_id, status, attempts, deferrals, error_code, error_message, error_field,
  GREATEST(0, ceil(EXTRACT(EPOCH FROM (not_before - clock_timestamp())) * 1000))::int AS wait_ms`;

export class BulkStore {
  constructor(private readonly db: Db) {}

  /**
   * Records an operation and its items (one transaction). With an idempotency key already used: answers the
   * earlier operation (`mismatch` when it was asked with different input). `args` never holds a password: a
   * chosen one comes sealed (AES-256-GCM) and is set to NULL when the operation ends.
   */
  async create(input: {
    idempotencyKey: string | null;
    requestHash: string;
    action: string;
    args: Record<string, unknown>;
    sealedPassword?: string | null;
    actor: string;
    /** MOVE: who started it (the moves run as them). */
    viewer?: StoredViewer | null;
    tenant?: string;
    items: readonly NewBulkItem[];
  }): Promise<{ operation: BulkOperationRecord; created: boolean; mismatch: boolean }> {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO bulk_operations (idempotency_key, request_hash, action, args, status, actor, total, sealed_password,
                                      viewer, tenant)
         VALUES ($1, $2, $3, $4::jsonb, 'QUEUED', $5, $6, $7, $8::jsonb, $9)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text`,
        [
          input.idempotencyKey,
          input.requestHash,
          input.action,
          JSON.stringify(input.args),
          input.actor,
          input.items.length,
          input.sealedPassword ?? null,
          input.viewer ? JSON.stringify(input.viewer) : null,
          input.tenant ?? 'reseller',
        ],
      );
      if (!row) return null;
      const items = input.items;
      await tx.query(
        `INSERT INTO bulk_items (operation_id, seq, account_id, provider, native_id, status, error_code, error_message,
                                 error_field, finished_at)
         SELECT $1, seq, a, p, n, s, c, m, CASE WHEN f IS NULL THEN NULL ELSE string_to_array(f, '.') END,
                CASE WHEN s = 'PENDING' THEN NULL ELSE clock_timestamp() END
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(seq, a, p, n, s, c, m, f)`,
        [
          row.id,
          items.map((_, i) => i),
          items.map((i) => i.accountId),
          items.map((i) => i.provider),
          items.map((i) => i.nativeId),
          items.map((i) => i.status),
          items.map((i) => i.error?.code ?? null),
          items.map((i) => i.error?.message ?? null),
          items.map((i) => i.error?.field?.join('.') ?? null),
        ],
      );
      return row.id;
    });
    if (id) return { operation: (await this.get(id))!, created: true, mismatch: false };
    const [existing] = await this.db.query<{ id: string; request_hash: string }>(
      'SELECT id::text, request_hash FROM bulk_operations WHERE idempotency_key = $1',
      [input.idempotencyKey],
    );
    return {
      operation: (await this.get(existing!.id))!,
      created: false,
      mismatch: existing!.request_hash !== input.requestHash,
    };
  }

  async get(id: string): Promise<BulkOperationRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<OpRow>(`SELECT ${OP} FROM bulk_operations o WHERE o.id = $1`, [id]);
    return row ? toOp(row) : null;
  }

  async items(
    id: string,
    query: { statuses?: readonly BulkItemStatus[] | null },
    first: number,
    afterSeq: number | null,
  ): Promise<{ items: BulkItemRecord[]; hasNextPage: boolean }> {
    const rows = await this.db.query<ItemRow>(
      `SELECT ${ITEM}
       FROM bulk_items WHERE operation_id = $1 AND ($2::text[] IS NULL OR status = ANY($2)) AND seq > $3
       ORDER BY seq LIMIT $4`,
      [id, query.statuses?.length ? [...query.statuses] : null, afterSeq ?? -1, first + 1],
    );
    return { items: rows.slice(0, first).map(toItem), hasNextPage: rows.length > first };
  }

  /** Leases one operation to run: a queued one, or a running one whose runner went silent. */
  async lease(owner: string, leaseMs: number): Promise<BulkOperationRecord | null> {
    const [row] = await this.db.query<{ id: string }>(
      `UPDATE bulk_operations SET status = 'RUNNING', lease_owner = $1,
         lease_expires_at = clock_timestamp() + ($2::int * interval '1 millisecond'),
         started_at = COALESCE(started_at, clock_timestamp())
       WHERE id = (SELECT id FROM bulk_operations
                   WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < clock_timestamp())
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text`,
      [owner, leaseMs],
    );
    return row ? this.get(row.id) : null;
  }

  /** Extends the lease; answers whether it is still held and whether a cancel was asked for. */
  async heartbeat(id: string, owner: string, leaseMs: number): Promise<{ held: boolean; cancel: boolean }> {
    const [row] = await this.db.query<{ cancel_requested: boolean }>(
      `UPDATE bulk_operations SET lease_expires_at = clock_timestamp() + ($3::int * interval '1 millisecond')
       WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING cancel_requested`,
      [id, owner, leaseMs],
    );
    return { held: Boolean(row), cancel: row?.cancel_requested ?? false };
  }

  /** The sealed password of a CHANGE_PASSWORD operation (null when none was chosen, or once it ended). */
  async sealedPassword(id: string): Promise<string | null> {
    const [row] = await this.db.query<{ sealed_password: string | null }>(
      'SELECT sealed_password FROM bulk_operations WHERE id = $1',
      [id],
    );
    return row?.sealed_password ?? null;
  }

  /** Items still to do (PENDING, or CLAIMED by a run that died), in order; `waitMs` until a deferred one may go. */
  async todo(id: string): Promise<BulkItemRecord[]> {
    const rows = await this.db.query<ItemRow>(
      `SELECT ${ITEM}
       FROM bulk_items WHERE operation_id = $1 AND status IN ('PENDING', 'CLAIMED') ORDER BY seq`,
      [id],
    );
    return rows.map(toItem);
  }

  /**
   * PENDING → CLAIMED (its own statement, committed before the vendor write), unless the operation was asked to
   * stop: no item starts once a cancel is committed. `taken` when the item is not pending.
   */
  async claim(id: string, seq: number): Promise<'claimed' | 'taken' | 'cancelled'> {
    const [row] = await this.db.query<{ cancel: boolean; claimed: boolean }>(
      `WITH op AS (SELECT cancel_requested FROM bulk_operations WHERE id = $1),
            c AS (UPDATE bulk_items SET status = 'CLAIMED', attempts = attempts + 1, claimed_at = clock_timestamp()
                  WHERE operation_id = $1 AND seq = $2 AND status = 'PENDING'
                    AND NOT EXISTS (SELECT 1 FROM bulk_operations WHERE id = $1 AND cancel_requested)
                  RETURNING seq)
       SELECT COALESCE((SELECT cancel_requested FROM op), false) AS cancel, EXISTS (SELECT 1 FROM c) AS claimed`,
      [id, seq],
    );
    if (row?.claimed) return 'claimed';
    return row?.cancel ? 'cancelled' : 'taken';
  }

  /**
   * CLAIMED → PENDING again, not before `delayMs` from now: the vendor refused with 429, so the write surely did
   * not happen (classifyWriteFailure: RATE_LIMITED on its own call is retryable). The refusal is kept as the
   * item's last error until it settles.
   */
  async defer(
    id: string,
    seq: number,
    delayMs: number,
    error: { code: string; message: string; field: string[] | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE bulk_items SET status = 'PENDING', deferrals = deferrals + 1,
         not_before = clock_timestamp() + ($3::int * interval '1 millisecond'),
         error_code = $4, error_message = $5, error_field = $6::text[]
       WHERE operation_id = $1 AND seq = $2 AND status = 'CLAIMED'`,
      [id, seq, Math.max(0, Math.round(delayMs)), error.code, error.message, error.field],
    );
  }

  /**
   * Takes a provider's vendor-call slot if it is free now (the last call taken at least `intervalMs` ago and no
   * Retry-After pause running), by the database clock, shared by every runner and replica: answers 0 when taken
   * (call now), else the ms to wait before asking again. Taken just before the call, so a slow caller never
   * bunches calls up behind it.
   */
  async takeSlot(provider: string, intervalMs: number): Promise<number> {
    const interval = Math.max(0, Math.round(intervalMs));
    const taken = await this.db.query<{ provider: string }>(
      `INSERT INTO bulk_pace (provider, next_at) VALUES ($1, clock_timestamp() + ($2::int * interval '1 millisecond'))
       ON CONFLICT (provider) DO UPDATE SET next_at = clock_timestamp() + ($2::int * interval '1 millisecond')
         WHERE bulk_pace.next_at <= clock_timestamp()
           AND (bulk_pace.paused_until IS NULL OR bulk_pace.paused_until <= clock_timestamp())
       RETURNING provider`,
      [provider, interval],
    );
    if (taken.length > 0) return 0;
    const [row] = await this.db.query<{ wait_ms: number }>(
      `SELECT GREATEST(1, ceil(EXTRACT(EPOCH FROM (GREATEST(next_at, paused_until) - clock_timestamp())) * 1000))::int
         AS wait_ms
       FROM bulk_pace WHERE provider = $1`,
      [provider],
    );
    return row?.wait_ms ?? 1;
  }

  /** No call to the provider before `ms` from now (a vendor's Retry-After). */
  async pause(provider: string, ms: number): Promise<void> {
    await this.db.query(
      `INSERT INTO bulk_pace (provider, next_at, paused_until)
       VALUES ($1, clock_timestamp(), clock_timestamp() + ($2::int * interval '1 millisecond'))
       ON CONFLICT (provider) DO UPDATE SET paused_until = GREATEST(bulk_pace.paused_until, EXCLUDED.paused_until)`,
      [provider, Math.max(0, Math.round(ms))],
    );
  }

  async settle(
    id: string,
    seq: number,
    status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED',
    error: { code: string; message: string; field: string[] | null } | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE bulk_items SET status = $3, error_code = $4, error_message = $5, error_field = $6::text[],
         finished_at = clock_timestamp()
       WHERE operation_id = $1 AND seq = $2 AND status IN ('PENDING', 'CLAIMED')`,
      [id, seq, status, error?.code ?? null, error?.message ?? null, error?.field ?? null],
    );
  }

  /** Closes an operation held by `owner` and records BULK_OPERATION_FINISHED in the same transaction. */
  async finish(
    id: string,
    owner: string,
    status: 'COMPLETED' | 'FAILED' | 'CANCELLED',
    actor: string,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (status === 'CANCELLED')
        await tx.query(
          `UPDATE bulk_items SET status = 'CANCELLED', finished_at = clock_timestamp()
           WHERE operation_id = $1 AND status = 'PENDING'`,
          [id],
        );
      const rows = await tx.query<{ id: string }>(
        `UPDATE bulk_operations SET status = $3, finished_at = clock_timestamp(), lease_owner = NULL,
           args = args - 'password', sealed_password = NULL
         WHERE id = $1 AND (lease_owner = $2 OR status = 'QUEUED') AND status IN ('QUEUED', 'RUNNING') RETURNING id::text`,
        [id, owner, status],
      );
      if (rows.length === 0) return false;
      const [op] = await tx.query<OpRow>(`SELECT ${OP} FROM bulk_operations o WHERE o.id = $1`, [id]);
      const record = toOp(op!);
      await new EventStore(tx).append(
        [
          {
            kind: 'BULK_OPERATION_FINISHED',
            provider: null,
            nativeId: null,
            actor,
            data: {
              bulkOperationId: Buffer.from(`BulkOperation:STORE:${id}`).toString('base64url'),
              action: record.action,
              status,
              total: record.total,
              succeeded: record.counts.SUCCEEDED,
              failed: record.counts.FAILED,
              skipped: record.counts.SKIPPED,
              cancelled: record.counts.CANCELLED,
            },
          },
        ],
        tx,
      );
      return true;
    });
  }

  /** Asks a running operation to stop; a queued one is cancelled at once. */
  async requestCancel(id: string): Promise<BulkStatus | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<{ status: BulkStatus }>(
      `UPDATE bulk_operations SET cancel_requested = true WHERE id = $1 RETURNING status`,
      [id],
    );
    return row?.status ?? null;
  }
}
