import { ErrorCode, InputError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, CustomerRecord } from '../../domain/records.js';
import type { AccountDirectory } from '../../providers/port.js';
import {
  createApiKey,
  findApiKey,
  getApiKey,
  getApiKeyByName,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRecord,
  type ApiKeyRole,
} from './api-keys.js';
import { createCustomer, getCustomers, listCustomers, updateCustomer } from './customers.js';
import { openDatabase, type Db, type OpenOptions } from '../db/db.js';
import { IntentStore } from './intents.js';
import { type FinishInput } from './intent-rows.js';
import { listJournal, writeJournal, type JournalEntry } from './journal.js';
import { Mirror } from '../mirror/mirror.js';

/**
 * The store: registry of accounts known to this API (the list for vendors without a list call, and
 * customer links), customers kept here, write-ahead intents (with their idempotency keys), the mutation journal
 * and API keys. Every decision that must hold across replicas (idempotency claims, leases) is made by the database.
 */

export interface RegistryEntry {
  provider: ProviderName;
  nativeId: string;
  username: string;
  customerId?: string | null;
  /** The project of the account's customer (global Project id; VPNresellers), when known. */
  projectId?: string | null;
  via?: 'api' | 'import';
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

  /** The directory row of an account still listed (not gone at the vendor): its username and links. */
  async directoryEntry(
    provider: ProviderName,
    nativeId: string,
  ): Promise<{ username: string; customerId: string | null; projectId: string | null } | null> {
    const [row] = await this.db.query<{ username: string; customer_id: string | null; project_id: string | null }>(
      `SELECT username, customer_id, project_id FROM account_registry
       WHERE provider = $1 AND native_id = $2 AND gone_at IS NULL`,
      [provider, nativeId],
    );
    return row ? { username: row.username, customerId: row.customer_id, projectId: row.project_id } : null;
  }

  async linkCustomer(provider: ProviderName, nativeId: string, customerId: string | null): Promise<void> {
    await this.db.query(
      `UPDATE account_registry SET customer_id = $3, customer_confirmed_at = clock_timestamp()
       WHERE provider = $1 AND native_id = $2`,
      [provider, nativeId, customerId],
    );
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
    // One statement for the count and the page: a live list's vendor reads start once its page is known, and on
    // the embedded database every statement is a turn of the event loop's thread.
    const [row] = await this.db.query<{ n: string | number; usernames: string[] }>(
      `SELECT (SELECT count(*) FROM account_registry WHERE ${where}) AS n,
              ARRAY(SELECT username FROM account_registry WHERE ${where} ORDER BY created_at, username
                    OFFSET $${params.length + 1} LIMIT $${params.length + 2}) AS usernames`,
      [...params, query.offset, query.limit],
    );
    return { usernames: row?.usernames ?? [], total: Number(row?.n ?? 0) };
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

  createCustomer(input: {
    firstName: string;
    lastName: string;
    email: string;
    externalRef?: string | null;
  }): Promise<CustomerRecord> {
    return createCustomer(this.db, input);
  }

  getCustomers(ids: readonly string[]): Promise<Array<CustomerRecord | null>> {
    return getCustomers(this.db, ids);
  }

  listCustomers(query: { offset: number; limit: number }): Promise<{ items: CustomerRecord[]; totalCount: number }> {
    return listCustomers(this.db, query);
  }

  updateCustomer(
    id: string,
    changes: { firstName?: string; lastName?: string; email?: string },
  ): Promise<CustomerRecord> {
    return updateCustomer(this.db, id, changes);
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
   * can never leave one without the other. A vendor's confirmation settles the intent even when `owner` lost
   * its lease meanwhile (see IntentStore.finish); false only when it had already succeeded.
   */
  async completeCreate(
    intentId: string,
    owner: string | null,
    entry: RegistryEntry,
    result: FinishInput,
    also?: (tx: Db) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await claimIn(tx, intentId, entry);
      const settled = await this.intents.finish(intentId, owner, result, tx);
      // e.g. the ACCOUNT_CREATED event: committed with the account, once (not by a second settler)
      if (settled) await also?.(tx);
      return settled;
    });
  }

