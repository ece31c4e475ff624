import { buildSchema, parse, executeSync, type GraphQLResolveInfo } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import { connectionNodeFields } from '../../src/graphql/common/selection.js';
import { AccountDashboardDocument, AccountOverviewDocument } from '../generated/operations.js';

/**
 * List rows with gaps: PureWL/PureVPN listed from the directory when no status is asked, WLVPN paged rows
 * without plans. A gap is filled through the account loader only when a field needs it; a failed fill
 * keeps the row, with a typed error at the field's path.
 */

describe('selection look-ahead', () => {
  const schema = buildSchema(`
    type Query { accounts: Conn }
    type Conn { edges: [Edge!]! nodes: [Account!]! totalCount: Int }
    type Edge { cursor: String! node: Account! }
    interface Node { id: ID! }
    type Account implements Node { id: ID! status: String username: String customer: Customer }
    type Customer { status: String }
  `);
  function fieldsOf(query: string): Set<string> {
    let seen = new Set<string>();
    executeSync({
      schema,
      document: parse(query),
      fieldResolver: (_s, _a, _c, info: GraphQLResolveInfo) => {
        if (info.fieldName === 'accounts') seen = connectionNodeFields(info);
        return null;
      },
    });
    return seen;
  }

  it('sees fields through edges.node, nodes, aliases, fragment spreads and inline fragments', () => {
    expect(fieldsOf('{ accounts { edges { node { id username } } } }')).toEqual(new Set(['id', 'username']));
    expect(fieldsOf('{ accounts { nodes { s: status } } }')).toEqual(new Set(['status']));
    expect(fieldsOf('{ accounts { edges { node { ...A } } } } fragment A on Account { status }').has('status')).toBe(
      true,
    );
    expect(
      fieldsOf('{ accounts { edges { node { ... on Node { ... on Account { status } } } } } }').has('status'),
    ).toBe(true);
    expect(fieldsOf('{ accounts { ...C } } fragment C on Conn { edges { node { status } } }').has('status')).toBe(true);
    expect(fieldsOf('{ accounts { edges { node { status @skip(if: true) } } } }').has('status')).toBe(true); // conservative
  });

  it('does not mistake a nested field of the same name for a node field', () => {
    const fields = fieldsOf('{ accounts { totalCount edges { cursor node { id customer { status } } } } }');
    expect(fields).toEqual(new Set(['id', 'customer']));
  });
});

// One app for the suites below; every test clears the faults it injected. These suites are about live reads
// (what a vendor read costs and how a failing one is reported): MIRROR_MAX_AGE_MS 0, no answer from the mirror.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ UPSTREAM_RETRIES: '0', BREAKER_THRESHOLD: '50', MIRROR_MAX_AGE_MS: '0' });
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => {
  for (const p of Object.values(ProviderName)) t?.emulator(p).server.clearFaults();
});

