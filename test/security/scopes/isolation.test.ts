import { encodeId } from '../../../src/domain/ids.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { startTestApp, type GqlResult, type TestApp } from '../../helpers/app.js';
import { createFor, PROVIDERS, SECRET, storeCustomer, token } from './helpers.js';

/**
 * Issue #21: two customers, an account on each of the four providers linked to each, a customer token for
 * each. Every entry point is tried with each token against the other customer's ids: none of the other's rows
 * ever comes back, an out-of-scope id answers exactly like a missing one, and the other's accounts cannot be
 * changed (0 vendor calls counted at the emulators).
 */

interface Party {
  customerId: string;
  accounts: Array<{ id: string; username: string; provider: ProviderName }>;
  headers: Record<string, string>;
}

let t: TestApp;
const parties: Party[] = [];
const MISSING_ACCOUNT = encodeId('Account', ProviderName.WLVPN, '987654321');
const MISSING_CUSTOMER = encodeId('Customer', 'STORE', '00000000-0000-4000-8000-000000000000');

beforeAll(async () => {
  t = await startTestApp({ JWT_SECRET: SECRET });
  for (const label of ['alice', 'bob']) {
    const customerId = await storeCustomer(t, label);
    const accounts = [];
    for (const provider of PROVIDERS) {
      const created = await createFor(t, provider, customerId);
      if (!created.account) throw new Error(`${provider}: ${JSON.stringify(created.userErrors)}`);
      accounts.push(created.account);
    }
    parties.push({
      customerId,
      accounts,
      headers: await token(label, { role: 'customer', vg_customers: [customerId] }),
    });
  }
}, 120_000);
afterAll(() => t.stop());

/** Each party's view, and the other party's. */
const pairs = () => [
  { me: parties[0]!, other: parties[1]! },
  { me: parties[1]!, other: parties[0]! },
];

/** The answer without the parts that name the id asked for (paths, field values are compared separately). */
const shape = (res: GqlResult<unknown>) => ({ status: res.status, data: res.data, errors: res.errors ?? [] });

