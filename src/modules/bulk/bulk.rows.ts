import type { ProviderName } from '../../domain/provider.js';
import type { StoredViewer } from '../moves/index.js';

/** Records and row mapping of bulk operations (store/bulk.ts). */

export type BulkStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type BulkItemStatus = 'PENDING' | 'CLAIMED' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

export interface BulkOperationRecord {
  id: string;
  action: string;
  args: Record<string, unknown>;
  status: BulkStatus;
  actor: string;
  total: number;
  cancelRequested: boolean;
  /** A chosen password is held (sealed) for the operation; never the password itself. */
  hasPassword: boolean;
  /** MOVE: who started it (each move runs as them: scope, quota, key namespace); null for the other actions. */
  viewer: StoredViewer | null;
  /** The key namespace it was started in (`reseller` or `scope:<identity>`): a scope sees its own operations. */
  tenant: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: Record<BulkItemStatus, number>;
}

export interface NewBulkItem {
  accountId: string;
  provider: ProviderName | null;
  nativeId: string | null;
  /** Settled at creation (pre-flight): FAILED / SKIPPED with an error; else PENDING. */
  status: 'PENDING' | 'FAILED' | 'SKIPPED';
  error?: { code: string; message: string; field: string[] | null } | null;
}

export interface BulkItemRecord {
  seq: number;
  accountId: string;
  provider: ProviderName | null;
  nativeId: string | null;
  status: BulkItemStatus;
  attempts: number;
  /** Times the vendor answered 429 and the item went back to the queue. */
  deferrals: number;
  /** Ms until a deferred item may go again (0: now). */
  waitMs: number;
  error: { code: string; message: string; field: string[] | null } | null;
}

export interface OpRow {
  id: string;
  action: string;
  args: Record<string, unknown> | string;
  status: BulkStatus;
  actor: string;
  total: number;
  cancel_requested: boolean;
  has_password: boolean;
  viewer: StoredViewer | string | null;
  tenant: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  counts: Record<string, number> | string;
}
export interface ItemRow {
  seq: number;
  account_id: string;
  provider: ProviderName | null;
  native_id: string | null;
  status: BulkItemStatus;
  attempts: number;
  deferrals: number;
  wait_ms: number;
  error_code: string | null;
  error_message: string | null;
  error_field: string[] | null;
}

function json<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

export function toOp(r: OpRow): BulkOperationRecord {
  const c = json(r.counts);
  return {
    id: r.id,
    action: r.action,
    args: json(r.args),
    status: r.status,
    actor: r.actor,
    total: r.total,
    cancelRequested: r.cancel_requested,
    hasPassword: r.has_password,
    viewer: r.viewer === null ? null : json(r.viewer),
    tenant: r.tenant,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: {
      PENDING: c.PENDING ?? 0,
      CLAIMED: c.CLAIMED ?? 0,
      SUCCEEDED: c.SUCCEEDED ?? 0,
      FAILED: c.FAILED ?? 0,
      SKIPPED: c.SKIPPED ?? 0,
      CANCELLED: c.CANCELLED ?? 0,
    },
  };
}

export function toItem(r: ItemRow): BulkItemRecord {
  return {
    seq: r.seq,
    accountId: r.account_id,
    provider: r.provider,
    nativeId: r.native_id,
    status: r.status,
    attempts: r.attempts,
    deferrals: r.deferrals,
    waitMs: r.wait_ms,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '', field: r.error_field } : null,
  };
}
