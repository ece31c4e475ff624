import { ErrorCode, InputError, ProviderError } from '../../src/domain/errors.js';
import { AccountStatus } from '../../src/domain/records.js';
import { addDays, todayYmd } from '../../src/lib/dates.js';
import { DEFAULT_NETWORK } from '../../src/providers/http-settings.js';
import { AccountOperation } from '../../src/providers/port.js';
import { VpnresellersEmulator } from '../../src/providers/vpnresellers/sandbox/index.js';
import { VPNRESELLERS_SANDBOX_TOKEN } from '../../src/providers/vpnresellers/sandbox/data.js';
import { VpnresellersProvider } from '../../src/providers/vpnresellers/provider.js';
import { WlvpnEmulator, WLVPN_SANDBOX_KEY } from '../../src/providers/wlvpn/sandbox/index.js';
import { WlvpnProvider } from '../../src/providers/wlvpn/provider.js';
import { toAccount } from '../../src/providers/wlvpn/mapper.js';
import { view } from '../../src/providers/wlvpn/sandbox/customers.js';
import { MemoryDirectory } from '../helpers/directory.js';

/** Mutations that said yes and did nothing (issue #19 item 9), each against its emulator. */

const network = { ...DEFAULT_NETWORK, retryBaseDelayMs: 1 };
const caught = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'no error',
    (e: unknown) => e,
  );

