import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../config.js';
import { ErrorCode, InputError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import type { CustomerRecord } from '../domain/records.js';
import type { AccountDirectory } from '../providers/port.js';
import { redact } from '../lib/redact.js';
import { openDatabase, type Db, type OpenOptions } from './db.js';
import { IntentStore, type FinishInput } from './intents.js';

/**
 * The store: registry of accounts known to this API (the list for vendors without a list call, and
 * customer links), customers kept here, write-ahead intents (with their idempotency keys), the mutation journal
 * and API keys. Every decision that must hold across replicas (idempotency claims, leases) is made by the database.
 */

export interface JournalEntry {
  actor: string;
  operation: string;
  provider: string | null;
  target: string;
  input: Record<string, unknown>;
  outcome: 'ok' | 'user_error' | 'error' | 'unknown';
  errorCode: string | null;
  requestId: string | null;
}

export interface RegistryEntry {
  provider: ProviderName;
  nativeId: string;
  username: string;
  customerId?: string | null;
  via?: 'api' | 'import';
}

const SECRET_KEY = /pass|secret|token|key/i;

interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  external_ref: string | null;
}

export class Store implements AccountDirectory {
  readonly intents: IntentStore;

  constructor(readonly db: Db) {
    this.intents = new IntentStore(db);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  // ---- account registry ------------------------------------------------------------------------

  async registerAccount(entry: RegistryEntry): Promise<void> {
    await registerIn(this.db, entry);
  }

  async importAccounts(
    provider: ProviderName,
    rows: ReadonlyArray<{ nativeId: string; username: string; customerId?: string | null }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO account_registry (provider, native_id, username, customer_id, created_via)
       SELECT $1, n, u, c, 'import' FROM unnest($2::text[], $3::text[], $4::text[]) AS t(n, u, c)
       ON CONFLICT DO NOTHING`,
      [provider, rows.map((r) => r.nativeId), rows.map((r) => r.username), rows.map((r) => r.customerId ?? null)],
    );
  }

  async unregisterAccount(provider: ProviderName, nativeId: string): Promise<void> {
    await this.db.query('DELETE FROM account_registry WHERE provider = $1 AND native_id = $2', [provider, nativeId]);
  }

  async findAccount(
    provider: ProviderName,
    by: { nativeId?: string; username?: string },
  ): Promise<{ nativeId: string; username: string; customerId: string | null } | null> {
    const rows = await this.db.query<{ native_id: string; username: string; customer_id: string | null }>(
      `SELECT native_id, username, customer_id FROM account_registry
       WHERE provider = $1 AND (native_id = $2 OR username = $3) LIMIT 1`,
      [provider, by.nativeId ?? null, by.username ?? null],
    );
    const row = rows[0];
    return row ? { nativeId: row.native_id, username: row.username, customerId: row.customer_id } : null;
  }

  async linkCustomer(provider: ProviderName, nativeId: string, customerId: string | null): Promise<void> {
    await this.db.query('UPDATE account_registry SET customer_id = $3 WHERE provider = $1 AND native_id = $2', [
      provider,
      nativeId,
      customerId,
    ]);
  }

  /** Customer links of many accounts in one query, in input order. */
  async customerLinks(provider: ProviderName, nativeIds: readonly string[]): Promise<Array<string | null>> {
    if (nativeIds.length === 0) return [];
    const rows = await this.db.query<{ native_id: string; customer_id: string | null }>(
      'SELECT native_id, customer_id FROM account_registry WHERE provider = $1 AND native_id = ANY($2::text[])',
      [provider, [...nativeIds]],
    );
    const map = new Map(rows.map((r) => [r.native_id, r.customer_id]));
    return nativeIds.map((id) => map.get(id) ?? null);
  }

  async list(
    provider: ProviderName,
    query: { offset: number; limit: number; usernamePrefix?: string; customerNativeId?: string },
  ): Promise<{ usernames: string[]; total: number }> {
    const params: unknown[] = [provider];
    let where = 'provider = $1';
    if (query.usernamePrefix) {
      params.push(`${query.usernamePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where += ` AND username LIKE $${params.length}`;
    }
    if (query.customerNativeId) {
      params.push(query.customerNativeId);
      where += ` AND customer_id = $${params.length}`;
    }
    const [count] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM account_registry WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<{ username: string }>(
      `SELECT username FROM account_registry WHERE ${where} ORDER BY created_at, username OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, query.offset, query.limit],
    );
    return { usernames: rows.map((r) => r.username), total: Number(count?.n ?? 0) };
  }

  async customerOf(provider: ProviderName, usernames: readonly string[]): Promise<Array<string | null>> {
    return (await this.entries(provider, usernames)).map((e) => e?.customerNativeId ?? null);
  }

  async entries(
    provider: ProviderName,
    usernames: readonly string[],
  ): Promise<Array<{ customerNativeId: string | null } | null>> {
    if (usernames.length === 0) return [];
    const rows = await this.db.query<{ username: string; customer_id: string | null }>(
      'SELECT username, customer_id FROM account_registry WHERE provider = $1 AND username = ANY($2::text[])',
      [provider, [...usernames]],
    );
    const map = new Map(rows.map((r) => [r.username, { customerNativeId: r.customer_id }]));
    return usernames.map((u) => map.get(u) ?? null);
  }

  /** Accounts linked to a customer (the link is the customer's global id or its store id). */
  async accountsOfCustomer(
    customerId: string,
  ): Promise<Array<{ provider: ProviderName; nativeId: string; username: string }>> {
    const globalId = Buffer.from(`Customer:STORE:${customerId}`).toString('base64url');
    const rows = await this.db.query<{ provider: ProviderName; native_id: string; username: string }>(
      'SELECT provider, native_id, username FROM account_registry WHERE customer_id = $1 OR customer_id = $2 ORDER BY created_at, username',
      [customerId, globalId],
    );
    return rows.map((r) => ({ provider: r.provider, nativeId: r.native_id, username: r.username }));
  }

  // ---- customers kept here ---------------------------------------------------------------------

  async createCustomer(input: {
    firstName: string;
    lastName: string;
    email: string;
    externalRef?: string | null;
  }): Promise<CustomerRecord> {
    try {
      const [row] = await this.db.query<CustomerRow>(
        `INSERT INTO customers (first_name, last_name, email, external_ref) VALUES ($1, $2, $3, $4)
         RETURNING id, first_name, last_name, email, external_ref`,
        [input.firstName, input.lastName, input.email, input.externalRef ?? null],
      );
      return toCustomer(row as CustomerRow);
    } catch (error) {
      if (String((error as { code?: string }).code) === '23505') {
        throw new InputError('email', 'The email has already been taken.', ErrorCode.CONFLICT);
      }
      throw error;
    }
  }

  async getCustomers(ids: readonly string[]): Promise<Array<CustomerRecord | null>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return ids.map(() => null);
    const rows = await this.db.query<CustomerRow>(
      'SELECT id, first_name, last_name, email, external_ref FROM customers WHERE id = ANY($1::uuid[])',
      [valid],
    );
    const map = new Map(rows.map((r) => [r.id, toCustomer(r)]));
    return ids.map((id) => map.get(id.toLowerCase()) ?? null);
  }

  async listCustomers(query: {
    offset: number;
    limit: number;
  }): Promise<{ items: CustomerRecord[]; totalCount: number }> {
    const [count] = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM customers');
    const rows = await this.db.query<CustomerRow>(
      'SELECT id, first_name, last_name, email, external_ref FROM customers ORDER BY created_at, id OFFSET $1 LIMIT $2',
      [query.offset, query.limit],
    );
    return { items: rows.map(toCustomer), totalCount: Number(count?.n ?? 0) };
  }

  async updateCustomer(
    id: string,
    changes: { firstName?: string; lastName?: string; email?: string },
  ): Promise<CustomerRecord> {
    const [existing] = await this.getCustomers([id]);
    if (!existing) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
    const [row] = await this.db.query<CustomerRow>(
      `UPDATE customers SET first_name = COALESCE($2, first_name), last_name = COALESCE($3, last_name),
         email = COALESCE($4, email), updated_at = now() WHERE id = $1
       RETURNING id, first_name, last_name, email, external_ref`,
      [id, changes.firstName ?? null, changes.lastName ?? null, changes.email ?? null],
    );
    return toCustomer(row as CustomerRow);
  }

  async deleteCustomer(id: string): Promise<void> {
    const [existing] = await this.getCustomers([id]);
    if (!existing) throw new InputError('customerId', 'No such customer.', ErrorCode.NOT_FOUND);
    if ((await this.accountsOfCustomer(id)).length > 0) {
      throw new InputError('customerId', 'Unable to delete a customer that has accounts.', ErrorCode.CONFLICT);
    }
    await this.db.query('DELETE FROM customers WHERE id = $1', [id]);
  }

  // ---- write-ahead intents (idempotency claims included) ----------------------------------------

  /**
   * A created account enters the directory and its intent becomes `succeeded` in one transaction, so a crash
   * can never leave one without the other. False when `owner` no longer held the lease (the account is
   * registered all the same; the new owner finds it too).
   */
  async completeCreate(
    intentId: string,
    owner: string | null,
    entry: RegistryEntry,
    result: FinishInput,
    also?: (tx: Db) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await registerIn(tx, entry);
      await also?.(tx); // e.g. the ACCOUNT_CREATED event: committed with the account or not at all
      return this.intents.finish(intentId, owner, result, tx);
    });
  }

  // ---- journal ---------------------------------------------------------------------------------

  async journal(entry: JournalEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO journal (actor, operation, provider, target, input, outcome, error_code, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
      [
        entry.actor,
        entry.operation,
        entry.provider,
        redact(entry.target),
        JSON.stringify(scrub(entry.input)),
        entry.outcome,
        entry.errorCode,
        entry.requestId,
      ],
    );
  }

  async listJournal(query: { limit: number; target?: string }): Promise<Array<JournalEntry & { at: string }>> {
    const rows = await this.db.query<{
      at: string | Date;
      actor: string;
      operation: string;
      provider: string | null;
      target: string;
      input: Record<string, unknown>;
      outcome: JournalEntry['outcome'];
      error_code: string | null;
      request_id: string | null;
    }>(
      `SELECT at, actor, operation, provider, target, input, outcome, error_code, request_id FROM journal
       WHERE ($1::text IS NULL OR target = $1) ORDER BY id DESC LIMIT $2`,
      [query.target ?? null, query.limit],
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      operation: r.operation,
      provider: r.provider,
      target: r.target,
      input: r.input,
      outcome: r.outcome,
      errorCode: r.error_code,
      requestId: r.request_id,
    }));
  }

  // ---- API keys --------------------------------------------------------------------------------

  /**
   * Stores a new API key (only its hash is kept) and answers the key once. `role` is a global role, or
   * `customer` / `reseller` with `scope`: the same claims a scoped JWT carries (see README "Scoped access").
   */
  async createApiKey(
    name: string,
    role: Role | 'customer' | 'reseller',
    scope: Record<string, unknown> | null = null,
  ): Promise<{ id: string; key: string }> {
    const key = randomBytes(32).toString('base64url');
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO api_keys (name, role, key_hash, scope) VALUES ($1, $2, $3, $4::jsonb) RETURNING id',
      [name, role, sha256(key), scope ? JSON.stringify(scope) : null],
    );
    return { id: (row as { id: string }).id, key };
  }

  async findApiKey(
    key: string,
  ): Promise<{ id: string; name: string; role: string; scope: Record<string, unknown> | null } | null> {
    const [row] = await this.db.query<{ id: string; name: string; role: string; scope: unknown }>(
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

  async revokeApiKey(id: string): Promise<void> {
    await this.db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

export async function openStore(options: OpenOptions): Promise<Store> {
  return new Store(await openDatabase(options));
}

function toCustomer(row: CustomerRow): CustomerRecord {
  return {
    provider: null, // kept by this API: no provider
    nativeId: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    projectNativeId: null,
    externalRef: row.external_ref,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Journal input without secrets: secret-named keys dropped, strings redacted. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && k !== 'idempotencyKey') continue;
      out[k] = scrub(v);
    }
    return out;
  }
  return value;
}

async function registerIn(db: Db, entry: RegistryEntry): Promise<void> {
  await db.query(
    `INSERT INTO account_registry (provider, native_id, username, customer_id, created_via)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (provider, native_id) DO UPDATE
       SET username = EXCLUDED.username,
           customer_id = COALESCE(EXCLUDED.customer_id, account_registry.customer_id)`,
    [entry.provider, entry.nativeId, entry.username, entry.customerId ?? null, entry.via ?? 'api'],
  );
}
