import { BULK_MIGRATION, BULK_PACING_MIGRATION, EVENTS_MIGRATION } from './events-schema.js';
import { FRESHNESS_MIGRATION, MIRROR_COVERAGE_MIGRATION, MIRROR_MIGRATION } from './mirror-schema.js';
import { MOVES_MIGRATION } from './moves-schema.js';
import { READ_LISTINGS_MIGRATION, READ_MODEL_MIGRATION } from './read-model-schema.js';

/** SQL migrations, applied in order by `migrate` (kept in TS so the build needs no file copying). */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
CREATE TABLE account_registry (
  provider text NOT NULL,
  native_id text NOT NULL,
  username text NOT NULL,
  customer_id text,
  created_via text NOT NULL DEFAULT 'api',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (provider, native_id),
  UNIQUE (provider, username)
);
CREATE INDEX account_registry_customer ON account_registry (customer_id);
CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL UNIQUE,
  external_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  operation text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE TABLE journal (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  operation text NOT NULL,
  provider text,
  target text NOT NULL,
  input jsonb NOT NULL,
  outcome text NOT NULL,
  error_code text,
  request_id text
);
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('reader', 'operator', 'admin')),
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
)`,
  },
  {
    // Write-ahead intents: every non-idempotent vendor write (create, renew) is recorded, with what finds
    // its result later (our username, or the account and its expiry before a renewal), before the call.
    // The idempotency key lives here too (unique while set): claim and intent are one row, one transaction.
    version: 2,
    sql: `
CREATE TABLE write_intents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idempotency_key text UNIQUE,
  operation text NOT NULL,
  provider text NOT NULL,
  input_hash text NOT NULL,
  target text,
  username text,
  context jsonb NOT NULL DEFAULT '{}'::jsonb,
  state text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'unknown')),
  attempt integer NOT NULL DEFAULT 1,
  lease_owner text,
  lease_expires_at timestamptz,
  retry_allowed boolean NOT NULL DEFAULT false,
  result_account_id text,
  response jsonb,
  credentials_delivered boolean NOT NULL DEFAULT false,
  last_error_code text,
  last_error_message text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX write_intents_open ON write_intents (created_at, id) WHERE state IN ('pending', 'unknown')`,
  },
  { version: 3, sql: MIRROR_MIGRATION },
  {
    // Scoped credentials (issue #21): a stored API key may carry a scope (same shape as the JWT claims), and
    // a sub-reseller's quota of open accounts is counted in one row per scope, taken with a conditional
    // UPDATE so concurrent creates on any replica cannot overshoot it.
    version: 4,
    sql: `
ALTER TABLE api_keys ADD COLUMN scope jsonb;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
  CHECK (role IN ('reader', 'operator', 'admin', 'customer', 'reseller'));
CREATE TABLE quota_usage (
  scope_key text PRIMARY KEY,
  used integer NOT NULL CHECK (used >= 0),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
)`,
  },
  { version: 5, sql: EVENTS_MIGRATION },
  { version: 6, sql: BULK_MIGRATION },
  {
    // One write pipeline (issue #24): every vendor write is an intent. Keys live in the caller's tenant
    // namespace (inside idempotency_key); scope_key says whose quota a create/reopen reserves while it is
    // open; account_key serialises time-adding writes per account (customer renewal bounds); the directory
    // row remembers the intent that created it, so a create never re-links an account it did not make.
    // quota_usage (a counter that drifted from the directory) and idempotency_keys (unused) are gone: a
    // quota is the number of open accounts a scope owns plus its open reservations, counted under a lock.
    version: 7,
    sql: `
