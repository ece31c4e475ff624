import { readFileSync } from 'node:fs';
import { PurewlEmulator } from '../../src/providers/purewl/sandbox/index.js';
import { PUREWL_SANDBOX_SECRET } from '../../src/providers/purewl/sandbox/data.js';
import { purewlDate } from '../../src/providers/purewl/rules.js';
import { PurewlProvider } from '../../src/providers/purewl/provider.js';
import { PUREWL_CODES } from '../../src/providers/purewl/errors.js';
import { monthDayYearToIso } from '../../src/providers/purewl/rules.js';
import { parseStatus, toAccount } from '../../src/providers/purewl/mapper.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { ErrorCode } from '../../src/domain/errors.js';
import { AccountStatus } from '../../src/domain/records.js';
import { ProviderName } from '../../src/providers/modules.js';
import { addDays, todayYmd } from '../../src/lib/dates.js';
import { MemoryDirectory } from '../helpers/directory.js';
import { shapeDiff } from '../helpers/shape.js';

/** PureWL VAM: envelope and status strings, token single-flight and refresh, rules, lifecycle state. */
const samples = JSON.parse(readFileSync('test/fixtures/purewl-samples.json', 'utf8')) as Record<string, unknown>;

describe('PureWL', () => {
  const emu = new PurewlEmulator({ seed: 9 });
  const directory = new MemoryDirectory();
  let base: string;
  let provider: PurewlProvider;

  beforeAll(async () => {
    base = await emu.server.start();
    for (const u of emu.demoUsernames()) directory.add(ProviderName.PUREWL, u);
    provider = new PurewlProvider({
      baseUrl: base,
      credentials: { PUREWL_SECRET_KEY: PUREWL_SANDBOX_SECRET },
      network: { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 },
      directory,
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await emu.server.stop();
  });

  async function token(): Promise<string> {
    const res = await fetch(`${base}/auth/v1/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secretKey: PUREWL_SANDBOX_SECRET, grantType: 'secret' }),
    });
    const env = (await res.json()) as { body: { accessToken: string; expiry: number; resellerId: number } };
    expect(shapeDiff(env.body, { accessToken: 'x', expiry: 1, resellerId: 1 })).toEqual([]);
    return env.body.accessToken;
  }

  it('answers status and extend with the reference envelope and status string', async () => {
    const t = await token();
    const user = emu.demoUsernames()[0]!;
    const status = await (
      await fetch(`${base}/vam/v2/status?vpnUsername=${user}`, { headers: { 'X-AccessToken': t } })
    ).json();
    expect(shapeDiff(status, samples.status)).toEqual([]);
    expect((status as { body: { status: string } }).body.status).toMatch(
      /^(Enabled|Disabled|Expired):[A-Z][a-z]+ \d{1,2}, \d{4}$/,
    );
    const extend = await (
      await fetch(`${base}/vam/v2/extend`, {
        method: 'PUT',
        headers: { 'X-AccessToken': t, 'content-type': 'application/json' },
        body: JSON.stringify({ vpnUsername: user, extensionDate: '01-02-2031' }),
      })
    ).json();
    expect(shapeDiff(extend, samples.extend)).toEqual([]);
    const badDate = (await (
      await fetch(`${base}/vam/v2/extend`, {
        method: 'PUT',
        headers: { 'X-AccessToken': t, 'content-type': 'application/json' },
        body: JSON.stringify({ vpnUsername: user, extensionDate: '2031-02-01' }),
      })
    ).json()) as { header: { response_code: number; message: string } };
    expect(badDate.header).toEqual({
      response_code: 11001,
      message: 'The extension date does not match the format (DD-MM-YYYY).',
    });
    const unknown = (await (
      await fetch(`${base}/vam/v2/status?vpnUsername=nobody1`, { headers: { 'X-AccessToken': t } })
    ).json()) as { header: { response_code: number } };
    expect(unknown.header.response_code).toBe(11001);
    expect(
      (await fetch(`${base}/vam/v2/status?vpnUsername=${user}`, { headers: { 'X-AccessToken': 'bad' } })).status,
    ).toBe(401);
  });

  it('serves inventory for every platform and refuses others', async () => {
    const t = await token();
    for (const platform of ['android', 'ios', 'mac', 'windows']) {
      for (const kind of ['countries', 'cities', 'protocols']) {
        const env = (await (
          await fetch(`${base}/inventory/v3/${kind}/${platform}`, { headers: { 'X-AccessToken': t } })
        ).json()) as { header: { response_code: number }; body: Record<string, unknown[]> };
        expect(env.header.response_code).toBe(1);
        expect(env.body[kind]?.length).toBeGreaterThan(0);
      }
    }
    const bad = (await (
      await fetch(`${base}/inventory/v3/cities/linux`, { headers: { 'X-AccessToken': t } })
    ).json()) as { header: { response_code: number } };
    expect(bad.header.response_code).toBe(11001);
    const servers = await provider.listServers();
    expect(servers.length).toBeGreaterThan(5);
    expect(servers[0]).toMatchObject({
      provider: 'PUREWL',
      countryCode: expect.stringMatching(/^[A-Z]{2}$/) as string,
    });
  });

  it('parses both halves of the status string and the Month D, YYYY date', () => {
    const sample = (samples.status as { body: { vpnUsername: string; status: string } }).body;
    expect(toAccount(sample, null)).toMatchObject({
      status: AccountStatus.ACTIVE,
      providerStatus: 'Enabled:February 26, 2024',
      expiresAt: '2024-02-26T00:00:00.000Z',
    });
    expect(parseStatus('Disabled:March 1, 2025')).toEqual({
      status: AccountStatus.DISABLED,
      expiresAt: '2025-03-01T00:00:00.000Z',
    });
    expect(parseStatus('Expired:January 31, 2020').status).toBe(AccountStatus.EXPIRED);
    expect(parseStatus('Frozen:January 31, 2020').status).toBe(AccountStatus.UNKNOWN);
    expect(monthDayYearToIso('February 30, 2024')).toBeNull();
    expect(purewlDate(Date.UTC(2024, 1, 26))).toBe('February 26, 2024');
  });

  it('fetches the token once for 100 concurrent calls (single-flight)', async () => {
    const fresh = new PurewlProvider({
      baseUrl: base,
      credentials: { PUREWL_SECRET_KEY: PUREWL_SANDBOX_SECRET },
      network: { ...DEFAULT_NETWORK, concurrency: 100 },
      directory,
      sandbox: true,
    });
    emu.server.resetStats();
    const users = emu.demoUsernames().slice(0, 50);
    const results = await Promise.all([...users, ...users].map((u) => fresh.client.status(u)));
    expect(results).toHaveLength(100);
    expect(emu.server.count('POST /auth/v1/accessToken')).toBe(1);
    expect(emu.server.count('GET /vam/v2/status')).toBe(100);
    await fresh.close();
  });

  it('refreshes an expired token once and retries the call', async () => {
    const user = emu.demoUsernames()[1]!;
    await provider.client.status(user);
    emu.server.resetStats();
    emu.server.expireTokens();
    const answer = await provider.client.status(user);
    expect(answer.vpnUsername).toBe(user);
    expect(emu.server.count('POST /auth/v1/accessToken')).toBe(1);
    expect(emu.server.count('GET /vam/v2/status')).toBe(2);
  });

  it('maps every documented response code to a stable error code', () => {
    const table: Array<[number, string, ErrorCode]> = [
      [1001, 'There is some problem in fetching vpn account status', ErrorCode.UPSTREAM_UNAVAILABLE],
      [11001, 'The provided username is not valid for this reseller', ErrorCode.NOT_FOUND],
      [11001, 'The extension date does not match the format (DD-MM-YYYY).', ErrorCode.VALIDATION],
      [1401, 'There is some problem in enabling vpn account', ErrorCode.UPSTREAM_UNAVAILABLE],
      [1501, 'There is some problem in disabling vpn account', ErrorCode.UPSTREAM_UNAVAILABLE],
      [1601, 'There is some problem in extending vpn account', ErrorCode.UPSTREAM_UNAVAILABLE],
      [1801, 'There is some problem in changing vpn account password', ErrorCode.VALIDATION],
      [2057, 'The password breaks the policy', ErrorCode.VALIDATION],
      [1301, 'There is some problem in deleting vpn account', ErrorCode.UPSTREAM_UNAVAILABLE],
      [100010, 'The VPN account can only be renewed within 10 days of its expiry', ErrorCode.CONFLICT],
      [100033, 'This Dedicated User IP has been assigned to another user', ErrorCode.CONFLICT],
      [401, 'Access token is invalid or expired', ErrorCode.UNAUTHENTICATED_UPSTREAM],
    ];
    for (const [code, message, expected] of table) {
      const error = provider.client.failure('op', code, message);
      expect([code, message, error.code]).toEqual([code, message, expected]);
      expect(JSON.stringify(error)).not.toContain(PUREWL_SANDBOX_SECRET);
    }
    expect(Object.keys(PUREWL_CODES).length).toBeGreaterThanOrEqual(12);
  });

  it('walks the lifecycle against the emulator state, with the 10-day renewal rule', async () => {
    const created = await provider.createAccount({
      externalCustomerRef: 'cust-42',
      periodDays: 30,
      username: 'pwlife1',
      password: 'Abcdefgh1234',
    });
    const user = created.account.nativeId;
    expect(emu.accounts.get(user)).toMatchObject({ uuid: 'cust-42', enabled: true });
    await expect(provider.renewAccount(user, { periodDays: 30 })).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
      vendorCode: '100010',
    });
    const soon = addDays(todayYmd(), 5);
    expect((await provider.extendAccount(user, soon)).expiresAt).toBe(`${soon}T00:00:00.000Z`);
    expect((await provider.renewAccount(user, { periodDays: 30 })).expiresAt).toBe(
      `${addDays(soon, 30)}T00:00:00.000Z`,
    );
    expect((await provider.disableAccount(user)).status).toBe(AccountStatus.DISABLED);
    expect(emu.accounts.get(user)?.enabled).toBe(false);
    await provider.enableAccount(user);
    await provider.changePassword(user, 'NewPassword99x');
    expect(emu.accounts.get(user)?.vpnPassword).toBe('NewPassword99x');
    await expect(provider.changePassword(user, 'weak')).rejects.toMatchObject({
      code: ErrorCode.VALIDATION,
      vendorCode: '2057',
    });
    await provider.changePlan(user, 'trial');
    expect(emu.accounts.get(user)?.subscriptionType).toBe('trial');
    await provider.deleteAccount(user);
    expect(emu.accounts.has(user)).toBe(false);
    expect(await provider.findAccountByUsername(user)).toBeNull();
    expect(
      provider
        .validate('CREATE' as never, {
          periodDays: 4000,
          username: 'x'.repeat(21),
          password: 'short',
          planCode: 'gold',
        })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['customerId', 'password', 'periodDays', 'planCode', 'username']);
  });

  it('lists accounts from the directory with their live status', async () => {
    const page = await provider.listAccounts({ offset: 0, limit: 10 });
    expect(page.totalCount).toBe(emu.accounts.size);
    expect(page.items.map((a) => a.username)).toEqual(emu.demoUsernames().slice(0, 10));
    const disabled = await provider.listAccounts({
      offset: 0,
      limit: 100,
      filter: { statuses: [AccountStatus.DISABLED] },
    });
    expect(disabled.items.every((a) => a.status === AccountStatus.DISABLED)).toBe(true);
    expect(disabled.items.length).toBeGreaterThan(5);
  });
});
