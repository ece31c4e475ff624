import { MIRROR_MIGRATION } from './mirror-schema.js';

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
  { version: 3, sql: MIRROR_MIGRATION },
];
