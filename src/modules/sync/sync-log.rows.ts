import type { ProviderName } from '../../domain/provider.js';
import type { Db } from '../../core/db/db.js';
import type { SyncIssue, SyncIssueKind, SyncMode, SyncRun, SyncStatus } from '../../domain/sync-log-records.js';

/** Rows of sync_runs / sync_issues and their records; the statements that start a run (SyncLog's helpers). */

export const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const RUN_COLUMNS = `id::text, provider, mode, status, ${ISO('started_at')} AS started_at, ${ISO('finished_at')} AS finished_at,
  seen, added, changed, gone, vendor_calls, error_code, error_message`;
export const ISSUE_COLUMNS = `id::text, provider, native_id, username, kind, ${ISO('detected_at')} AS detected_at, run_id::text,
  details, ${ISO('resolved_at')} AS resolved_at, resolution`;

export interface RunRow {
  id: string;
  provider: ProviderName;
  mode: SyncMode;
  status: SyncStatus;
  started_at: string;
  finished_at: string | null;
  seen: number;
  added: number;
  changed: number;
  gone: number;
  vendor_calls: number;
  error_code: string | null;
  error_message: string | null;
}

export interface IssueRow {
  id: string;
  provider: ProviderName;
  native_id: string;
  username: string;
  kind: SyncIssueKind;
  detected_at: string;
  run_id: string | null;
  details: Record<string, unknown> | string;
  resolved_at: string | null;
  resolution: string | null;
}

/** Serialises starts of one provider's runs across connections and replicas (released at commit). */
export async function lockProvider(tx: Pick<Db, 'query'>, provider: ProviderName): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vpn-graph:sync:' || $1::text))`, [provider]);
}

/** Abandons a stale run, then inserts a RUNNING one unless one is going; null when one is. */
export async function insertRun(
  tx: Pick<Db, 'query'>,
  provider: ProviderName,
  mode: SyncMode,
  staleAfterMs: number,
): Promise<SyncRun | null> {
  await tx.query(
    `UPDATE sync_runs SET status = 'FAILED', finished_at = clock_timestamp(), error_code = 'ABANDONED',
       error_message = 'The worker running this sync stopped before finishing it.'
     WHERE provider = $1 AND status = 'RUNNING' AND heartbeat_at < clock_timestamp() - ($2::int * interval '1 millisecond')`,
    [provider, staleAfterMs],
  );
  const [inserted] = await tx.query<RunRow>(
    `INSERT INTO sync_runs (provider, mode, status) VALUES ($1, $2, 'RUNNING')
     ON CONFLICT (provider) WHERE status = 'RUNNING' DO NOTHING RETURNING ${RUN_COLUMNS}`,
    [provider, mode],
  );
  return inserted ? toRun(inserted) : null;
}

export function toRun(r: RunRow): SyncRun {
  return {
    id: r.id,
    provider: r.provider,
    mode: r.mode,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    seen: r.seen,
    added: r.added,
    changed: r.changed,
    gone: r.gone,
    vendorCalls: r.vendor_calls,
    errorCode: r.error_code,
    errorMessage: r.error_message,
  };
}

export function toIssue(r: IssueRow): SyncIssue {
  return {
    id: r.id,
    provider: r.provider,
    nativeId: r.native_id,
    username: r.username,
    kind: r.kind,
    detectedAt: r.detected_at,
    runId: r.run_id,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}
