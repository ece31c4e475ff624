import type { ProviderError } from '../../domain/errors.js';
import { registerSecret } from '../../lib/redact.js';
import { UpstreamHttp } from '../http.js';
import { type NetworkSettings, type UpstreamRequest } from '../http-settings.js';
import { classifyFailure } from './errors.js';
import type {
  WlBulkUsageQuery,
  WlBulkUsageRow,
  WlCreateBody,
  WlCustomer,
  WlEnvelope as Envelope,
  WlLimitation,
  WlPagedQuery,
  WlPlan,
  WlPlanInfoItem,
  WlPopCountryUsage,
  WlServer,
  WlUpdate,
  WlUsageMetric,
} from './wire.js';
import { WLVPN } from './name.js';

/** Typed client for every WLVPN v2 endpoint. Basic auth `api-key:<key>`. */

export class WlvpnClient {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(baseUrl: string, apiKey: string, network: Partial<NetworkSettings> = {}) {
    this.http = new UpstreamHttp(WLVPN, baseUrl, network);
    registerSecret(apiKey);
    const token = Buffer.from(`api-key:${apiKey}`).toString('base64');
    registerSecret(token);
    this.authorization = `Basic ${token}`;
  }

  private async call<T extends Envelope>(req: Omit<UpstreamRequest, 'headers'>, expectEmpty = false): Promise<T> {
    const res = await this.http.send({
      ...req,
      headers: { authorization: this.authorization, accept: 'application/json' },
    });
    if (expectEmpty && res.status === 204) return { api_status: 1 } as T;
    const body = res.body.length > 0 ? this.http.parseJson<T>(res, req.operation) : ({} as T);
    if (res.status >= 400 || body.api_status === 0) throw this.failure(req.operation, res.status, body.error);
    return body;
  }

  /** Maps a WLVPN failure (HTTP status + `error`) to the stable error model (table in errors.ts). */
  failure(operation: string, status: number, error: string | undefined): ProviderError {
    const { code, message, field } = classifyFailure(status, error);
    return this.http.error(operation, code, message, {
      status,
      vendorCode: String(status),
      ...(field ? { field } : {}),
    });
  }

  create(body: WlCreateBody) {
    return this.call<Envelope & { cust_id: number }>({
      operation: 'createAccount',
      method: 'POST',
      path: 'v2/customers',
      json: body,
      idempotent: false,
    });
  }
  get(id: string) {
    return this.call<Envelope & { customer: WlCustomer }>({
      operation: 'getAccount',
      method: 'GET',
      path: `v2/customers/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  getByUsername(username: string) {
    return this.call<Envelope & { customer: WlCustomer }>({
      operation: 'getAccountByUsername',
      method: 'GET',
      path: `v2/customers/username/${encodeURIComponent(username)}`,
      idempotent: true,
    });
  }
  update(id: string, body: WlUpdate, operation = 'updateAccount') {
    return this.call<Envelope>({
      operation,
      method: 'PUT',
      path: `v2/customers/${encodeURIComponent(id)}`,
      json: body,
      idempotent: true,
    });
  }
  updateByUsername(username: string, body: WlUpdate) {
    return this.call<Envelope>({
      operation: 'updateAccount',
      method: 'PUT',
      path: `v2/customers/username/${encodeURIComponent(username)}`,
      json: body,
      idempotent: true,
    });
  }
  anonymise(id: string) {
    return this.call<Envelope>({
      operation: 'anonymiseAccount',
      method: 'PUT',
      path: `v2/customers/${encodeURIComponent(id)}/anonymise`,
      // Not idempotent at the vendor: a second one answers "not found", so it is never resent blindly
      // (reconciliation reads whether the account is gone).
      idempotent: false,
    });
  }
  paged(query: WlPagedQuery) {
    return this.call<Envelope & { result_count: number; page: number; page_size: number; customers: WlCustomer[] }>({
      operation: 'listAccounts',
      method: 'GET',
      path: 'v2/customers/paged',
      searchParams: query,
      idempotent: true,
    });
  }
  usernameExists(username: string) {
    return this.call<Envelope & { username_exists: number }>({
      operation: 'usernameExists',
      method: 'GET',
      path: `v2/customers/username_exists/${encodeURIComponent(username)}`,
      idempotent: true,
    });
  }
  usageReport(
    id: string,
    body: { start_date: string; end_date?: string; metrics?: Array<{ name: string; namespace: string }> },
  ) {
    return this.call<Envelope & { usage: WlUsageMetric[] }>({
      operation: 'getUsage',
      method: 'POST',
      path: `v2/customers/${encodeURIComponent(id)}/usage-report`,
      json: body,
      idempotent: true,
    });
  }
  bulkUsageReport(query: WlBulkUsageQuery) {
    return this.call<
      Envelope & { customers: WlBulkUsageRow[]; last_cust_id: number; result_count: number; total_count: number }
    >({
      operation: 'getUsage',
      method: 'GET',
      path: 'v2/customers/usage-report',
      searchParams: query,
      idempotent: true,
    });
  }
  setLimitations(id: string, kbps: number, method: 'POST' | 'PUT') {
    return this.call<Envelope>(
      {
        operation: 'setBandwidthLimit',
        method,
        path: `v2/customers/${encodeURIComponent(id)}/limitations`,
        json: { limitations: [{ type: 'rate-limit', value: kbps } satisfies WlLimitation] },
        idempotent: true,
      },
      true,
    );
  }
  deleteLimitations(id: string) {
    return this.call<Envelope>(
      {
        operation: 'setBandwidthLimit',
        method: 'DELETE',
        path: `v2/customers/${encodeURIComponent(id)}/limitations`,
        idempotent: true,
      },
      true,
    );
  }
  tokens(id: string, action: 'Expire' | 'Delete') {
    return this.call<Envelope>({
      operation: 'revokeSessions',
      method: 'PUT',
      path: `v2/customers/${encodeURIComponent(id)}/tokens`,
      json: { token_action: action },
      idempotent: true,
    });
  }
  plans() {
    return this.call<Envelope & { plans: WlPlan[] }>({
      operation: 'listPlans',
      method: 'GET',
      path: 'v2/plans',
      idempotent: true,
    });
  }
  purchase(id: string, body: { plan_code: string; refilling_time?: string; refilling_time_offset?: string }) {
    return this.call<Envelope & { plan_info: WlPlanInfoItem }>({
      operation: 'changePlan',
      method: 'POST',
      path: `v2/customers/${encodeURIComponent(id)}/purchase`,
      json: body,
      idempotent: false,
    });
  }
  revoke(id: string, planCode: string) {
    return this.call<Envelope>({
      operation: 'changePlan',
      method: 'POST',
      path: `v2/customers/${encodeURIComponent(id)}/revoke`,
      json: { plan_code: planCode },
      // Not idempotent: a second revoke of the same plan is refused ("not allocated"), so never resent blindly.
      idempotent: false,
    });
  }
  servers(countries?: readonly string[]) {
    return this.call<Envelope & { server: Record<string, WlServer> }>({
      operation: 'listServers',
      method: 'GET',
      path: 'v2/servers',
      searchParams: { country: countries?.length ? countries.join(',') : undefined },
      idempotent: true,
    });
  }
  popAndCountry(start: string, end: string) {
    return this.call<Envelope & { data: Record<string, Record<string, WlPopCountryUsage>> }>({
      operation: 'metrics',
      method: 'GET',
      path: 'v2/metrics/usage/pop_and_country',
      searchParams: { start_date: start, end_date: end },
      idempotent: true,
    });
  }
}
