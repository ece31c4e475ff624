/**
 * SQL of account history (the outbox), webhook endpoints and their deliveries.
 *
 * - `account_events`: one row per change, written in the transaction of the change where that is a DB write.
 *   `dedupe_key` (unique) makes notices fire at most once per account, threshold and expiry date.
 * - `webhook_deliveries`: one row per (event, endpoint), inserted by the same statement that writes the event,
 *   so an event can never exist without its deliveries; a job sends the due ones (`next_attempt_at`).
 * - `webhook_attempts`: every attempt of a delivery, with its answer and duration.
 */
export const EVENTS_MIGRATION = `
CREATE TABLE account_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  provider text,
  native_id text,
  username text,
  kind text NOT NULL,
  before jsonb,
  after jsonb,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor text NOT NULL,
  dedupe_key text UNIQUE
);
CREATE INDEX account_events_account ON account_events (provider, native_id, id DESC);
CREATE INDEX account_events_kind ON account_events (kind, id DESC);
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url text NOT NULL,
  description text,
  events text[] NOT NULL,
  secret text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz
);
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id bigint NOT NULL REFERENCES account_events (id),
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
  state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz DEFAULT clock_timestamp(),
  lease_expires_at timestamptz,
  last_status_code integer,
  last_error text,
  last_duration_ms integer,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  delivered_at timestamptz,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id);
CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  status_code integer,
  duration_ms integer NOT NULL,
  error text,
  next_attempt_at timestamptz
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id)
`;

/**
 * Bulk operations and their items. Each item has its own state row: it is CLAIMED (in its own statement)
 * before its vendor write and settled after it, so a run that dies leaves at most the claimed items to
 * reconcile (read the account, then decide) and never writes a settled item again.
 */
export const BULK_MIGRATION = `
CREATE TABLE bulk_operations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idempotency_key text UNIQUE,
  request_hash text NOT NULL,
  action text NOT NULL,
  args jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  actor text NOT NULL,
  total integer NOT NULL DEFAULT 0,
  cancel_requested boolean NOT NULL DEFAULT false,
  lease_owner text,
  lease_expires_at timestamptz,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX bulk_operations_runnable ON bulk_operations (created_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE TABLE bulk_items (
  operation_id uuid NOT NULL REFERENCES bulk_operations (id),
  seq integer NOT NULL,
  account_id text NOT NULL,
  provider text,
  native_id text,
  status text NOT NULL CHECK (status IN ('PENDING', 'CLAIMED', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')),
  attempts integer NOT NULL DEFAULT 0,
  error_code text,
  error_message text,
  error_field text[],
  claimed_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (operation_id, seq)
);
CREATE INDEX bulk_items_todo ON bulk_items (operation_id, provider, seq) WHERE status IN ('PENDING', 'CLAIMED')
`;

/**
 * Bulk operations, issue #24: a chosen CHANGE_PASSWORD password is kept only sealed (AES-256-GCM) in its own
 * column, set to NULL when the operation ends (never in `args`); an item the vendor rate-limited goes back to
 * PENDING until `not_before`; `bulk_pace` holds each provider's next free vendor-call slot, shared by every
 * operation and replica (BULK_RATE_<PROVIDER>, and a vendor's Retry-After pushes it).
 */
export const BULK_PACING_MIGRATION = `
ALTER TABLE bulk_operations ADD COLUMN sealed_password text;
UPDATE bulk_operations SET args = args - 'password' WHERE status NOT IN ('QUEUED', 'RUNNING');
ALTER TABLE bulk_items ADD COLUMN not_before timestamptz, ADD COLUMN deferrals integer NOT NULL DEFAULT 0;
CREATE TABLE bulk_pace (
  provider text PRIMARY KEY,
  next_at timestamptz NOT NULL,
  paused_until timestamptz
)
`;
