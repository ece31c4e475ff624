import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { buildBillingSchema, type BillingState } from './billing-subgraph.js';

/**
 * vpn-graph in a real supergraph: the subgraph and an example billing subgraph over HTTP, composed by
 * @apollo/gateway (IntrospectAndCompose). Queries cross both ways; fetches to vpn-graph are counted.
 */
describe('gateway', () => {
  let vpn: TestApp;
  let billing: ApolloServer;
  let gateway: ApolloServer;
  let gatewayUrl: string;
  const billingState: BillingState = { accountIds: [], entityBatches: [] };
  const fetchesTo: Record<string, number> = {};

  beforeAll(async () => {
    vpn = await startTestApp();
    billing = new ApolloServer({ schema: buildBillingSchema(billingState) });
    const { url: billingUrl } = await startStandaloneServer(billing, { listen: { port: 0, host: '127.0.0.1' } });
    const gw = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: [
          { name: 'vpn-graph', url: vpn.app.graphqlUrl },
          { name: 'billing', url: billingUrl },
        ],
      }),
      buildService({ name, url }) {
        return new RemoteGraphQLDataSource({
          url,
          willSendRequest({ request }) {
            fetchesTo[name] = (fetchesTo[name] ?? 0) + 1;
            request.http?.headers.set('apollo-require-preflight', 'true');
          },
        });
      },
    });
    gateway = new ApolloServer({ gateway: gw });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await billing?.stop();
    await vpn?.stop();
  });

  async function run(query: string) {
    for (const k of Object.keys(fetchesTo)) delete fetchesTo[k];
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  }

  it('extends vpn-graph accounts with billing invoices (one fetch per subgraph per level)', async () => {
    const res = await run(
      '{ accounts(first: 30) { edges { node { id username invoices { amountCents currency } } } } }',
    );
    expect(res.errors).toBeUndefined();
    const edges = (res.data?.accounts as { edges: Array<{ node: { invoices: unknown[] } }> }).edges;
    expect(edges).toHaveLength(30);
    expect(edges.every((e) => e.node.invoices.length === 1)).toBe(true);
    expect(fetchesTo).toEqual({ 'vpn-graph': 1, billing: 1 });
  });

  it('resolves 100 Account references from billing through one batched _entities fetch to vpn-graph', async () => {
    const page = await vpn.gql<{ accounts: { edges: Array<{ node: { id: string } }> } }>(
      '{ accounts(first: 100) { edges { node { id } } } }',
    );
    billingState.accountIds = page.data?.accounts.edges.map((e) => e.node.id) ?? [];
    expect(billingState.accountIds).toHaveLength(100);
    vpn.resetUpstream();
    const res = await run('{ recentInvoices { id amountCents account { id username status plan { code } } } }');
    expect(res.errors).toBeUndefined();
    const invoices = res.data?.recentInvoices as Array<{ account: { id: string; username: string } }>;
    expect(invoices).toHaveLength(100);
    expect(invoices.map((i) => i.account.id)).toEqual(billingState.accountIds);
    expect(invoices.every((i) => i.account.username.length > 0)).toBe(true);
    expect(fetchesTo).toEqual({ billing: 1, 'vpn-graph': 1 });
    process.stdout.write(`gateway _entities(100 accounts): upstream calls=${vpn.upstream()}\n`);
    expect(vpn.upstream()).toBeLessThanOrEqual(100 + 4 * 3);
  });
});
