import {
  DAY_MS,
  EmulatorServer,
  basicAuth,
  field,
  isoDate,
  type EmuRequest,
  type EmuResponse,
  type EmulatorOptions,
} from '../../sandbox/emulator-kit.js';
import type { SandboxHandle } from '../module.js';

/**
 * Faithful emulator of the WLVPN API v2 (reference: shared/providers/wlvpn-v2.md).
 *
 * Assumptions where the reference is silent:
 * - Error bodies are `{"api_status": 0, "error": "<message>"}` with HTTP 400 (bad input), 401 (no/invalid
 *   key), 404 (unknown customer), 410 (a customer that was anonymised: its record is gone).
 * - Paged-list filters: open_date, close_date, acct_status_id, acct_group_id (exact matches); page_size ≤ 1000.
 * - Daily usage is deterministic per (cust_id, day), so any date range sums consistently.
 * - Metrics pop_and_country is derived from the same daily usage.
 */

export const WLVPN_SANDBOX_KEY = 'sandbox-wlvpn-api-key';
export const WLVPN_DEFAULT_GROUP = 1525;

interface PlanInfoItem {
  id: number | null;
  is_unlimited: boolean;
  code: string | null;
  name: string | null;
  short_desc: string | null;
  source: string;
  purchase_id: number;
  created_at: number | null;
  starts_at: number | null;
  expires_at: number | null;
  bytes_used: number | null;
  bytes_max: number | null;
  refilling_interval_days: number;
  is_revoked: boolean;
}

export interface WlvpnCustomer {
  cust_id: number;
  cust_user_id: string;
  password: string;
  open_date: string;
  close_date: string;
  acct_status_id: 1 | 2 | 3 | 5;
  acct_group_id: number;
  user_throttled: 0 | 1;
  used_service: 0 | 1;
  metadata: Record<string, string>;
  plans: { current: PlanInfoItem | null; pending: PlanInfoItem[]; spent: PlanInfoItem[] } | null;
  limitations: Array<{ type: string; value: number }>;
  tokens: 'valid' | 'expired' | 'deleted';
  anonymised: boolean;
}

export interface WlvpnPlan {
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

const PLANS: WlvpnPlan[] = [
  { plan_code: 'coolvpn_one_month_unlimited', name: 'One month service', short_desc: 'Unlimited usage', price: '0', bandwidth_gb: null, bandwidth_mb: null, interval_days: 30, expire_after_days: null, requires_receipt: false, is_auto_renewing: false, refilling_interval_days: 0 },
  { plan_code: 'coolvpn_default', name: 'Default', short_desc: 'Default', price: '0', bandwidth_gb: 50, bandwidth_mb: 51200, interval_days: null, expire_after_days: null, requires_receipt: false, is_auto_renewing: false, refilling_interval_days: 30 },
  { plan_code: 'premium_1y', name: 'Premium 1 year', short_desc: 'Premium 1 year', price: '49.99', bandwidth_gb: null, bandwidth_mb: null, interval_days: 365, expire_after_days: null, requires_receipt: false, is_auto_renewing: true, refilling_interval_days: 0 },
  { plan_code: '30_gb_1mo', name: '30GB for 1 month', short_desc: '30GB for 1 month', price: '4.99', bandwidth_gb: 30, bandwidth_mb: 30720, interval_days: null, expire_after_days: 30, requires_receipt: false, is_auto_renewing: false, refilling_interval_days: 0 },
];

const SERVERS: Array<[string, string, string, string]> = [
  ['par-a01.wlvpn.com', 'FR', 'Paris', '80.24.24.52'],
  ['atl-a01.wlvpn.com', 'US', 'Atlanta', '80.24.25.10'],
  ['lax-a01.wlvpn.com', 'US', 'Los Angeles', '80.24.25.11'],
  ['ams-a01.wlvpn.com', 'NL', 'Amsterdam', '80.24.26.1'],
  ['fra-a01.wlvpn.com', 'DE', 'Frankfurt', '80.24.27.1'],
  ['lon-a01.wlvpn.com', 'GB', 'London', '80.24.28.1'],
  ['tyo-a01.wlvpn.com', 'JP', 'Tokyo', '80.24.29.1'],
  ['syd-a01.wlvpn.com', 'AU', 'Sydney', '80.24.30.1'],
  ['ist-a01.wlvpn.com', 'TR', 'Istanbul', '80.24.31.1'],
];

const USERNAME_RULE = /^[A-Za-z0-9@.\-_:/~+]+$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

export class WlvpnEmulator implements SandboxHandle {
  readonly server: EmulatorServer;
  readonly customers = new Map<number, WlvpnCustomer>();
  private nextId = 32749300;
  private nextPurchase = 700;
  private readonly accounts: number;