describe('VPNresellers', () => {
  const emu = new VpnresellersEmulator({ seed: 9 });
  let provider: VpnresellersProvider;
  beforeAll(async () => {
    const url = await emu.server.start();
    provider = new VpnresellersProvider({
      baseUrl: url,
      credentials: { VPNRESELLERS_API_TOKEN: VPNRESELLERS_SANDBOX_TOKEN },
      network,
      directory: new MemoryDirectory(),
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await emu.server.stop();
  });

  it('createAccount with periodDays sets the expiry through PUT …/expire, and the emulator keeps it', async () => {
    const created = await provider.createAccount({ username: 'period_30', password: 'secret123', periodDays: 30 });
    const expected = `${addDays(todayYmd(), 30)}T00:00:00.000Z`;
    expect(created.account.expiresAt).toBe(expected);
    expect(emu.accounts.get(Number(created.account.nativeId))?.expired_at).toBe(
      `${addDays(todayYmd(), 30)}T00:00:00.000000Z`,
    );
    const [read] = await provider.getAccounts([created.account.nativeId]);
    expect(read).toMatchObject({ expiresAt: expected, status: AccountStatus.ACTIVE });
  });

  it('createAccount without periodDays stays auto-renewing; a bad periodDays is refused before any call', async () => {
    expect(
      (await provider.createAccount({ username: 'no_period', password: 'secret123' })).account.expiresAt,
    ).toBeNull();
    expect(provider.validate(AccountOperation.CREATE, { username: 'x_ok', periodDays: 0 })).toEqual([
      expect.objectContaining({ field: 'periodDays' }),
    ]);
    emu.server.resetStats();
    expect(
      await caught(provider.createAccount({ username: 'bad_period', password: 'secret123', periodDays: 1.5 })),
    ).toMatchObject({ field: 'periodDays', code: ErrorCode.VALIDATION });
    expect(emu.server.count()).toBe(0);
  });

  it('renewAccount on an auto-renewing account (no expiry) is refused and changes nothing', async () => {
    const { account } = await provider.createAccount({ username: 'auto_renew', password: 'secret123' });
    emu.server.resetStats();
    const error = await caught(provider.renewAccount(account.nativeId, { periodDays: 30 }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: ErrorCode.VALIDATION, operation: 'renewAccount' });
    expect(emu.server.count('PUT')).toBe(0);
    expect(emu.accounts.get(Number(account.nativeId))?.expired_at).toBeNull();
    // With an expiry it renews from it.
    await provider.extendAccount(account.nativeId, addDays(todayYmd(), 5));
    expect((await provider.renewAccount(account.nativeId, { periodDays: 30 })).expiresAt).toBe(
      `${addDays(todayYmd(), 35)}T00:00:00.000Z`,
    );
  });
});

describe('WLVPN', () => {
  let now = Date.now();
  const emu = new WlvpnEmulator({ seed: 9, now: () => now });
  let provider: WlvpnProvider;
  let base: string;
  beforeAll(async () => {
    base = await emu.server.start();
    provider = new WlvpnProvider({
      baseUrl: base,
      credentials: { WLVPN_API_KEY: WLVPN_SANDBOX_KEY },
      network,
      directory: new MemoryDirectory(),
      sandbox: true,
    });
  });
  afterAll(async () => {
    await provider.close();
    await emu.server.stop();
  });

  it('refuses a password with whitespace: validation, provider and emulator alike', async () => {
    expect(provider.validate(AccountOperation.CHANGE_PASSWORD, { password: 'a b' })).toEqual([
      expect.objectContaining({ field: 'password' }),
    ]);
    expect(provider.validate(AccountOperation.CREATE, { username: 'ok_user', password: 'tab\there' })).toEqual([
      expect.objectContaining({ field: 'password' }),
    ]);
    const id = String([...emu.customers.values()][0]!.cust_id);
    emu.server.resetStats();
    expect(await caught(provider.changePassword(id, 'a b'))).toBeInstanceOf(InputError);
    expect(await caught(provider.createAccount({ username: 'spacey', password: 'a b' }))).toMatchObject({
      field: 'password',
      code: ErrorCode.VALIDATION,
    });
    expect(emu.server.count()).toBe(0);
    const auth = `Basic ${Buffer.from(`api-key:${WLVPN_SANDBOX_KEY}`).toString('base64')}`;
    const res = await fetch(`${base}/v2/customers/${id}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ cust_password: 'a b' }),
    });
    expect(res.status).toBe(400);
    const before = emu.customers.get(Number(id))!.password;
    expect(before).not.toBe('a b');
  });

  it('enableAccount on a closed account is refused (CONFLICT, use reopenAccount) and leaves it closed', async () => {
    const { account } = await provider.createAccount({ username: 'to_close', password: 'Secret12345' });
    await provider.closeAccount(account.nativeId);
    const error = await caught(provider.enableAccount(account.nativeId));
    expect(error).toMatchObject({ code: ErrorCode.CONFLICT });
    expect((error as Error).message).toMatch(/reopenAccount/);
    expect(emu.customers.get(Number(account.nativeId))?.acct_status_id).toBe(3);
    expect((await provider.reopenAccount(account.nativeId)).status).toBe(AccountStatus.ACTIVE);
    await provider.disableAccount(account.nativeId);
    expect((await provider.enableAccount(account.nativeId)).status).toBe(AccountStatus.ACTIVE);
  });

  it('expiresAt is the end of service: the earlier of the scheduled close_date and the current plan’s end', async () => {
    const planEnd = (c: { plans: { current: { expires_at: number | null } | null } | null }) =>
      c.plans?.current?.expires_at ?? null;
    // Seeded accounts: a current plan has not ended, and expiresAt agrees with the emulator's plans.
    const seeded = [...emu.customers.values()];
    for (const c of seeded) {
      const end = planEnd(c);
      if (end !== null) expect(end * 1000).toBeGreaterThan(now);
      const record = toAccount(view(emu, c), todayYmd());
      const close =
        c.acct_status_id !== 3 && c.close_date !== '0000-00-00' ? Date.parse(`${c.close_date}T00:00:00Z`) : null;
      const ends = [close, end === null ? null : end * 1000].filter(
        (v): v is number => v !== null && c.acct_status_id !== 3,
      );
      expect(record.expiresAt).toBe(ends.length ? new Date(Math.min(...ends)).toISOString() : null);
    }
    expect(seeded.some((c) => planEnd(c) !== null && c.close_date !== '0000-00-00' && c.acct_status_id !== 3)).toBe(
      true,
    );

    // A new account with a one-year plan: expiresAt is the plan's end (it was null before).
    const { account } = await provider.createAccount({
      username: 'with_plan',
      password: 'Secret12345',
      planCode: 'premium_1y',
    });
    const c = emu.customers.get(Number(account.nativeId))!;
    expect(account.expiresAt).toBe(new Date(planEnd(c)! * 1000).toISOString());
    // A scheduled close before the plan's end wins; one after it does not.
    const soon = addDays(todayYmd(), 10);
    expect((await provider.extendAccount(account.nativeId, soon)).expiresAt).toBe(`${soon}T00:00:00.000Z`);
    expect((await provider.extendAccount(account.nativeId, addDays(todayYmd(), 800))).expiresAt).toBe(
      new Date(planEnd(c)! * 1000).toISOString(),
    );
    // No plan, no close date: open-ended.
    expect(
      (await provider.createAccount({ username: 'open_ended', password: 'Secret12345' })).account.expiresAt,
    ).toBeNull();
    // Once the plan ends, the emulator spends it and expiresAt follows (the close date is still ahead).
    now += 400 * 86_400_000;
    const [after] = await provider.getAccounts([account.nativeId]);
    expect(after).toMatchObject({ expiresAt: `${addDays(todayYmd(), 800)}T00:00:00.000Z`, planNativeId: null });
    now = Date.now();
  });
});