describe.each([0, 1])('customer token %i', (index) => {
  const view = () => pairs()[index]!;

  it('accounts: only its own, totalCount too, vendor detail hidden', async () => {
    const { me } = view();
    const res = await t.gql<{
      accounts: { totalCount: number; edges: Array<{ node: { id: string; providerStatus: null; metadata: null } }> };
    }>('{ accounts(first: 50) { totalCount edges { node { id providerStatus metadata } } } }', {}, me.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data?.accounts.totalCount).toBe(4);
    expect(new Set(res.data?.accounts.edges.map((e) => e.node.id))).toEqual(new Set(me.accounts.map((a) => a.id)));
    expect(res.data?.accounts.edges.every((e) => e.node.providerStatus === null && e.node.metadata === null)).toBe(
      true,
    );
  });

  it('accounts filtered by the other customer: empty, totalCount 0', async () => {
    const { me, other } = view();
    const q = `query($c: ID!) { accounts(first: 10, filter: { customerId: $c }) { totalCount edges { node { id } } } }`;
    const res = await t.gql<{ accounts: { totalCount: number; edges: unknown[] } }>(
      q,
      { c: other.customerId },
      me.headers,
    );
    expect(res.data?.accounts).toEqual({ totalCount: 0, edges: [] });
    const missing = await t.gql(q, { c: MISSING_CUSTOMER }, me.headers);
    expect(shape(missing)).toEqual(shape(res));
  });

  it.each(PROVIDERS)(
    'account / accountByUsername / aliases / fragments on %s: the other answers like a missing one',
    async (p) => {
      const { me, other } = view();
      const mine = me.accounts.find((a) => a.provider === p)!;
      const theirs = other.accounts.find((a) => a.provider === p)!;
      const q = `query($id: ID!, $p: Provider!, $u: String!) {
      a: account(id: $id) { ...F }
      b: accountByUsername(provider: $p, username: $u) { ...F }
      c: node(id: $id) { ... on Account { ...F } }
    } fragment F on Account { id username customer { id } }`;
      const foreign = await t.gql(q, { id: theirs.id, p, u: theirs.username }, me.headers);
      const missing = await t.gql(q, { id: encodeId('Account', p, '987654321'), p, u: 'nosuchuser42' }, me.headers);
      expect(shape(foreign)).toEqual({ status: 200, data: { a: null, b: null, c: null }, errors: [] });
      expect(shape(missing)).toEqual(shape(foreign));
      const own = await t.gql<{ a: { id: string } | null; b: { id: string } | null }>(
        q,
        { id: mine.id, p, u: mine.username },
        me.headers,
      );
      expect(own.data?.a?.id).toBe(mine.id);
      expect(own.data?.b?.id).toBe(mine.id);
    },
  );

  it('nodes with mixed ids: only its own come back', async () => {
    const { me, other } = view();
    const ids = [me.accounts[0]!.id, other.accounts[0]!.id, MISSING_ACCOUNT, other.customerId, me.customerId];
    ids.push(...other.accounts.map((a) => a.id));
    const res = await t.gql<{ nodes: Array<{ id: string } | null> }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids },
      me.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.nodes).toEqual([
      { id: me.accounts[0]!.id },
      null,
      null,
      null,
      { id: me.customerId },
      null,
      null,
      null,
      null,
    ]);
  });

  it("_entities with the other customer's representations: null, like missing ones", async () => {
    const { me, other } = view();
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id username } ... on Customer { id email } } }`;
    const reps = [
      ...other.accounts.map((a) => ({ __typename: 'Account', id: a.id })),
      { __typename: 'Customer', id: other.customerId },
      { __typename: 'Account', id: me.accounts[1]!.id },
    ];
    const res = await t.gql<{ _entities: Array<{ id: string } | null> }>(q, { r: reps }, me.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(res.data?._entities[5]?.id).toBe(me.accounts[1]!.id);
  });

  it('customers, customer, usage: nothing of the other', async () => {
    const { me, other } = view();
    const res = await t.gql<{
      customers: { totalCount: number; edges: Array<{ node: { id: string } }> };
      theirs: null;
      mine: { accounts: { totalCount: number } };
      usage: Array<{ accountId: string } | null>;
    }>(
      `query($o: ID!, $m: ID!, $ids: [ID!]!) {
        customers(first: 10) { totalCount edges { node { id } } }
        theirs: customer(id: $o) { id }
        mine: customer(id: $m) { accounts(first: 10) { totalCount } }
        usage(accountIds: $ids) { accountId }
      }`,
      { o: other.customerId, m: me.customerId, ids: other.accounts.map((a) => a.id) },
      me.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.customers.totalCount).toBe(1);
    expect(res.data?.customers.edges.map((e) => e.node.id)).toEqual([me.customerId]);
    expect(res.data?.theirs).toBeNull();
    expect(res.data?.mine.accounts.totalCount).toBe(4);
    expect(res.data?.usage).toEqual([null, null, null, null]);
  });

  it('unresolvedIntents is not for scoped callers', async () => {
    const res = await t.gql('{ unresolvedIntents(first: 5) { totalCount } }', {}, view().me.headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("mutations on the other's accounts: refused like missing ones, 0 vendor calls", async () => {
    const { me, other } = view();
    const mutations: Array<[string, (id: string) => Record<string, unknown>]> = [
      ['changeAccountPassword', (id) => ({ accountId: id, password: 'Secr3t-pass-word' })],
      ['renewAccount', (id) => ({ accountId: id, periodDays: 30, idempotencyKey: `r-${id}` })],
      ['extendAccount', (id) => ({ accountId: id, expiresOn: '2030-01-01' })],
    ];
    t.resetUpstream();
    for (const [name, input] of mutations) {
      const q = `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { account { id } userErrors { code message field } } }`;
      const missing = await t.gql(q, { input: input(MISSING_ACCOUNT) }, me.headers);
      for (const a of other.accounts) {
        const res = await t.gql(q, { input: input(a.id) }, me.headers);
        expect(res.data).toEqual({
          [name]: {
            account: null,
            userErrors: [{ code: 'NOT_FOUND', message: 'No such account.', field: ['input', 'accountId'] }],
          },
        });
        expect(shape(res)).toEqual(shape(missing));
      }
    }
    // Operations a customer token never has: refused whatever the account.
    for (const [name, type] of [
      ['disableAccount', 'AccountRefInput'],
      ['deleteAccount', 'AccountRefInput'],
    ] as const) {
      for (const a of [...other.accounts, me.accounts[0]!]) {
        const res = await t.gql<Record<string, { userErrors: Array<{ code: string }> }>>(
          `mutation($input: ${type}!) { ${name}(input: $input) { userErrors { code } } }`,
          { input: { accountId: a.id } },
          me.headers,
        );
        expect(res.data?.[name]?.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
      }
    }
    const create = await createFor(t, ProviderName.WLVPN, me.customerId, me.headers);
    expect(create.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const link = await t.gql<{ linkAccountToCustomer: { userErrors: Array<{ code: string }> } }>(
      `mutation($input: LinkAccountInput!) { linkAccountToCustomer(input: $input) { userErrors { code } } }`,
      { input: { accountId: other.accounts[2]!.id, customerId: me.customerId } },
      me.headers,
    );
    expect(link.data?.linkAccountToCustomer.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect(t.upstream()).toBe(0);
  });

  it('its own account: password change goes through', async () => {
    const { me } = view();
    const wl = me.accounts.find((a) => a.provider === ProviderName.WLVPN)!;
    const res = await t.gql<{ changeAccountPassword: { account: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: ChangeAccountPasswordInput!) { changeAccountPassword(input: $input) { account { id } userErrors { code message } } }`,
      { input: { accountId: wl.id } },
      me.headers,
    );
    expect(res.data?.changeAccountPassword).toEqual({ account: { id: wl.id }, userErrors: [] });
  });

  it("its own account: renewals keep the reseller's rules (key required, bounded period), 0 vendor calls", async () => {
    const { me } = view();
    const wl = me.accounts.find((a) => a.provider === ProviderName.WLVPN)!;
    const q = `mutation($input: RenewAccountInput!) { renewAccount(input: $input) { account { id } userErrors { code field } } }`;
    t.resetUpstream();
    const noKey = await t.gql<{ renewAccount: unknown }>(
      q,
      { input: { accountId: wl.id, periodDays: 30 } },
      me.headers,
    );
    expect(noKey.data?.renewAccount).toEqual({
      account: null,
      userErrors: [{ code: 'VALIDATION', field: ['input', 'idempotencyKey'] }],
    });
    const tooLong = await t.gql<{ renewAccount: unknown }>(
      q,
      { input: { accountId: wl.id, periodDays: 5000, idempotencyKey: `long-${index}` } },
      me.headers,
    );
    expect(tooLong.data?.renewAccount).toEqual({
      account: null,
      userErrors: [{ code: 'FORBIDDEN', field: ['input', 'periodDays'] }],
    });
    expect(t.upstream()).toBe(0);
  });
});

describe('stored API key with a customer scope', () => {
  it('sees exactly what the JWT sees', async () => {
    const me = parties[0]!;
    const { key } = await t.store.createApiKey('portal-alice', 'customer', { vg_customers: [me.customerId] });
    const res = await t.gql<{ accounts: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      '{ accounts(first: 50) { totalCount edges { node { id } } } }',
      {},
      { 'x-api-key': key },
    );
    expect(res.data?.accounts.totalCount).toBe(4);
    expect(new Set(res.data?.accounts.edges.map((e) => e.node.id))).toEqual(new Set(me.accounts.map((a) => a.id)));
  });

  it('a customer token naming two customers, or none, is refused', async () => {
    const res = await t.gql(
      '{ accounts(first: 1) { totalCount } }',
      {},
      await token('x', { role: 'customer', vg_customers: parties.map((p) => p.customerId) }),
    );
    expect(res.status).toBe(401);
    const none = await t.gql('{ accounts(first: 1) { totalCount } }', {}, await token('y', { role: 'customer' }));
    expect(none.status).toBe(401);
  });
});
