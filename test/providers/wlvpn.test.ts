import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { WlvpnEmulator, WLVPN_SANDBOX_KEY } from '../../src/providers/wlvpn/sandbox/index.js';
import { WlvpnProvider } from '../../src/providers/wlvpn/provider.js';
import { toAccount, toPlan } from '../../src/providers/wlvpn/mapper.js';
import type { WlCustomer, WlPlan } from '../../src/providers/wlvpn/wire.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { ErrorCode } from '../../src/domain/errors.js';
import { AccountStatus, PlanKind } from '../../src/domain/records.js';
import { addDays, todayYmd } from '../../src/lib/dates.js';
import { MemoryDirectory } from '../helpers/directory.js';
import { shapeDiff } from '../helpers/shape.js';

/** WLVPN v2: emulator vs the reference samples, mapper on verbatim samples, client/provider over HTTP. */
const extracted = JSON.parse(readFileSync('test/fixtures/wlvpn/samples.json', 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const SAMPLES: Record<string, unknown> = {
  retrieve: extracted['Retrieving a customer | Example response'],
  create: extracted['Creating an account | Example response'],
  ok: { api_status: 1 },
  usage: extracted['The UsageReport Object | Example UsageReport object'],
  paged: {
    api_status: 1,
    result_count: 2,
    page: 1,
    page_size: 100,
    customers: [
      {
        cust_id: 12749638,
        cust_user_id: 'account_xqst335',
        close_date: '2025-05-21',
        open_date: '2024-12-04',
        acct_status_id: 5,
        acct_group_id: 1525,
        user_throttled: 0,
        used_service: 0,
      },
    ],
  },
  exists: { api_status: 1, username_exists: 1 },
  bulk: {
    customers: [{ cust_id: 32749851, bandwidth: 0, connections: 1 }],
    last_cust_id: 32749853,
    result_count: 2,
    total_count: 27875,
  },
  plans: {
    api_status: 1,
    plans: [
      {
        plan_code: 'coolvpn_one_month_unlimited',
        name: 'One month service',
        short_desc: 'Unlimited usage',
        price: '0',
        bandwidth_gb: null,
        bandwidth_mb: null,
        interval_days: 30,
        expire_after_days: null,
        requires_receipt: false,
        is_auto_renewing: false,
        refilling_interval_days: 0,
      },
    ],
  },
  purchase: {
    api_status: 1,
    plan_info: {
      id: 731,
      is_unlimited: false,
      code: '30_gb_1mo',
      name: '30GB for 1 month',
      short_desc: '30GB for 1 month',
      source: 'manual',
      purchase_id: 637,
      created_at: 1700498142,
      starts_at: null,
      expires_at: null,
      bytes_used: 0,
      bytes_max: 32212254720,
      refilling_interval_days: 0,
      is_revoked: false,
    },
  },
};

describe('WLVPN', () => {
  const emu = new WlvpnEmulator({ seed: 5 });
  let base: string;
  let provider: WlvpnProvider;
  const auth = {
    authorization: `Basic ${Buffer.from(`api-key:${WLVPN_SANDBOX_KEY}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
    const res = await fetch(`${base}/v2/${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
  };

  beforeAll(async () => {
    base = await emu.server.start();
    provider = new WlvpnProvider({
      baseUrl: base,
      credentials: { WLVPN_API_KEY: WLVPN_SANDBOX_KEY },
      network: { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 },
      directory: new MemoryDirectory(),
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await emu.server.stop();
  });

  it('answers every documented endpoint with the reference shape', async () => {
    const withPlan = [...emu.customers.values()].find((c) => c.plans?.current)!;
    const c = [...emu.customers.values()][1]!;
    const today = todayYmd();
    const cases: Array<[string, string, string, unknown, number]> = [
      [
        'create',
        'POST',
        'customers',
        { cust_user_id: 'shape_user', cust_password: 'pw', acct_group_id: 54, metadata: { internal_account_id: 'x' } },
        200,
      ],
      ['retrieve', 'GET', `customers/${withPlan.cust_id}/`, undefined, 200],
      ['retrieve', 'GET', `customers/username/${withPlan.cust_user_id}/`, undefined, 200],
      [
        'ok',
        'PUT',
        `customers/${c.cust_id}`,
        { cust_password: 'newpassword', acct_status_id: 1, metadata: { subscription_type: 'Free' } },
        200,
      ],
      ['ok', 'PUT', `customers/username/${c.cust_user_id}`, { acct_status_id: 1 }, 200],
      ['paged', 'GET', 'customers/paged?page=1&page_size=100', undefined, 200],
      ['exists', 'GET', `customers/username_exists/${c.cust_user_id}`, undefined, 200],
      [
        'usage',
        'POST',
        `customers/${c.cust_id}/usage-report`,
        {
          start_date: addDays(today, -30),
          end_date: addDays(today, -1),
          metrics: [
            { name: 'bandwidth', namespace: 'vpn' },
            { name: 'connections', namespace: 'vpn' },
          ],
        },
        200,
      ],
      ['bulk', 'GET', `customers/usage-report?start_date=${addDays(today, -30)}&max_results=2`, undefined, 200],
      ['ok', 'PUT', `customers/${c.cust_id}/tokens`, { token_action: 'Expire' }, 200],
      ['plans', 'GET', 'plans', undefined, 200],
      [
        'purchase',
        'POST',
        `customers/${c.cust_id}/purchase`,
        { plan_code: '30_gb_1mo', refilling_time: '17:00', refilling_time_offset: '+03:00' },
        200,
      ],
      ['ok', 'POST', `customers/${c.cust_id}/revoke`, { plan_code: '30_gb_1mo' }, 200],
    ];
    for (const [sample, method, path, body, status] of cases) {
      const res = await call(method, path, body);
      expect([path, res.status]).toEqual([path, status]);
      expect([path, shapeDiff(res.json, SAMPLES[sample])]).toEqual([path, []]);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await call(
        method,
        `customers/${c.cust_id}/limitations`,
        method === 'DELETE' ? undefined : { limitations: [{ type: 'rate-limit', value: 41294102 }] },
      );
      expect([method, res.status, res.json]).toEqual([method, 204, null]);
    }
    const servers = await call('GET', 'servers?country=FR,US');
    const map = (servers.json?.server ?? {}) as Record<
      string,
      { country: string; city: string; capacity: number; ip: string }
    >;
    expect(Object.keys(map).length).toBeGreaterThan(1);
    for (const [fqdn, s] of Object.entries(map)) {
      expect(fqdn).toMatch(/\.wlvpn\.com$/);
      expect(['FR', 'US']).toContain(s.country);
      expect(shapeDiff(s, { country: 'FR', city: 'Paris', capacity: 5, ip: '0.0.0.0' })).toEqual([]);
    }
    // metrics: a map pop → country → metrics (keys are data, the leaves follow the sample)
    const metrics = await call(
      'GET',
      `metrics/usage/pop_and_country?start_date=${today.slice(0, 8)}01&end_date=${today}`,
    );
    const pops = Object.entries((metrics.json?.data ?? {}) as Record<string, Record<string, unknown>>);
    expect(pops.length).toBeGreaterThan(0);
    for (const [pop, countries] of pops) {
      expect(pop).toMatch(/^[a-z]{3}$/);
      for (const [country, leaf] of Object.entries(countries)) {
        expect(country).toMatch(/^[A-Z]{2}$/);
        expect(shapeDiff(leaf, { bandwidth: 1, connections: 1, customers: 1 })).toEqual([]);
      }
    }
    expect((await call('PUT', `customers/${c.cust_id}/anonymise`)).json).toEqual({ api_status: 1 });
    expect((await call('GET', `customers/${c.cust_id}`)).status).toBe(410);
  });

  it('answers failures the documented way and validates input', async () => {
    expect(await call('GET', 'plans', undefined, { authorization: 'Basic bm9wZTpub3Bl' })).toMatchObject({
      status: 401,
      json: { api_status: 0 },
    });
    expect((await call('GET', 'customers/1')).status).toBe(404);
    const bad: Array<[unknown, RegExp]> = [
      [{ cust_user_id: 'has space', cust_password: 'p', acct_group_id: 1 }, /not allowed/],
      [{ cust_user_id: 'x'.repeat(61), cust_password: 'p', acct_group_id: 1 }, /60 characters/],
      [{ cust_user_id: 'ok_user', acct_group_id: 1 }, /cust_password/],
      [{ cust_user_id: 'ok_user', cust_password: 'p' }, /acct_group_id/],
      [
        {
          cust_user_id: 'ok_user',
          cust_password: 'p',
          acct_group_id: 1,
          metadata: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' },
        },
        /5 keys/,
      ],
      [{ cust_user_id: 'ok_user', cust_password: 'p', acct_group_id: 1, close_date: '01/02/2030' }, /close_date/],
    ];
    for (const [body, message] of bad) {
      const res = await call('POST', 'customers', body);
      expect(res.status).toBe(400);
      expect(res.json?.api_status).toBe(0);
      expect(String(res.json?.error)).toMatch(message);
    }
    const today = todayYmd();
    expect(
      (
        await call('POST', `customers/${[...emu.customers.keys()][0]}/usage-report`, {
          start_date: addDays(today, -3),
          end_date: today,
        })
      ).json?.error,
    ).toMatch(/before the current date/);
    expect((await call('GET', 'customers/usage-report?start_date=2020-01-01')).json?.error).toMatch(/18 months/);
    expect(
      (await call('GET', 'metrics/usage/pop_and_country?start_date=2025-01-01&end_date=2025-02-01')).json?.error,
    ).toMatch(/same month/);
  });

  it('maps the verbatim sample customer and plan', () => {
    const sample = (SAMPLES.retrieve as { customer: WlCustomer }).customer;
    const record = toAccount(sample, '2024-01-01');
    expect(record).toMatchObject({
      nativeId: '160669345',
      username: 'demoAndroid',
      status: AccountStatus.ACTIVE,
      providerStatus: '1',
      createdAt: '2020-06-11T00:00:00.000Z',
      closedAt: null,
      expiresAt: '2024-12-19T16:44:42.000Z' /* the current plan's end: no close_date */,
      throttled: false,
      groupId: '2052',
      planNativeId: 'premium_1y',
    });
    expect(record.plans?.map((p) => [p.planCode, p.state])).toEqual([
      ['premium_1y', 'CURRENT'],
      ['30_gb_1mo', 'PENDING'],
      ['1mo_unlimited', 'SPENT'],
    ]);
    expect(record.plans?.[0]?.expiresAt).toBe('2024-12-19T16:44:42.000Z');
    expect(toAccount({ ...sample, acct_status_id: 5 }, '2024-01-01').status).toBe(AccountStatus.BANDWIDTH_CAPPED);
    expect(toAccount({ ...sample, acct_status_id: 3, close_date: '2023-05-01' }, '2024-01-01')).toMatchObject({
      status: AccountStatus.CLOSED,
      closedAt: '2023-05-01T00:00:00.000Z',
    });
    const plan = toPlan((SAMPLES.plans as { plans: WlPlan[] }).plans[0]!);
    expect(plan).toMatchObject({
      code: 'coolvpn_one_month_unlimited',
      kind: PlanKind.TIME,
      intervalDays: 30,
      bandwidthBytes: null,
    });
  });

  it('maps WLVPN failures to stable codes', () => {
    const table: Array<[number, string | undefined, ErrorCode]> = [
      [400, 'cust_user_id contains characters that are not allowed', ErrorCode.VALIDATION],
      [400, 'The username is already taken', ErrorCode.CONFLICT],
      [401, 'No valid API key was provided.', ErrorCode.UNAUTHENTICATED_UPSTREAM],
      [404, 'The requested resource does not exist.', ErrorCode.NOT_FOUND],
      [410, 'The requested resource has been removed.', ErrorCode.NOT_FOUND],
      [429, undefined, ErrorCode.RATE_LIMITED],
      [200, 'api_status 0', ErrorCode.VALIDATION],
    ];
    for (const [status, error, code] of table)
      expect([status, provider.client.failure('op', status, error).code]).toEqual([status, code]);
  });

  it('reads usage for 60 accounts with ONE bulk call', async () => {
    const ids = [...emu.customers.keys()].slice(0, 60).map(String);
    emu.server.resetStats();
    const range = { from: addDays(todayYmd(), -30), to: addDays(todayYmd(), -1) };
    const asked = jest.spyOn(provider.client, 'bulkUsageReport');
    const usage = await provider.getUsage(ids, range);
    expect(emu.server.count()).toBe(1);
    expect(usage.filter((u) => u !== null)).toHaveLength(60);
    // Only the customers from the first id to the last are asked for, not the next 5,000.
    const numeric = ids.map(Number);
    expect(asked.mock.calls.map(([q]) => [q.cust_id_offset, q.max_results])).toEqual([
      [Math.min(...numeric) - 1, Math.max(...numeric) - Math.min(...numeric) + 1],
    ]);
    asked.mockRestore();
    const one = usage[3] as { bandwidthBytes: number; accountNativeId: string };
    const single = await call('POST', `customers/${one.accountNativeId}/usage-report`, {
      start_date: range.from,
      end_date: range.to,
    });
    expect((single.json?.usage as Array<{ value: number }>)[0]?.value).toBe(one.bandwidthBytes);
  });

  it('lists every account exactly once through the paged call', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = await provider.listAccounts({ offset, limit: 7 });
      seen.push(...page.items.map((a) => a.nativeId));
      if (page.items.length < 7) break;
    }
    const live = [...emu.customers.values()].filter((c) => !c.anonymised).length;
    expect(seen).toHaveLength(live);
    expect(new Set(seen).size).toBe(live);
  });

  it('closes, reopens, limits and revokes against the emulator state', async () => {
    const created = await provider.createAccount({ username: 'wl_state', password: 'pw123456' });
    const id = created.account.nativeId;
    await provider.closeAccount(id);
    expect(emu.customers.get(Number(id))).toMatchObject({ acct_status_id: 3, close_date: todayYmd() });
    await provider.reopenAccount(id);
    expect(emu.customers.get(Number(id))).toMatchObject({ acct_status_id: 1, close_date: '0000-00-00' });
    await provider.setBandwidthLimit(id, 2048);
    expect(emu.customers.get(Number(id))?.limitations).toEqual([{ type: 'rate-limit', value: 2048 }]);
    await provider.setBandwidthLimit(id, null);
    expect(emu.customers.get(Number(id))?.limitations).toEqual([]);
    await provider.revokeSessions(id);
    expect(emu.customers.get(Number(id))?.tokens).toBe('deleted');
    await expect(provider.reopenAccount(id)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    expect((await provider.findAccountByUsername('wl_state'))?.nativeId).toBe(id);
  });
});
