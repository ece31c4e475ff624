import {
  AccountStatus,
  PlanKind,
  type AccountPlanRecord,
  type AccountRecord,
  type PlanRecord,
  type ServerRecord,
  type UsageRecord,
  type IncompleteField,
} from '../../domain/records.js';
import { epochSecondsToIso, ymdToIso } from '../../lib/dates.js';
import { STATUS_OF_ID, ZERO_DATE } from './rules.js';
import type {
  WlBulkUsageRow,
  WlCustomer,
  WlPlan,
  WlPlanInfoItem,
  WlServer,
  WlUsageMetric,
  WlStatusId,
} from './wire.js';
import { WLVPN } from './name.js';

/** WLVPN v2 payloads → domain records. */

/**
 * `expiresAt` has ONE meaning for WLVPN: the end of service as far as the vendor tells — the earlier of
 * (a) the scheduled close, close_date (today or later) on an account that is not closed ("Use close_date if you
 * want to have an account automatically closed by some specific date in the future"; "0000-00-00" = not set),
 * and (b) the end of the current plan, plans_info.current_plan.expires_at ("Timestamp when the plan expires").
 * Null when neither is set (open-ended service). For a closed account (status 3) close_date is when it closed
 * (closedAt) and expiresAt is null. A paged-list row has no plans_info, so its expiresAt is `incomplete`.
 */
export function expiresAtOf(c: WlCustomer, today: string): string | null {
  const closed = c.acct_status_id === 3;
  const scheduled = !closed && c.close_date !== ZERO_DATE && c.close_date >= today ? ymdToIso(c.close_date) : null;
  const planEnd = closed ? null : epochSecondsToIso(c.plans_info?.current_plan?.expires_at ?? null);
  if (scheduled && planEnd) return Date.parse(scheduled) <= Date.parse(planEnd) ? scheduled : planEnd;
  return scheduled ?? planEnd;
}

export function toAccount(c: WlCustomer, today: string): AccountRecord {
  const closeIso = ymdToIso(c.close_date);
  const closed = c.acct_status_id === 3;
  return {
    provider: WLVPN,
    nativeId: String(c.cust_id),
    username: c.cust_user_id,
    status: STATUS_OF_ID[c.acct_status_id as WlStatusId] ?? AccountStatus.UNKNOWN,
    providerStatus: String(c.acct_status_id),
    createdAt: ymdToIso(c.open_date),
    updatedAt: null,
    expiresAt: expiresAtOf(c, today),
    closedAt: closed ? closeIso : null,
    throttled: c.user_throttled === 1,
    customerNativeId: null,
    planNativeId: c.plans_info?.current_plan?.code ?? null,
    groupId: String(c.acct_group_id),
    metadata: c.metadata && Object.keys(c.metadata).length > 0 ? c.metadata : c.metadata === undefined ? null : {},
    wireguard: null,
    plans: c.plans_info
      ? [
          ...(c.plans_info.current_plan ? [toPlanItem(c.plans_info.current_plan, 'CURRENT')] : []),
          ...c.plans_info.pending_plans.map((p) => toPlanItem(p, 'PENDING')),
          ...c.plans_info.spent_plans.map((p) => toPlanItem(p, 'SPENT')),
        ]
      : null,
    // The paged list's rows carry neither metadata nor plans_info (a single read has both, null or not).
    ...(c.plans_info === undefined ? { incomplete: PAGED_ROW_GAPS } : {}),
  };
}

const PAGED_ROW_GAPS: readonly IncompleteField[] = ['planNativeId', 'metadata', 'plans', 'expiresAt'];

export function toPlanItem(p: WlPlanInfoItem, state: AccountPlanRecord['state']): AccountPlanRecord {
  return {
    planCode: p.code,
    name: p.name,
    state,
    unlimited: p.is_unlimited,
    startsAt: epochSecondsToIso(p.starts_at),
    expiresAt: epochSecondsToIso(p.expires_at),
    bytesUsed: p.bytes_used,
    bytesMax: p.bytes_max,
    revoked: p.is_revoked,
  };
}

export function toPlan(p: WlPlan): PlanRecord {
  const bandwidth = p.bandwidth_mb !== null ? p.bandwidth_mb * 1_048_576 : null;
  return {
    provider: WLVPN,
    nativeId: p.plan_code,
    code: p.plan_code,
    name: p.name,
    description: p.short_desc,
    kind: p.interval_days !== null ? PlanKind.TIME : PlanKind.BANDWIDTH,
    intervalDays: p.interval_days ?? p.expire_after_days,
    bandwidthBytes: bandwidth,
    priceUsd: p.price,
    autoRenewing: p.is_auto_renewing,
    refillingIntervalDays: p.refilling_interval_days,
  };
}

export function toServer(hostname: string, s: WlServer): ServerRecord {
  return {
    provider: WLVPN,
    nativeId: hostname,
    hostname,
    ip: s.ip,
    countryCode: s.country,
    country: null,
    city: s.city,
    capacity: Number(s.capacity),
    protocols: [],
  };
}

export function toUsage(custId: string, from: string, to: string, metrics: WlUsageMetric[]): UsageRecord {
  return {
    provider: WLVPN,
    accountNativeId: custId,
    from,
    to,
    bandwidthBytes: metrics.find((m) => m.name === 'bandwidth')?.value ?? null,
    connections: metrics.find((m) => m.name === 'connections')?.value ?? null,
    metrics: metrics.map((m) => ({ name: m.name, namespace: m.namespace, value: m.value, unit: m.unit })),
  };
}

export function toBulkUsage(row: WlBulkUsageRow, from: string, to: string): UsageRecord {
  return toUsage(String(row.cust_id), from, to, [
    { name: 'bandwidth', namespace: 'vpn', value: row.bandwidth, unit: 'Bytes' },
    { name: 'connections', namespace: 'vpn', value: row.connections, unit: 'None' },
  ]);
}
