import { print } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument } from '../generated/operations.js';

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

  async function dashboard(t: TestApp) {
    await t.gql('{ providers { name } }'); // warm-up: tokens etc. are not part of the measured query
    t.resetUpstream();
    const res = await t.gql(AccountDashboardDocument, { first: 100 });
    expect(res.errors).toBeUndefined();
    return { res, calls: t.upstream() };
  }

  it('stays within (distinct entities + one call per provider per list/bulk request) and beats the N+1 baseline', async () => {
    const batched = await dashboard(on);
    const naive = await dashboard(off);
    const edges = batched.res.data?.accounts.edges ?? [];
    expect(edges).toHaveLength(100);
    const customers = new Set(edges.map((e) => e.node.customer?.id).filter(Boolean));
    const projects = new Set(edges.map((e) => e.node.customer?.project?.id).filter(Boolean));
    const providers = 4;
    // entities: each account (fan-out for vendors without batch reads), customers, projects;
    // per provider: a list call, a bulk usage call, a catalog (plans) call.
    const bound = edges.length + customers.size + projects.size + providers * 3;
    process.stdout.write(
      `dashboard(first:100): upstream calls batched=${batched.calls} naive=${naive.calls} bound=${bound} ` +
        `ratio=${(naive.calls / batched.calls).toFixed(2)}\n`,
    );
    expect(batched.calls).toBeLessThanOrEqual(bound);
    expect(naive.calls).toBeGreaterThan(batched.calls);
    // same answer either way
    expect(naive.res.data?.accounts.edges.map((e) => e.node.id)).toEqual(edges.map((e) => e.node.id));
  });

  it('batches `_entities` with 100 Account representations like a list query', async () => {
    const page = await on.gql(AccountDashboardDocument, { first: 100 });
    const reps = (page.data?.accounts.edges ?? []).map((e) => ({ __typename: 'Account', id: e.node.id }));
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
      (res.data?._entities ?? []).map((e) => (e as { customer?: { id: string } | null } | null)?.customer?.id).filter(Boolean),
    );
    const bound = reps.length + customers.size + 4 * 3;
    expect(entityCalls).toBeLessThanOrEqual(bound);
    expect(naiveCalls).toBeGreaterThan(entityCalls);
    void print;
  });
});
