import pg from 'pg';
import { usageRange } from '../src/core/usage-range.js';

/**
 * Fills the mirror (the directory's rows) of a Postgres schema with accounts numbered `from`..`to`-1, spread
 * over the four providers, synced now, expiries spread over four years: what a large reseller's mirror holds
 * after its syncs. Written in SQL so 100,000 rows take seconds, not minutes.
 *
 * "Synced now" means every field group confirmed now (the `*_confirmed_at` columns, as a sync or a live read
 * writes them) and a usage report of the default range stored for each account (as a sync of a bulk-usage vendor
 * or an earlier live read stores it). Without them the rows look never confirmed: the emulators do not know these
 * accounts, so a "mirror-served" dashboard would instead read every vendor live and mark the rows gone.
 */
export async function seedMirror(
  /** A Postgres connection string, or an open database (an embedded PGlite directory before the API opens it). */
  target: string | { query(sql: string, params?: unknown[]): Promise<unknown> },
  from: number,
  to: number,
): Promise<void> {
  const c = typeof target === 'string' ? new pg.Client({ connectionString: target }) : undefined;
  await c?.connect();
  const db = c ?? (target as { query(sql: string, params?: unknown[]): Promise<unknown> });
  try {
    await db.query(
      `INSERT INTO account_registry (provider, native_id, username, created_via, status, provider_status, expires_at,
              account_created_at, record, synced_at, synced_via, status_confirmed_at, expiry_confirmed_at,
              plan_confirmed_at, bandwidth_confirmed_at, customer_confirmed_at)
       SELECT p.provider, 'bench-' || n, 'bench' || lpad(n::text, 6, '0'), 'import', s.status, s.status,
              now() + ((n * 7919) % 1460) * interval '1 day', now() - ((n * 31) % 900) * interval '1 day',
              jsonb_build_object(
                'provider', p.provider, 'nativeId', 'bench-' || n, 'username', 'bench' || lpad(n::text, 6, '0'),
                'status', s.status, 'providerStatus', s.status,
                'createdAt', to_char((now() - ((n * 31) % 900) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'updatedAt', null,
                'expiresAt', to_char((now() + ((n * 7919) % 1460) * interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'closedAt', null, 'throttled', null, 'customerNativeId', null, 'planNativeId', null, 'groupId', null,
                'metadata', null, 'wireguard', null, 'plans', null),
              now(), 'sync', now(), now(), now(), now(), now()
       FROM generate_series($1::int, $2::int - 1) AS n
       CROSS JOIN LATERAL (SELECT (ARRAY['PUREWL','VPNRESELLERS','WLVPN','PUREVPN'])[1 + n % 4] AS provider) p
       CROSS JOIN LATERAL (SELECT (ARRAY['ACTIVE','ACTIVE','ACTIVE','DISABLED','EXPIRED'])[1 + n % 5] AS status) s
       ON CONFLICT DO NOTHING`,
      [from, to],
    );
    // The default usage range (the 30 days ending yesterday), as the dashboard asks it.
    const range = usageRange(null, null);
    await db.query(
      `INSERT INTO read_usage (provider, native_id, range_from, range_to, record, synced_at)
       SELECT p.provider, 'bench-' || n, $3, $4,
              jsonb_build_object('provider', p.provider, 'accountNativeId', 'bench-' || n, 'from', $3::text,
                'to', $4::text, 'bandwidthBytes', (n::bigint * 104729) % 50000000000, 'connections', n % 40,
                'metrics', '[]'::jsonb),
              now()
       FROM generate_series($1::int, $2::int - 1) AS n
       CROSS JOIN LATERAL (SELECT (ARRAY['PUREWL','VPNRESELLERS','WLVPN','PUREVPN'])[1 + n % 4] AS provider) p
       ON CONFLICT DO NOTHING`,
      [from, to, range.from, range.to],
    );
    // As after a first sync of each provider: the mirror holds every provider's whole set, listed just now.
    await db.query(
      `INSERT INTO mirror_coverage (provider, complete_at, listed_at)
       SELECT unnest(ARRAY['PUREWL','VPNRESELLERS','WLVPN','PUREVPN']), now(), now()
       ON CONFLICT (provider) DO UPDATE SET complete_at = COALESCE(mirror_coverage.complete_at, now()), listed_at = now()`,
    );
    await db.query('ANALYZE account_registry');
    await db.query('ANALYZE read_usage');
  } finally {
    await c?.end();
  }
}
