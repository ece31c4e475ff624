/**
 * WLVPN v2 wire types: the ONE definition of what goes over the wire, used by the client, the mapper and
 * the emulator (reference: shared/providers/wlvpn-v2.md).
 */

/** Every answer carries `api_status` 1 (ok) or 0 with `error`. */
export interface WlEnvelope {
  api_status?: number;
  error?: string;
}

export interface WlPlanInfoItem {
  id: number | null;
  is_unlimited: boolean;
  code: string | null;
  name: string | null;
  short_desc?: string | null;
  source?: string;
  purchase_id?: number;
  created_at?: number | null;
  starts_at: number | null;
  expires_at: number | null;
  bytes_used: number | null;
  bytes_max: number | null;
  refilling_interval_days?: number;
  is_revoked: boolean;
}

export interface WlCustomer {
  cust_id: number;
  cust_user_id: string;
  open_date: string;
  close_date: string;
  acct_status_id: number;
  acct_group_id: number;
  user_throttled: number;
  used_service?: number;
  metadata?: Record<string, string> | null;
  plans_info?: {
    current_plan: WlPlanInfoItem | null;
    pending_plans: WlPlanInfoItem[];
    spent_plans: WlPlanInfoItem[];
  } | null;
}

export interface WlPlan {
  plan_code: string;
  name: string;
  short_desc: string;
  price: string;
  bandwidth_gb: number | null;
  bandwidth_mb: number | null;
  interval_days: number | null;
  expire_after_days: number | null;
  requires_receipt: boolean;
  is_auto_renewing: boolean;
  refilling_interval_days: number;
}

export interface WlServer {
  country: string;
  city: string;
  ip: string;
  capacity: string | number;
}

export interface WlUsageMetric {
  name: string;
  namespace: string;
  value: number;
  unit: string;
}

/** `acct_status_id`: 1 active, 2 disabled (suspended), 3 closed, 5 bandwidth capped. */
export type WlStatusId = 1 | 2 | 3 | 5;

export interface WlCreateBody {
  cust_user_id: string;
  cust_password: string;
  acct_group_id: number;
  close_date?: string;
  metadata?: Record<string, string>;
}

export interface WlUpdate {
  cust_password?: string;
  close_date?: string;
  acct_status_id?: number;
  acct_group_id?: number;
  metadata?: Record<string, string>;
}

export interface WlLimitation {
  type: 'rate-limit';
  value: number;
}

export interface WlBulkUsageRow {
  cust_id: number;
  bandwidth: number;
  connections: number;
}

export type WlPagedQuery = {
  page: number;
  page_size: number;
  open_date?: string;
  close_date?: string;
  acct_status_id?: number;
  acct_group_id?: number;
};

export type WlBulkUsageQuery = {
  start_date: string;
  end_date?: string;
  max_results?: number;
  cust_id_offset?: number;
  bandwidth_gte?: number;
  bandwidth_lte?: number;
  connections_gte?: number;
  connections_lte?: number;
};

export interface WlPopCountryUsage {
  bandwidth: number;
  connections: number;
  customers: number;
}