  /**
   * A write on an existing account that the vendor confirmed: the mirror records the account as the write
   * left it (or the directory forgets a deleted one) and the intent becomes `succeeded`, in one transaction —
   * so a quota, which counts the directory's open accounts, changes exactly when the intent settles.
   */
  async completeWrite(
    intentId: string,
    owner: string | null,
    change: { account: AccountRecord | null; gone?: { provider: ProviderName; nativeId: string } },
    result: FinishInput,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (change.account) {
        // The vendor did it: a directory row that cannot take the new state (a constraint) must not undo that.
        // The intent settles all the same; the next read or sync puts the row right.
        await tx.query('SAVEPOINT mirror_write');
        try {
          await new Mirror(tx).write([change.account], 'write');
          await tx.query('RELEASE SAVEPOINT mirror_write');
        } catch {
          await tx.query('ROLLBACK TO SAVEPOINT mirror_write');
        }
      }
      if (change.gone)
        await tx.query('DELETE FROM account_registry WHERE provider = $1 AND native_id = $2', [
          change.gone.provider,
          change.gone.nativeId,
        ]);
      return this.intents.finish(intentId, owner, result, tx);
    });
  }

  // ---- journal ---------------------------------------------------------------------------------

  journal(entry: JournalEntry): Promise<void> {
    return writeJournal(this.db, entry);
  }

  listJournal(query: { limit: number; target?: string }): Promise<Array<JournalEntry & { at: string }>> {
    return listJournal(this.db, query);
  }

  // ---- API keys --------------------------------------------------------------------------------

  /**
   * Stores a new API key (only its hash is kept) and answers the key once. `role` is a global role, or
   * `customer` / `reseller` with `scope`: the same claims a scoped JWT carries (see docs/keys.md).
   * A taken name → InputError CONFLICT.
   */
  createApiKey(
    name: string,
    role: ApiKeyRole,
    scope: Record<string, unknown> | null = null,
  ): Promise<{ id: string; key: string; record: ApiKeyRecord }> {
    return createApiKey(this.db, name, role, scope);
  }

  /** The active key with this secret (looked up on every request, never cached), or null. */
  findApiKey(
    key: string,
  ): Promise<{ id: string; name: string; role: string; scope: Record<string, unknown> | null } | null> {
    return findApiKey(this.db, key);
  }

  getApiKey(id: string): Promise<ApiKeyRecord | null> {
    return getApiKey(this.db, id);
  }

  getApiKeyByName(name: string): Promise<ApiKeyRecord | null> {
    return getApiKeyByName(this.db, name);
  }

  listApiKeys(query: { offset: number; limit: number }): Promise<{ items: ApiKeyRecord[]; totalCount: number }> {
    return listApiKeys(this.db, query);
  }

  /** Revokes a key (idempotent); null when there is no such key. */
  revokeApiKey(id: string): Promise<ApiKeyRecord | null> {
    return revokeApiKey(this.db, id);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

export async function openStore(options: OpenOptions): Promise<Store> {
  return new Store(await openDatabase(options));
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

/**
 * A create's account enters the directory — never by re-linking a row someone else owns. The row may already
 * be there only because this intent put it there, or because a sync saw the new account after this intent
 * began and before it settled (no owner, learned after the intent's start): anything else is not ours, and
 * the create is refused as a CONFLICT (the transaction rolls back; the intent stays as it was).
 */
async function claimIn(tx: Db, intentId: string, entry: RegistryEntry): Promise<void> {
  const [existing] = await tx.query<{ created_by_intent: string | null; customer_id: string | null; ours: boolean }>(
    `SELECT r.created_by_intent, r.customer_id,
            (r.created_by_intent = $3::uuid
             OR (r.created_by_intent IS NULL AND r.customer_id IS NULL AND r.created_via <> 'api'
                 AND r.created_at >= (SELECT created_at FROM write_intents WHERE id = $3::uuid))) AS ours
     FROM account_registry r WHERE r.provider = $1 AND (r.native_id = $2 OR r.username = $4) FOR UPDATE`,
    [entry.provider, entry.nativeId, intentId, entry.username],
  );
  if (existing && !existing.ours)
    throw new InputError(
      'username',
      'That account already exists and is not the one this request created.',
      ErrorCode.CONFLICT,
    );
  // The links the create told the vendor are confirmed by its answer (no customer is a link too).
  await tx.query(
    `INSERT INTO account_registry (provider, native_id, username, customer_id, project_id, created_via,
            created_by_intent, customer_confirmed_at)
     VALUES ($1, $2, $3, $4, $7, $5, $6, clock_timestamp())
     ON CONFLICT (provider, native_id) DO UPDATE
       SET username = EXCLUDED.username, customer_id = EXCLUDED.customer_id, project_id = EXCLUDED.project_id,
           created_by_intent = EXCLUDED.created_by_intent, customer_confirmed_at = EXCLUDED.customer_confirmed_at`,
    [
      entry.provider,
      entry.nativeId,
      entry.username,
      entry.customerId ?? null,
      entry.via ?? 'api',
      intentId,
      entry.projectId ?? null,
    ],
  );
}
