import { startTestApp, type TestApp } from '../helpers/app.js';

/** One field's bad argument or failure never blanks its siblings (#19 item 8). */
describe('root fields fail alone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  type Res = {
    providers: Array<{ name: string }> | null;
    customers?: { totalCount: number | null } | null;
    accounts?: { totalCount: number | null } | null;
  };

  it('customers(provider: WLVPN) fails at its own path; providers is answered', async () => {
    t.resetUpstream();
    const res = await t.gql<Res>(`{ providers { name } customers(provider: WLVPN) { totalCount } }`);
    expect(res.data?.providers?.map((p) => p.name)).toEqual(['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN']);
    expect(res.data?.customers).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.path).toEqual(['customers']);
    expect(res.errors?.[0]?.extensions?.code).toMatch(/^(VALIDATION|UNSUPPORTED_BY_PROVIDER)$/);
    expect(t.upstream()).toBe(0);
  });

  it('accounts(first: 101) fails at its own path with VALIDATION; providers is answered', async () => {
    t.resetUpstream();
    const res = await t.gql<Res>(`{ providers { name } accounts(first: 101) { totalCount } }`);
    expect(res.data?.providers).toHaveLength(4);
    expect(res.data?.accounts).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.path).toEqual(['accounts']);
    expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION');
    expect(t.upstream()).toBe(0);
  });

  it('nodes with too many ids fails alone too', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `x${i}`);
    const res = await t.gql<{ providers: unknown[]; nodes: unknown }>(
      `query ($ids: [ID!]!) { providers { name } nodes(ids: $ids) { id } }`,
      { ids },
    );
    expect(res.data?.providers).toHaveLength(4);
    expect(res.data?.nodes).toBeNull();
    expect(res.errors?.[0]?.path).toEqual(['nodes']);
  });

  it('usage(ids): UNSUPPORTED_BY_PROVIDER at the path of each slot whose provider has no usage', async () => {
    const page = await t.gql<{ accounts: { edges: Array<{ node: { id: string; provider: string } }> } }>(
      `{ accounts(first: 40) { edges { node { id provider } } } }`,
    );
    const nodes = page.data?.accounts.edges.map((e) => e.node) ?? [];
    const wlvpn = nodes.find((n) => n.provider === 'WLVPN');
    const others = ['PUREWL', 'VPNRESELLERS', 'PUREVPN'].map((p) => nodes.find((n) => n.provider === p));
    if (!wlvpn || others.some((o) => !o)) throw new Error('the first page lacks a provider');
    const ids = [wlvpn.id, ...others.map((o) => o!.id)];
    const res = await t.gql<{ usage: Array<{ accountId: string; provider: string } | null> | null }>(
      `query ($ids: [ID!]!) { usage(accountIds: $ids) { accountId provider } }`,
      { ids },
    );
    expect(res.data?.usage).toHaveLength(4);
    expect(res.data?.usage?.[0]?.accountId).toBe(wlvpn.id);
    expect(res.data?.usage?.slice(1)).toEqual([null, null, null]);
    const errors = res.errors ?? [];
    expect(errors.map((e) => e.path)).toEqual([
      ['usage', 1],
      ['usage', 2],
      ['usage', 3],
    ]);
    for (const e of errors) expect(e.extensions?.code).toBe('UNSUPPORTED_BY_PROVIDER');
    expect(errors[0]?.message).toMatch(/PUREWL reports no usage/);
  });
});
