import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import {
  AccountDashboardDocument,
  ProvidersDocument,
  CatalogDocument,
  CustomersDocument,
  ProjectsDocument,
  AccountByUsernameDocument,
  AccountDetailDocument,
} from '../generated/operations.js';

/** The read graph end to end: HTTP → Apollo → resolvers → loaders → providers → emulators. */
describe('read graph over the sandbox emulators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lists the four providers in sandbox mode with their capabilities and health', async () => {
    const res = await t.gql(ProvidersDocument);
    expect(res.errors).toBeUndefined();
    const providers = res.data?.providers ?? [];
    expect(providers.map((p) => p.name)).toEqual(['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN']);
    for (const p of providers) {
      expect(p.sandbox).toBe(true);
      expect(p.configured).toBe(false);
      expect(p.capabilities.length).toBeGreaterThan(0);
      expect(p.health.ok).toBe(true);
    }
  });

  it('serves demo data from every provider in one accounts page', async () => {
    const res = await t.gql(AccountDashboardDocument, { first: 40 });
    expect(res.errors).toBeUndefined();
    const edges = res.data?.accounts?.edges ?? [];
    expect(edges).toHaveLength(40);
    expect(new Set(edges.map((e) => e.node.provider))).toEqual(new Set(Object.values(ProviderName)));
    expect(res.data?.accounts?.totalCount).toBeGreaterThanOrEqual(200);
    for (const e of edges) {
      expect(e.node.username.length).toBeGreaterThan(0);
      expect(['ACTIVE', 'DISABLED', 'EXPIRED', 'CLOSED', 'BANDWIDTH_CAPPED']).toContain(e.node.status);
    }
    // WLVPN reports usage; the others do not
    const wlvpn = edges.filter((e) => e.node.provider === 'WLVPN');
    expect(wlvpn.every((e) => e.node.usage !== null && typeof e.node.usage?.bandwidthBytes === 'number')).toBe(true);
  });

  it('round-trips ids through account, node and accountByUsername', async () => {
    const page = await t.gql(AccountDashboardDocument, { first: 8 });
    for (const edge of page.data?.accounts?.edges ?? []) {
      const detail = await t.gql(AccountDetailDocument, { id: edge.node.id });
      expect(detail.errors).toBeUndefined();
      expect(detail.data?.account?.username).toBe(edge.node.username);
      const byName = await t.gql(AccountByUsernameDocument, {
        provider: edge.node.provider,
        username: edge.node.username,
      });
      expect(byName.data?.accountByUsername?.id).toBe(edge.node.id);
      const node = await t.gql<{ node: { id: string; __typename: string } | null }>(
        'query($id: ID!) { node(id: $id) { __typename id } }',
        { id: edge.node.id },
      );
      expect(node.data?.node).toEqual({ __typename: 'Account', id: edge.node.id });
    }
  });

  it('answers catalog, customers and projects', async () => {
    const wl = await t.gql(CatalogDocument, { provider: 'WLVPN' });
    expect(wl.errors).toBeUndefined();
    expect(wl.data?.plans?.length).toBeGreaterThan(0);
    expect(wl.data?.servers?.length).toBeGreaterThan(0);
    const customers = await t.gql(CustomersDocument, { provider: 'VPNRESELLERS', first: 5 });
    expect(customers.errors).toBeUndefined();
    expect(customers.data?.customers?.nodes.length).toBeGreaterThan(0);
    const projects = await t.gql(ProjectsDocument, { first: 5 });
    expect(projects.errors).toBeUndefined();
    expect(projects.data?.projects?.nodes.length).toBeGreaterThan(0);
  });

  it('turns bad input into typed errors without stack traces', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query($id: ID!) { account(id: $id) { id } }', { id: 'not-an-id' }],
      ['query($id: ID!) { account(id: $id) { id } }', { id: 'x'.repeat(5000) }],
      ['{ accounts(first: 100000) { totalCount } }', {}],
      ['{ accounts(first: -1) { totalCount } }', {}],
      ['{ accounts(first: 1, after: "garbage") { totalCount } }', {}],
      ['query { usage(accountIds: [], from: "2024-13-45") { from } }', {}],
    ];
    for (const [query, variables] of cases) {
      const res = await t.gql(query, variables);
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const e of res.errors ?? []) {
        expect(['VALIDATION', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(e.extensions?.code);
        expect(JSON.stringify(e)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
      }
    }
  });
});