  constructor(options: EmulatorOptions & { accounts?: number } = {}) {
    this.server = new EmulatorServer('wlvpn', options);
    this.accounts = options.accounts ?? 60;
    this.seed();
    this.server.onReset = () => this.seed();
    this.routes();
  }

  demoUsernames(): string[] {
    return [...this.customers.values()].map((c) => c.cust_user_id);
  }
  byUsername(username: string): WlvpnCustomer | undefined {
    return [...this.customers.values()].find((c) => c.cust_user_id === username);
  }

  /** Deterministic usage of one customer on one day (UTC). */
  dailyUsage(custId: number, day: string): { bandwidth: number; connections: number } {
    let h = custId ^ 0x9e3779b9;
    for (const ch of day) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    const c = this.customers.get(custId);
    if (!c || c.used_service === 0) return { bandwidth: 0, connections: 0 };
    return { bandwidth: (h % 900) * 1_048_576 + (h % 1000), connections: h % 4 };
  }

  private seed(): void {
    this.customers.clear();
    this.nextId = 32749300;
    const rnd = this.server.random;
    const now = this.server.now();
    const statuses: Array<1 | 2 | 3 | 5> = [1, 1, 1, 2, 3, 5];
    for (let i = 0; i < this.accounts; i++) {
      const id = this.nextId++;
      const status = statuses[i % statuses.length] as 1 | 2 | 3 | 5;
      const open = now - rnd.int(30, 900) * DAY_MS;
      const withPlan = i % 3 === 0;
      const plan = PLANS[i % PLANS.length] as WlvpnPlan;
      this.customers.set(id, {
        cust_id: id,
        cust_user_id: `account_${rnd.string(6)}${i}`,
        password: rnd.string(12),
        open_date: isoDate(open),
        close_date: status === 3 ? isoDate(now - rnd.int(1, 20) * DAY_MS) : i % 5 === 0 ? isoDate(now + rnd.int(10, 200) * DAY_MS) : '0000-00-00',
        acct_status_id: status,
        acct_group_id: WLVPN_DEFAULT_GROUP,
        user_throttled: status === 5 || i % 11 === 0 ? 1 : 0,
        used_service: i % 7 === 6 ? 0 : 1,
        metadata: i % 2 === 0 ? { internal_account_id: `acct-${i}` } : {},
        plans: withPlan
          ? {
              current: this.planItem(plan, Math.floor(open / 1000), 'manual'),
              pending: [],
              spent: [],
            }
          : null,
        limitations: [],
        tokens: 'valid',
        anonymised: false,
      });
    }
  }

  private planItem(plan: WlvpnPlan, startsAt: number, source: string): PlanInfoItem {
    const unlimited = plan.interval_days !== null;
    return {
      id: 730 + PLANS.indexOf(plan),
      is_unlimited: unlimited,
      code: plan.plan_code,
      name: plan.name,
      short_desc: plan.short_desc,
      source,
      purchase_id: this.nextPurchase++,
      created_at: unlimited ? null : startsAt,
      starts_at: startsAt,
      expires_at: plan.interval_days ? startsAt + plan.interval_days * 86400 : null,
      bytes_used: unlimited ? null : 0,
      bytes_max: plan.bandwidth_mb !== null ? plan.bandwidth_mb * 1_048_576 : null,
      refilling_interval_days: plan.refilling_interval_days,
      is_revoked: false,
    };
  }

