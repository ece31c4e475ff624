import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import { addDays, todayYmd } from '../../src/lib/dates.js';
import {
  type CreateAccountInput,
  CreateAccountDocument,
  CreateCustomerDocument,
  DisableAccountDocument,
  EnableAccountDocument,
  RenewAccountDocument,
  ExtendAccountDocument,
  ExpireAccountDocument,
  ChangeAccountPasswordDocument,
  ChangeAccountPlanDocument,
  CloseAccountDocument,
  ReopenAccountDocument,
  AnonymiseAccountDocument,
  SetAccountBandwidthLimitDocument,
  AccountDetailDocument,
} from '../generated/operations.js';

/**
 * The whole lifecycle each provider supports, through GraphQL, against its emulator. After each step the
 * account is read back through a fresh request (a new upstream read), so the emulator's state is checked.
 */
describe('account lifecycle through GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function capabilities(provider: ProviderName): Promise<Set<string>> {
    const res = await t.gql<{ providers: Array<{ name: ProviderName; capabilities: string[] }> }>(
      '{ providers { name capabilities } }',
    );
    return new Set(res.data?.providers.find((p) => p.name === provider)?.capabilities ?? []);
  }

  async function read(id: string) {
    const res = await t.gql(AccountDetailDocument, { id });
    expect(res.errors).toBeUndefined();
    return res.data?.account ?? null;
  }

  function ok<T extends { userErrors: Array<{ message: string; code: string }> }>(payload: T | undefined): T {
    expect(payload?.userErrors).toEqual([]);
    return payload as T;
  }

  async function storeCustomer(): Promise<string> {
    const res = await t.gql(CreateCustomerDocument, {
      input: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: `ada+${Math.random().toString(36).slice(2)}@example.com`,
      },
    });
    return ok(res.data?.createCustomer).customer?.id ?? '';
  }

  const createInput: Record<ProviderName, () => Promise<CreateAccountInput>> = {
    [ProviderName.PUREWL]: async () => ({
      provider: 'PUREWL' as const,
      periodDays: 30,
      customerId: await storeCustomer(),
    }),
    [ProviderName.VPNRESELLERS]: async () => ({
      provider: 'VPNRESELLERS' as const,
      username: `lc${Date.now().toString(36)}`,
    }),
    [ProviderName.WLVPN]: async () => ({ provider: 'WLVPN' as const, username: `lc_${Date.now().toString(36)}` }),
    [ProviderName.PUREVPN]: async () => ({ provider: 'PUREVPN' as const, periodDays: 30, planCode: 'STANDARD-30' }),
  };

  it.each(Object.values(ProviderName))('%s: every supported step, checked against the emulator', async (provider) => {
    const caps = await capabilities(provider);
    expect(caps.size).toBeGreaterThan(2);

    const created = ok(
      (await t.gql(CreateAccountDocument, { input: await createInput[provider]() })).data?.createAccount,
    );
    const id = created.account?.id as string;
    expect(id).toBeTruthy();
    expect(created.password).toBeTruthy();
    expect((await read(id))?.status).toBe('ACTIVE');
    const steps: string[] = ['CREATE'];

    if (caps.has('DISABLE')) {
      ok((await t.gql(DisableAccountDocument, { input: { accountId: id } })).data?.disableAccount);
      expect((await read(id))?.status).toBe('DISABLED');
      steps.push('DISABLE');
    }
    if (caps.has('ENABLE')) {
      ok((await t.gql(EnableAccountDocument, { input: { accountId: id } })).data?.enableAccount);
      expect((await read(id))?.status).toBe('ACTIVE');
      steps.push('ENABLE');
    }
    if (caps.has('CHANGE_PASSWORD')) {
      const changed = ok(
        (await t.gql(ChangeAccountPasswordDocument, { input: { accountId: id } })).data?.changeAccountPassword,
      );
      expect(changed.password).toBeTruthy();
      steps.push('CHANGE_PASSWORD');
    }
    if (caps.has('EXTEND')) {
      const date = addDays(todayYmd(), 5);
      ok((await t.gql(ExtendAccountDocument, { input: { accountId: id, expiresOn: date } })).data?.extendAccount);
      expect((await read(id))?.expiresAt?.slice(0, 10)).toBe(date);
      steps.push('EXTEND');
    }
    if (caps.has('RENEW')) {
      const before = (await read(id))?.expiresAt ?? null;
      const renewed = ok(
        (await t.gql(RenewAccountDocument, { input: { accountId: id, periodDays: 30 } })).data?.renewAccount,
      );
      expect(renewed.account).not.toBeNull();
      const after = (await read(id))?.expiresAt ?? null;
      if (before && after) expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
      steps.push('RENEW');
    }
    if (caps.has('CHANGE_PLAN')) {
      const plans = await t.gql<{ plans: Array<{ code: string }> }>(
        'query($p: Provider!) { plans(provider: $p) { code } }',
        { p: provider },
      );
      const code = plans.data?.plans[plans.data.plans.length - 1]?.code as string;
      expect(code).toBeTruthy();
      ok(
        (await t.gql(ChangeAccountPlanDocument, { input: { accountId: id, planCode: code } })).data?.changeAccountPlan,
      );
      steps.push('CHANGE_PLAN');
    }
    if (caps.has('SET_BANDWIDTH_LIMIT')) {
      ok(
        (await t.gql(SetAccountBandwidthLimitDocument, { input: { accountId: id, kilobytesPerSecond: 2048 } })).data
          ?.setAccountBandwidthLimit,
      );
      ok(
        (await t.gql(SetAccountBandwidthLimitDocument, { input: { accountId: id, kilobytesPerSecond: null } })).data
          ?.setAccountBandwidthLimit,
      );
      steps.push('SET_BANDWIDTH_LIMIT');
    }
    if (caps.has('EXPIRE')) {
      ok((await t.gql(ExpireAccountDocument, { input: { accountId: id } })).data?.expireAccount);
      const after = await read(id);
      expect(['EXPIRED', 'CLOSED']).toContain(after?.status);
      steps.push('EXPIRE');
      if (caps.has('EXTEND')) {
        ok(
          (await t.gql(ExtendAccountDocument, { input: { accountId: id, expiresOn: addDays(todayYmd(), 20) } })).data
            ?.extendAccount,
        );
      }
    }
    if (caps.has('CLOSE')) {
      ok((await t.gql(CloseAccountDocument, { input: { accountId: id } })).data?.closeAccount);
      expect((await read(id))?.status).toBe('CLOSED');
      steps.push('CLOSE');
      if (caps.has('REOPEN')) {
        ok((await t.gql(ReopenAccountDocument, { input: { accountId: id } })).data?.reopenAccount);
        expect((await read(id))?.status).toBe('ACTIVE');
        steps.push('REOPEN');
      }
      if (caps.has('ANONYMISE')) {
        const anon = ok((await t.gql(AnonymiseAccountDocument, { input: { accountId: id } })).data?.anonymiseAccount);
        void anon;
        steps.push('ANONYMISE');
      }
    } else if (caps.has('DELETE')) {
      const closed = ok((await t.gql(CloseAccountDocument, { input: { accountId: id } })).data?.closeAccount);
      expect(closed.deletedAccountId).toBe(id);
      expect(await read(id)).toBeNull();
      steps.push('DELETE');
    }
    // the journal recorded every step, without any password
    const journal = await t.store.listJournal({ limit: 200 });
    expect(journal.length).toBeGreaterThanOrEqual(steps.length);
    expect(JSON.stringify(journal)).not.toContain(created.password as string);
    process.stdout.write(`${provider} lifecycle: ${steps.join(' → ')}\n`);
  });

  it('catches input a provider would reject before any upstream call', async () => {
    const cases: Array<[CreateAccountInput, string]> = [
      [{ provider: 'WLVPN', username: 'has space' }, 'username'],
      [{ provider: 'WLVPN', username: 'x'.repeat(61) }, 'username'],
      [{ provider: 'PUREWL', periodDays: 5000, username: 'ok', password: 'Abcdefgh1234' }, 'periodDays'],
      [{ provider: 'PUREWL', periodDays: 30, username: 'ok', password: 'short' }, 'password'],
      [{ provider: 'PUREVPN', periodDays: 45 }, 'periodDays'],
      [{ provider: 'VPNRESELLERS', username: 'okname', password: 'abc' }, 'password'],
      [{ provider: 'PUREWL', periodDays: -3 }, 'periodDays'],
    ];
    for (const [input, field] of cases) {
      t.resetUpstream();
      const res = await t.gql(CreateAccountDocument, { input });
      const errors = res.data?.createAccount.userErrors ?? [];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.code === 'VALIDATION')).toBe(true);
      expect(errors.map((e) => e.field?.[1])).toContain(field);
      expect(t.upstream()).toBe(0);
    }
  });

  it('answers UNSUPPORTED_BY_PROVIDER for an operation a provider lacks', async () => {
    const caps = await capabilities(ProviderName.PUREVPN);
    expect(caps.has('REOPEN')).toBe(false);
    const page = await t.gql<{ accounts: { edges: Array<{ node: { id: string; capabilities: string[] } }> } }>(
      '{ accounts(first: 1, filter: { providers: [PUREVPN] }) { edges { node { id capabilities } } } }',
    );
    const account = page.data?.accounts.edges[0]?.node;
    expect(account?.capabilities).not.toContain('REOPEN');
    const res = await t.gql(ReopenAccountDocument, { input: { accountId: account?.id ?? '' } });
    expect(res.data?.reopenAccount.userErrors[0]?.code).toBe('UNSUPPORTED_BY_PROVIDER');
  });
});
