import { startTestApp, type GqlResult, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument, AccountOverviewDocument } from '../generated/operations.js';
import { ProviderName } from '../../src/providers/modules.js';

/**
 * Batching is the product: the 100-account dashboard across four providers, measured with the emulators'
 * request counters, with loaders on and off (the N+1 baseline), and the same through `_entities`.
 */
describe('per-request DataLoader batching', () => {
  let on: TestApp;
  let off: TestApp;
  beforeAll(async () => {
    on = await startTestApp();
    off = await startTestApp({ DATALOADER: 'false', CATALOG_CACHE_TTL_MS: '0' });
  });
  afterAll(async () => {
    await Promise.all([on.stop(), off.stop()]);
  });

  /** Runs `document` for 100 accounts and counts the upstream requests it caused (all, and per provider). */
  /**
   * Runs a query for 100 accounts and counts the upstream requests it caused: all of them, and the reads of
   * one account at a time that the vendors force (PureWL/PureVPN status: no list or batch read; WLVPN
   * single reads for what its paged list leaves out, the current plan and metadata).
   */
  async function measure<T>(t: TestApp, run: (t: TestApp) => Promise<GqlResult<T>>) {
    await t.gql('{ providers { name } }'); // warm-up: tokens etc. are not part of the measured query
    t.resetUpstream();
    const res = await run(t);
    expect(res.errors).toBeUndefined();
    // Reads one account at a time (vendors with no batch read), and the walk of VPNresellers' customer lists
    // that confirms its account–customer links (a fixed cost per provider: one customers list, then one
    // accounts list per customer; core/mirror/link-walk.ts): neither is a batch of keys.
    const vr = t.emulator(ProviderName.VPNRESELLERS).server;
    const routes = vr.stats.byRoute;
    const customerLists = routes['GET /v4_1/customers'] ?? 0;
    const walk = customerLists + (routes['GET /v4_1/customers/:customer/accounts'] ?? 0);
    const oneByOne =
      t.emulator(ProviderName.PUREWL).server.count('GET /vam/v2/status') +
      t.upstream(ProviderName.PUREVPN) +
      t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/:id') +
      walk;
    return { res, calls: t.upstream(), oneByOne, walk, customerLists };
  }

  const overview = (t: TestApp) => t.gql(AccountOverviewDocument, { first: 100 });
  const dashboard = (t: TestApp) => t.gql(AccountDashboardDocument, { first: 100 });

  /**
   * The bound: distinct entities read one by one + one call per provider per list/bulk request
   * (a list call, a bulk usage call and a plans call per provider).
   */
  function bound(oneByOne: number, customers: number, projects: number): number {
    return oneByOne + customers + projects + 4 * 3;
  }

  function report(
    name: string,
    batched: { calls: number; oneByOne: number },
    naive: { calls: number; oneByOne: number },
    limit: number,
  ) {
    const batchable = (m: { calls: number; oneByOne: number }) => m.calls - m.oneByOne;
    process.stdout.write(
      `${name}(first:100): upstream calls batched=${batched.calls} naive=${naive.calls} ` +
        `ratio=${(naive.calls / batched.calls).toFixed(2)} bound=${limit}; one-account reads batched=${batched.oneByOne} ` +
        `naive=${naive.oneByOne}; the rest batched=${batchable(batched)} naive=${batchable(naive)} ` +
        `ratio=${(batchable(naive) / batchable(batched)).toFixed(2)}\n`,
    );
  }

  it('accounts(first:100) with customer { project }, plan and usage: within the bound; the batchable part ≥ 5× below N+1', async () => {
    const batched = await measure(on, overview);
    const naive = await measure(off, overview);
    const edges = batched.res.data?.accounts?.edges ?? [];
    expect(edges).toHaveLength(100);
    expect(new Set(edges.map((e) => e.node.provider)).size).toBe(4);
    const customers = new Set(edges.map((e) => e.node.customer?.id).filter(Boolean));
    const projects = new Set(edges.map((e) => e.node.customer?.project?.id).filter(Boolean));
    expect(customers.size).toBeGreaterThan(0);
    expect(projects.size).toBeGreaterThan(0);
    expect(edges.some((e) => e.node.usage !== null)).toBe(true);
    expect(edges.some((e) => e.node.plan !== null)).toBe(true);
    // No status is asked: PureWL and PureVPN are listed from the directory, with no upstream call at all.
    expect(on.upstream(ProviderName.PUREWL) + on.upstream(ProviderName.PUREVPN)).toBe(0);
    // WLVPN's paged rows carry no plan: each WLVPN account shown is read once for it, never more.
    const wlvpnShown = edges.filter((e) => e.node.provider === 'WLVPN').length;
    expect(batched.oneByOne - batched.walk).toBe(wlvpnShown);
    // The links are walked once per request (one customers list), batched or not.
    expect(batched.customerLists).toBe(1);
    expect(naive.customerLists).toBe(1);
    const limit = bound(batched.oneByOne, customers.size, projects.size);
    report('overview', batched, naive, limit);
    expect(batched.calls).toBeLessThanOrEqual(limit);
    expect(naive.calls - naive.oneByOne).toBeGreaterThanOrEqual(5 * (batched.calls - batched.oneByOne));
    expect(naive.calls - naive.walk).toBeGreaterThanOrEqual(3 * (batched.calls - batched.walk));
    expect(naive.res.data).toEqual(batched.res.data); // same answer either way
  });

  it('the dashboard (with status) reads each account the vendors force at most once, within the bound', async () => {
    const batched = await measure(on, dashboard);
    const naive = await measure(off, dashboard);
    const edges = batched.res.data?.accounts?.edges ?? [];
    expect(edges).toHaveLength(100);
    expect(edges.every((e) => e.node.status !== 'UNKNOWN' && e.node.providerStatus !== '')).toBe(true);
    const customers = new Set(edges.map((e) => e.node.customer?.id).filter(Boolean));
    const projects = new Set(edges.map((e) => e.node.customer?.project?.id).filter(Boolean));
    // One read per account shown (+ the row each of PureWL and PureVPN lends to `hasNextPage`).
    const forced = edges.filter((e) => e.node.provider !== 'VPNRESELLERS').length;
    expect(batched.oneByOne - batched.walk).toBeGreaterThanOrEqual(forced);
    expect(batched.oneByOne - batched.walk).toBeLessThanOrEqual(forced + 2);
    // The overview just confirmed the links (within LINKS_MAX_AGE_MS): no walk now.
    expect(batched.customerLists).toBe(0);
    const limit = bound(batched.oneByOne, customers.size, projects.size);
    report('dashboard', batched, naive, limit);
    expect(batched.calls).toBeLessThanOrEqual(limit);
    expect(naive.calls - naive.oneByOne).toBeGreaterThanOrEqual(5 * (batched.calls - batched.oneByOne));
    // Same answer either way (createdAt of seeded demo accounts depends on when each app started).
    const comparable = (d: typeof batched.res.data) =>
      d?.accounts?.edges.map(({ node: { createdAt: _c, ...rest } }) => rest);
    expect(comparable(naive.res.data)).toEqual(comparable(batched.res.data));
  });

  it('batches `_entities` with 100 Account representations like a list query', async () => {
    const page = await on.gql(AccountDashboardDocument, { first: 100 });
    const reps = (page.data?.accounts?.edges ?? []).map((e) => ({ __typename: 'Account', id: e.node.id }));
    expect(reps).toHaveLength(100);
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Account { id username status usage { bandwidthBytes } plan { code } customer { id } } } }`;
    on.resetUpstream();
    const res = await on.gql<{ _entities: Array<{ id: string } | null> }>(query, { reps });
    const entityCalls = on.upstream();
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.map((e) => e?.id)).toEqual(reps.map((r) => r.id));
    off.resetUpstream();
    await off.gql(query, { reps });
    const naiveCalls = off.upstream();
    process.stdout.write(`_entities(100 accounts): upstream calls batched=${entityCalls} naive=${naiveCalls}\n`);
    const customers = new Set(
      (res.data?._entities ?? [])
        .map((e) => (e as { customer?: { id: string } | null } | null)?.customer?.id)
        .filter(Boolean),
    );
    expect(entityCalls).toBeLessThanOrEqual(bound(reps.length, customers.size, 0));
    expect(naiveCalls).toBeGreaterThan(entityCalls);
  });
});
