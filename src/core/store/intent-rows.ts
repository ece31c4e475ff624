import type { ProviderName } from '../../domain/provider.js';
import type { Db } from '../db/db.js';

/** Write-ahead intents as records and as rows of `write_intents` (see intents.ts). */

export type IntentState = 'pending' | 'succeeded' | 'failed' | 'unknown';

export interface WriteIntent {
  id: string;
  key: string | null;
  operation: string;
  provider: ProviderName;
  inputHash: string;
  /** Account the write is about (native id), for operations on an existing account. */
  target: string | null;
  /** The username that finds a created account (ours, or the vendor's once it told us). */
  username: string | null;
  /** What else reconciliation needs (customer link to register, expiry before a renewal, …). */
  context: Record<string, unknown>;
  state: IntentState;
  attempt: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  retryAllowed: boolean;
  resultAccountId: string | null;
  response: unknown;
  credentialsDelivered: boolean;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Whose quota a create or reopen reserves while the intent is open (the scope's identity). */
  scopeKey: string | null;
  /** `PROVIDER:nativeId` of the account written (null for a create). */
  accountKey: string | null;
  /** The write opens an account (create, reopen): it holds a unit of the scope's quota while open. */
  opensAccount: boolean;
  /** The write adds time (renew, plan change): one at a time per account. */
  addsTime: boolean;
}

export type BeginResult =
  /** The caller holds the lease. `takeover`: an earlier attempt may have reached the vendor — reconcile first. */
  | { kind: 'claimed'; intent: WriteIntent; takeover: boolean }
  /** Final: replay its answer. */
  | { kind: 'replay'; intent: WriteIntent }
  /** Someone else holds a live lease. */
  | { kind: 'busy'; intent: WriteIntent }
  | { kind: 'mismatch' };

export interface BeginInput {
  /** Scoped idempotency key, or null for a write without one (still recorded, for crash recovery). */
  key: string | null;
  operation: string;
  provider: ProviderName;
  inputHash: string;
  target?: string | null;
  username?: string | null;
  context?: Record<string, unknown>;
  owner: string;
  leaseMs: number;
  /** A final intent older than this frees its key for new use (default 24 h). */
  keyTtlMs?: number;
  scopeKey?: string | null;
  accountKey?: string | null;
  opensAccount?: boolean;
  addsTime?: boolean;
  /**
   * Runs in the claim's transaction before a new attempt is recorded (a fresh intent, or one that failed and
   * may run again) — never for a replay or a takeover: quota reservations and per-account bounds are decided
   * here, under their locks, atomically with the intent. Throws to refuse (nothing is recorded).
   */
  guard?: (tx: Db) => Promise<void>;
}

export interface FinishInput {
  state: Exclude<IntentState, 'pending'>;
  response?: unknown;
  retryAllowed?: boolean;
  resultAccountId?: string | null;
  credentialsDelivered?: boolean;
  errorCode?: string | null;
  errorMessage?: string | null;
  username?: string | null;
  /** Merged into the intent's context (e.g. the expiry a time-adding write left). */
  context?: Record<string, unknown>;
}

export interface Row {
  id: string;
  idempotency_key: string | null;
  operation: string;
  provider: ProviderName;
  input_hash: string;
  target: string | null;
  username: string | null;
  context: Record<string, unknown> | string | null;
  state: IntentState;
  attempt: number;
  lease_owner: string | null;
  lease_expires_at: Date | string | null;
  retry_allowed: boolean;
  result_account_id: string | null;
  response: unknown;
  credentials_delivered: boolean;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  scope_key: string | null;
  account_key: string | null;
  opens_account: boolean;
  adds_time: boolean;
  live?: boolean;
}

export const COLUMNS = `id, idempotency_key, operation, provider, input_hash, target, username, context, state, attempt, lease_owner,
  lease_expires_at, retry_allowed, result_account_id, response, credentials_delivered, last_error_code, last_error_message,
  created_at, updated_at, scope_key, account_key, opens_account, adds_time`;

export function toIntent(row: Row): WriteIntent {
  return {
    id: row.id,
    key: row.idempotency_key,
    operation: row.operation,
    provider: row.provider,
    inputHash: row.input_hash,
    target: row.target,
    username: row.username,
    context:
      typeof row.context === 'string' ? (JSON.parse(row.context) as Record<string, unknown>) : (row.context ?? {}),
    state: row.state,
    attempt: row.attempt,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at ? new Date(row.lease_expires_at) : null,
    retryAllowed: row.retry_allowed,
    resultAccountId: row.result_account_id,
    response: row.response,
    credentialsDelivered: row.credentials_delivered,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    scopeKey: row.scope_key,
    accountKey: row.account_key,
    opensAccount: row.opens_account,
    addsTime: row.adds_time,
  };
}
