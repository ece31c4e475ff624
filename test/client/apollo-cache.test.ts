import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument, ProvidersDocument, type AccountDashboardQuery } from '../generated/operations.js';
import { typePolicies } from './type-policies.js';

/**
 * A real Apollo Client 4 (InMemoryCache, relayStylePagination, HttpLink over fetch) against the real server:
 * paging through every account and reading usage and providers again with other selections gives no
 * "Cache data may be lost" warning (#19 item 10).
 */
describe('Apollo Client 4 cache', () => {
  let t: TestApp;
  const warnings: string[] = [];
  const METHODS = ['warn', 'error', 'log', 'debug', 'info'] as const;
  const originals = METHODS.map((m) => [m, console[m]] as const);

  beforeAll(async () => {
    t = await startTestApp();
    for (const method of METHODS) {
      console[method] = (...args: unknown[]) => {
        warnings.push(`${method}: ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
      };
    }
  });
  afterAll(async () => {
    for (const [m, fn] of originals) console[m] = fn;
    await t.stop();
  });

  it('pages through every account and reads usage twice with different selections, with no cache warning', async () => {
    // Apollo's dev checks (the data-loss warning among them) run only when __DEV__ is on.
    (globalThis as { __DEV__?: boolean }).__DEV__ = true;
    const { ApolloClient, InMemoryCache, HttpLink, gql } = await import('@apollo/client');
    const { relayStylePagination } = await import('@apollo/client/utilities');
    const { setVerbosity } = await import('@apollo/client/utilities/invariant');
    const { loadDevMessages } = await import('@apollo/client/dev');
    loadDevMessages();
    setVerbosity('debug');

    const client = new ApolloClient({
      link: new HttpLink({ uri: t.app.graphqlUrl, fetch }),
      cache: new InMemoryCache({ typePolicies: typePolicies(relayStylePagination) }),
    });

    // Every account, page by page, through the shipped dashboard operation (usage { id … }).
    let after: string | null = null;
    let pages = 0;
    let totalCount = 0;
    for (;;) {
      // Typed by hand: without the DOM lib, Apollo's own result types do not resolve for the type-aware linter.
      const { data } = (await client.query({
        query: AccountDashboardDocument,
        variables: { first: 25, after },
        fetchPolicy: 'network-only',
      })) as { data?: AccountDashboardQuery };
      const connection = data?.accounts;
      if (!connection) throw new Error('no accounts');
      totalCount = connection.totalCount ?? 0;
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    const merged = client.readQuery({ query: AccountDashboardDocument, variables: { first: 25 } });
    expect(pages).toBeGreaterThan(4);
    expect(merged?.accounts?.edges.length).toBe(totalCount);
    expect(new Set(merged?.accounts?.edges.map((e) => e.node.id)).size).toBe(totalCount);

    // Usage again, with another selection (metrics instead of bandwidth), on the same accounts.
    const USAGE_AGAIN = gql(`
      query UsageAgain {
        accounts(first: 25) { edges { node { id usage { id metrics { name value } } } } }
      }
    `);
    await client.query({ query: USAGE_AGAIN, fetchPolicy: 'network-only' });
    const USAGE_THIRD = gql(`
      query UsageThird {
        accounts(first: 25) { edges { node { id usage { id connections } plan { id } } } }
      }
    `);
    await client.query({ query: USAGE_THIRD, fetchPolicy: 'network-only' });

    // Providers twice with different selections of their value types.
    await client.query({ query: ProvidersDocument, fetchPolicy: 'network-only' });
    const PROVIDERS_AGAIN = gql(`query ProvidersAgain { providers { id name health { ok } features { usage } } }`);
    await client.query({ query: PROVIDERS_AGAIN, fetchPolicy: 'network-only' });

    const usage = client.cache.extract() as Record<string, unknown>;
    expect(Object.keys(usage).some((k) => k.startsWith('UsageReport:'))).toBe(true);
    expect(Object.keys(usage).some((k) => k.startsWith('ProviderInfo:'))).toBe(true);
    expect(warnings.filter((w) => /may be lost|Missing field|normaliz/i.test(w))).toEqual([]);
    expect(warnings).toEqual([]);
  }, 120_000);

  it('the check can fail: without ids or type policies the same reads warn', async () => {
    const { ApolloClient, InMemoryCache, HttpLink, gql } = await import('@apollo/client');
    const client = new ApolloClient({
      link: new HttpLink({ uri: t.app.graphqlUrl, fetch }),
      cache: new InMemoryCache(),
    });
    warnings.length = 0;
    await client.query({ query: gql(`{ providers { id health { ok breaker } } }`), fetchPolicy: 'network-only' });
    await client.query({ query: gql(`{ providers { id health { ok } } }`), fetchPolicy: 'network-only' });
    expect(warnings.join('\n')).toMatch(/may be lost/);
  });
});
