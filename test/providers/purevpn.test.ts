import { createHash } from 'node:crypto';
import {
  PurevpnEmulator,
  PUREVPN_PATH,
  PUREVPN_SANDBOX_PASSWORD,
  PUREVPN_SANDBOX_USER,
} from '../../src/providers/purevpn/sandbox/index.js';
import { PurevpnProvider } from '../../src/providers/purevpn/provider.js';
import { parseAnswer, toAccount, PLANS } from '../../src/providers/purevpn/mapper.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { ErrorCode, ProviderError } from '../../src/domain/errors.js';
import { AccountStatus } from '../../src/domain/records.js';
import { ProviderName } from '../../src/providers/modules.js';
import { MemoryDirectory } from '../helpers/directory.js';

/** Legacy PureVPN: form POSTs, XML answers, md5 auth and IP allowlist, the documented rules. */
describe('PureVPN', () => {
  const emu = new PurevpnEmulator({ seed: 11 });
  const directory = new MemoryDirectory();
  let url: string;
  let provider: PurevpnProvider;
  const md5 = createHash('md5').update(PUREVPN_SANDBOX_PASSWORD).digest('hex');
  const post = async (fields: Record<string, string>, auth = { api_user: PUREVPN_SANDBOX_USER, api_password: md5 }) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ API: 'True', ...auth, ...fields }).toString(),
    });
    expect(res.headers.get('content-type')).toContain('xml');
    return res.text();
  };

  beforeAll(async () => {
    url = `${await emu.server.start()}${PUREVPN_PATH}`;
    for (const u of emu.demoUsernames()) directory.add(ProviderName.PUREVPN, u);
    provider = new PurevpnProvider({
      baseUrl: url,
      credentials: { PUREVPN_API_USER: PUREVPN_SANDBOX_USER, PUREVPN_API_PASSWORD: PUREVPN_SANDBOX_PASSWORD },
      network: { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 },
      directory,
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await emu.server.stop();
  });

  it('answers each method with the reference XML elements', async () => {
    const created = await post({ method: 'create', package_type: 'STANDARD', period: '#30' });
    expect(created).toMatch(
      /^<xml>\n<user>pvpn\d+<\/user>\n<vpn_password>[A-Za-z0-9]{8}<\/vpn_password>\n<result>1<\/result>\n<\/xml>$/,
    );
    const user = parseAnswer(created)?.user as string;
    expect(await post({ method: 'renew', username: user, period: '60' })).toMatch(
      /<user>.*<\/user>\n<vpn_password>.*<\/vpn_password>\n<result>1<\/result>/,
    );
    expect(await post({ method: 'status', username: user })).toMatch(
      /<expiry_status>\d{4}-\d{2}-\d{2}<\/expiry_status>\n<status>active<\/status>\n<result>1<\/result>/,
    );
    expect(await post({ method: 'update_account', username: user, update_status: 'disable' })).toBe(
      '<xml>\n<result>1</result>\n</xml>',
    );
    expect(await post({ method: 'change_password', username: user, new_pass: 'Abcd1234' })).toBe(
      '<xml>\n<result>1</result>\n</xml>',
    );
    expect(await post({ method: 'delete_account', username: user })).toBe('<xml>\n<result>1</result>\n</xml>');
    expect(parseAnswer(await post({ method: 'status', username: user }))).toMatchObject({ result: 0 });
  });

  it('enforces the documented rules', async () => {
    const user = emu.demoUsernames()[0]!;
    const refused: Array<Record<string, string>> = [
      { method: 'create', package_type: 'GOLD', period: '30' },
      { method: 'create', package_type: 'STANDARD', period: '45' },
      { method: 'renew', username: user, period: '7' },
      { method: 'update_account', username: user, update_status: 'pause' },
      { method: 'change_password', username: user, new_pass: 'short1' },
      { method: 'change_password', username: user, new_pass: 'with-dash' },
      { method: 'nonsense' },
    ];
    for (const fields of refused) expect([fields, parseAnswer(await post(fields))?.result]).toEqual([fields, 0]);
  });

  it('refuses a wrong md5 and a caller outside the IP allowlist, without leaking secrets', async () => {
    expect(
      parseAnswer(
        await post(
          { method: 'status', username: 'x' },
          { api_user: PUREVPN_SANDBOX_USER, api_password: PUREVPN_SANDBOX_PASSWORD },
        ),
      )?.message,
    ).toMatch(/Authentication failed/);
    const wrong = new PurevpnProvider({
      baseUrl: url,
      credentials: { PUREVPN_API_USER: PUREVPN_SANDBOX_USER, PUREVPN_API_PASSWORD: 'not-the-password' },
      network: DEFAULT_NETWORK,
      directory,
      sandbox: true,
    });
    const error = (await wrong.client.status('x').catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED_UPSTREAM);
    const allow = emu.allowlist;
    emu.allowlist = ['10.0.0.1'];
    const blocked = (await provider.client.status('x').catch((e: unknown) => e)) as ProviderError;
    emu.allowlist = allow;
    expect(blocked.code).toBe(ErrorCode.UNAUTHENTICATED_UPSTREAM);
    expect(blocked.message).toMatch(/IP address/);
    for (const e of [error, blocked]) {
      const text = `${e.message} ${JSON.stringify(e)} ${JSON.stringify(Object.entries(e))}`;
      for (const secret of [
        PUREVPN_SANDBOX_PASSWORD,
        md5,
        'not-the-password',
        createHash('md5').update('not-the-password').digest('hex'),
      ])
        expect(text).not.toContain(secret);
    }
    await wrong.close();
  });

  it('maps the XML answer to a domain account', () => {
    const answer = parseAnswer(
      '<xml>\n<expiry_status>2026-01-31</expiry_status>\n<status>disabled</status>\n<result>1</result>\n</xml>',
    );
    expect(toAccount('pvpn1', answer!, null)).toMatchObject({
      nativeId: 'pvpn1',
      status: AccountStatus.DISABLED,
      providerStatus: 'disabled',
      expiresAt: '2026-01-31T00:00:00.000Z',
    });
    expect(parseAnswer('{"not":"xml"}')).toBeNull();
    expect(PLANS.map((p) => p.code)).toContain('HIGH-BW-365');
  });

  it('validates input before any call and walks the lifecycle', async () => {
    expect(
      provider
        .validate('CREATE' as never, { periodDays: 45, username: 'me', password: 'x', planCode: 'GOLD' })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['password', 'periodDays', 'planCode', 'username']);
    expect(provider.validate('CHANGE_PASSWORD' as never, { password: 'Abcd12345' }).map((e) => e.field)).toEqual([
      'password',
    ]);
    const created = await provider.createAccount({ periodDays: 30, planCode: 'SSTP-30' });
    const user = created.account.nativeId;
    expect(emu.accounts.get(user)).toMatchObject({ packageType: 'SSTP', disabled: false });
    expect(created.password).toBe(emu.accounts.get(user)?.password);
    await provider.disableAccount(user);
    expect(emu.accounts.get(user)?.disabled).toBe(true);
    await provider.enableAccount(user);
    const before = emu.accounts.get(user)!.expiresAt;
    await provider.renewAccount(user, { periodDays: 90 });
    expect(emu.accounts.get(user)!.expiresAt - before).toBe(90 * 86_400_000);
    await provider.changePlan(user, 'HIGH-BW-60');
    expect(emu.accounts.get(user)).toMatchObject({ packageType: 'HIGH-BW', period: 60 });
    await provider.changePassword(user, 'Zyxw9876');
    expect(emu.accounts.get(user)?.password).toBe('Zyxw9876');
    await provider.deleteAccount(user);
    expect(emu.accounts.has(user)).toBe(false);
  });
});
