/** Migration 15 (issue #26): the read model's tables (vendor customers and projects, the catalog, usage reports). */
export const READ_MODEL_MIGRATION = `
CREATE TABLE read_customers (
  provider text NOT NULL,
  native_id text NOT NULL,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (provider, native_id)
);
CREATE TABLE read_projects (
  provider text NOT NULL,
  native_id text NOT NULL,
  record jsonb NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (provider, native_id)
);
CREATE TABLE read_catalog (
  provider text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plans', 'servers')),
  records jsonb NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (provider, kind)
);
CREATE TABLE read_usage (
  provider text NOT NULL,
  native_id text NOT NULL,
  range_from text NOT NULL,
  range_to text NOT NULL,
  record jsonb,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (provider, native_id, range_from, range_to)
);
CREATE INDEX read_usage_range ON read_usage (provider, range_from, range_to, synced_at)
`;

/**
 * Migration 16 (issue #26): when each provider's whole customer and project lists were last read (a sync's links
 * step, or a request that read the vendor's whole list). A list field is served from the store only when that
 * listing is younger than the allowed age; otherwise it is read live.
 */
export const READ_LISTINGS_MIGRATION = `
CREATE TABLE read_listings (
  provider text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('customers', 'projects')),
  listed_at timestamptz NOT NULL,
  PRIMARY KEY (provider, kind)
)`;
