import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../config.js';
import type { Db } from './db.js';

/** API keys (table `api_keys`): only a key's hash is kept. */

/**
 * Stores a new API key (only its hash is kept) and answers the key once. `role` is a global role, or
 * `customer` / `reseller` with `scope`: the same claims a scoped JWT carries (see README "Scoped access").
 */
export async function createApiKey(
  db: Db,
  name: string,
  role: Role | 'customer' | 'reseller',
  scope: Record<string, unknown> | null = null,
): Promise<{ id: string; key: string }> {
  const key = randomBytes(32).toString('base64url');
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO api_keys (name, role, key_hash, scope) VALUES ($1, $2, $3, $4::jsonb) RETURNING id',
    [name, role, sha256(key), scope ? JSON.stringify(scope) : null],
  );
  return { id: (row as { id: string }).id, key };
}

export async function findApiKey(
  db: Db,
  key: string,
): Promise<{ id: string; name: string; role: string; scope: Record<string, unknown> | null } | null> {
  const [row] = await db.query<{ id: string; name: string; role: string; scope: unknown }>(
    'SELECT id, name, role, scope FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [sha256(key)],
  );
  if (!row) return null;
  const scope = typeof row.scope === 'string' ? (JSON.parse(row.scope) as unknown) : row.scope;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    scope: scope && typeof scope === 'object' ? (scope as Record<string, unknown>) : null,
  };
}

export async function revokeApiKey(db: Db, id: string): Promise<void> {
  await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
