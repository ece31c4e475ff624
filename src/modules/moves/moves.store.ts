import { ErrorCode, InputError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import { isUuid } from '../../lib/uuid.js';
import type { Db } from '../../core/db/db.js';
import { EventStore, type NewEvent } from '../../core/events/events.store.js';

/**
 * Account moves between providers (issue #30): one row per move, leased by one runner at a time (a runner that
 * goes silent loses it and another resumes), its saga step, the time carried over, the target once created,
 * and every step as it ran. At most one open move (QUEUED, RUNNING, NEEDS_ATTENTION) per source account.
 */

export type MoveStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'NEEDS_ATTENTION';
export type MoveStep = 'VALIDATE' | 'CREATE' | 'RETIRE' | 'REPOINT' | 'DONE';
export type SourceAction = 'disable' | 'close' | 'delete';

export interface MoveStepRecord {
  name: 'VALIDATE' | 'CREATE' | 'RETIRE' | 'REPOINT';
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'RETRYING';
  startedAt: string;
  finishedAt: string | null;
  attempts: number;
  code: string | null;
  message: string | null;
}

/** The time a move carries over, and how it was rounded to the target's granularity. */
export interface CarryOver {
  sourceExpiresAt: string;
  /** Whole days from today until the source's expiry (a started day counts). */
  remainingDays: number;
  /** Days bought at the target (≥ remainingDays). */
  targetDays: number;
  /** targetDays − remainingDays. */
  roundedUpDays: number;
  /** How the target sells time (e.g. "PureVPN periods of 30, 60, 90, 180 or 365 days"). */
  granularity: string;
  /** What the create sends: a period (PureWL, PureVPN, VPNresellers) and/or a plan code (WLVPN, PureVPN, PureWL). */
  periodDays: number | null;
  planCode: string | null;
  /** The target's expiry as the vendor answered it (after the create). */
  targetExpiresAt: string | null;
}

/** Who asked for the move (the runner acts as them: their scope, quota and key namespace). No secret. */
export interface StoredViewer {
  actor: string;
  roles: string[];
  scope: {
    kind: 'customer' | 'reseller';
    customerIds: string[];
    projectIds: string[];
    ops: string[];
    quota: number | null;
    key: string;
  } | null;
}

export interface MoveRecord {
  id: string;
  seq: number;
  /** The key namespace the move was asked in (`reseller`, or `scope:<identity>` for a sub-reseller's scope). */
  tenant: string;
  actor: string;
  viewer: StoredViewer;
  sourceProvider: ProviderName;
  sourceNativeId: string;
  sourceUsername: string;
  toProvider: ProviderName;
  /** The source's directory links when the move was asked for (a deleted source's row is gone later). */
  links: MoveLinks;
  planCode: string | null;
  keepUsername: boolean;
  sourceAction: SourceAction;
  status: MoveStatus;
  step: MoveStep;
  carry: CarryOver | null;
  targetNativeId: string | null;
  targetUsername: string | null;
  steps: MoveStepRecord[];
  attempts: number;
  passwordTaken: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface NewMove {
  idempotencyKey: string;
  requestHash: string;
  actor: string;
  viewer: StoredViewer;
  sourceProvider: ProviderName;
  sourceNativeId: string;
  sourceUsername: string;
  toProvider: ProviderName;
  links: MoveLinks;
  planCode: string | null;
  keepUsername: boolean;
  sourceAction: SourceAction;
  /** Null when the move was recorded without reading the source (a bulk MOVE item): VALIDATE computes it. */
  carry: CarryOver | null;
  /** Recorded already leased to this runner (RUNNING): a bulk MOVE item runs its move in its own paced run. */
  lease?: { owner: string; ms: number };
}

export interface MoveLinks {
  customerId: string | null;
  projectId: string | null;
}

export interface MovePatch {
  status?: MoveStatus;
  step?: MoveStep;
  carry?: CarryOver;
  target?: { nativeId: string; username: string };
  steps?: MoveStepRecord[];
  attempts?: number;
  error?: { code: string; message: string } | null;
}

const ISO = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLS = `id::text, seq, idempotency_key, actor, viewer, source_provider, source_native_id, source_username, to_provider, links, plan_code,
  keep_username, source_action, status, step, carry, target_native_id, target_username, steps, attempts, password_taken,
  error_code, error_message, ${ISO('created_at')} AS created_at, ${ISO('updated_at')} AS updated_at,
  ${ISO('finished_at')} AS finished_at`;

interface Row {
  id: string;
  seq: string | number;
  idempotency_key: string;
  actor: string;
  viewer: StoredViewer | string;
  source_provider: ProviderName;
  source_native_id: string;
  source_username: string;
  to_provider: ProviderName;
  links: MoveLinks | string;
  plan_code: string | null;
  keep_username: boolean;
  source_action: SourceAction;
  status: MoveStatus;
  step: MoveStep;
  carry: CarryOver | string | null;
  target_native_id: string | null;
  target_username: string | null;
  steps: MoveStepRecord[] | string;
  attempts: number;
  password_taken: boolean;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

function json<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

/** The namespace prefix of a stored key: `scope:<identity>:…` or `reseller:…` (ScopeGuard.tenant). */
export function tenantOf(idempotencyKey: string): string {
  return /^(scope:[^:]+|reseller):/.exec(idempotencyKey)?.[1] ?? 'reseller';
}

function toMove(r: Row): MoveRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    tenant: tenantOf(r.idempotency_key),
    actor: r.actor,
    viewer: json(r.viewer),
    sourceProvider: r.source_provider,
    sourceNativeId: r.source_native_id,
    sourceUsername: r.source_username,
    toProvider: r.to_provider,
    links: json(r.links),
    planCode: r.plan_code,
    keepUsername: r.keep_username,
    sourceAction: r.source_action,
    status: r.status,
    step: r.step,
    carry: r.carry === null ? null : json(r.carry),
    targetNativeId: r.target_native_id,
    targetUsername: r.target_username,
    steps: json(r.steps),
    attempts: r.attempts,
    passwordTaken: r.password_taken,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export interface MoveFilter {
  statuses?: readonly MoveStatus[] | null;
  sourceProvider?: ProviderName | null;
  toProvider?: ProviderName | null;
  /** `provider:nativeId` of an account that is the source or the target of the move. */
  account?: { provider: ProviderName; nativeId: string } | null;
  /** Scoped callers: moves asked in this key namespace (the scope's identity, whatever credential asked). */
  tenant?: string | null;
}

export class MoveStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a move, QUEUED. With an idempotency key already used: the earlier move (`mismatch` when asked with
   * different input). A source account with an open move refuses a second one (CONFLICT).
   */
  async create(input: NewMove): Promise<{ move: MoveRecord; created: boolean; mismatch: boolean }> {
    const [existing] = await this.db.query<{ id: string; request_hash: string }>(
      'SELECT id::text, request_hash FROM account_moves WHERE idempotency_key = $1',
      [input.idempotencyKey],
    );
    if (existing)
      return {
        move: (await this.get(existing.id))!,
        created: false,
        mismatch: existing.request_hash !== input.requestHash,
      };
    let row: { id: string } | undefined;
    try {
      [row] = await this.db.query<{ id: string }>(
        `INSERT INTO account_moves (idempotency_key, request_hash, actor, viewer, source_provider, source_native_id,
           source_username, to_provider, plan_code, keep_username, source_action, status, carry, links, lease_owner,
           lease_expires_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $14::text IS NULL THEN 'QUEUED' ELSE 'RUNNING' END,
           $12::jsonb, $13::jsonb, $14,
           CASE WHEN $14::text IS NULL THEN NULL ELSE clock_timestamp() + ($15::int * interval '1 millisecond') END)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text`,
        [
          input.idempotencyKey,
          input.requestHash,
          input.actor,
          JSON.stringify(input.viewer),
          input.sourceProvider,
          input.sourceNativeId,
          input.sourceUsername,
          input.toProvider,
          input.planCode,
          input.keepUsername,
          input.sourceAction,
          input.carry ? JSON.stringify(input.carry) : null,
          JSON.stringify(input.links),
          input.lease?.owner ?? null,
          input.lease?.ms ?? 0,
        ],
      );
    } catch (error) {
      if (String((error as { code?: string }).code) === '23505')
        throw new InputError(
          'accountId',
          'This account has a move that is not finished (or needs attention); see `accountMoves`.',
          ErrorCode.CONFLICT,
        );
      throw error;
    }
    if (!row) return this.create(input); // a concurrent request with the same key won: answer its move
    return { move: (await this.get(row.id))!, created: true, mismatch: false };
  }

  /** The move recorded under this (namespaced) idempotency key. */
  async byKey(idempotencyKey: string): Promise<MoveRecord | null> {
    const [row] = await this.db.query<Row>(`SELECT ${COLS} FROM account_moves WHERE idempotency_key = $1`, [
      idempotencyKey,
    ]);
    return row ? toMove(row) : null;
  }

  async get(id: string): Promise<MoveRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<Row>(`SELECT ${COLS} FROM account_moves WHERE id = $1`, [id]);
    return row ? toMove(row) : null;
  }

  /** A page of moves, newest first (keyset on seq). */
  async list(
    filter: MoveFilter,
    first: number,
    beforeSeq: number | null,
  ): Promise<{ moves: MoveRecord[]; hasNextPage: boolean; totalCount: number }> {
    const where = `($1::text[] IS NULL OR status = ANY($1)) AND ($2::text IS NULL OR source_provider = $2)
      AND ($3::text IS NULL OR to_provider = $3)
      AND ($4::text IS NULL OR (source_provider = $4 AND source_native_id = $5)
           OR (to_provider = $4 AND target_native_id = $5))
      AND ($6::text IS NULL OR starts_with(idempotency_key, $6 || ':'))`;
    const params = [
      filter.statuses?.length ? [...filter.statuses] : null,
      filter.sourceProvider ?? null,
      filter.toProvider ?? null,
      filter.account?.provider ?? null,
      filter.account?.nativeId ?? null,
      filter.tenant ?? null,
    ];
    const rows = await this.db.query<Row>(
      `SELECT ${COLS} FROM account_moves WHERE ${where} AND ($7::bigint IS NULL OR seq < $7)
       ORDER BY seq DESC LIMIT $8`,
      [...params, beforeSeq, first + 1],
    );
    const [count] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account_moves WHERE ${where}`,
      params,
    );
    return { moves: rows.slice(0, first).map(toMove), hasNextPage: rows.length > first, totalCount: count?.n ?? 0 };
  }

  /** Leases one move to run: a queued one, or a running one whose runner went silent. */
  async lease(owner: string, leaseMs: number): Promise<MoveRecord | null> {
    const [row] = await this.db.query<{ id: string }>(
      `UPDATE account_moves SET status = 'RUNNING', lease_owner = $1, updated_at = clock_timestamp(),
         lease_expires_at = clock_timestamp() + ($2::int * interval '1 millisecond')
       WHERE id = (SELECT id FROM account_moves
                   WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < clock_timestamp())
                   ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text`,
      [owner, leaseMs],
    );
    return row ? this.get(row.id) : null;
  }

  /** Leases this move (a bulk MOVE item's): when queued, or running under a lease that ran out. */
  async leaseOne(id: string, owner: string, leaseMs: number): Promise<MoveRecord | null> {
    const [row] = await this.db.query<{ id: string }>(
      `UPDATE account_moves SET status = 'RUNNING', lease_owner = $2, updated_at = clock_timestamp(),
         lease_expires_at = clock_timestamp() + ($3::int * interval '1 millisecond')
       WHERE id = $1 AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < clock_timestamp()))
       RETURNING id::text`,
      [id, owner, leaseMs],
    );
    return row ? this.get(row.id) : null;
  }

  /** Extends the lease; false when another runner took the move over (or it ended). */
  async heartbeat(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE account_moves SET lease_expires_at = clock_timestamp() + ($3::int * interval '1 millisecond')
       WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING id::text`,
      [id, owner, leaseMs],
    );
    return rows.length > 0;
  }

  /** Saves the saga's progress, only while `owner` holds the lease; false when it does not. */
  async save(id: string, owner: string, patch: MovePatch, tx: Db = this.db): Promise<boolean> {
    const final = patch.status === 'COMPLETED' || patch.status === 'FAILED' || patch.status === 'NEEDS_ATTENTION';
    const rows = await tx.query<{ id: string }>(
      `UPDATE account_moves SET
         status = COALESCE($3, status), step = COALESCE($4, step), carry = COALESCE($5::jsonb, carry),
         target_native_id = COALESCE($6, target_native_id), target_username = COALESCE($7, target_username),
         steps = COALESCE($8::jsonb, steps), attempts = COALESCE($9, attempts),
         error_code = CASE WHEN $10 THEN $11 ELSE error_code END,
         error_message = CASE WHEN $10 THEN $12 ELSE error_message END,
         lease_owner = CASE WHEN $13 THEN NULL ELSE lease_owner END,
         finished_at = CASE WHEN $13 THEN clock_timestamp() ELSE finished_at END,
         updated_at = clock_timestamp()
       WHERE id = $1 AND lease_owner = $2 AND status = 'RUNNING' RETURNING id::text`,
      [
        id,
        owner,
        patch.status ?? null,
        patch.step ?? null,
        patch.carry ? JSON.stringify(patch.carry) : null,
        patch.target?.nativeId ?? null,
        patch.target?.username ?? null,
        patch.steps ? JSON.stringify(patch.steps) : null,
        patch.attempts ?? null,
        patch.error !== undefined,
        patch.error?.code ?? null,
        patch.error?.message ?? null,
        final,
      ],
    );
    return rows.length > 0;
  }

  /**
   * The last step, in one transaction: the target's directory row takes the source's customer and project
   * links, ACCOUNT_MOVED is written on both accounts (the webhook outbox), and the move is COMPLETED.
   */
  async complete(move: MoveRecord, owner: string, patch: MovePatch, events: NewEvent[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const done = await this.save(move.id, owner, { ...patch, status: 'COMPLETED', step: 'DONE' }, tx);
      if (!done) return false;
      await tx.query(
        `UPDATE account_registry SET customer_id = COALESCE($1, customer_id), project_id = COALESCE($2, project_id)
         WHERE provider = $3 AND native_id = $4`,
        [move.links.customerId, move.links.projectId, move.toProvider, move.targetNativeId],
      );
      await new EventStore(tx).append(events, tx);
      return true;
    });
  }

  /** The moved account's password is handed out once: taken atomically, given back when setting it failed. */
  async takePassword(id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE account_moves SET password_taken = true
       WHERE id = $1 AND status = 'COMPLETED' AND NOT password_taken RETURNING id::text`,
      [id],
    );
    return rows.length > 0;
  }

  async undoPassword(id: string): Promise<void> {
    await this.db.query('UPDATE account_moves SET password_taken = false WHERE id = $1', [id]);
  }

  /** An operator's retry of a move that needs attention: QUEUED again, its attempts counted from zero. */
  async requeue(id: string): Promise<MoveRecord | null> {
    if (!isUuid(id)) return null;
    await this.db.query(
      `UPDATE account_moves SET status = 'QUEUED', attempts = 0, finished_at = NULL, lease_owner = NULL,
         updated_at = clock_timestamp()
       WHERE id = $1 AND status = 'NEEDS_ATTENTION'`,
      [id],
    );
    return this.get(id);
  }
}
