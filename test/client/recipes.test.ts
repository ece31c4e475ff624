import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { URQL_EMBEDDED_TYPES, vpnGraphUrql } from './urql-recipe.js';

/**
 * The client recipes of docs/frontend.md, run against the real server: each pages through every account in
 * two orders (the default, then EXPIRES_AT) and reads both lists back from its cache — complete, no duplicate,
 * each in its own order —, updates its cache from a mutation's answer without a refetch (HTTP requests
 * counted), receives a subscription's event, and logs no warning.
 */

const KEY = 'frontend-recipes-key-0123456789abcdef';
const HEADERS = { 'X-Api-Key': KEY };
const PAGE = 25;

const LIST = `query RecipeAccounts($first: Int, $after: String, $orderBy: AccountOrder) {
  accounts(first: $first, after: $after, orderBy: $orderBy) {
    edges { cursor node { id status expiresAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const DISABLE = `mutation RecipeDisable($id: ID!) {
  disableAccount(input: { accountId: $id }) { account { id status } userErrors { code message } }
}`;
const ENABLE = `mutation RecipeEnable($id: ID!) {
  enableAccount(input: { accountId: $id }) { account { id status } userErrors { code message } }
}`;
const EVENTS = `subscription RecipeEvents($id: ID) {
  accountEvents(filter: { accountId: $id }) { id kind accountId }
}`;
const EXPIRES = { field: 'EXPIRES_AT', direction: 'ASC' };

interface ListData {
  accounts: {
    edges: Array<{ cursor: string; node: { id: string; status: string; expiresAt: string | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let t: TestApp;
let requests = 0;
/** fetch, counted: a cache update "without a refetch" is checked by the number of HTTP requests. */
const countingFetch: typeof fetch = (input, init) => {
  requests++;
  return fetch(input, init);
};
const warnings: string[] = [];
const METHODS = ['warn', 'error'] as const;
const originals = METHODS.map((m) => [m, console[m]] as const);

/** Every account's id, page by page, straight over HTTP (what the caches must hold, in this order). */
async function expectedIds(orderBy?: object): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: { data?: ListData | null; errors?: unknown } = await t.gql<ListData>(
      LIST,
      { first: PAGE, after, ...(orderBy ? { orderBy } : {}) },
      HEADERS,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    ids.push(...res.data.accounts.edges.map((e) => e.node.id));
    if (!res.data.accounts.pageInfo.hasNextPage) return ids;
    after = res.data.accounts.pageInfo.endCursor;
  }
}

async function listening(n: number): Promise<void> {
  while (t.app.live.listeners < n) await new Promise((r) => setTimeout(r, 10));
}

let defaultOrder: string[];
let expiryOrder: string[];

beforeAll(async () => {
  // A long MIRROR_MAX_AGE_MS keeps every list on one engine for the whole test: the sorted list below warms the
  // mirror (each provider complete, docs/sync.md), after which the default list is mirror-served
  // (USERNAME ASC) rather than live-interleaved — the same order for the direct reads and the clients.
  t = await startTestApp({
    API_KEYS: `frontend:operator:${KEY}`,
    SANDBOX_ACCOUNTS: '15',
    SYNC_INTERVAL_MS: '0',
    MIRROR_MAX_AGE_MS: '3600000',
  });
  // Warm first: while the mirror warms, rows read during the paging change their sort keys (an unconfirmed
  // directory row gets its expiry), and a keyset page can skip them (seen: 58 of totalCount 60 on the first
  // sorted paging after a start; every later paging is exact) — a known gap noted on issue #26.
  await expectedIds(EXPIRES);
  expiryOrder = await expectedIds(EXPIRES);
  defaultOrder = await expectedIds();
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      warnings.push(`${method}: ${args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')}`);
    };
  }
}, 60_000);
afterAll(async () => {
  for (const [m, fn] of originals) console[m] = fn;
  await t.stop();
});

it('the two orders differ (so a cache mixing them up would show)', () => {
  expect(defaultOrder.length).toBeGreaterThan(2 * PAGE);
  expect(new Set(defaultOrder).size).toBe(defaultOrder.length);
  expect([...expiryOrder].sort()).toEqual([...defaultOrder].sort());
  expect(expiryOrder).not.toEqual(defaultOrder);
});

