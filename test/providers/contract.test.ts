import { readFileSync } from 'node:fs';
import { ErrorCode, ProviderError } from '../../src/domain/errors.js';
import { AccountStatus, type AccountRecord } from '../../src/domain/records.js';
import { addDays, todayYmd } from '../../src/lib/dates.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { moduleVariables, type AnyProviderModule, type ProviderSandbox } from '../../src/providers/module.js';
import { PROVIDER_MODULES } from '../../src/providers/modules.js';
import { AccountOperation, type CreateAccountInput, type VpnProvider } from '../../src/providers/port.js';
import { purewlModule } from '../../src/providers/purewl/index.js';
import { classifyFailure as purewlFailure } from '../../src/providers/purewl/errors.js';
import { toAccount as purewlAccount } from '../../src/providers/purewl/mapper.js';
import { vpnresellersModule } from '../../src/providers/vpnresellers/index.js';
import { classifyFailure as vrFailure } from '../../src/providers/vpnresellers/errors.js';
import { toAccount as vrAccount } from '../../src/providers/vpnresellers/mapper.js';
import { wlvpnModule } from '../../src/providers/wlvpn/index.js';
import { classifyFailure as wlFailure } from '../../src/providers/wlvpn/errors.js';
import { toAccount as wlAccount } from '../../src/providers/wlvpn/mapper.js';
import { purevpnModule } from '../../src/providers/purevpn/index.js';
import { classifyFailure as pvFailure } from '../../src/providers/purevpn/errors.js';
import { parseAnswer, toAccount as pvAccount } from '../../src/providers/purevpn/mapper.js';
import { MemoryDirectory } from '../helpers/directory.js';

/**
 * The module contract: every provider module is held to the same rules. Adding a provider = one entry in
 * CASES (its module, the inputs its vendor accepts, its documented error table and a reference sample).
 */

