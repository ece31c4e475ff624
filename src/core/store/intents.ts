import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import {
  COLUMNS,
  toIntent,
  type BeginInput,
  type BeginResult,
  type FinishInput,
  type IntentState,
  type Row,
  type WriteIntent,
} from './intent-rows.js';

/**
 * Write-ahead intents. Before a vendor write that is not idempotent upstream (create, renew) a row records
 * what is about to be done and what finds its result later; the idempotency claim is the same row, so both
 * are taken in one transaction. States:
 *
 *   pending   — an owner holds a lease and is (or was, if the lease ran out) talking to the vendor
 *   succeeded — the write is known to have happened; `response` is the answer replayed for the key
 *   failed    — the write is known NOT to have happened; `retry_allowed` says whether the same key may run it again
 *   unknown   — the write may or may not have happened; only reconciliation (asking the vendor) may move it on
 *
 * A pending intent whose lease expired is taken over (by a retry with the same key or by the reconciler job);
 * nothing here ever times out into "free to write again".
 */

const DAY_MS = 86_400_000;

/** A lease owner name: this process plus a random part, so two requests of one process never share a lease. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export class IntentStore {
  constructor(private readonly db: Db) {}

  /**
   * Claims the key and records the intent in one transaction. An existing intent for the key is replayed
   * (final), waited for (live lease), or taken over (expired lease, unknown, or a failure that may run again).
   */
  async begin(input: BeginInput): Promise<BeginResult> {
    return this.db.transaction(async (tx) => {
      const insert = async (): Promise<WriteIntent | null> => {
        const [row] = await tx.query<Row>(
          `INSERT INTO write_intents (idempotency_key, operation, provider, input_hash, target, username, context, state,
             lease_owner, lease_expires_at, scope_key, account_key, opens_account, adds_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'pending', $8, clock_timestamp() + $9 * interval '1 millisecond',
             $10, $11, $12, $13)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
          [
            input.key,
            input.operation,
            input.provider,
            input.inputHash,
            input.target ?? null,
            input.username ?? null,
            JSON.stringify(input.context ?? {}),
            input.owner,
            input.leaseMs,
            input.scopeKey ?? null,
            input.accountKey ?? null,
            input.opensAccount ?? false,
            input.addsTime ?? false,
          ],
        );
        return row ? toIntent(row) : null;
      };
      // Claims of one key are serialised, so the guard runs once per new attempt, never beside a replay.
      if (input.key) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`intent-key:${input.key}`]);
      const [held] = input.key
        ? await tx.query<{ id: string }>('SELECT id FROM write_intents WHERE idempotency_key = $1', [input.key])
        : [];
      if (!held) {
        await input.guard?.(tx);
        const fresh = await insert();
        if (fresh) return { kind: 'claimed', intent: fresh, takeover: false };
      }

      const [row] = await tx.query<Row>(
        `SELECT ${COLUMNS}, (lease_expires_at IS NOT NULL AND lease_expires_at > clock_timestamp()) AS live
         FROM write_intents WHERE idempotency_key = $1 FOR UPDATE`,
        [input.key],
      );
      if (!row) throw new Error('idempotency key vanished during its claim');
      const existing = toIntent(row);
      const final = existing.state === 'succeeded' || (existing.state === 'failed' && !existing.retryAllowed);
      const ttl = input.keyTtlMs ?? DAY_MS;
      if (
        (final || (existing.state === 'failed' && existing.retryAllowed)) &&
        Date.now() - existing.createdAt.getTime() > ttl
      ) {
        // The key's life is over: keep the old intent as history, free the key.
        await tx.query('UPDATE write_intents SET idempotency_key = NULL WHERE id = $1', [existing.id]);
        await input.guard?.(tx);
        const again = await insert();
        if (again) return { kind: 'claimed', intent: again, takeover: false };
      }
      if (existing.inputHash !== input.inputHash || existing.operation !== input.operation) return { kind: 'mismatch' };
      if (final) return { kind: 'replay', intent: existing };
      if (row.live) return { kind: 'busy', intent: existing };
      const takeover = existing.state === 'pending' || existing.state === 'unknown';
      // A failed attempt holds no reservation any more: running it again is a new attempt, checked again.
      if (!takeover) await input.guard?.(tx);
      const [taken] = await tx.query<Row>(
        `UPDATE write_intents SET state = 'pending', attempt = attempt + 1, lease_owner = $2,
           lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond', retry_allowed = false, updated_at = clock_timestamp()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [existing.id, input.owner, input.leaseMs],
      );
      return { kind: 'claimed', intent: toIntent(taken as Row), takeover };
    });
  }

  async get(id: string): Promise<WriteIntent | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM write_intents WHERE id = $1`, [id]);
    return row ? toIntent(row) : null;
  }

  /** State and whether a lease is live, by the database clock (waiters poll this). */
  async peek(id: string): Promise<{ state: IntentState; live: boolean } | null> {
    const [row] = await this.db.query<{ state: IntentState; live: boolean }>(
      'SELECT state, (lease_expires_at IS NOT NULL AND lease_expires_at > clock_timestamp()) AS live FROM write_intents WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  /** Extends the lease while its owner still holds it; false when it was lost (taken over). */
  async heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE write_intents SET lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond'
       WHERE id = $1 AND lease_owner = $2 RETURNING id`,
      [id, owner, leaseMs],
    );
    return rows.length > 0;
  }

  /** Records the username the vendor chose, as soon as it is known (before any read-back). */
  async setUsername(id: string, username: string): Promise<void> {
    await this.db.query('UPDATE write_intents SET username = $2, updated_at = clock_timestamp() WHERE id = $1', [
      id,
      username,
    ]);
  }

  /**
   * Moves an intent to a final or unknown state and drops the lease. With `owner`, only while that owner
   * holds the lease (false otherwise: someone took over and decides now) — except for `succeeded`: the
   * vendor's own confirmation is evidence whoever holds the lease, so it settles any intent not yet
   * succeeded (a reconciler that took over an owner slowed past its lease must not leave an account the
   * caller was answered as `unknown`; its own later finish then finds the lease gone and changes nothing).
   */
  async finish(id: string, owner: string | null, result: FinishInput, tx: Db = this.db): Promise<boolean> {
    assertNoPassword(result.response);
    const rows = await tx.query<{ id: string }>(
      `UPDATE write_intents SET state = $3, response = COALESCE($4::jsonb, response), retry_allowed = $5,
         result_account_id = COALESCE($6, result_account_id), credentials_delivered = credentials_delivered OR $7,
         last_error_code = $8, last_error_message = $9, username = COALESCE($10, username),
         context = context || COALESCE($11::jsonb, '{}'::jsonb),
         lease_owner = NULL, lease_expires_at = NULL, updated_at = clock_timestamp()
       WHERE id = $1 AND ($2::text IS NULL OR lease_owner = $2 OR ($3 = 'succeeded' AND state <> 'succeeded'))
       RETURNING id`,
      [
        id,
        owner,
        result.state,
        result.response === undefined ? null : JSON.stringify(result.response),
        result.retryAllowed ?? false,
        result.resultAccountId ?? null,
        result.credentialsDelivered ?? false,
        result.errorCode ?? null,
        result.errorMessage ?? null,
        result.username ?? null,
        result.context ? JSON.stringify(result.context) : null,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Time-adding intents on one account (renew, plan change), newest first: what a customer's renewal bounds
   * are checked against, in the claim's transaction after the account's lock.
   */
  async timeAdding(tx: Db, accountKey: string): Promise<WriteIntent[]> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`account:${accountKey}`]);
    const rows = await tx.query<Row>(
      `SELECT ${COLUMNS} FROM write_intents WHERE account_key = $1 AND adds_time
         AND (state IN ('pending', 'unknown') OR (state = 'succeeded' AND created_at > clock_timestamp() - interval '800 days'))
       ORDER BY created_at DESC LIMIT 50`,
      [accountKey],
    );
    return rows.map(toIntent);
  }

  /**
   * An operator's verdict on an intent nobody could settle (settleIntent): APPLIED or NOT_APPLIED. Only an
   * intent that is unknown, or pending with its lease run out, can be settled; answers it as it now stands.
   */
  async settleByOperator(
    id: string,
    outcome: 'APPLIED' | 'NOT_APPLIED',
    resultAccountId: string | null,
    note: string,
    tx: Db = this.db,
  ): Promise<WriteIntent | null> {
    const rows = await tx.query<Row>(
      `UPDATE write_intents SET state = $2, retry_allowed = $3, result_account_id = COALESCE($4, result_account_id),
         response = CASE WHEN $2 = 'succeeded' THEN jsonb_build_object('accountId', COALESCE($4, result_account_id), 'userErrors', '[]'::jsonb) ELSE response END,
         last_error_code = NULL, last_error_message = $5, lease_owner = NULL, lease_expires_at = NULL,
         credentials_delivered = CASE WHEN $2 = 'succeeded' THEN false ELSE credentials_delivered END,
         updated_at = clock_timestamp()
       WHERE id = $1 AND (state = 'unknown' OR (state = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())))
       RETURNING ${COLUMNS}`,
      [id, outcome === 'APPLIED' ? 'succeeded' : 'failed', outcome === 'NOT_APPLIED', resultAccountId, note],
    );
    return rows[0] ? toIntent(rows[0]) : null;
  }

  /**
   * Takes the right to hand out credentials once (a replay of an account whose password nobody has seen).
   * Exactly one caller gets true; `undo` gives it back when setting the password failed.
   */
  async takeCredentialDelivery(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'UPDATE write_intents SET credentials_delivered = true, updated_at = clock_timestamp() WHERE id = $1 AND NOT credentials_delivered RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async undoCredentialDelivery(id: string): Promise<void> {
    await this.db.query('UPDATE write_intents SET credentials_delivered = false WHERE id = $1', [id]);
  }

  /**
   * Leases up to `limit` intents that need reconciling — unknown ones nobody holds, and pending ones whose
   * owner's lease ran out — to `owner` (SKIP LOCKED: replicas never pick the same one).
   */
  async leaseForReconcile(owner: string, leaseMs: number, limit: number, olderThanMs = 0): Promise<WriteIntent[]> {
    const rows = await this.db.query<Row>(
      `WITH picked AS (
         SELECT id FROM write_intents
         WHERE state IN ('pending', 'unknown') AND provider <> 'STORE'
           AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())
           AND updated_at < clock_timestamp() - $4 * interval '1 millisecond'
           AND (state = 'pending' OR username IS NOT NULL OR target IS NOT NULL)
         ORDER BY updated_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE write_intents w SET lease_owner = $1, lease_expires_at = clock_timestamp() + $2 * interval '1 millisecond',
         attempt = w.attempt + 1, updated_at = clock_timestamp()
       FROM picked WHERE w.id = picked.id RETURNING ${COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1w.$2')}`,
      [owner, leaseMs, limit, olderThanMs],
    );
    return rows.map(toIntent);
  }

  /** Intents nobody can finish on their own: unknown ones, and pending ones whose lease ran out. Oldest first. */
  async listUnresolved(query: {
    first: number;
    /** The last intent of the previous page (its row's own created_at: microseconds, which a JS Date drops). */
    afterId?: string | null;
  }): Promise<{ items: WriteIntent[]; hasNextPage: boolean; totalCount: number }> {
    // Store-only writes (customers kept here) commit in one transaction: nothing upstream is left to settle.
    const where = `provider <> 'STORE' AND (state = 'unknown' OR (state = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())))`;
    const [count] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM write_intents WHERE ${where}`,
    );
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM write_intents WHERE ${where}
         AND ($1::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM write_intents WHERE id = $1::uuid))
       ORDER BY created_at, id LIMIT $2`,
      [query.afterId ?? null, query.first + 1],
    );
    return {
      items: rows.slice(0, query.first).map(toIntent),
      hasNextPage: rows.length > query.first,
      totalCount: Number(count?.n ?? 0),
    };
  }

  /** Counts per state (operators, tests). */
  async countByState(): Promise<Record<IntentState, number>> {
    const rows = await this.db.query<{ state: IntentState; n: string | number }>(
      'SELECT state, count(*) AS n FROM write_intents GROUP BY state',
    );
    const out: Record<IntentState, number> = { pending: 0, succeeded: 0, failed: 0, unknown: 0 };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}

export function assertNoPassword(value: unknown): void {
  const text = JSON.stringify(value ?? null);
  if (/"(password|vpnPassword)"\s*:\s*"/.test(text)) throw new Error('refusing to store a password in an intent');
}