describe('Apollo Client 4 recipe', () => {
  it('pages both orders, keeps them apart, updates from a mutation without a refetch, and subscribes', async () => {
    // Apollo's dev checks (cache warnings) run only when __DEV__ is on: set before the client loads.
    (globalThis as { __DEV__?: boolean }).__DEV__ = true;
    const { gql } = await import('@apollo/client');
    const { loadDevMessages } = await import('@apollo/client/dev');
    loadDevMessages();
    const { vpnGraphApollo } = await import('./apollo-recipe.js');
    const client = vpnGraphApollo({
      url: t.app.graphqlUrl,
      headers: HEADERS,
      webSocketImpl: WebSocket,
      fetch: countingFetch,
    });
    const list = gql(LIST);
    warnings.length = 0;

    const pageThrough = async (orderBy?: object): Promise<void> => {
      let after: string | null = null;
      for (;;) {
        const { data } = (await client.query({
          query: list,
          variables: { first: PAGE, after, ...(orderBy ? { orderBy } : {}) },
          fetchPolicy: 'network-only',
        })) as { data?: ListData };
        // relayStylePagination answers the pages merged so far: the last edge is this page's end
        const info = data!.accounts.pageInfo;
        if (!info.hasNextPage) return;
        after = info.endCursor;
      }
    };
    const cached = (orderBy?: object): string[] =>
      (
        client.readQuery({ query: list, variables: { first: PAGE, ...(orderBy ? { orderBy } : {}) } }) as ListData
      ).accounts.edges.map((e) => e.node.id);

    await pageThrough();
    await pageThrough(EXPIRES);
    expect(cached()).toEqual(defaultOrder);
    expect(cached(EXPIRES)).toEqual(expiryOrder);

    // A mutation's answer updates the cached lists: no refetch.
    const target = defaultOrder.find((id) =>
      (client.readQuery({ query: list, variables: { first: PAGE } }) as ListData).accounts.edges.some(
        (e) => e.node.id === id && e.node.status === 'ACTIVE',
      ),
    )!;
    const before = requests;
    const res = (await client.mutate({ mutation: gql(DISABLE), variables: { id: target } })) as {
      data?: { disableAccount: { userErrors: unknown[] } };
    };
    expect(res.data?.disableAccount.userErrors).toEqual([]);
    expect(requests - before).toBe(1);
    const status = (orderBy?: object) =>
      (
        client.readQuery({ query: list, variables: { first: PAGE, ...(orderBy ? { orderBy } : {}) } }) as ListData
      ).accounts.edges.find((e) => e.node.id === target)?.node.status;
    expect([status(), status(EXPIRES)]).toEqual(['DISABLED', 'DISABLED']);
    const again = (await client.query({ query: list, variables: { first: PAGE } })) as { data?: ListData };
    expect(again.data?.accounts.edges.length).toBe(defaultOrder.length);
    expect(requests - before).toBe(1); // cache-first: served from the cache

    // The subscription: an event for this account after it is enabled again.
    const received: Array<{ kind: string; accountId: string }> = [];
    const listeners = t.app.live.listeners;
    const arrived = new Promise<void>((resolve) => {
      const sub = client.subscribe({ query: gql(EVENTS), variables: { id: target } }).subscribe({
        next: (r) => {
          const e = (r.data as { accountEvents?: { kind: string; accountId: string } } | undefined)?.accountEvents;
          if (e) received.push({ kind: e.kind, accountId: e.accountId });
          sub.unsubscribe();
          resolve();
        },
      });
    });
    await listening(listeners + 1);
    await client.mutate({ mutation: gql(ENABLE), variables: { id: target } });
    await arrived;
    expect(received).toEqual([{ kind: 'STATUS_CHANGED', accountId: target }]);
    expect(status()).toBe('ACTIVE');
    expect(warnings).toEqual([]);
    client.stop();
  }, 120_000);
  it('calls onSessionEnded with 4403 and the reason when the server refuses the credential on the socket', async () => {
    const { gql } = await import('@apollo/client');
    const { vpnGraphApollo } = await import('./apollo-recipe.js');
    const ended: Array<[number, string]> = [];
    const client = vpnGraphApollo({
      url: t.app.graphqlUrl,
      headers: { 'X-Api-Key': 'not-a-key' },
      webSocketImpl: WebSocket,
      onSessionEnded: (code, reason) => ended.push([code, reason]),
    });
    const sub = client.subscribe({ query: gql(EVENTS), variables: {} }).subscribe({ next: () => undefined });
    // (graphql-ws retries after a 4403, as access may be granted later: the first close is the one reported)
    while (ended.length === 0) await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    client.stop();
    expect(ended[0]).toEqual([4403, 'Unknown API key.']);
    expect(t.app.live.listeners).toBe(0); // nothing was subscribed
  }, 60_000);
});

