import { isUuid } from '../../lib/uuid.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../config/checks.js';
import { ErrorCode, InputError } from '../../domain/errors.js';
import type { Db } from '../db/db.js';

/**
 * API keys (table `api_keys`): only a key's hash is kept; the key itself is answered once, by `createApiKey`.
 * Names are unique (migration 9): a key's name is its identity in the journal (`key:<name>`) and the key its
 * sub-reseller quota is counted under.
 *
 * Nothing here (nor in the authenticator) caches a key: every request looks its hash up, so a revocation is
 * seen by the next request on every replica.
 */

/** What a stored key may be: a global role, or `customer` / `reseller` with scope claims. */
export type ApiKeyRole = Role | 'customer' | 'reseller';

/** A stored key as listed (never its secret, never its hash). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: string;
  /** The scope claims (`vg_customers`, `vg_projects`, `vg_ops`, `vg_quota`), as stored; null for a global role. */
  scope: Record<string, unknown> | null;
  createdAt: string;
  revokedAt: string | null;
  /** Last request made with it, to within LAST_USED_GRANULARITY_S (null: never used since migration 9). */
  lastUsedAt: string | null;
}

/** How stale `last_used_at` may be: a lookup writes it at most once per key in this many seconds. */
export const LAST_USED_GRANULARITY_S = 60;

/** Secrets look like `vgk_<43 base64url chars>` (32 random bytes); the prefix lets scanners and redaction spot them. */
export const API_KEY_PREFIX = 'vgk_';

interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  scope: unknown;
  created_at: string | Date;
  revoked_at: string | Date | null;
  last_used_at: string | Date | null;
}

const COLUMNS = 'id, name, role, scope, created_at, revoked_at, last_used_at';

/**
 * Stores a new API key (only its hash is kept) and answers the key once. `role` is a global role, or
 * `customer` / `reseller` with `scope`: the same claims a scoped JWT carries (see docs/keys.md).
 * A name already taken (by any key, revoked ones included) → InputError CONFLICT at `name`.
 */
export async function createApiKey(
  db: Db,
  name: string,
  role: ApiKeyRole,
  scope: Record<string, unknown> | null = null,
): Promise<{ id: string; key: string; record: ApiKeyRecord }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  try {
    const [row] = await db.query<ApiKeyRow>(
      `INSERT INTO api_keys (name, role, key_hash, scope) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
      [name, role, sha256(key), scope ? JSON.stringify(scope) : null],
    );
    const record = toRecord(row as ApiKeyRow);
    return { id: record.id, key, record };
  } catch (error) {
    if (isNameConflict(error)) throw nameTaken();
    throw error;
  }
}

/** The error a taken name answers. */
function nameTaken(): InputError {
  return new InputError(
    'name',
    'An API key with this name already exists (revoked keys keep theirs).',
    ErrorCode.CONFLICT,
  );
}

/**
 * The active key with this secret, or null (unknown or revoked). Read on every request, never cached; notes
 * the use in `last_used_at` (written at most once per LAST_USED_GRANULARITY_S, in the same statement).
 */
export async function findApiKey(
  db: Db,
  key: string,
): Promise<{ id: string; name: string; role: string; scope: Record<string, unknown> | null } | null> {
  const [row] = await db.query<{ id: string; name: string; role: string; scope: unknown }>(
    `WITH k AS (
       SELECT id, name, role, scope, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
     ), touched AS (
       UPDATE api_keys SET last_used_at = now()
       WHERE id IN (SELECT id FROM k WHERE last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
       RETURNING id
     )
     SELECT id, name, role, scope FROM k`,
    [sha256(key), LAST_USED_GRANULARITY_S],
  );
  if (!row) return null;
  return { id: row.id, name: row.name, role: row.role, scope: scopeOf(row.scope) };
}

/** One key by id (revoked ones too); null when there is none (or `id` is not a uuid). */
export async function getApiKey(db: Db, id: string): Promise<ApiKeyRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
  return row ? toRecord(row) : null;
}

/** One key by name (revoked ones too). */
export async function getApiKeyByName(db: Db, name: string): Promise<ApiKeyRecord | null> {
  const [row] = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE name = $1`, [name]);
  return row ? toRecord(row) : null;
}

/** Keys oldest first (created_at, id): keys are never deleted, so offsets stay stable while paging. */
export async function listApiKeys(
  db: Db,
  query: { offset: number; limit: number },
): Promise<{ items: ApiKeyRecord[]; totalCount: number }> {
  const [count] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM api_keys');
  const rows = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id OFFSET $1 LIMIT $2`, [
    query.offset,
    query.limit,
  ]);
  return { items: rows.map(toRecord), totalCount: Number(count?.n ?? 0) };
}

/**
 * Revokes a key: from the next request on (on every replica) it is refused. Revoking a revoked key changes
 * nothing (its first revocation time stays). Null when there is no such key.
 */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return row ? toRecord(row) : null;
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    scope: scopeOf(row.scope),
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
  };
}

function scopeOf(value: unknown): Record<string, unknown> | null {
  const scope = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return scope && typeof scope === 'object' && !Array.isArray(scope) ? (scope as Record<string, unknown>) : null;
}

function iso(value: string | Date): string {
  return new Date(value).toISOString();
}

function isNameConflict(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown };
  return String(e.code) === '23505' && (e.constraint === undefined || e.constraint === 'api_keys_name_key');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
