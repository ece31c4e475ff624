import type { ProviderName } from '../../domain/provider.js';
import type { Db } from '../../core/db/db.js';
import type { SyncCounts, SyncIssue, SyncIssueKind, SyncMode, SyncRun } from '../../domain/sync-log-records.js';

/**
 * Sync runs (one running per provider, decided by a unique index, so replicas never run the same sync twice)
 * and the drift they find (sync issues: one open entry per account and kind).
 */

import {
  insertRun,
  ISSUE_COLUMNS,
  lockProvider,
  RUN_COLUMNS,
  toIssue,
  toRun,
  type IssueRow,
  type RunRow,
} from './sync-log.rows.js';

export class SyncLog {
  constructor(private readonly db: Db) {}

  /**
   * Starts a run unless one is going for that provider: then answers the running one (`started: false`).
   * A run whose worker died (no heartbeat for `staleAfterMs`) is marked failed and replaced.
   */
  async start(
    provider: ProviderName,
    mode: SyncMode,
    staleAfterMs = 120_000,
  ): Promise<{ run: SyncRun; started: boolean }> {
    return this.db.transaction(async (tx) => {
      await lockProvider(tx, provider);
      const started = await insertRun(tx, provider, mode, staleAfterMs);
      if (started) return { run: started, started: true };
      const [running] = await tx.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE provider = $1 AND status = 'RUNNING'`,
        [provider],
      );
      if (!running) throw new Error(`no running sync for ${provider} and none could be started`);
      return { run: toRun(running), started: false };
    });
  }

  /**
   * The scheduled start: starts a run only when none is going for that provider and none started in the last
   * `notWithinMs` (so the same schedule tick handled by several replicas, or twice, starts one run). Decided under
   * a per-provider advisory lock in one transaction. Answers the latest run before this one (`previous`), whose
   * start tells how much time the new run's budget covers; `run` is null when nothing was started.
   */
  async startIfDue(
    provider: ProviderName,
    mode: SyncMode,
    notWithinMs: number,
    staleAfterMs = 120_000,
  ): Promise<{ run: SyncRun | null; started: boolean; previous: SyncRun | null }> {
    return this.db.transaction(async (tx) => {
      await lockProvider(tx, provider);
      const [latest] = await tx.query<RunRow & { recent: boolean }>(
        `SELECT ${RUN_COLUMNS}, (status = 'RUNNING' AND heartbeat_at >= clock_timestamp() - ($3::int * interval '1 millisecond'))
             OR started_at > clock_timestamp() - ($2::int * interval '1 millisecond') AS recent
         FROM sync_runs WHERE provider = $1 ORDER BY started_at DESC, id LIMIT 1`,
        [provider, Math.max(0, Math.floor(notWithinMs)), staleAfterMs],
      );
      const previous = latest ? toRun(latest) : null;
      if (latest?.recent) return { run: null, started: false, previous };
      const run = await insertRun(tx, provider, mode, staleAfterMs);
      return { run, started: run !== null, previous };
    });
  }

  /** Progress so far (and proof the worker is alive). */
  async progress(id: string, counts: SyncCounts): Promise<void> {
    await this.db.query(
      `UPDATE sync_runs SET seen = $2, added = $3, changed = $4, gone = $5, vendor_calls = $6, heartbeat_at = clock_timestamp()
       WHERE id = $1`,
      [id, counts.seen, counts.added, counts.changed, counts.gone, counts.vendorCalls],
    );
  }

  async finish(id: string, counts: SyncCounts, failure?: { code: string; message: string }): Promise<SyncRun> {
    const [row] = await this.db.query<RunRow>(
      `UPDATE sync_runs SET status = $2, finished_at = clock_timestamp(), seen = $3, added = $4, changed = $5, gone = $6,
         vendor_calls = $7, error_code = $8, error_message = $9
       WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
      [
        id,
        failure ? 'FAILED' : 'SUCCEEDED',
        counts.seen,
        counts.added,
        counts.changed,
        counts.gone,
        counts.vendorCalls,
        failure?.code ?? null,
        failure?.message ?? null,
      ],
    );
    if (!row) throw new Error(`sync run ${id} not found`);
    return toRun(row);
  }

  async runs(ids: readonly string[]): Promise<Array<SyncRun | null>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const rows = valid.length
      ? await this.db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = ANY($1::uuid[])`, [valid])
      : [];
    const map = new Map(rows.map((r) => [r.id, toRun(r)]));
    return ids.map((id) => map.get(id) ?? null);
  }

  /** Newest first. */
  async recentRuns(query: {
    provider?: ProviderName;
    limit: number;
    offset: number;
  }): Promise<{ items: SyncRun[]; totalCount: number }> {
    const params: unknown[] = [query.provider ?? null];
    const where = '($1::text IS NULL OR provider = $1)';
    const [count] = await this.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM sync_runs WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE ${where} ORDER BY started_at DESC, id LIMIT $2 OFFSET $3`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toRun), totalCount: Number(count?.n ?? 0) };
  }

  /**
   * Records drift. An open entry for the same account and kind is refreshed rather than repeated. `resolution`
   * given: recorded as already handled (e.g. an orphan adopted at once).
   */
  async report(
    issues: ReadonlyArray<{
      provider: ProviderName;
      nativeId: string;
      username: string;
      kind: SyncIssueKind;
      details: Record<string, unknown>;
      resolution?: string;
    }>,
    runId: string | null,
  ): Promise<void> {
    // One statement per 1,000 entries (a first sync of a vendor this API has never seen reports every account
    // as an orphan: one statement each was 2,000 turns of the embedded database for 2,000 accounts). An open
    // entry may be reported twice in one call: the later one wins, in the place of the first (its row), as it
    // did statement by statement; entries keep the order they came in.
    const firstOpen = new Map<string, number>();
    const rows: Array<(typeof issues)[number]> = [];
    for (const issue of issues) {
      const key = `${issue.provider}\u0000${issue.nativeId}\u0000${issue.kind}`;
      const at = issue.resolution === undefined ? firstOpen.get(key) : undefined;
      if (at !== undefined) rows[at] = issue;
      else {
        if (issue.resolution === undefined) firstOpen.set(key, rows.length);
        rows.push(issue);
      }
    }
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      await this.db.query(
        `INSERT INTO sync_issues (provider, native_id, username, kind, run_id, details, resolved_at, resolution)
         SELECT provider, native_id, username, kind, $1::uuid, details,
                CASE WHEN resolution IS NULL THEN NULL ELSE clock_timestamp() END, resolution
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[])
           WITH ORDINALITY AS t(provider, native_id, username, kind, details, resolution, n)
         ORDER BY n
         ON CONFLICT (provider, native_id, kind) WHERE resolved_at IS NULL
         DO UPDATE SET details = EXCLUDED.details, run_id = EXCLUDED.run_id, detected_at = clock_timestamp()`,
        [
          runId,
          chunk.map((r) => r.provider),
          chunk.map((r) => r.nativeId),
          chunk.map((r) => r.username),
          chunk.map((r) => r.kind),
          chunk.map((r) => JSON.stringify(r.details)),
          chunk.map((r) => r.resolution ?? null),
        ],
      );
    }
  }

  /** Drift entries, newest first; open ones only unless `includeResolved`. */
  async issues(query: {
    providers?: readonly ProviderName[];
    kinds?: readonly SyncIssueKind[];
    includeResolved?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ items: SyncIssue[]; totalCount: number }> {
    const params: unknown[] = [
      query.providers?.length ? [...query.providers] : null,
      query.kinds?.length ? [...query.kinds] : null,
      query.includeResolved === true,
    ];
    const where = `($1::text[] IS NULL OR provider = ANY($1)) AND ($2::text[] IS NULL OR kind = ANY($2)) AND ($3 OR resolved_at IS NULL)`;
    const [count] = await this.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM sync_issues WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<IssueRow>(
      `SELECT ${ISSUE_COLUMNS} FROM sync_issues WHERE ${where} ORDER BY detected_at DESC, id DESC LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toIssue), totalCount: Number(count?.n ?? 0) };
  }

  async issue(id: string): Promise<SyncIssue | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.query<IssueRow>(`SELECT ${ISSUE_COLUMNS} FROM sync_issues WHERE id = $1::bigint`, [id]);
    return row ? toIssue(row) : null;
  }

  /** Closes an open entry; null when there is no open entry with that id. */
  async resolve(id: string, resolution: string): Promise<SyncIssue | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.query<IssueRow>(
      `UPDATE sync_issues SET resolved_at = clock_timestamp(), resolution = $2
       WHERE id = $1::bigint AND resolved_at IS NULL RETURNING ${ISSUE_COLUMNS}`,
      [id, resolution],
    );
    return row ? toIssue(row) : null;
  }
}