ALTER TABLE write_intents ADD COLUMN scope_key text;
ALTER TABLE write_intents ADD COLUMN account_key text;
ALTER TABLE write_intents ADD COLUMN opens_account boolean NOT NULL DEFAULT false;
ALTER TABLE write_intents ADD COLUMN adds_time boolean NOT NULL DEFAULT false;
CREATE INDEX write_intents_reservations ON write_intents (scope_key) WHERE opens_account AND state IN ('pending', 'unknown');
CREATE INDEX write_intents_account ON write_intents (account_key, created_at) WHERE account_key IS NOT NULL;
ALTER TABLE account_registry ADD COLUMN created_by_intent uuid;
DROP TABLE IF EXISTS quota_usage;
DROP TABLE IF EXISTS idempotency_keys`,
  },
  { version: 8, sql: BULK_PACING_MIGRATION },
  {
    // API keys managed through the API (issue #24): names become unique, and a key notes when it was last used.
    // Old databases may hold duplicate names (keys were made by SQL or TypeScript). Nothing is revoked and no
    // client breaks: per name, one key keeps it (the oldest active one; the oldest when all are revoked) and
    // every other is renamed `<name> (duplicate <id>)`. A renamed key keeps its secret, role and scope; its
    // journal actor becomes the new name (a sub-reseller quota counts by the scope's identity, not the name).
    version: 9,
    sql: `
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
UPDATE api_keys k SET name = k.name || ' (duplicate ' || k.id::text || ')'
WHERE EXISTS (
  SELECT 1 FROM api_keys o
  WHERE o.name = k.name
    AND (o.revoked_at IS NOT NULL, o.created_at, o.id) < (k.revoked_at IS NOT NULL, k.created_at, k.id)
);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_name_key UNIQUE (name)`,
  },
  // Per-field confirmation times of the mirror (issue #26): syncedAt covers only what a vendor read confirmed.
  { version: 10, sql: FRESHNESS_MIGRATION },
  // Account moves between providers (issue #30): one row per move, leased by one runner at a time, its
  // steps recorded as they run; at most one open move per source account.
  { version: 11, sql: MOVES_MIGRATION },
  // Completeness of the mirror per provider (issue #26): whether it holds a provider's whole account set.
  { version: 12, sql: MIRROR_COVERAGE_MIGRATION },
  {
    // Live updates (subscriptions, issue #29): every committed change a subscriber may wait for is announced on
    // channel vpn_graph_live, to every replica: a new account event (the outbox), a bulk item or operation changing, a
    // sync run changing. The payload names the schema (several stores may share one database) and the row.
    // Bodies stay on one line: the runner splits a migration at a semicolon that ends a line.
    version: 13,
    sql: `
CREATE FUNCTION live_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('vpn_graph_live', current_schema() || ' ' || TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1])); RETURN NULL; END $$;
CREATE TRIGGER account_events_live AFTER INSERT ON account_events FOR EACH ROW EXECUTE FUNCTION live_notify('e', 'id');
CREATE TRIGGER bulk_operations_live AFTER INSERT OR UPDATE ON bulk_operations FOR EACH ROW EXECUTE FUNCTION live_notify('b', 'id');
CREATE TRIGGER bulk_items_live AFTER UPDATE ON bulk_items FOR EACH ROW EXECUTE FUNCTION live_notify('b', 'operation_id');
CREATE TRIGGER sync_runs_live AFTER INSERT OR UPDATE ON sync_runs FOR EACH ROW EXECUTE FUNCTION live_notify('s', 'id')`,
  },
  {
    // Bulk account moves (issue #30, MOVE): who started a bulk operation (their scope, quota and key namespace,
    // as a move stores it; NULL for the other actions, which run as the operation) and the key namespace
    // (tenant) it belongs to: a sub-reseller sees the operations of its own scope.
    version: 14,
    sql: `
ALTER TABLE bulk_operations ADD COLUMN viewer jsonb;
ALTER TABLE bulk_operations ADD COLUMN tenant text NOT NULL DEFAULT 'reseller'`,
  },
  // The whole graph in the store (issue #26): vendor customers and projects, the catalog, usage reports, each
  // with the time the vendor last confirmed it (read model beside the account mirror).
  { version: 15, sql: READ_MODEL_MIGRATION },
  // When each provider's whole customer and project lists were last read (issue #26): the `customers` and
  // `projects` lists are served from the store only when that listing is younger than the allowed age.
  { version: 16, sql: READ_LISTINGS_MIGRATION },
];
