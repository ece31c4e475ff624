/** Migration 10 (issue #30): account moves between providers. */
export const MOVES_MIGRATION = `
CREATE TABLE account_moves (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial UNIQUE,
  idempotency_key text NOT NULL UNIQUE,
  request_hash text NOT NULL,
  actor text NOT NULL,
  viewer jsonb NOT NULL,
  source_provider text NOT NULL,
  source_native_id text NOT NULL,
  source_username text NOT NULL,
  to_provider text NOT NULL,
  plan_code text,
  links jsonb NOT NULL DEFAULT '{}'::jsonb,
  keep_username boolean NOT NULL DEFAULT false,
  source_action text NOT NULL CHECK (source_action IN ('disable', 'close', 'delete')),
  status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'NEEDS_ATTENTION')),
  step text NOT NULL DEFAULT 'VALIDATE' CHECK (step IN ('VALIDATE', 'CREATE', 'RETIRE', 'REPOINT', 'DONE')),
  carry jsonb,
  target_native_id text,
  target_username text,
  steps jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_expires_at timestamptz,
  password_taken boolean NOT NULL DEFAULT false,
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz
);
CREATE INDEX account_moves_runnable ON account_moves (created_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE UNIQUE INDEX account_moves_open_source ON account_moves (source_provider, source_native_id)
  WHERE status IN ('QUEUED', 'RUNNING', 'NEEDS_ATTENTION')`;
