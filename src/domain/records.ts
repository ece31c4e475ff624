import type { ProviderName } from './provider.js';

/** Provider-neutral account status. The raw vendor value is always kept beside it. */
export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
  EXPIRED = 'EXPIRED',
  CLOSED = 'CLOSED',
  BANDWIDTH_CAPPED = 'BANDWIDTH_CAPPED',
  UNKNOWN = 'UNKNOWN',
}

/** ISO-8601 instant, e.g. "2024-02-26T00:00:00.000Z". */
export type IsoInstant = string;

export interface WireGuardInfo {
  ip: string | null;
  publicKey: string | null;
  /** Secret: only exposed to callers with the admin role. */
  privateKey: string | null;
}

/** Account fields a list answer may leave unfilled (see `AccountRecord.incomplete`). */
export type IncompleteField = 'status' | 'providerStatus' | 'expiresAt' | 'planNativeId' | 'metadata' | 'plans';

export interface AccountRecord {
  provider: ProviderName;
  /** The vendor's own identifier: numeric id for VPNresellers/WLVPN, the username for PureWL/PureVPN. */
  nativeId: string;
  username: string;
  status: AccountStatus;
  /** The vendor's raw status value, verbatim (e.g. "Enabled:February 26, 2024", "1", "Active"). */
  providerStatus: string;
  createdAt: IsoInstant | null;
  updatedAt: IsoInstant | null;
  expiresAt: IsoInstant | null;
  closedAt: IsoInstant | null;
  /** Bandwidth throttled right now (WLVPN user_throttled); null when the vendor does not say. */
  throttled: boolean | null;
  /** Native id of the customer the account belongs to, when the vendor knows it. */
  customerNativeId: string | null;
  /** Native id of the current plan (WLVPN plan code, PureWL subscription type, PureVPN package). */
  planNativeId: string | null;
  /** WLVPN account group. */
  groupId: string | null;
  metadata: Record<string, string> | null;
  wireguard: WireGuardInfo | null;
  /** Vendor plan history (WLVPN plans_info), mapped. */
  plans: AccountPlanRecord[] | null;
  /**
   * Fields the call that produced this record could not fill (a directory entry for a vendor without a
   * list call, a list row without plans): they hold placeholders (UNKNOWN, '' or null), and the graph reads
   * the whole account through the account loader when one of them is asked for. Absent = complete. A
   * record with gaps is never cached as the account.
   */
  incomplete?: readonly IncompleteField[];
}

export interface AccountPlanRecord {
  planCode: string | null;
  name: string | null;
  state: 'CURRENT' | 'PENDING' | 'SPENT';
  unlimited: boolean;
  startsAt: IsoInstant | null;
  expiresAt: IsoInstant | null;
  bytesUsed: number | null;
  bytesMax: number | null;
  revoked: boolean;
}

export interface CustomerRecord {
  /** null for customers kept in this API's store. */
  provider: ProviderName | null;
  nativeId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  projectNativeId: string | null;
  /** Reseller's own external reference (PureWL uuid) for store-kept customers. */
  externalRef: string | null;
}

export interface ProjectRecord {
  provider: ProviderName;
  nativeId: string;
  name: string;
  description: string | null;
}

export enum PlanKind {
  TIME = 'TIME',
  BANDWIDTH = 'BANDWIDTH',
}

export interface PlanRecord {
  provider: ProviderName;
  nativeId: string;
  code: string;
  name: string;
  description: string | null;
  kind: PlanKind;
  /** Duration of a time-based plan, in days. */
  intervalDays: number | null;
  /** Allowance of a bandwidth-based plan, in bytes. */
  bandwidthBytes: number | null;
  priceUsd: string | null;
  autoRenewing: boolean;
  refillingIntervalDays: number | null;
}

export interface ServerRecord {
  provider: ProviderName;
  nativeId: string;
  hostname: string | null;
  ip: string | null;
  countryCode: string | null;
  country: string | null;
  city: string | null;
  /** Load 0..100 when the vendor reports it. */
  capacity: number | null;
  protocols: string[];
}

export interface UsageMetricRecord {
  name: string;
  namespace: string;
  value: number;
  unit: string;
}

export interface UsageRecord {
  provider: ProviderName;
  accountNativeId: string;
  from: string;
  to: string;
  bandwidthBytes: number | null;
  connections: number | null;
  metrics: UsageMetricRecord[];
}

export interface ConnectionConfigRecord {
  kind: 'OPENVPN' | 'WIREGUARD';
  fileName: string;
  /** Secret for WireGuard (contains the private key). */
  content: string;
}
