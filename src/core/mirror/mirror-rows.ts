import type { ProviderName } from '../../domain/provider.js';
import { AccountStatus, type AccountRecord, type IncompleteField } from '../../domain/records.js';

/** The mirror's rows (account_registry) and the records they hold: what is kept, how it is read back. */

export type MirrorSource = 'sync' | 'live' | 'write';

/** Groups of account fields whose confirmation by the vendor is kept apart (`Account.confirmedAt`). */
export type FieldGroup = 'status' | 'expiry' | 'plan' | 'bandwidth' | 'customer';
/** The groups a record's own fields make (the customer link is the directory's, confirmed apart). */
export const RECORD_GROUPS = ['status', 'expiry', 'plan', 'bandwidth'] as const satisfies readonly FieldGroup[];
/** When the vendor last confirmed each group (null: never). */
export type Confirmations = Record<FieldGroup, string | null>;

/** Which record gaps keep a group unconfirmed (a read that leaves one of them out cannot confirm the group). */
const GROUP_GAPS: Record<(typeof RECORD_GROUPS)[number], readonly IncompleteField[]> = {
  status: ['status', 'providerStatus'],
  expiry: ['expiresAt'],
  plan: ['planNativeId', 'plans', 'metadata'],
  // Throttling (WLVPN user_throttled, the "cap reached" status) comes with every read that tells the status.
  bandwidth: ['status'],
};

/** The record groups a read confirms: those none of whose fields it left out. */
export function confirmedGroups(record: AccountRecord): Set<(typeof RECORD_GROUPS)[number]> {
  const gaps = new Set(record.incomplete ?? []);
  return new Set(RECORD_GROUPS.filter((g) => !GROUP_GAPS[g].some((f) => gaps.has(f))));
}

export interface MirroredAccount {
  record: AccountRecord;
  /**
   * When the vendor last confirmed every field of the record (or we wrote it): the oldest of the record groups'
   * confirmations. Null: some group was never confirmed (an account only known by name, a WLVPN list row whose
   * plan and expiry no read has told yet).
   */
  syncedAt: string | null;
  /** Per field group, when the vendor last confirmed it. */
  confirmedAt: Confirmations;
  source: MirrorSource | null;
  /** The directory's link to a customer (global Customer id or store customer id), if any. */
  customerId: string | null;
  projectId: string | null;
}

export interface MirrorWriteResult {
  /** What the mirror now holds (the record, its gaps filled from what was known). */
  record: AccountRecord;
  /** The directory did not know the account. */
  added: boolean;
  /** Status, expiry or plan differ from the last-known state (drift when a sync finds it). */
  changed: boolean;
  before: { status: AccountStatus; expiresAt: string | null; planNativeId?: string | null } | null;
}

export interface Row {
  provider: ProviderName;
  native_id: string;
  username: string;
  customer_id: string | null;
  project_id: string | null;
  status: string;
  provider_status: string | null;
  expires_at: string | null;
  account_created_at: string | null;
  closed_at: string | null;
  plan_code: string | null;
  record: AccountRecord | string | null;
  synced_at: string | null;
  synced_via: MirrorSource | null;
  status_confirmed_at: string | null;
  expiry_confirmed_at: string | null;
  plan_confirmed_at: string | null;
  bandwidth_confirmed_at: string | null;
  customer_confirmed_at: string | null;
  sort_key: string;
}

export const COLUMNS = `provider, native_id, username, customer_id, project_id, status, provider_status,
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
  to_char(account_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS account_created_at,
  to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS closed_at,
  plan_code, record,
  to_char(synced_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS synced_at, synced_via,
  ${['status', 'expiry', 'plan', 'bandwidth', 'customer']
    .map((g) => `to_char(${g}_confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${g}_confirmed_at`)
    .join(', ')}`;

/** What the mirror keeps of a record: everything but secrets (WireGuard private keys stay at the vendor). */
export function storable(record: AccountRecord): AccountRecord {
  const { incomplete, ...rest } = record;
  const out: AccountRecord = {
    ...rest,
    wireguard: record.wireguard ? { ...record.wireguard, privateKey: null } : null,
  };
  return incomplete?.length ? { ...out, incomplete } : out;
}

export function toMirrored(row: Row): MirroredAccount {
  const stored = typeof row.record === 'string' ? (JSON.parse(row.record) as AccountRecord) : row.record;
  const record: AccountRecord = stored ?? {
    // Known by name only (imported, never read): the graph fills the status fields when they are asked for.
    provider: row.provider,
    nativeId: row.native_id,
    username: row.username,
    status: AccountStatus.UNKNOWN,
    providerStatus: '',
    createdAt: row.account_created_at,
    updatedAt: null,
    expiresAt: null,
    closedAt: null,
    throttled: null,
    customerNativeId: null,
    planNativeId: row.plan_code,
    groupId: null,
    metadata: null,
    wireguard: null,
    plans: null,
    incomplete: ['status', 'providerStatus', 'expiresAt'],
  };
  return {
    record,
    syncedAt: row.synced_at,
    confirmedAt: {
      status: row.status_confirmed_at,
      expiry: row.expiry_confirmed_at,
      plan: row.plan_confirmed_at,
      bandwidth: row.bandwidth_confirmed_at,
      customer: row.customer_confirmed_at,
    },
    source: row.synced_via,
    customerId: row.customer_id,
    projectId: row.project_id,
  };
}

const GAP_FIELDS = {
  status: 'status',
  providerStatus: 'providerStatus',
  expiresAt: 'expiresAt',
  planNativeId: 'planNativeId',
  metadata: 'metadata',
  plans: 'plans',
} as const satisfies Record<IncompleteField, keyof AccountRecord>;

export function mergeGaps(record: AccountRecord, known: AccountRecord | null): AccountRecord {
  if (!record.incomplete?.length || !known) return record;
  const out: Record<string, unknown> = { ...record };
  const stillMissing: IncompleteField[] = [];
  for (const field of record.incomplete) {
    if (known.incomplete?.includes(field)) stillMissing.push(field);
    else out[GAP_FIELDS[field]] = known[GAP_FIELDS[field]];
  }
  const merged = out as unknown as AccountRecord;
  return stillMissing.length ? { ...merged, incomplete: stillMissing } : { ...merged, incomplete: undefined };
}

export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}