interface ContractCase {
  module: AnyProviderModule;
  /** A create the vendor accepts. */
  create: CreateAccountInput;
  password: string;
  planCode?: string;
  /** Documented vendor failures → the stable code they must map to. */
  errors: Array<[string, () => ErrorCode, ErrorCode]>;
  /** A reference sample (test/fixtures) through the mapper, and what it must give. */
  sample?: { map: () => AccountRecord; expect: Partial<AccountRecord> };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;

const CASES: ContractCase[] = [
  {
    module: purewlModule,
    create: { externalCustomerRef: 'cust-contract', periodDays: 5, username: 'contract1', password: 'Contract12345' },
    password: 'NewPassword99x',
    planCode: 'trial',
    errors: [
      ['1002 bad secret', () => purewlFailure(1002, 'Invalid secret key').code, ErrorCode.UNAUTHENTICATED_UPSTREAM],
      [
        '11001 unknown username',
        () => purewlFailure(11001, 'The provided username is not valid for this reseller').code,
        ErrorCode.NOT_FOUND,
      ],
      [
        '11001 bad input',
        () => purewlFailure(11001, 'The period must be between 1 and 3700 days').code,
        ErrorCode.VALIDATION,
      ],
      ['1401 enable failed', () => purewlFailure(1401, 'There is some problem').code, ErrorCode.UPSTREAM_UNAVAILABLE],
      ['100010 renew too early', () => purewlFailure(100010, 'only within 10 days').code, ErrorCode.CONFLICT],
    ],
    sample: {
      map: () =>
        purewlAccount(
          json('test/fixtures/purewl-samples.json').status?.body as { vpnUsername: string; status: string },
          null,
        ),
      expect: { status: AccountStatus.ACTIVE, expiresAt: '2024-02-26T00:00:00.000Z' },
    },
  },
  {
    module: vpnresellersModule,
    create: { username: 'contract-vr', password: 'secret123', periodDays: 30 }, // an expiry, so RENEW has one to move
    password: 'Abcdefgh1234',
    errors: [
      ['401', () => vrFailure(401, { message: 'Unauthorized.' }).code, ErrorCode.UNAUTHENTICATED_UPSTREAM],
      ['402', () => vrFailure(402, { message: 'Insufficient Balance.' }).code, ErrorCode.INSUFFICIENT_BALANCE],
      ['404', () => vrFailure(404, { message: 'Account not found.' }).code, ErrorCode.NOT_FOUND],
      [
        '422 invalid',
        () => vrFailure(422, { message: 'The given data was invalid.', errors: { password: ['too short'] } }).code,
        ErrorCode.VALIDATION,
      ],
      [
        '422 taken',
        () => vrFailure(422, { errors: { username: ['The username has already been taken.'] } }).code,
        ErrorCode.CONFLICT,
      ],
    ],
    sample: {
      map: () =>
        vrAccount(
          json('test/fixtures/vpnresellers/samples.json')['GET v4_1/accounts/{account}']?.data as Parameters<
            typeof vrAccount
          >[0],
          Date.parse('2020-01-01'),
        ),
      expect: {
        nativeId: '9',
        username: 'plmkojnhbgv',
        status: AccountStatus.ACTIVE,
        expiresAt: '2023-04-18T00:00:00.000Z',
      },
    },
  },
  {
    module: wlvpnModule,
    create: { username: 'contract-wl', password: 'secret123' },
    password: 'Abcdefgh1234',
    planCode: 'premium_1y',
    errors: [
      ['401', () => wlFailure(401, 'No valid API key was provided.').code, ErrorCode.UNAUTHENTICATED_UPSTREAM],
      ['404', () => wlFailure(404, 'The requested resource does not exist.').code, ErrorCode.NOT_FOUND],
      ['410', () => wlFailure(410, 'The requested resource has been removed.').code, ErrorCode.NOT_FOUND],
      ['429', () => wlFailure(429, undefined).code, ErrorCode.RATE_LIMITED],
      ['400 taken', () => wlFailure(400, 'The username is already taken').code, ErrorCode.CONFLICT],
      ['400 invalid', () => wlFailure(400, 'cust_password is required').code, ErrorCode.VALIDATION],
    ],
    sample: {
      map: () =>
        wlAccount(
          json('test/fixtures/wlvpn/samples.json')['Retrieving a customer | Example response']?.customer as Parameters<
            typeof wlAccount
          >[0],
          '2024-01-01',
        ),
      expect: { nativeId: '160669345', username: 'demoAndroid', status: AccountStatus.ACTIVE },
    },
  },
  {
    module: purevpnModule,
    create: { planCode: 'STANDARD-30', periodDays: 30 },
    password: 'Abcd1234',
    planCode: 'SSTP-60',
    errors: [
      [
        'IP not allowed',
        () => pvFailure('Access denied: your IP address is not allowed').code,
        ErrorCode.UNAUTHENTICATED_UPSTREAM,
      ],
      [
        'bad credentials',
        () => pvFailure('Authentication failed: invalid api_user or api_password').code,
        ErrorCode.UNAUTHENTICATED_UPSTREAM,
      ],
      ['unknown username', () => pvFailure('Invalid username').code, ErrorCode.NOT_FOUND],
      ['bad period', () => pvFailure('Invalid period: use #30, #60, #90, #180 or #365').code, ErrorCode.VALIDATION],
    ],
    sample: {
      map: () =>
        pvAccount(
          'pvpn1',
          parseAnswer(
            '<xml>\n<expiry_status>2030-01-02</expiry_status>\n<status>active</status>\n<result>1</result>\n</xml>',
          )!,
          null,
        ),
      expect: { status: AccountStatus.ACTIVE, expiresAt: '2030-01-02T00:00:00.000Z' },
    },
  },
];

/** The lifecycle, in an order every vendor can follow on one freshly created account. */
function run(p: VpnProvider, op: AccountOperation, id: string, c: ContractCase): Promise<unknown> {
  switch (op) {
    case AccountOperation.CREATE:
      return p.createAccount(c.create);
    case AccountOperation.ENABLE:
      return p.enableAccount(id);
    case AccountOperation.DISABLE:
      return p.disableAccount(id);
    case AccountOperation.RENEW:
      return p.renewAccount(id, { periodDays: 30 });
    case AccountOperation.EXTEND:
      return p.extendAccount(id, addDays(todayYmd(), 40));
    case AccountOperation.CHANGE_PASSWORD:
      return p.changePassword(id, c.password);
    case AccountOperation.CHANGE_PLAN:
      return p.changePlan(id, c.planCode ?? 'none');
    case AccountOperation.SET_BANDWIDTH_LIMIT:
      return p.setBandwidthLimit(id, 1024);
    case AccountOperation.REVOKE_SESSIONS:
      return p.revokeSessions(id);
    case AccountOperation.EXPIRE:
      return p.expireAccount(id);
    case AccountOperation.CLOSE:
      return p.closeAccount(id);
    case AccountOperation.REOPEN:
      return p.reopenAccount(id);
    case AccountOperation.ANONYMISE:
      return p.anonymiseAccount(id);
    case AccountOperation.DELETE:
      return p.deleteAccount(id);
  }
}
const ORDER: AccountOperation[] = [
  AccountOperation.ENABLE,
  AccountOperation.DISABLE,
  AccountOperation.ENABLE,
  AccountOperation.RENEW,
  AccountOperation.EXTEND,
  AccountOperation.CHANGE_PASSWORD,
  AccountOperation.CHANGE_PLAN,
  AccountOperation.SET_BANDWIDTH_LIMIT,
  AccountOperation.REVOKE_SESSIONS,
  AccountOperation.EXPIRE,
  AccountOperation.CLOSE,
  AccountOperation.REOPEN,
  AccountOperation.ANONYMISE,
  AccountOperation.DELETE,
];

test('every module is in the contract suite, and every provider module is listed once', () => {
  expect(new Set(CASES.map((c) => c.module.name))).toEqual(new Set(PROVIDER_MODULES.map((m) => m.name)));
  expect(Object.values(AccountOperation).every((op) => op === AccountOperation.CREATE || ORDER.includes(op))).toBe(
    true,
  );
});

describe.each(CASES.map((c) => [c.module.name, c] as const))('%s module', (_name, c) => {
  let sandbox: ProviderSandbox;
  let provider: VpnProvider;

  beforeAll(async () => {
    sandbox = (await c.module.sandbox())({ seed: 7 });
    const url = await sandbox.handle.server.start();
    const directory = new MemoryDirectory();
    for (const u of sandbox.handle.demoUsernames()) directory.add(c.module.name, u);
    provider = c.module.create({
      baseUrl: sandbox.baseUrlFor(url),
      credentials: sandbox.credentials,
      network: { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 },
      directory,
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await sandbox.handle.server.stop();
  });

  it('declares its variables, secrets and traits, and the provider it builds has the same traits', () => {
    const vars = moduleVariables(c.module);
    expect(vars[0]).toBe(c.module.env.baseUrl);
    expect(vars.every((v) => v.startsWith(`${c.module.name}_`))).toBe(true);
    expect(c.module.env.secrets.every((s) => vars.includes(s))).toBe(true);
    expect(Object.keys(sandbox.credentials).sort()).toEqual(vars.slice(1).sort());
    expect(provider.name).toBe(c.module.name);
    expect([...provider.capabilities].sort()).toEqual([...c.module.capabilities].sort());
    expect(provider.features).toEqual(c.module.features);
    expect(provider.customerRefsAreStoreIds).toBe(c.module.customerRefsAreStoreIds);
    expect(provider.breakerState?.()).toBe('closed');
  });

  it('reads a seeded account over HTTP', async () => {
    const username = sandbox.handle.demoUsernames()[0]!;
    const [found] = await provider.getAccountsByUsername([username]);
    expect(found).toMatchObject({ provider: c.module.name, username });
  });

  it('capabilities declared = operations that work against the emulator; the others answer UNSUPPORTED_BY_PROVIDER', async () => {
    const create = run(provider, AccountOperation.CREATE, '', c);
    if (!c.module.capabilities.has(AccountOperation.CREATE)) {
      await expect(create).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_BY_PROVIDER });
      return;
    }
    const { account } = (await create) as { account: AccountRecord };
    for (const op of ORDER) {
      const outcome = run(provider, op, account.nativeId, c);
      if (c.module.capabilities.has(op))
        await expect(
          outcome.then(
            () => 'ok',
            (e: unknown) => (e instanceof ProviderError ? `${op}: ${e.code} ${e.message}` : String(e)),
          ),
        ).resolves.toBe('ok');
      else await expect(outcome).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_BY_PROVIDER });
    }
  });

  it.each(c.errors)('maps the documented vendor error %s', (_label, classify, code) => {
    expect(classify()).toBe(code);
  });

  it('maps the reference sample', () => {
    if (!c.sample) return;
    expect(c.sample.map()).toMatchObject({ provider: c.module.name, ...c.sample.expect });
  });

  it('declares the vendor payload fields that carry secrets', () => {
    expect(c.module.secretFields.length).toBeGreaterThan(0);
  });
});