describe('urql recipe', () => {
  it('with its defaults (GET) urql is refused by CSRF prevention; the recipe POSTs', async () => {
    const bare = new UrqlClient({
      url: t.app.graphqlUrl,
      exchanges: [fetchExchange],
      fetchOptions: { headers: HEADERS },
    });
    const refused = await bare.query('{ __typename }', {}).toPromise();
    expect((refused.error?.response as Response | undefined)?.status).toBe(400);
    const recipe = vpnGraphUrql({ url: t.app.graphqlUrl, headers: HEADERS, webSocketImpl: WebSocket });
    const ok = await recipe.query('{ __typename }', {}).toPromise();
    expect(ok.error).toBeUndefined();
    expect(ok.data).toEqual({ __typename: 'Query' });
  });

  it('its embedded types are exactly the schema object types without an id', () => {
    const schema = buildASTSchema(parse(readFileSync('schema/schema.graphql', 'utf8')), { assumeValidSDL: true });
    const withoutId = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('_'))
      .filter((type) => !['Query', 'Mutation', 'Subscription'].includes(type.name))
      .filter((type) => isObjectType(type) && !type.getFields().id)
      .map((type) => type.name)
      .sort();
    expect([...URQL_EMBEDDED_TYPES].sort()).toEqual(withoutId);
  });

  it('pages both orders, keeps them apart, updates from a mutation without a refetch, and subscribes', async () => {
    const client = vpnGraphUrql({
      url: t.app.graphqlUrl,
      headers: HEADERS,
      webSocketImpl: WebSocket,
      fetch: countingFetch,
    });
    warnings.length = 0;
    const pageThrough = async (orderBy?: object): Promise<void> => {
      let after: string | null = null;
      for (;;) {
        const res = await client
          .query<ListData>(
            LIST,
            { first: PAGE, after, ...(orderBy ? { orderBy } : {}) },
            { requestPolicy: 'network-only' },
          )
          .toPromise();
        if (!res.data) throw new Error(res.error?.message ?? 'no data');
        if (!res.data.accounts.pageInfo.hasNextPage) return;
        after = res.data.accounts.pageInfo.endCursor;
      }
    };
    const read = (orderBy?: object) =>
      client.readQuery<ListData>(LIST, { first: PAGE, after: null, ...(orderBy ? { orderBy } : {}) })?.data?.accounts
        .edges ?? [];

    await pageThrough();
    await pageThrough(EXPIRES);
    expect(read().map((e) => e.node.id)).toEqual(defaultOrder);
    expect(read(EXPIRES).map((e) => e.node.id)).toEqual(expiryOrder);

    const target = read().find((e) => e.node.status === 'ACTIVE')!.node.id;
    const before = requests;
    const res = await client
      .mutation<{ disableAccount: { userErrors: unknown[] } }>(DISABLE, { id: target })
      .toPromise();
    expect(res.data?.disableAccount.userErrors).toEqual([]);
    expect(requests - before).toBe(1);
    const status = (orderBy?: object) => read(orderBy).find((e) => e.node.id === target)?.node.status;
    expect([status(), status(EXPIRES)]).toEqual(['DISABLED', 'DISABLED']);

    const received: Array<{ kind: string; accountId: string }> = [];
    const listeners = t.app.live.listeners;
    const arrived = new Promise<void>((resolve) => {
      const sub = client
        .subscription<{ accountEvents: { kind: string; accountId: string } }>(EVENTS, { id: target })
        .subscribe((r) => {
          if (r.data) received.push({ kind: r.data.accountEvents.kind, accountId: r.data.accountEvents.accountId });
          sub.unsubscribe();
          resolve();
        });
    });
    await listening(listeners + 1);
    await client.mutation(ENABLE, { id: target }).toPromise();
    await arrived;
    expect(received).toEqual([{ kind: 'STATUS_CHANGED', accountId: target }]);
    expect(status()).toBe('ACTIVE');
    expect(warnings).toEqual([]);
  }, 120_000);
});
