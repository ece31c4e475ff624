import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { storeCustomer, token, SECRET } from '../../security/scopes/helpers.js';
import { move, retiredAtVendor, settled, source, vendorUsernames } from './helpers.js';

/**
 * Account moves between providers (issue #30) on the real server, its worker inline, against the emulators:
 * exactly one account created at the target and the source retired (counted from emulator state), at least
 * the time left carried over, the directory re-pointed, ACCOUNT_MOVED written on both accounts; refusals
 * before any vendor call; customers refused.
 */
const PAIRS: Array<[ProviderName, ProviderName]> = [
  [ProviderName.WLVPN, ProviderName.PUREWL],
  [ProviderName.VPNRESELLERS, ProviderName.WLVPN],
  [ProviderName.PUREWL, ProviderName.PUREVPN],
];

/** A plan each target accepts, to ask again with the same key and different input. */
const OTHER_PLAN: Partial<Record<ProviderName, string>> = {
  [ProviderName.PUREWL]: 'paid',
  [ProviderName.WLVPN]: 'premium_1y',
  [ProviderName.PUREVPN]: 'HIGH-BW',
};

describe('account moves', () => {
  let t: TestApp;
  let customer: string;
  beforeAll(async () => {
    // No scheduled syncs: the start-up sync tick's reads would count as this suite's vendor calls.
    t = await startTestApp({
      WORKER: 'inline',
      MOVE_RETRY_BASE_MS: '50',
      JWT_SECRET: SECRET,
      ...NO_SCHEDULED_SYNC,
    });
    customer = await storeCustomer(t, 'mover');
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  it.each(PAIRS)(
    '%s → %s: one create at the target, the source retired, the time carried, the directory re-pointed',
    async (from, to) => {
      const src = await source(t, from, customer, `src-${from}-${to}`);
      const before = vendorUsernames(t, to);
      const asked = await move(t, { accountId: src.id, toProvider: to, idempotencyKey: `move-${from}-${to}` });
      expect(asked.userErrors).toEqual([]);
      expect(asked.accountMove?.status).toBe('QUEUED');
      // The same key answers the same move; different input with it is a CONFLICT.
      const again = await move(t, { accountId: src.id, toProvider: to, idempotencyKey: `move-${from}-${to}` });
      expect(again.accountMove?.id).toBe(asked.accountMove!.id);
      const other = await move(t, {
        accountId: src.id,
        toProvider: to,
        planCode: OTHER_PLAN[to],
        idempotencyKey: `move-${from}-${to}`,
      });
      expect(other.userErrors[0]?.code).toBe('CONFLICT');

      const done = await settled(t, asked.accountMove!.id);
      expect(done.lastError).toBeNull();
      expect(done.status).toBe('COMPLETED');
      expect(done.steps.map((s) => [s.name, s.status])).toEqual([
        ['VALIDATE', 'SUCCEEDED'],
        ['CREATE', 'SUCCEEDED'],
        ['RETIRE', 'SUCCEEDED'],
        ['REPOINT', 'SUCCEEDED'],
      ]);
      // Emulator state: exactly one new account at the target, the source retired.
      const created = [...vendorUsernames(t, to)].filter((u) => !before.has(u));
      expect(created).toEqual([done.targetUsername]);
      expect(retiredAtVendor(t, from, src.username)).toBe(true);
      // Time: never less than what was left, the rounding shown.
      const carry = done.carryOver!;
      expect(carry.targetDays).toBeGreaterThanOrEqual(carry.remainingDays);
      expect(carry.roundedUpDays).toBe(carry.targetDays - carry.remainingDays);
      expect(done.target?.expiresAt).not.toBeNull();
      expect(done.target!.expiresAt!.slice(0, 10) >= src.expiresAt.slice(0, 10)).toBe(true);
      // Directory: the target carries the source's customer link.
      const [row] = await t.store.db.query<{ customer_id: string | null }>(
        'SELECT customer_id FROM account_registry WHERE provider = $1 AND username = $2',
        [to, done.targetUsername],
      );
      expect(row?.customer_id).toBe(customer);
      // History on both accounts.
      const events = await t.store.db.query<{ provider: string; data: { direction: string; moveId: string } }>(
        "SELECT provider, data FROM account_events WHERE kind = 'ACCOUNT_MOVED' AND data ->> 'moveId' = $1 ORDER BY id",
        [done.id],
      );
      expect(events.map((e) => [e.provider, e.data.direction])).toEqual([
        [from, 'OUT'],
        [to, 'IN'],
      ]);
      // The password, once.
      const TAKE = `mutation($id: ID!) { takeAccountMovePassword(input: { id: $id }) { password userErrors { code } } }`;
      const first = await t.gql<{ takeAccountMovePassword: { password: string | null; userErrors: unknown[] } }>(TAKE, {
        id: done.id,
      });
      expect(first.data?.takeAccountMovePassword.userErrors).toEqual([]);
      expect(first.data?.takeAccountMovePassword.password).toEqual(expect.any(String));
      const second = await t.gql<{
        takeAccountMovePassword: { password: string | null; userErrors: Array<{ code: string }> };
      }>(TAKE, { id: done.id });
      expect(second.data?.takeAccountMovePassword.password).toBeNull();
      expect(second.data?.takeAccountMovePassword.userErrors[0]?.code).toBe('CONFLICT');
    },
    60_000,
  );

  it('a PureWL target for a source without a store customer: the move makes the target-side customer the vendor needs', async () => {
    const res = await t.gql<{ createAccount: { account: { id: string; username: string } | null } }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id username } } }`,
      {
        input: { provider: ProviderName.WLVPN, planCode: 'coolvpn_one_month_unlimited', idempotencyKey: 'nolink-src' },
      },
    );
    const src = res.data!.createAccount.account!;
    const before = vendorUsernames(t, ProviderName.PUREWL);
    const asked = await move(t, { accountId: src.id, toProvider: ProviderName.PUREWL, idempotencyKey: 'nolink-move' });
    expect(asked.userErrors).toEqual([]);
    const done = await settled(t, asked.accountMove!.id);
    expect([done.status, done.lastError]).toEqual(['COMPLETED', null]);
    expect([...vendorUsernames(t, ProviderName.PUREWL)].filter((u) => !before.has(u))).toEqual([done.targetUsername]);
    expect(retiredAtVendor(t, ProviderName.WLVPN, src.username)).toBe(true);
    // One store customer made for it (found again by its external ref), and the target's customer is that one.
    const nativeId = Buffer.from(src.id, 'base64url').toString('utf8').split(':').slice(2).join(':');
    const made = await t.store.db.query<{ id: string; email: string }>(
      'SELECT id::text, email FROM customers WHERE external_ref = $1',
      [`move:Account:WLVPN:${nativeId}`],
    );
    expect(made).toHaveLength(1);
    expect(made[0]!.email).toMatch(/@moves\.invalid$/);
    // The vendor holds the target under that customer's uuid (its emulator's state).
    const emu = t.emulator(ProviderName.PUREWL) as unknown as { accounts: Map<string, { uuid: string }> };
    expect(emu.accounts.get(done.targetUsername!)?.uuid).toBe(made[0]!.id);
  }, 60_000);

  it('rounds the time left up to what each target sells (termFor)', async () => {
    const term = (p: ProviderName, days: number, plan: string | null = null) =>
      t.app.registry.get(p).termFor(days, plan);
    expect(await term(ProviderName.PUREVPN, 31)).toMatchObject({ periodDays: 60, planCode: 'STANDARD-60', days: 60 });
    expect(await term(ProviderName.PUREVPN, 365, 'SSTP')).toMatchObject({ planCode: 'SSTP-365', days: 365 });
    await expect(term(ProviderName.PUREVPN, 366)).rejects.toMatchObject({ field: 'planCode' });
    expect(await term(ProviderName.PUREWL, 40)).toMatchObject({ periodDays: 40, planCode: null, days: 40 });
    await expect(term(ProviderName.PUREWL, 3701)).rejects.toMatchObject({ field: 'planCode' });
    expect(await term(ProviderName.VPNRESELLERS, 45)).toMatchObject({ periodDays: 45, planCode: null, days: 45 });
    await expect(term(ProviderName.VPNRESELLERS, 45, 'x')).rejects.toMatchObject({ field: 'planCode' });
    expect(await term(ProviderName.WLVPN, 31)).toMatchObject({ periodDays: null, planCode: 'premium_1y', days: 365 });
    expect(await term(ProviderName.WLVPN, 30)).toMatchObject({ periodDays: null, days: 30 });
    await expect(term(ProviderName.WLVPN, 31, 'coolvpn_one_month_unlimited')).rejects.toMatchObject({
      field: 'planCode',
    });
    await expect(term(ProviderName.WLVPN, 400)).rejects.toMatchObject({ field: 'planCode' });
  });

  it('refuses before any vendor call: username not legal at the target, no plan covers the time, same provider', async () => {
    const wl = await source(t, ProviderName.WLVPN, customer, 'src-refusals-wl');
    const pw = await source(t, ProviderName.PUREWL, customer, 'src-refusals-pw');
    t.resetUpstream();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      // PureVPN picks its own usernames.
      [{ accountId: pw.id, toProvider: ProviderName.PUREVPN, keepUsername: true }, 'keepUsername', 'VALIDATION'],
      // PureVPN periods end at 365 days; a PureWL plan code is not a PureVPN package.
      [{ accountId: pw.id, toProvider: ProviderName.PUREVPN, planCode: 'paid' }, 'planCode', 'VALIDATION'],
      // VPNresellers sells no plans.
      [{ accountId: wl.id, toProvider: ProviderName.VPNRESELLERS, planCode: 'x' }, 'planCode', 'VALIDATION'],
      [{ accountId: wl.id, toProvider: ProviderName.WLVPN }, 'toProvider', 'VALIDATION'],
      [{ accountId: 'not-an-id', toProvider: ProviderName.WLVPN }, 'accountId', 'VALIDATION'],
    ];
    for (const [input, field, code] of cases) {
      const answer = await move(t, { ...input, idempotencyKey: `refused-${field}-${Math.random()}` });
      expect(answer.accountMove).toBeNull();
      expect(answer.userErrors[0]).toMatchObject({ field: ['input', field], code });
    }
    expect(t.upstream()).toBe(0);
    const [n] = await t.store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM account_moves WHERE source_native_id IN ($1, $2)',
      [wl.id, pw.id],
    );
    expect(n!.n).toBe(0);
  });

  it('refuses a customer token, with no vendor call and nothing recorded', async () => {
    const mine = await storeCustomer(t, 'portal');
    const src = await source(t, ProviderName.WLVPN, mine, 'src-customer');
    const headers = await token('portal', { role: 'customer', vg_customers: [mine] });
    t.resetUpstream();
    const answer = await move(
      t,
      { accountId: src.id, toProvider: ProviderName.PUREWL, idempotencyKey: 'customer-move' },
      headers,
    );
    expect(answer.accountMove).toBeNull();
    expect(answer.userErrors[0]?.code).toBe('FORBIDDEN');
    expect(t.upstream()).toBe(0);
    const [n] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM account_moves WHERE actor = $1', [
      'jwt:portal',
    ]);
    expect(n!.n).toBe(0);
  });
});
