/**
 * SQL of the account mirror (kept apart from the older migrations so the mirror's shape reads in one place).
 *
 * The mirror is the directory itself grown by the last-known state of each account: one row per account in
 * `account_registry`, whatever told us about it (a sync, a live read, a write made here). Sort columns are
 * generated so that every keyset order is one b-tree index: (sort key, provider, native_id).
 */
export const MIRROR_MIGRATION = `
ALTER TABLE account_registry
  ADD COLUMN status text NOT NULL DEFAULT 'UNKNOWN',
  ADD COLUMN provider_status text,
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN account_created_at timestamptz,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN plan_code text,
  ADD COLUMN project_id text,
  ADD COLUMN record jsonb,
  ADD COLUMN synced_at timestamptz,
  ADD COLUMN synced_via text CHECK (synced_via IN ('sync', 'live', 'write')),
  ADD COLUMN gone_at timestamptz;
ALTER TABLE account_registry
  ADD COLUMN expires_sort timestamptz GENERATED ALWAYS AS (COALESCE(expires_at, 'infinity'::timestamptz)) STORED,
  ADD COLUMN created_sort timestamptz GENERATED ALWAYS AS (COALESCE(account_created_at, created_at)) STORED,
  ADD COLUMN synced_sort timestamptz GENERATED ALWAYS AS (COALESCE(synced_at, '-infinity'::timestamptz)) STORED;
CREATE INDEX account_mirror_username ON account_registry (username, provider, native_id);
CREATE INDEX account_mirror_expires ON account_registry (expires_sort, provider, native_id);
CREATE INDEX account_mirror_created ON account_registry (created_sort, provider, native_id);
CREATE INDEX account_mirror_status ON account_registry (status, provider, native_id);
CREATE INDEX account_mirror_provider ON account_registry (provider, native_id);
CREATE INDEX account_mirror_synced ON account_registry (synced_sort, provider, native_id);
CREATE INDEX account_mirror_project ON account_registry (project_id);
CREATE TABLE sync_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('FULL', 'REFRESH')),
  status text NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  heartbeat_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  seen integer NOT NULL DEFAULT 0,
  added integer NOT NULL DEFAULT 0,
  changed integer NOT NULL DEFAULT 0,
  gone integer NOT NULL DEFAULT 0,
  vendor_calls integer NOT NULL DEFAULT 0,
  error_code text,
  error_message text
);
CREATE UNIQUE INDEX sync_runs_one_running ON sync_runs (provider) WHERE status = 'RUNNING';
CREATE INDEX sync_runs_started ON sync_runs (started_at DESC, id);
CREATE TABLE sync_issues (
  id bigserial PRIMARY KEY,
  provider text NOT NULL,
  native_id text NOT NULL,
  username text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ORPHAN_AT_VENDOR', 'GONE_AT_VENDOR', 'CHANGED_AT_VENDOR')),
  detected_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  run_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  resolved_at timestamptz,
  resolution text
);
CREATE INDEX sync_issues_open ON sync_issues (detected_at DESC, id DESC) WHERE resolved_at IS NULL;
CREATE UNIQUE INDEX sync_issues_one_open ON sync_issues (provider, native_id, kind) WHERE resolved_at IS NULL
`;

/**
 * Freshness field by field (issue #26): when the vendor last confirmed each group of an account's fields. A
 * read that cannot see a group (a WLVPN list row has no plan nor expiry) leaves its confirmation as it was;
 * `synced_at` becomes the oldest confirmation of the record's groups (status, expiry, plan, bandwidth), so
 * every order, filter and refresh that reads it treats a row as old as its least recently confirmed field.
 * The customer link's confirmation is kept apart (it comes from customer lists, a create or a link made here).
 * Existing rows: every group was last "confirmed" by their synced_at (nothing better is known).
 */
export const FRESHNESS_MIGRATION = `
ALTER TABLE account_registry
  ADD COLUMN status_confirmed_at timestamptz,
  ADD COLUMN expiry_confirmed_at timestamptz,
  ADD COLUMN plan_confirmed_at timestamptz,
  ADD COLUMN bandwidth_confirmed_at timestamptz,
  ADD COLUMN customer_confirmed_at timestamptz;
UPDATE account_registry SET status_confirmed_at = synced_at, expiry_confirmed_at = synced_at,
  plan_confirmed_at = synced_at, bandwidth_confirmed_at = synced_at
WHERE synced_at IS NOT NULL
`;

/**
 * Completeness of the mirror per provider (issue #26): whether it holds the provider's whole account set.
 * - `complete_at`: when it first did — for vendors with a list call, the end of the first full listing (a FULL
 *   sync, or a list read whole by a request); for the others, the moment every directory row had been confirmed
 *   by a read at least once. Kept across restarts; never cleared.
 * - `listed_at`: the end of the last full listing (sync or request): how fresh the membership is.
 * Existing databases are backfilled from their successful FULL runs and from directories already confirmed.
 */
export const MIRROR_COVERAGE_MIGRATION = `
CREATE TABLE mirror_coverage (
  provider text PRIMARY KEY,
  complete_at timestamptz,
  listed_at timestamptz
);
CREATE INDEX account_mirror_unconfirmed ON account_registry (provider) WHERE synced_at IS NULL AND gone_at IS NULL;
INSERT INTO mirror_coverage (provider, complete_at, listed_at)
  SELECT provider, min(finished_at), max(finished_at) FROM sync_runs
  WHERE mode = 'FULL' AND status = 'SUCCEEDED' AND finished_at IS NOT NULL GROUP BY provider;
INSERT INTO mirror_coverage (provider, complete_at)
  SELECT DISTINCT provider, clock_timestamp() FROM sync_runs r WHERE mode = 'REFRESH' AND status = 'SUCCEEDED'
    AND NOT EXISTS (SELECT 1 FROM account_registry a
                    WHERE a.provider = r.provider AND a.synced_at IS NULL AND a.gone_at IS NULL)
  ON CONFLICT (provider) DO NOTHING
`;
