import { field, isoDate, textField } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import {
  STATUS_IDS,
  USERNAME_MAX,
  passwordProblem,
  USERNAME_RULE,
  METADATA_MAX_KEYS,
  PAGE_SIZE_MAX,
  YMD,
  ZERO_DATE,
} from '../rules.js';
import type { WlCustomer, WlLimitation, WlStatusId } from '../wire.js';
import { bulkUsage } from './usage.js';
import { bad, withCustomer, withId } from './answers.js';
import { PLANS } from './seed.js';
import type { EmuCustomer, Route, WlvpnState } from './state.js';

/** WLVPN emulator: the customer (account) resource — create, read, update, anonymise, paged list, limitations, tokens. */

export function customerRoutes(emu: WlvpnState, both: Route): void {
  both('POST', '/v2/customers', (req) => create(emu, req));
  both('GET', '/v2/customers/paged', (req) => paged(emu, req));
  both('GET', '/v2/customers/usage-report', (req) => bulkUsage(emu, req));
  both('GET', '/v2/customers/username_exists/:username', (req) => ({
    status: 200,
    json: { api_status: 1, username_exists: emu.byUsername(req.params.username ?? '') ? 1 : 0 },
  }));
  both('GET', '/v2/customers/username/:username', (req) =>
    withCustomer(emu, emu.byUsername(req.params.username ?? ''), (c) => ({
      status: 200,
      json: { api_status: 1, customer: view(emu, c) },
    })),
  );
  both('PUT', '/v2/customers/username/:username', (req) =>
    withCustomer(emu, emu.byUsername(req.params.username ?? ''), (c) => update(emu, c, req)),
  );
  both('GET', '/v2/customers/:id', (req) =>
    withId(emu, req, (c) => ({ status: 200, json: { api_status: 1, customer: view(emu, c) } })),
  );
  both('PUT', '/v2/customers/:id', (req) => withId(emu, req, (c) => update(emu, c, req)));
  both('PUT', '/v2/customers/:id/anonymise', (req) =>
    withId(emu, req, (c) => {
      c.acct_status_id = 3;
      c.close_date = isoDate(emu.server.now());
      c.cust_user_id = `anon_${c.cust_id}`;
      c.metadata = {};
      c.anonymised = true;
      return { status: 200, json: { api_status: 1 } };
    }),
  );
  for (const method of ['POST', 'PUT'] as const) {
    both(method, '/v2/customers/:id/limitations', (req) =>
      withId(emu, req, (c) => {
        const list = field(req.body, 'limitations');
        if (!Array.isArray(list) || list.length === 0) return bad('limitations must be a non-empty array');
        const parsed: WlLimitation[] = [];
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
    withId(emu, req, (c) => {
      c.limitations = [];
      return { status: 204 };
    }),
  );
  both('PUT', '/v2/customers/:id/tokens', (req) =>
    withId(emu, req, (c) => {
      const action = field(req.body, 'token_action');
      if (action !== 'Expire' && action !== 'Delete') return bad('token_action must be Expire or Delete');
      c.tokens = action === 'Expire' ? 'expired' : 'deleted';
      return { status: 200, json: { api_status: 1 } };
    }),
  );
}

/** The customer as the API shows it. */
export function view(emu: WlvpnState, c: EmuCustomer): WlCustomer {
  autoClose(emu, c);
  advancePlans(emu, c);
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
    plans_info: c.plans
      ? { current_plan: c.plans.current, pending_plans: c.plans.pending, spent_plans: c.plans.spent }
      : null,
  };
}

/**
 * A current plan past its expires_at is spent; the first pending plan (if any) becomes current from then on.
 * So current_plan.expires_at is always in the future or null, as the mapper's expiresAt assumes.
 */
export function advancePlans(emu: WlvpnState, c: EmuCustomer): void {
  const plans = c.plans;
  const nowSeconds = Math.floor(emu.server.now() / 1000);
  while (plans?.current && plans.current.expires_at !== null && plans.current.expires_at <= nowSeconds) {
    const ended = plans.current;
    plans.spent.unshift(ended);
    const next = plans.pending.shift();
    const plan = next ? PLANS.find((p) => p.plan_code === next.code) : undefined;
    plans.current =
      next && plan
        ? {
            ...next,
            starts_at: ended.expires_at,
            expires_at: plan.interval_days ? (ended.expires_at as number) + plan.interval_days * 86400 : null,
          }
        : null;
  }
}

export function autoClose(emu: WlvpnState, c: EmuCustomer): void {
  if (c.close_date !== ZERO_DATE && c.close_date <= isoDate(emu.server.now()) && c.acct_status_id !== 3) {
    c.acct_status_id = 3;
  }
}

export function validateCommon(body: unknown, creating: boolean): string | null {
  const metadata = field(body, 'metadata');
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Object.keys(metadata).length > METADATA_MAX_KEYS)
  ) {
    return `metadata must be a dictionary of at most ${METADATA_MAX_KEYS} keys`;
  }
  const close = field(body, 'close_date');
  if (close !== undefined && (typeof close !== 'string' || (!YMD.test(close) && close !== ZERO_DATE))) {
    return 'close_date must be a date (YYYY-MM-DD)';
  }
  const status = field(body, 'acct_status_id');
  if (status !== undefined && !(STATUS_IDS as readonly number[]).includes(Number(status)))
    return 'acct_status_id must be 1, 2, 3 or 5';
  const group = field(body, 'acct_group_id');
  if ((creating || group !== undefined) && !Number.isInteger(Number(group)))
    return 'acct_group_id is required and must be an integer';
  const password = field(body, 'cust_password');
  if ((creating || password !== undefined) && (typeof password !== 'string' || password.length === 0))
    return 'cust_password is required';
  if (password !== undefined && passwordProblem(password))
    return 'cust_password may not contain whitespace or control characters';
  return null;
}