  private routes(): void {
    const s = this.server;
    const authed = (handler: (req: EmuRequest) => EmuResponse) => (req: EmuRequest): EmuResponse => {
      const auth = basicAuth(req.headers);
      if (!auth || auth.user !== 'api-key' || auth.password !== WLVPN_SANDBOX_KEY) {
        return { status: 401, json: { api_status: 0, error: 'No valid API key was provided.' } };
      }
      return handler(req);
    };
    const both = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', pattern: string, h: (req: EmuRequest) => EmuResponse) => {
      s.route(method, pattern, authed(h));
    };

    both('POST', '/v2/customers', (req) => this.create(req));
    both('GET', '/v2/customers/paged', (req) => this.paged(req));
    both('GET', '/v2/customers/usage-report', (req) => this.bulkUsage(req));
    both('GET', '/v2/customers/username_exists/:username', (req) => ({
      status: 200,
      json: { api_status: 1, username_exists: this.byUsername(req.params.username ?? '') ? 1 : 0 },
    }));
    both('GET', '/v2/customers/username/:username', (req) => this.withCustomer(this.byUsername(req.params.username ?? ''), (c) => ({ status: 200, json: { api_status: 1, customer: this.view(c) } })));
    both('PUT', '/v2/customers/username/:username', (req) => this.withCustomer(this.byUsername(req.params.username ?? ''), (c) => this.update(c, req)));
    both('GET', '/v2/customers/:id', (req) => this.withId(req, (c) => ({ status: 200, json: { api_status: 1, customer: this.view(c) } })));
    both('PUT', '/v2/customers/:id', (req) => this.withId(req, (c) => this.update(c, req)));
    both('PUT', '/v2/customers/:id/anonymise', (req) =>
      this.withId(req, (c) => {
        c.acct_status_id = 3;
        c.close_date = isoDate(this.server.now());
        c.cust_user_id = `anon_${c.cust_id}`;
        c.metadata = {};
        c.anonymised = true;
        return { status: 200, json: { api_status: 1 } };
      }),
    );
    both('POST', '/v2/customers/:id/usage-report', (req) => this.withId(req, (c) => this.usage(c, req)));
    for (const method of ['POST', 'PUT'] as const) {
      both(method, '/v2/customers/:id/limitations', (req) =>
        this.withId(req, (c) => {
          const list = field(req.body, 'limitations');
          if (!Array.isArray(list) || list.length === 0) return bad('limitations must be a non-empty array');
          const parsed: Array<{ type: string; value: number }> = [];
          for (const l of list) {
            if (field(l, 'type') !== 'rate-limit') return bad('Only the rate-limit limitation type is supported');
            const value = field(l, 'value');
            if (typeof value !== 'number' || value <= 0) return bad('limitation value must be a positive number');
            parsed.push({ type: 'rate-limit', value });
          }
          c.limitations = parsed;
          return { status: 204 };
        }),
      );
    }
    both('DELETE', '/v2/customers/:id/limitations', (req) =>
      this.withId(req, (c) => {
        c.limitations = [];
        return { status: 204 };
      }),
    );
    both('PUT', '/v2/customers/:id/tokens', (req) =>
      this.withId(req, (c) => {
        const action = field(req.body, 'token_action');
        if (action !== 'Expire' && action !== 'Delete') return bad('token_action must be Expire or Delete');
        c.tokens = action === 'Expire' ? 'expired' : 'deleted';
        return { status: 200, json: { api_status: 1 } };
      }),
    );
    both('GET', '/v2/plans', () => ({ status: 200, json: { api_status: 1, plans: PLANS } }));
    both('POST', '/v2/customers/:id/purchase', (req) =>
      this.withId(req, (c) => {
        const plan = PLANS.find((p) => p.plan_code === field(req.body, 'plan_code'));
        if (!plan) return bad('Unknown plan_code');
        const item = this.planItem(plan, Math.floor(this.server.now() / 1000), 'manual');
        if (c.plans?.current) {
          c.plans.spent.push({ ...c.plans.current });
        }
        c.plans = { current: item, pending: c.plans?.pending ?? [], spent: c.plans?.spent ?? [] };
        if (c.acct_status_id === 5) c.acct_status_id = 1;
        return { status: 200, json: { api_status: 1, plan_info: item } };
      }),
    );
    both('POST', '/v2/customers/:id/revoke', (req) =>
      this.withId(req, (c) => {
        const code = field(req.body, 'plan_code');
        if (!c.plans?.current || c.plans.current.code !== code) return bad('The plan is not allocated to this customer');
        c.plans.spent.push({ ...c.plans.current, is_revoked: true });
        c.plans.current = null;
        return { status: 200, json: { api_status: 1 } };
      }),
    );
    both('GET', '/v2/servers', (req) => {
      const countries = req.query.get('country')?.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean);
      const server: Record<string, { country: string; city: string; capacity: number; ip: string }> = {};
      SERVERS.forEach(([host, country, city, ip], i) => {
        if (countries && !countries.includes(country)) return;
        server[host] = { country, city, capacity: (i * 17) % 100, ip };
      });
      return { status: 200, json: { api_status: 1, server } };
    });
    both('GET', '/v2/metrics/usage/pop_and_country', (req) => {
      const start = req.query.get('start_date') ?? '';
      const end = req.query.get('end_date') ?? '';
      if (!YMD.test(start) || !YMD.test(end)) return bad('start_date and end_date are required (YYYY-MM-DD)');
      if (start.slice(0, 7) !== end.slice(0, 7)) return bad('The start and end dates must be within the same month');
      const data: Record<string, Record<string, { bandwidth: number; connections: number; customers: number }>> = {};
      for (const c of this.customers.values()) {
        const { bandwidth, connections } = this.sum(c.cust_id, start, end);
        if (connections === 0) continue;
        const [host, country] = SERVERS[c.cust_id % SERVERS.length] as [string, string, string, string];
        const pop = host.slice(0, 3);
        const slot = ((data[pop] ??= {})[country] ??= { bandwidth: 0, connections: 0, customers: 0 });
        slot.bandwidth += bandwidth;
        slot.connections += connections;
        slot.customers += 1;
      }
      return { status: 200, json: { data } };
    });
  }

  private withId(req: EmuRequest, fn: (c: WlvpnCustomer) => EmuResponse): EmuResponse {
    const id = Number(req.params.id);
    return this.withCustomer(Number.isInteger(id) ? this.customers.get(id) : undefined, fn);
  }

  private withCustomer(c: WlvpnCustomer | undefined, fn: (c: WlvpnCustomer) => EmuResponse): EmuResponse {
    if (!c) return { status: 404, json: { api_status: 0, error: 'The requested resource does not exist.' } };
    if (c.anonymised) return { status: 410, json: { api_status: 0, error: 'The requested resource has been removed.' } };
    return fn(c);
  }

  private view(c: WlvpnCustomer) {
    this.autoClose(c);
    return {
      cust_id: c.cust_id,
      cust_user_id: c.cust_user_id,
      close_date: c.close_date,
      open_date: c.open_date,
      acct_status_id: c.acct_status_id,
      acct_group_id: c.acct_group_id,
      user_throttled: c.user_throttled,
      used_service: c.used_service,
      metadata: c.metadata,
      plans_info: c.plans ? { current_plan: c.plans.current, pending_plans: c.plans.pending, spent_plans: c.plans.spent } : null,
    };
  }

  /** An account whose close_date has passed is closed by the platform. */
  private autoClose(c: WlvpnCustomer): void {
    if (c.close_date !== '0000-00-00' && c.close_date <= isoDate(this.server.now()) && c.acct_status_id !== 3) {
      c.acct_status_id = 3;
    }
  }

  private validateCommon(body: unknown, creating: boolean): string | null {
    const metadata = field(body, 'metadata');
    if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Object.keys(metadata).length > 5)) {
      return 'metadata must be a dictionary of at most 5 keys';
    }
    const close = field(body, 'close_date');
    if (close !== undefined && (typeof close !== 'string' || (!YMD.test(close) && close !== '0000-00-00'))) {
      return 'close_date must be a date (YYYY-MM-DD)';
    }
    const status = field(body, 'acct_status_id');
    if (status !== undefined && ![1, 2, 3, 5].includes(Number(status))) return 'acct_status_id must be 1, 2, 3 or 5';
    const group = field(body, 'acct_group_id');
    if ((creating || group !== undefined) && !Number.isInteger(Number(group))) return 'acct_group_id is required and must be an integer';
    const password = field(body, 'cust_password');
    if ((creating || password !== undefined) && (typeof password !== 'string' || password.length === 0)) return 'cust_password is required';
    return null;
  }

  private create(req: EmuRequest): EmuResponse {
    const username = field(req.body, 'cust_user_id');
    if (typeof username !== 'string' || username.length === 0) return bad('cust_user_id is required');
    if (username.length > 60) return bad('cust_user_id must be no more than 60 characters');
    if (!USERNAME_RULE.test(username)) return bad('cust_user_id contains characters that are not allowed (a-z, A-Z, 0-9, @.-_:/~+)');
    const problem = this.validateCommon(req.body, true);
    if (problem) return bad(problem);
    if (this.byUsername(username)) return bad('The username is already taken');
    const id = this.nextId++;
    this.customers.set(id, {
      cust_id: id,
      cust_user_id: username,
      password: String(field(req.body, 'cust_password')),
      open_date: isoDate(this.server.now()),
      close_date: (field(req.body, 'close_date') as string | undefined) ?? '0000-00-00',
      acct_status_id: 1,
      acct_group_id: Number(field(req.body, 'acct_group_id')),
      user_throttled: 0,
      used_service: 0,
      metadata: (field(req.body, 'metadata') as Record<string, string> | undefined) ?? {},
      plans: null,
      limitations: [],
      tokens: 'valid',
      anonymised: false,
    });
    return { status: 200, json: { api_status: 1, cust_id: id } };
  }

  private update(c: WlvpnCustomer, req: EmuRequest): EmuResponse {
    const problem = this.validateCommon(req.body, false);
    if (problem) return bad(problem);
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return bad('A JSON body is required');
    if (body.cust_password !== undefined) c.password = String(body.cust_password);
    if (body.acct_group_id !== undefined) c.acct_group_id = Number(body.acct_group_id);
    if (body.metadata !== undefined) c.metadata = body.metadata as Record<string, string>;
    if (body.close_date !== undefined) c.close_date = String(body.close_date);
    if (body.acct_status_id !== undefined) {
      const status = Number(body.acct_status_id) as 1 | 2 | 3 | 5;
      if (status === 3 && c.acct_status_id !== 3 && body.close_date === undefined) c.close_date = isoDate(this.server.now());
      if (status === 1 && c.acct_status_id === 3 && body.close_date === undefined) c.close_date = '0000-00-00';
      c.acct_status_id = status;
    } else if (body.close_date !== undefined && c.acct_status_id === 3 && String(body.close_date) > isoDate(this.server.now())) {
      // moving the close date to the future keeps a closed account closed until it is reopened
    }
    return { status: 200, json: { api_status: 1 } };
  }

  private sum(custId: number, start: string, end: string): { bandwidth: number; connections: number } {
    let bandwidth = 0;
    let connections = 0;
    for (let d = Date.parse(`${start}T00:00:00Z`); d <= Date.parse(`${end}T00:00:00Z`); d += DAY_MS) {
      const u = this.dailyUsage(custId, isoDate(d));
      bandwidth += u.bandwidth;
      connections += u.connections;
    }
    return { bandwidth, connections };
  }

  private usage(c: WlvpnCustomer, req: EmuRequest): EmuResponse {
    const start = field(req.body, 'start_date');
    const today = isoDate(this.server.now());
    const end = (field(req.body, 'end_date') as string | undefined) ?? isoDate(this.server.now() - DAY_MS);
    if (typeof start !== 'string' || !YMD.test(start)) return bad('start_date is required (YYYY-MM-DD)');
    if (!YMD.test(end)) return bad('end_date must be a date (YYYY-MM-DD)');
    if (end >= today) return bad('end_date must be before the current date');
    if (start > end) return bad('start_date must not be after end_date');
    const { bandwidth, connections } = this.sum(c.cust_id, start, end);
    const wanted = field(req.body, 'metrics');
    const names = Array.isArray(wanted) ? wanted.map((m) => String(field(m, 'name'))) : ['bandwidth', 'connections'];
    const usage = [];
    if (names.includes('bandwidth')) usage.push({ name: 'bandwidth', namespace: 'vpn', value: bandwidth, unit: 'Bytes' });
    if (names.includes('connections')) usage.push({ name: 'connections', namespace: 'vpn', value: connections, unit: 'None' });
    return { status: 200, json: { usage } };
  }

  private bulkUsage(req: EmuRequest): EmuResponse {
    const q = req.query;
    const start = q.get('start_date') ?? '';
    const now = this.server.now();
    const end = q.get('end_date') ?? isoDate(now);
    if (!YMD.test(start)) return bad('start_date is required (YYYY-MM-DD)');
    if (!YMD.test(end)) return bad('end_date must be a date (YYYY-MM-DD)');
    if (Date.parse(start) < now - 548 * DAY_MS) return bad('start_date cannot be older than 18 months');
    const max = Number(q.get('max_results') ?? 5000);
    if (!Number.isInteger(max) || max < 1 || max > 5000) return bad('max_results must be between 1 and 5000');
    const offset = Number(q.get('cust_id_offset') ?? 0);
    const filters = (['bandwidth_gte', 'bandwidth_lte', 'connections_gte', 'connections_lte'] as const)
      .map((k) => [k, q.get(k)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, Number(v)] as const);
    const rows = [...this.customers.values()]
      .filter((c) => c.cust_id > offset)
      .sort((a, b) => a.cust_id - b.cust_id)
      .map((c) => ({ cust_id: c.cust_id, ...this.sum(c.cust_id, start, end) }))
      .filter(
        (r) =>
          filters.length === 0 ||
          filters.some(([k, v]) =>
            k === 'bandwidth_gte' ? r.bandwidth >= v : k === 'bandwidth_lte' ? r.bandwidth <= v : k === 'connections_gte' ? r.connections >= v : r.connections <= v,
          ),
      );
    const page = rows.slice(0, max);
    return {
      status: 200,
      json: {
        customers: page,
        last_cust_id: page[page.length - 1]?.cust_id ?? offset,
        result_count: page.length,
        total_count: rows.length,
      },
    };
  }

  private paged(req: EmuRequest): EmuResponse {
    const q = req.query;
    const page = Number(q.get('page') ?? 1);
    const size = Number(q.get('page_size') ?? 100);
    if (!Number.isInteger(page) || page < 1) return bad('page must be a positive integer');
    if (!Number.isInteger(size) || size < 1 || size > 1000) return bad('page_size must be between 1 and 1000');
    const filters: Array<[string, string]> = [];
    for (const key of ['open_date', 'close_date', 'acct_status_id', 'acct_group_id']) {
      const v = q.get(key);
      if (v !== null) filters.push([key, v]);
    }
    const all = [...this.customers.values()]
      .filter((c) => !c.anonymised)
      .map((c) => this.view(c))
      .filter((c) => filters.every(([k, v]) => String((c as Record<string, unknown>)[k]) === v));
    const customers = all.slice((page - 1) * size, page * size).map(({ metadata: _m, plans_info: _p, ...rest }) => rest);
    return { status: 200, json: { api_status: 1, result_count: customers.length, page, page_size: size, customers } };
  }
}

function bad(error: string): EmuResponse {
  return { status: 400, json: { api_status: 0, error } };
}
