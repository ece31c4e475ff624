import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';

/**
 * Account history through GraphQL: every change made through the API is an event with before/after and
 * actor (never a password), listed newest first on `Account.history` and `accountEvents`, keyset-paged.
 */
describe('account history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function firstAccount(provider: ProviderName): Promise<string> {
    const res = await t.gql<{ accounts: { nodes: Array<{ id: string }> } }>(
      `query($p: [Provider!]) { accounts(first: 1, filter: { providers: $p }) { nodes { id } } }`,
      { p: [provider] },
    );
    const id = res.data?.accounts.nodes[0]?.id;
    if (!id) throw new Error(`no ${provider} account: ${JSON.stringify(res.errors)}`);
    return id;
  }

  const HISTORY = `query($id: ID!, $first: Int, $after: String) {
    account(id: $id) { history(first: $first, after: $after) {
      edges { cursor node { id kind actor accountId provider nativeId before after data } }
      pageInfo { hasNextPage endCursor }
    } } }`;

  type Event = {
    id: string;
    kind: string;
    actor: string;
    accountId: string;
    provider: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    data: Record<string, unknown>;
  };
  async function history(id: string, first = 20, after?: string) {
    const res = await t.gql<{
      account: {
        history: {
          edges: Array<{ cursor: string; node: Event }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    }>(HISTORY, { id, first, after });
    expect(res.errors).toBeUndefined();
    return res.data!.account.history;
  }

  it('records disable, enable and a password change (without the password), newest first', async () => {
    const id = await firstAccount(ProviderName.WLVPN);
    const disable = await t.gql<{ disableAccount: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { disableAccount(input: { accountId: $id }) { userErrors { code message } } }`,
      { id },
    );
    expect(disable.data?.disableAccount.userErrors).toEqual([]);
    const enable = await t.gql<{ enableAccount: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { enableAccount(input: { accountId: $id }) { userErrors { code message } } }`,
      { id },
    );
    expect(enable.data?.enableAccount.userErrors).toEqual([]);
    const secret = 'Zq7-history-Secret-9';
    const change = await t.gql<{ changeAccountPassword: { userErrors: unknown[] } }>(
      `mutation($id: ID!, $pw: String) { changeAccountPassword(input: { accountId: $id, password: $pw }) { userErrors { code message } } }`,
      { id, pw: secret },
    );
    expect(change.data?.changeAccountPassword.userErrors).toEqual([]);

    const page = await history(id);
    const kinds = page.edges.map((e) => e.node.kind);
    expect(kinds).toEqual(['PASSWORD_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED']);
    const [pw, enabled, disabled] = page.edges.map((e) => e.node);
    expect(disabled!.after).toMatchObject({ status: 'DISABLED' });
    expect(enabled!.after).toMatchObject({ status: 'ACTIVE' });
    expect(enabled!.before).toMatchObject({ status: 'DISABLED' }); // the mirror knew the state the disable left
    expect(disabled!.accountId).toBe(id);
    expect(disabled!.provider).toBe('WLVPN');
    expect(disabled!.actor).toBeTruthy();
    expect(pw!.before).toBeNull();
    expect(pw!.after).toBeNull();
    expect(JSON.stringify(page)).not.toContain(secret);
    const rows = await t.store.db.query<{ t: string }>('SELECT row_to_json(e)::text AS t FROM account_events e');
    expect(rows.map((r) => r.t).join('\n')).not.toContain(secret);

    // Keyset pages: one at a time, no overlap, same order.
    const p1 = await history(id, 1);
    const p2 = await history(id, 1, p1.pageInfo.endCursor);
    const p3 = await history(id, 1, p2.pageInfo.endCursor);
    expect([p1, p2, p3].map((p) => p.edges[0]?.node.id)).toEqual(page.edges.map((e) => e.node.id));
    expect(p3.pageInfo.hasNextPage).toBe(false);
  });

  it('records creates in the transaction of the directory entry, and filters accountEvents', async () => {
    const res = await t.gql<{ createAccount: { account: { id: string } | null; userErrors: unknown[] } }>(
      `mutation { createAccount(input: { provider: VPNRESELLERS, idempotencyKey: "hist-create-1" }) {
        account { id } userErrors { code message } } }`,
    );
    expect(res.data?.createAccount.userErrors).toEqual([]);
    const id = res.data!.createAccount.account!.id;
    const events = await t.gql<{ accountEvents: { nodes: Event[] } }>(
      `query($id: ID) { accountEvents(filter: { accountId: $id, kinds: [ACCOUNT_CREATED] }) { nodes { kind accountId after data } } }`,
      { id },
    );
    expect(events.errors).toBeUndefined();
    expect(events.data?.accountEvents.nodes).toHaveLength(1);
    expect(events.data?.accountEvents.nodes[0]).toMatchObject({ kind: 'ACCOUNT_CREATED', accountId: id });
    const byProvider = await t.gql<{ accountEvents: { nodes: Event[] } }>(
      `{ accountEvents(filter: { providers: [PUREVPN] }) { nodes { kind } } }`,
    );
    expect(byProvider.data?.accountEvents.nodes).toEqual([]);
    const bad = await t.gql(`{ accountEvents(filter: { accountId: "nope" }) { nodes { kind } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });
});
