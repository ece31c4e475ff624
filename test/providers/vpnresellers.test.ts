import { readFileSync } from 'node:fs';
import { VpnresellersEmulator } from '../../src/providers/vpnresellers/sandbox/index.js';
import { VPNRESELLERS_SANDBOX_TOKEN } from '../../src/providers/vpnresellers/sandbox/data.js';
import { VpnresellersProvider } from '../../src/providers/vpnresellers/provider.js';
import { toAccount, microsToIso, stampToIso } from '../../src/providers/vpnresellers/mapper.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { ErrorCode, ProviderError } from '../../src/domain/errors.js';
import { AccountStatus } from '../../src/domain/records.js';
import { MemoryDirectory } from '../helpers/directory.js';
import { shapeDiff } from '../helpers/shape.js';

/** VPNresellers v4.1: emulator vs the reference samples, mapper on verbatim samples, client/provider over HTTP. */
const samples = JSON.parse(readFileSync('test/fixtures/vpnresellers/samples.json', 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

describe('VPNresellers', () => {
  const emu = new VpnresellersEmulator({ seed: 3 });
  let base: string;
  let provider: VpnresellersProvider;
  const auth = {
    authorization: `Bearer ${VPNRESELLERS_SANDBOX_TOKEN}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
    const res = await fetch(`${base}/v4_1/${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    base = await emu.server.start();
    provider = new VpnresellersProvider({
      baseUrl: base,
      credentials: { VPNRESELLERS_API_TOKEN: VPNRESELLERS_SANDBOX_TOKEN },
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
    const acct = [...emu.accounts.values()][0]!;
    const customer = [...emu.customers.values()][0]!;
    const project = [...emu.projects.values()][0]!;
    const cases: Array<[string, string, string, unknown?, Record<string, string>?]> = [
      ['GET v4_1/accounts', 'GET', 'accounts'],
      ['GET v4_1/accounts/check_username', 'GET', 'accounts/check_username?username=free_name_1'],
      ['POST v4_1/accounts', 'POST', 'accounts', { username: 'shape_check', password: 'secret123' }],
      ['GET v4_1/accounts/{account}', 'GET', `accounts/${acct.id}`],
      ['GET v4_1/accounts/{account}', 'GET', `${acct.id}/show`],
      ['PUT v4_1/accounts/{account}/enable', 'PUT', `accounts/${acct.id}/enable`],
      ['PUT v4_1/{account}/disable', 'PUT', `accounts/${acct.id}/disable`],
      ['PUT v4_1/{account}/disable', 'PUT', `${acct.id}/disable`],
      [
        'PUT v4_1/accounts/{account}/change_password',
        'PUT',
        `accounts/${acct.id}/change_password`,
        { password: 'newpass1' },
      ],
      ['PUT v4_1/accounts/{account}/expire', 'PUT', `accounts/${acct.id}/expire`, { expire_at: '2031-10-03' }],
      [
        'POST v4_1/accounts/{account}/validate',
        'POST',
        `accounts/${acct.id}/validate`,
        { username: acct.username, password: 'newpass1' },
      ],
      ['PUT v4_1/un/accounts/enable', 'PUT', 'un/accounts/enable', { username: acct.username }],
      ['PUT v4_1/un/accounts/disable', 'PUT', 'un/accounts/disable', { username: acct.username }],
      [
        'PUT v4_1/un/accounts/change_password',
        'PUT',
        'un/accounts/change_password',
        { username: acct.username, password: 'newpass2' },
      ],
      [
        'GET v4_1/un/accounts/show',
        'GET',
        `un/accounts/show?username=${acct.username}`,
        undefined,
        {
          authorization: `Basic ${Buffer.from(`${acct.username}:newpass2`).toString('base64')}`,
          accept: 'application/json',
        },
      ],
      ['GET v4_1/configuration/openvpn', 'GET', 'configuration/openvpn?server_id=1&port_id=1'],
      ['GET v4_1/configuration/wireguard', 'GET', `configuration/wireguard?server_id=1&account_id=${acct.id}`],
      ['GET v4_1/geoip', 'GET', 'geoip', undefined, { accept: 'application/json' }],
      ['GET v4_1/servers', 'GET', 'servers'],
      ['GET v4_1/ports', 'GET', 'ports'],
      ['GET v4_1/profile', 'GET', 'profile'],
      ['GET v4_1/customers/{customer}', 'GET', `customers/${customer.id}`],
      [
        'POST v4_1/customers/{customer}',
        'POST',
        'customers',
        { first_name: 'J', last_name: 'B', email: 'shape@example.com', project_id: project.id },
      ],
      ['PUT v4_1/customers/{customer}', 'PUT', `customers/${customer.id}`, { first_name: 'Jeff' }],
      ['GET v4_1/projects/{project}', 'GET', `projects/${project.id}`],
      ['POST v4_1/projects/{project}', 'POST', 'projects', { name: 'P', description: 'D' }],
      ['PUT v4_1/projects/{project}', 'PUT', `projects/${project.id}`, { name: 'P2', description: 'D2' }],
      ['GET v4_1/accounts', 'GET', `customers/${customer.id}/accounts`],
      ['GET v4_1/accounts', 'GET', `projects/${project.id}/accounts`],
    ];
    for (const [sampleKey, method, path, body, headers] of cases) {
      const res = await call(method, path, body, headers ?? auth);
      expect([sampleKey, path, res.status]).toEqual([
        sampleKey,
        path,
        sampleKey.startsWith('POST v4_1/accounts') && !path.includes('validate') ? 201 : 200,
      ]);
      expect([path, shapeDiff(res.json, samples[sampleKey])]).toEqual([path, []]);
    }
    // lists: Laravel pagination at 15 per page
    const list = await call('GET', 'accounts');
    const meta = list.json.meta as { per_page: number; total: number; last_page: number };
    expect(meta.per_page).toBe(15);
    expect((list.json.data as unknown[]).length).toBe(15);
    expect(meta.last_page).toBe(Math.ceil(meta.total / 15));
    expect((list.json.links as { next: string }).next).toBe(`${base}/v4_1/accounts?page=2`);
  });

  it('answers failures the documented way', async () => {
    expect(
      await call('GET', 'accounts', undefined, { authorization: 'Bearer wrong', accept: 'application/json' }),
    ).toEqual({ status: 401, json: { message: 'Unauthorized.', code: 401 } });
    expect(await call('GET', 'accounts/999999')).toEqual({
      status: 404,
      json: { message: 'Account not found.', code: 404 },
    });
    const short = await call('POST', 'accounts', { username: 'shortpw', password: 'abc' });
    expect(short).toEqual({
      status: 422,
      json: {
        message: 'The given data was invalid.',
        errors: { password: ['The password must be at least 6 characters.'] },
        code: 422,
      },
    });
    const taken = await call('GET', `accounts/check_username?username=${[...emu.accounts.values()][1]!.username}`);
    expect(taken.json).toMatchObject({ message: 'The username has already been taken.', code: 422 });
    const withAccounts = [...emu.customers.values()].find((c) =>
      [...emu.accounts.values()].some((a) => a.customer_id === c.id),
    )!;
    expect((await call('DELETE', `customers/${withAccounts.id}`)).json).toMatchObject({
      errors: { customer: ['Unable to delete a customer that has accounts.'] },
    });
    expect((await call('DELETE', 'projects/1')).json).toMatchObject({
      errors: { project: ['Unable to delete a project that has customers.'] },
    });
    expect((await call('POST', `accounts/1/validate`, { username: 'nobody-here', password: 'x' })).status).toBe(460);
    expect(
      (
        await call('POST', `accounts/1/validate`, {
          username: [...emu.accounts.values()][2]!.username,
          password: 'wrong',
        })
      ).status,
    ).toBe(461);
    emu.setBalance(1);
    expect(await call('POST', 'accounts', { username: 'no_money', password: 'secret123' })).toEqual({
      status: 402,
      json: { message: 'Insufficient Balance.', code: 402 },
    });
    emu.setBalance(253.7);
  });

  it('maps the verbatim sample account', () => {
    const sample = (samples['GET v4_1/accounts/{account}'] as { data: Parameters<typeof toAccount>[0] }).data;
    const record = toAccount(sample, Date.parse('2024-01-01T00:00:00Z'));
    expect(record).toMatchObject({
      nativeId: '9',
      username: 'plmkojnhbgv',
      status: AccountStatus.EXPIRED,
      providerStatus: 'Active',
      expiresAt: '2023-04-18T00:00:00.000Z',
      createdAt: '2017-03-24T19:26:24.000Z',
      updatedAt: '2017-03-28T17:44:21.000Z',
      wireguard: {
        ip: '10.250.121.219',
        publicKey: 'w4oWBcymg+W+24NTb7FolqW9sumDnO0vhXXP19iQomM=',
        privateKey: 'XE1pI01BnHB1EmidlHdm55r2qHKBSWCCJtXeS9gC+WU=',
      },
    });
    expect(toAccount(sample, Date.parse('2023-01-01T00:00:00Z')).status).toBe(AccountStatus.ACTIVE);
    expect(microsToIso('2023-04-18T00:00:00.000000Z')).toBe('2023-04-18T00:00:00.000Z');
    expect(stampToIso('garbage')).toBeNull();
  });

  it('maps every vendor error answer to a stable code', async () => {
    const table: Array<[number, Record<string, unknown>, ErrorCode]> = [
      [400, { message: 'Bad Request.', code: 400 }, ErrorCode.VALIDATION],
      [401, { message: 'Unauthorized.', code: 401 }, ErrorCode.UNAUTHENTICATED_UPSTREAM],
      [402, { message: 'Insufficient Balance.', code: 402 }, ErrorCode.INSUFFICIENT_BALANCE],
      [403, { message: 'Forbidden.', code: 403 }, ErrorCode.UNAUTHENTICATED_UPSTREAM],
      [404, { message: 'Account not found.', code: 404 }, ErrorCode.NOT_FOUND],
      [405, { message: 'Method Not Allowed.', code: 405 }, ErrorCode.VALIDATION],
      [
        422,
        {
          message: 'The username has already been taken.',
          errors: { username: ['The username has already been taken.'] },
          code: 422,
        },
        ErrorCode.CONFLICT,
      ],
      [
        422,
        {
          message: 'The given data was invalid.',
          errors: { password: ['The password must be at least 6 characters.'] },
          code: 422,
        },
        ErrorCode.VALIDATION,
      ],
      [
        422,
        {
          message: 'Unable to delete a project that has customers.',
          errors: { project: ['Unable to delete a project that has customers.'] },
          code: 422,
        },
        ErrorCode.CONFLICT,
      ],
      [460, { message: 'Username has not been found.', code: 460 }, ErrorCode.NOT_FOUND],
      [461, { message: 'Username has not been validated.', code: 461 }, ErrorCode.VALIDATION],
    ];
    for (const [status, body, code] of table) {
      const error = provider.client.failure('op', status, body);
      expect([status, body.message, error.code]).toEqual([status, body.message, code]);
      expect(JSON.stringify(error)).not.toContain(VPNRESELLERS_SANDBOX_TOKEN);
    }
    expect(provider.client.failure('op', 422, { errors: { password: ['x'] } }).field).toBe('password');
  });

  it('pages the whole account list through the provider returning each account once', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 15) {
      const page = await provider.listAccounts({ offset, limit: 15 });
      seen.push(...page.items.map((a) => a.nativeId));
      if (page.items.length < 15) break;
      expect(page.totalCount).toBe(emu.accounts.size);
    }
    expect(seen.length).toBe(emu.accounts.size);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads batches in order with null for missing ids, through the list when cheaper', async () => {
    const ids = [...emu.accounts.keys()].slice(0, 10).map(String);
    emu.server.resetStats();
    const slots = await provider.getAccounts([...ids, '999999', 'not-a-number']);
    expect(slots.slice(0, 10).map((s) => (s as { nativeId: string }).nativeId)).toEqual(ids);
    expect(slots[10]).toBeNull();
    expect(slots[11]).toMatchObject({ code: ErrorCode.VALIDATION, field: 'id' }); // refused by the id guard, never sent
    expect(emu.server.count()).toBe(1); // one list page instead of 12 GETs
    emu.server.addFault({ kind: 'error', status: 500, times: 3 });
    const failed = await provider.getAccounts(['1', '2', '3']);
    emu.server.clearFaults();
    expect(failed.every((s) => s instanceof ProviderError && s.code === ErrorCode.UPSTREAM_UNAVAILABLE)).toBe(true);
  });

  it('creates an account with a new customer and finds it by username (reconciliation)', async () => {
    const project = [...emu.projects.values()][0]!;
    const created = await provider.createAccount({
      username: 'recon_me',
      password: 'secret123',
      newCustomer: { firstName: 'R', lastName: 'C', email: 'recon@example.com', projectNativeId: String(project.id) },
    });
    expect(created.account.username).toBe('recon_me');
    const stored = emu.accounts.get(Number(created.account.nativeId))!;
    expect(stored.customer_id).not.toBeNull();
    expect((await provider.findAccountByUsername('recon_me'))?.nativeId).toBe(created.account.nativeId);
    expect(await provider.findAccountByUsername('never_created')).toBeNull();
  });
});