describe('list rows with gaps', () => {
  it.each([ProviderName.PUREWL, ProviderName.PUREVPN])(
    '%s directory rows equal read rows but for the status fields',
    async (name) => {
      const provider = t.app.registry.get(name);
      const fromDirectory = await provider.listAccounts({ offset: 0, limit: 10, readStatus: false });
      const read = await provider.listAccounts({ offset: 0, limit: 10 });
      expect(fromDirectory.totalCount).toBe(read.totalCount);
      expect(fromDirectory.items.every((a) => a.incomplete?.join() === 'status,providerStatus,expiresAt')).toBe(true);
      expect(read.items.every((a) => a.incomplete === undefined)).toBe(true);
      const strip = ({
        status: _s,
        providerStatus: _p,
        expiresAt: _e,
        incomplete: _i,
        ...rest
      }: (typeof read.items)[number]) => rest;
      expect(fromDirectory.items.map(strip)).toEqual(read.items.map(strip));
    },
  );

  it('without a status field, PureWL and PureVPN need no upstream call, even when they are down', async () => {
    t.emulator(ProviderName.PUREWL).server.addFault({ kind: 'down' });
    t.emulator(ProviderName.PUREVPN).server.addFault({ kind: 'down' });
    t.resetUpstream();
    const res = await t.gql(AccountOverviewDocument, { first: 20, filter: { providers: ['PUREWL', 'PUREVPN'] } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.accounts?.edges).toHaveLength(20);
    expect(res.data?.accounts?.failures).toEqual([]);
    expect(t.upstream(ProviderName.PUREWL) + t.upstream(ProviderName.PUREVPN)).toBe(0);
  });

  it('a status read that fails once while listing is retried through the loader: every row, real statuses, no error', async () => {
    t.emulator(ProviderName.PUREVPN).server.addFault({ kind: 'error', status: 503, times: 3 });
    t.resetUpstream();
    const res = await t.gql(AccountDashboardDocument, { first: 12, filter: { providers: ['PUREVPN'] } });
    expect(res.errors).toBeUndefined();
    // 13 reads (12 rows + the one lent to hasNextPage), 3 of them failed, then 3 re-reads in one batch.
    expect(t.upstream(ProviderName.PUREVPN)).toBe(16);
    const nodes = res.data?.accounts?.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(12);
    expect(nodes.every((n) => n.status !== 'UNKNOWN' && n.providerStatus !== '')).toBe(true);
  });

  it('a directory username the vendor no longer knows stays listed as UNKNOWN with one NOT_FOUND error', async () => {
    await t.store.registerAccount({ provider: ProviderName.PUREWL, nativeId: 'ghost4711', username: 'ghost4711' });
    const res = await t.gql(AccountDashboardDocument, {
      first: 5,
      filter: { providers: ['PUREWL'], usernamePrefix: 'ghost' },
    });
    const nodes = res.data?.accounts?.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => [n.username, n.status, n.providerStatus, n.expiresAt])).toEqual([
      ['ghost4711', 'UNKNOWN', '', null],
    ]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.path?.slice(0, 4)).toEqual(['accounts', 'edges', 0, 'node']);
    await t.store.unregisterAccount(ProviderName.PUREWL, 'ghost4711');
  });

  it('a WLVPN plan read that fails nulls only that plan, with its path and code', async () => {
    t.emulator(ProviderName.WLVPN).server.addFault({ kind: 'error', status: 503, route: 'GET /v2/customers/:id' });
    const res = await t.gql(AccountOverviewDocument, { first: 6, filter: { providers: ['WLVPN'] } });
    const nodes = res.data?.accounts?.edges.map((e) => e.node) ?? [];
    expect(nodes).toHaveLength(6);
    expect(nodes.every((n) => n.plan === null && n.usage !== null)).toBe(true);
    expect(res.errors).toHaveLength(6);
    expect(
      res.errors?.every((e) => e.path?.[e.path.length - 1] === 'plan' && e.extensions?.code === 'UPSTREAM_UNAVAILABLE'),
    ).toBe(true);
  });

  it('a WLVPN row shows the same plan, metadata and plan history in a list as in a single read', async () => {
    const query = `{ accounts(first: 30, filter: { providers: [WLVPN] }) { nodes { id plan { code } metadata plans { planCode state } } } }`;
    const list = await t.gql<{
      accounts: { nodes: Array<{ id: string; plan: unknown; metadata: unknown; plans: unknown }> };
    }>(query);
    expect(list.errors).toBeUndefined();
    const nodes = list.data?.accounts.nodes ?? [];
    expect(nodes.some((n) => n.plan !== null)).toBe(true);
    for (const n of nodes.slice(0, 10)) {
      const one = await t.gql<{ account: { plan: unknown; metadata: unknown; plans: unknown } }>(
        `query($id: ID!) { account(id: $id) { plan { code } metadata plans { planCode state } } }`,
        { id: n.id },
      );
      expect(one.data?.account).toEqual({ plan: n.plan, metadata: n.metadata, plans: n.plans });
    }
  });
});

describe('single accounts of vendors without a list call', () => {
  const idOf = (provider: string, username: string) =>
    Buffer.from(`Account:${provider}:${username}`).toString('base64url');
  const reps = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      { __typename: 'Account', id: idOf('PUREWL', `pwl${100000000 + i}`) },
      { __typename: 'Account', id: idOf('PUREVPN', `pvpn${10000000 + i}`) },
    ]).flat();

  it('`_entities` without status fields answers from the directory: no upstream call', async () => {
    const representations = reps(20);
    t.resetUpstream();
    const res = await t.gql<{ _entities: Array<{ id: string; username: string } | null> }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id username provider } } }',
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((e) => e?.id)).toEqual(representations.map((r) => r.id));
    expect(t.upstream()).toBe(0);
  });

  it('`_entities` with status reads each account once, in one batch per provider', async () => {
    const representations = reps(20);
    await t.gql('{ providers { name } }');
    t.resetUpstream();
    const res = await t.gql<{ _entities: Array<{ status: string; expiresAt: string | null } | null> }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { status providerStatus expiresAt } } }',
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.every((e) => e !== null && e.status !== 'UNKNOWN')).toBe(true);
    expect(t.emulator(ProviderName.PUREWL).server.count('GET /vam/v2/status')).toBe(20);
    expect(t.upstream(ProviderName.PUREVPN)).toBe(20);
  });

  it('account(id) while the vendor is down: the account (from the directory) with status UNKNOWN and a typed error', async () => {
    t.emulator(ProviderName.PUREWL).server.addFault({ kind: 'down' });
    const res = await t.gql<{ account: { username: string; status: string } | null }>(
      'query($id: ID!) { account(id: $id) { username status } }',
      { id: idOf('PUREWL', 'pwl100000002') },
    );
    expect(res.data?.account).toEqual({ username: 'pwl100000002', status: 'UNKNOWN' });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['account', 'status'], expect.stringMatching(/^UPSTREAM_/)],
    ]);
  });

  it('an account the directory does not keep is read from the vendor', async () => {
    await t.store.unregisterAccount(ProviderName.PUREVPN, 'pvpn10000003');
    t.resetUpstream();
    const res = await t.gql<{ account: { username: string; status: string; providerStatus: string } | null }>(
      'query($id: ID!) { account(id: $id) { username status providerStatus } }',
      { id: idOf('PUREVPN', 'pvpn10000003') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.account?.username).toBe('pvpn10000003');
    expect(res.data?.account?.providerStatus).not.toBe('');
    expect(t.upstream(ProviderName.PUREVPN)).toBe(1);
    await t.store.registerAccount({
      provider: ProviderName.PUREVPN,
      nativeId: 'pvpn10000003',
      username: 'pvpn10000003',
      via: 'import',
    });
  });
});
