import { RECORD_GROUPS, type Confirmations } from './mirror-rows.js';

/**
 * Which confirmation group (store/mirror-rows.ts) each Account field shows, so freshness is judged by what an
 * answer selects (issue #26): a list selecting only fields a WLVPN list row confirms (status, bandwidth) is
 * served from the mirror although no detail read has confirmed that row's plan yet.
 */

export type RecordGroup = (typeof RECORD_GROUPS)[number];

const FIELD_GROUPS: Readonly<Record<string, readonly RecordGroup[]>> = {
  // The provider-neutral status includes BANDWIDTH_CAPPED: it shows the bandwidth group too.
  status: ['status', 'bandwidth'],
  providerStatus: ['status'],
  closedAt: ['status'],
  updatedAt: ['status'],
  groupId: ['status'],
  expiresAt: ['expiry'],
  plan: ['plan'],
  plans: ['plan'],
  metadata: ['plan'],
  throttled: ['bandwidth'],
  // `syncedAt`, `confirmedAt` and `dataSource` tell how fresh the rest is; they show no state of their own.
};

/**
 * The record groups a selection of Account fields shows. A selection showing none of them (only identity:
 * id, username, provider, createdAt, …) is judged by every group, as before: nothing gets fresher by asking less.
 */
export function groupsOf(fields: Iterable<string>): readonly RecordGroup[] {
  const out = new Set<RecordGroup>();
  for (const f of fields) for (const g of FIELD_GROUPS[f] ?? []) out.add(g);
  return out.size === 0 ? RECORD_GROUPS : RECORD_GROUPS.filter((g) => out.has(g));
}

/** The oldest confirmation of `groups` (null when one of them was never confirmed). */
export function oldestOf(
  confirmed: Partial<Omit<Confirmations, 'customer'>> | undefined,
  groups: readonly RecordGroup[],
): string | null {
  let oldest: string | null = null;
  for (const g of groups) {
    const at = confirmed?.[g] ?? null;
    if (at === null) return null;
    if (oldest === null || Date.parse(at) < Date.parse(oldest)) oldest = at;
  }
  return oldest;
}
