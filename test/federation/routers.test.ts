import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { encodeId } from '../../src/domain/ids.js';
import { ProviderName } from '../../src/providers/modules.js';
import { buildBillingSchema, type BillingState } from './billing-subgraph.js';
import { composeSupergraph, ROUTERS, startRouter, type Router } from './routers.js';

/**
 * vpn-graph behind each real router a platform team would run — @apollo/gateway, Hive Gateway with its JS
 * query planner and Hive Gateway with the Rust query planner — over one supergraph composed from the
 * subgraph's own `_service { sdl }` and the example billing subgraph, both served over HTTP. Queries cross
 * both ways, `_entities` batches, mutations run, and the subgraph's Cache-Control reaches the client.
 */

interface Answer {
  status: number;
  cacheControl: string | null;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

describe('vpn-graph behind three routers', () => {
  let vpn: TestApp;
  let billing: ApolloServer;
  let supergraph: string;
  const billingState: BillingState = { accountIds: [], entityBatches: [] };

  beforeAll(async () => {
    vpn = await startTestApp();
    billing = new ApolloServer({ schema: buildBillingSchema(billingState) });
    const { url: billingUrl } = await startStandaloneServer(billing, { listen: { port: 0, host: '127.0.0.1' } });
    supergraph = await composeSupergraph({ vpnGraphUrl: vpn.app.graphqlUrl, billingUrl });
    const page = await vpn.gql<{ accounts: { edges: Array<{ node: { id: string } }> } }>(
      '{ accounts(first: 100) { edges { node { id } } } }',
    );
    billingState.accountIds = page.data?.accounts.edges.map((e) => e.node.id) ?? [];
  }, 60_000);

  afterAll(async () => {
    await billing?.stop();
    await vpn?.stop();
  });

  describe.each(ROUTERS)('%s', (name) => {
    let router: Router;

    beforeAll(async () => {
      // The router's cost limit is vpn-graph's estimate at the subgraph's MAX_COST (20 000 by default).
      router = await startRouter(name, supergraph, { costLimit: { maxCost: 20_000, listSize: 10 } });
    }, 60_000);

    afterAll(async () => {
      await router?.stop();
    });

    async function run(query: string, variables?: Record<string, unknown>): Promise<Answer> {
      for (const k of Object.keys(router.fetchesTo)) delete router.fetchesTo[k];
      const res = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<Answer, 'status' | 'cacheControl'>;
      return { ...body, status: res.status, cacheControl: res.headers.get('cache-control') };
    }

    it('extends vpn-graph accounts with billing invoices (one fetch per subgraph)', async () => {
      const res = await run(
        '{ accounts(first: 30) { edges { node { id username invoices { amountCents currency } } } } }',
      );
      expect(res.errors).toBeUndefined();
      const edges = (res.data?.accounts as { edges: Array<{ node: { invoices: unknown[] } }> }).edges;
      expect(edges).toHaveLength(30);
      expect(edges.every((e) => e.node.invoices.length === 1)).toBe(true);
      expect(router.fetchesTo).toEqual({ 'vpn-graph': 1, billing: 1 });
    });

    it('resolves 100 Account references from billing through one batched _entities fetch to vpn-graph', async () => {
      expect(billingState.accountIds).toHaveLength(100);
      vpn.resetUpstream();
      const res = await run('{ recentInvoices { id amountCents account { id username status plan { code } } } }');
      expect(res.errors).toBeUndefined();
      const invoices = res.data?.recentInvoices as Array<{ account: { id: string; username: string } }>;
      expect(invoices).toHaveLength(100);
      expect(invoices.map((i) => i.account.id)).toEqual(billingState.accountIds);
      expect(invoices.every((i) => i.account.username.length > 0)).toBe(true);
      expect(router.fetchesTo).toEqual({ billing: 1, 'vpn-graph': 1 });
      // The 100 references are loaded like a list: at most one vendor call per account plus a few pages.
      expect(vpn.upstream()).toBeLessThanOrEqual(100 + 4 * 3);
    });

    it('runs a mutation and extends its payload from billing', async () => {
      vpn.resetUpstream();
      const res = await run(
        `mutation($input: CreateAccountInput!) {
           createAccount(input: $input) { account { id username invoices { currency } } replayed userErrors { code } }
         }`,
        { input: { provider: 'WLVPN', username: `rt_${name.replace('-', '_')}`, idempotencyKey: `routers-${name}` } },
      );
      expect(res.errors).toBeUndefined();
      const payload = res.data?.createAccount as {
        account: { id: string; username: string; invoices: Array<{ currency: string }> };
        replayed: boolean;
        userErrors: unknown[];
      };
      expect(payload.userErrors).toEqual([]);
      expect(payload.replayed).toBe(false);
      expect(payload.account.username).toBe(`rt_${name.replace('-', '_')}`);
      expect(payload.account.invoices).toEqual([{ currency: 'USD' }]);
      expect(router.fetchesTo).toEqual({ 'vpn-graph': 1, billing: 1 });
      expect(vpn.upstream(ProviderName.WLVPN)).toBeGreaterThanOrEqual(1);
      // Replayed through the router with the same key: the first outcome, the same account.
      const again = await run(
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } replayed } }`,
        { input: { provider: 'WLVPN', username: `rt_${name.replace('-', '_')}`, idempotencyKey: `routers-${name}` } },
      );
      expect(again.data?.createAccount).toEqual({ account: { id: payload.account.id }, replayed: true });
      expect(res.cacheControl).toBe('no-store');
    });

    it("refuses an operation over MAX_COST before any fetch, with the subgraph's error", async () => {
      // The dashboard's selection (schema/operations/dashboard.graphql, AccountSummary inlined): 5 020 each.
      const dashboard = `accounts(first: 100) { totalCount edges { cursor node { id provider nativeId username status
        providerStatus createdAt expiresAt closedAt throttled capabilities customer { id fullName email project { id name } }
        plan { id code name kind } usage { id from to bandwidthBytes connections } } } }`;
      // Five aliased dashboards: 25 100 on the subgraph. Hive's own demand control says 19 680 (JS) or
      // 5 505 (Rust) and would let it through to a subgraph that refuses it (docs/federation.md).
      const five = `{ ${[1, 2, 3, 4, 5].map((i) => `d${i}: ${dashboard}`).join(' ')} }`;
      vpn.resetUpstream();
      const refused = await run(five);
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
      expect(refused.errors?.[0]?.message).toContain(
        'cost limit of 20000 exceeded: this operation is estimated at 25100',
      );
      expect(refused.status).toBe(400);
      expect(router.fetchesTo).toEqual({});
      expect(vpn.upstream()).toBe(0);
      expect(refused.cacheControl).toBe('no-store');
    });

    describe('Cache-Control', () => {
      let id: string;
      const ACCOUNT =
        'query($id: ID!, $maxAge: Int) { account(id: $id, maxAge: $maxAge) { id status dataSource plan { code } } }';

      beforeAll(async () => {
        // A WLVPN account of the billing page, read live once so that the mirror holds it.
        id = billingState.accountIds.find((a) => Buffer.from(a, 'base64url').toString().includes(':WLVPN:')) ?? '';
        const live = await vpn.gql(ACCOUNT, { id, maxAge: 0 });
        expect(live.data?.account).toMatchObject({ id, dataSource: 'LIVE' });
      });

      it('a mirror-served query answers max-age=…, private through the router', async () => {
        const res = await run(ACCOUNT, { id, maxAge: 30_000 });
        expect(res.errors).toBeUndefined();
        expect(res.data?.account).toMatchObject({ id, dataSource: 'MIRROR' });
        expect(res.cacheControl).toBe('max-age=30, private');
        expect((await run(ACCOUNT, { id, maxAge: null })).cacheControl).toBe('max-age=60, private');
        expect(router.fetchesTo).toEqual({ 'vpn-graph': 1 });
      });

      it('a live read, an answer with errors, or a fetch from an uncacheable subgraph answers no-store', async () => {
        expect((await run(ACCOUNT, { id, maxAge: 0 })).cacheControl).toBe('no-store');
        const invalid = await run(ACCOUNT, {
          id: encodeId('Account', ProviderName.WLVPN, 'not-digits'),
          maxAge: 30_000,
        });
        expect(invalid.errors?.map((e) => e.extensions?.code)).toEqual(['VALIDATION']);
        expect(invalid.cacheControl).toBe('no-store');
        // A partial answer: one root answered from the mirror, its sibling failed (a gap).
        const partial = await run(
          `query($id: ID!, $bad: ID!) { a: account(id: $id, maxAge: 30000) { id } b: account(id: $bad, maxAge: 30000) { id } }`,
          { id, bad: encodeId('Account', ProviderName.WLVPN, 'not-digits') },
        );
        expect(partial.data?.a).toEqual({ id });
        expect(partial.errors?.map((e) => e.path)).toEqual([['b']]);
        expect(partial.cacheControl).toBe('no-store');
        const mixed = await run('query($id: ID!) { account(id: $id, maxAge: 30000) { id invoices { id } } }', { id });
        expect(mixed.errors).toBeUndefined();
        expect(router.fetchesTo).toEqual({ 'vpn-graph': 1, billing: 1 });
        expect(mixed.cacheControl).toBe('no-store'); // billing sends no cache hint
      });
    });
  });
});