export function create(emu: WlvpnState, req: EmuRequest): EmuResponse {
  const username = field(req.body, 'cust_user_id');
  if (typeof username !== 'string' || username.length === 0) return bad('cust_user_id is required');
  if (username.length > USERNAME_MAX) return bad(`cust_user_id must be no more than ${USERNAME_MAX} characters`);
  if (!USERNAME_RULE.test(username))
    return bad('cust_user_id contains characters that are not allowed (a-z, A-Z, 0-9, @.-_:/~+)');
  const problem = validateCommon(req.body, true);
  if (problem) return bad(problem);
  if (emu.byUsername(username)) return bad('The username is already taken');
  const id = emu.nextId++;
  emu.customers.set(id, {
    cust_id: id,
    cust_user_id: username,
    password: String(field(req.body, 'cust_password')),
    open_date: isoDate(emu.server.now()),
    close_date: (field(req.body, 'close_date') as string | undefined) ?? ZERO_DATE,
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

export function update(emu: WlvpnState, c: EmuCustomer, req: EmuRequest): EmuResponse {
  const problem = validateCommon(req.body, false);
  if (problem) return bad(problem);
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return bad('A JSON body is required');
  const password = textField(body, 'cust_password');
  if (password !== undefined) c.password = password;
  if (body.acct_group_id !== undefined) c.acct_group_id = Number(body.acct_group_id);
  if (body.metadata !== undefined) c.metadata = body.metadata as Record<string, string>;
  // A close date moved to the future keeps a closed account closed until it is reopened (status 1).
  const closeDate = textField(body, 'close_date');
  if (closeDate !== undefined) c.close_date = closeDate;
  if (body.acct_status_id !== undefined) {
    const status = Number(body.acct_status_id) as WlStatusId;
    if (status === 3 && c.acct_status_id !== 3 && closeDate === undefined) c.close_date = isoDate(emu.server.now());
    if (status === 1 && c.acct_status_id === 3 && closeDate === undefined) c.close_date = ZERO_DATE;
    c.acct_status_id = status;
  }
  return { status: 200, json: { api_status: 1 } };
}

export function paged(emu: WlvpnState, req: EmuRequest): EmuResponse {
  const q = req.query;
  const page = Number(q.get('page') ?? 1);
  const size = Number(q.get('page_size') ?? 100);
  if (!Number.isInteger(page) || page < 1) return bad('page must be a positive integer');
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE_MAX)
    return bad(`page_size must be between 1 and ${PAGE_SIZE_MAX}`);
  const filters: Array<[string, string]> = [];
  for (const key of ['open_date', 'close_date', 'acct_status_id', 'acct_group_id']) {
    const v = q.get(key);
    if (v !== null) filters.push([key, v]);
  }
  // One pass, stopping at the page's end: a page of 1000 out of 10,000 accounts does not view them all.
  const start = (page - 1) * size;
  const rows: WlCustomer[] = [];
  let matched = 0;
  for (const c of emu.customers.values()) {
    if (c.anonymised) continue;
    if (
      filters.length > 0 &&
      !filters.every(([k, v]) => String((view(emu, c) as unknown as Record<string, unknown>)[k]) === v)
    )
      continue;
    if (matched++ < start) continue;
    rows.push(view(emu, c));
    if (rows.length === size) break;
  }
  // The paged list's rows carry neither metadata nor plans_info.
  const customers: WlCustomer[] = rows.map(({ metadata: _m, plans_info: _p, ...rest }) => rest);
  return { status: 200, json: { api_status: 1, result_count: customers.length, page, page_size: size, customers } };
}
