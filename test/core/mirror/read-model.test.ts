import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus } from '../../../src/domain/records.js';
import { encodeId } from '../../../src/domain/ids.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { ReadModel } from '../../../src/core/mirror/read-model.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import { usageRange } from '../../../src/core/usage-range.js';
import { AccountDashboardDocument, type AccountDashboardQuery } from '../../generated/operations.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';
import { settledMirror, startTestApp, type GqlResult, type TestApp } from '../../helpers/app.js';

/**
 * The whole graph in the store (issue #26): with a warm mirror the shipped AccountDashboard makes no vendor
 * call (accounts, customers, projects, plans, usage all from the store), `maxAge: 0` still reads every part
 * live, and a change made at the emulator behind the API's back shows after one sync.
 */

const DAY = 86_400_000;
const PROVIDERS = [ProviderName.PUREWL, ProviderName.VPNRESELLERS, ProviderName.WLVPN, ProviderName.PUREVPN];

interface Stamp {
  syncedAt: string | null;
  dataSource: 'MIRROR' | 'LIVE';
}
interface FreshRow {
  id: string;
  provider: ProviderName;
  dataSource: string;
  customer:
    (Stamp & { id: string; fullName: string | null; project: (Stamp & { id: string; name: string }) | null }) | null;
  plan: { id: string } | null;
  usage: (Stamp & { bandwidthBytes: number | null }) | null;
}

/** Accounts with vendor customers and projects (VPNresellers) and with usage (WLVPN). */
const LINKED = { providers: [ProviderName.VPNRESELLERS, ProviderName.WLVPN] };

/** The dashboard's parts with their freshness (the shipped operation selects none of it). */
const FRESHNESS = `query($maxAge: Int, $filter: AccountFilter) {
  accounts(first: 100, maxAge: $maxAge, filter: $filter) {
    failures { provider code }
    edges { node {
      id provider dataSource
      customer { id fullName syncedAt dataSource project { id name syncedAt dataSource } }
      plan { id }
      usage { bandwidthBytes syncedAt dataSource }
    } }
  }
}`;

describe.each(storeBackends)('the whole graph in the store (%s)', (_name, open) => {
  let t: TestApp;
  let backend: OpenedBackend;
  let sync: SyncService;

  async function syncOne(p: ProviderName): Promise<void> {
    const run = await sync.runNow(t.app.registry.get(p));
    expect(run.status).toBe('SUCCEEDED');
  }

  async function dashboard(maxAge?: number): Promise<GqlResult<AccountDashboardQuery>> {
    const res = await t.gql(AccountDashboardDocument, { first: 100, ...(maxAge === undefined ? {} : { maxAge }) });
    expect(res.errors).toBeUndefined();
    expect(res.data?.accounts?.failures).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({}, { store: backend.store });
    sync = new SyncService({
      mirror: new Mirror(t.store.db),
      log: new SyncLog(t.store.db),
      budgetPerMinute: () => 100_000,
      maxAgeMs: 60_000,
      readModel: { store: new ReadModel(t.store.db), usageMaxAgeMs: 900_000 },
    });
    const started = Date.now();
    for (const p of PROVIDERS) await syncOne(p);
    process.stdout.write(`read-model: syncs took ${Date.now() - started} ms\n`);
  }, 120_000);
  afterAll(async () => {
    await t?.app.stop();
    await backend?.cleanup();
  });

  it('a warm AccountDashboard(first: 100) makes 0 vendor calls; every part says it came from the store', async () => {
    t.resetUpstream();
    const res = await dashboard();
    const edges = res.data!.accounts!.edges;
    expect(edges).toHaveLength(100);
    expect(t.upstream()).toBe(0);
    expect(edges.some((e) => e.node.plan)).toBe(true);
    // The dashboard of the providers whose accounts have customers (with projects) and usage, with its
    // freshness: MIRROR everywhere, still no vendor call.
    const fresh = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    expect(fresh.errors).toBeUndefined();
    expect(t.upstream()).toBe(0);
    const rows = fresh.data!.accounts.edges.map((e) => e.node);
    expect(rows.some((r) => r.customer?.project)).toBe(true);
    expect(new Set(rows.map((r) => r.dataSource))).toEqual(new Set(['MIRROR']));
    const vendorCustomers = rows.filter((r) => r.provider === ProviderName.VPNRESELLERS && r.customer);
    expect(vendorCustomers.length).toBeGreaterThan(0);
    for (const r of vendorCustomers) {
      expect(r.customer).toMatchObject({ dataSource: 'MIRROR', project: { dataSource: 'MIRROR' } });
      expect(Date.parse(r.customer!.syncedAt!)).toBeLessThanOrEqual(Date.now());
    }
    const usage = rows.filter((r) => r.usage);
    expect(usage.length).toBeGreaterThan(0);
    for (const r of usage) expect(r.usage!.dataSource).toBe('MIRROR');
  });

  it('maxAge: 0 reads every part live (accounts, customers, projects, usage) and writes it back', async () => {
    t.resetUpstream();
    const res = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, {
      maxAge: 0,
      filter: LINKED,
    });
    expect(res.errors).toBeUndefined();
    expect(t.upstream()).toBeGreaterThan(0);
    const rows = res.data!.accounts.edges.map((e) => e.node);
    expect(new Set(rows.map((r) => r.dataSource))).toEqual(new Set(['LIVE']));
    const customers = rows.filter((r) => r.provider === ProviderName.VPNRESELLERS && r.customer);
    expect(customers.length).toBeGreaterThan(0);
    for (const r of customers)
      expect(r.customer).toMatchObject({ dataSource: 'LIVE', project: { dataSource: 'LIVE' } });
    const usage = rows.filter((r) => r.usage);
    expect(usage.length).toBeGreaterThan(0);
    for (const r of usage) expect(r.usage!.dataSource).toBe('LIVE');
    // Usage was read in one batch for the whole page (WLVPN's bulk report), not per account.
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/usage-report')).toBeLessThanOrEqual(1);
    expect(t.emulator(ProviderName.WLVPN).server.count('POST /v2/customers/:id/usage-report')).toBe(0);
  });

  it('a customer and a project renamed at the vendor behind our back show after one sync, with no vendor call', async () => {
    const first = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    const row = first.data!.accounts.edges.map((e) => e.node).find((r) => r.customer?.project)!;
    expect(row).toBeDefined();
    const provider = t.app.registry.get(ProviderName.VPNRESELLERS);
    const customerNative = Buffer.from(row.customer!.id, 'base64url').toString('utf8').split(':').pop()!;
    const projectNative = Buffer.from(row.customer!.project!.id, 'base64url').toString('utf8').split(':').pop()!;
    const [before] = await provider.getCustomers([customerNative]);
    expect(before && !(before instanceof Error)).toBe(true);
    // Behind the API's back: the provider's own client, straight to the emulator.
    await provider.updateCustomer(customerNative, { firstName: 'Drifted' });
    await provider.updateProject(projectNative, { name: 'Drifted project', description: 'renamed behind our back' });
    // Before the sync the store still answers what the vendor last confirmed (and says when).
    t.resetUpstream();
    const stale = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    expect(t.upstream()).toBe(0);
    const staleRow = stale.data!.accounts.edges.find((e) => e.node.id === row.id)!.node;
    expect(staleRow.customer!.fullName).toBe(row.customer!.fullName);
    await syncOne(ProviderName.VPNRESELLERS);
    t.resetUpstream();
    const after = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    expect(t.upstream()).toBe(0);
    const synced = after.data!.accounts.edges.find((e) => e.node.id === row.id)!.node;
    expect(synced.customer!.fullName).toMatch(/^Drifted/);
    expect(synced.customer!.project!.name).toBe('Drifted project');
    expect(synced.customer!.dataSource).toBe('MIRROR');
    expect(Date.parse(synced.customer!.syncedAt!)).toBeGreaterThan(Date.parse(staleRow.customer!.syncedAt!));
  });

  it('a customer updated through this API is answered as updated from the store at once (no stale copy)', async () => {
    const first = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    const row = first.data!.accounts.edges.map((e) => e.node).find((r) => r.customer)!;
    const updated = await t.gql<{ updateCustomer: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { updateCustomer(input: { customerId: $id, lastName: "Renamed" }) { userErrors { code } } }`,
      { id: row.customer!.id },
    );
    expect(updated.data?.updateCustomer.userErrors).toEqual([]);
    t.resetUpstream();
    const after = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, { filter: LINKED });
    expect(t.upstream()).toBe(0);
    const same = after.data!.accounts.edges.find((e) => e.node.id === row.id)!.node;
    expect(same.customer!.fullName).toMatch(/ Renamed$/);
    expect(same.customer!.dataSource).toBe('MIRROR');
  });

  it('usage is filled in one batch per provider by the sync and is due again after half of USAGE_MAX_AGE_MS', async () => {
    const model = new ReadModel(t.store.db);
    const range = usageRange(null, null);
    expect(await model.oldestUsage(ProviderName.WLVPN, range)).not.toBeNull();
    // Fresh: a second sync makes no usage call.
    t.resetUpstream();
    await syncOne(ProviderName.WLVPN);
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/usage-report')).toBe(0);
    // Aged past half the usage age: the next sync reads it again, in one bulk call (fewer than 5,000 accounts).
    await t.app.writeBack.flushed(); // no earlier read's write-back lands after the update
    await t.store.db.query(`UPDATE read_usage SET synced_at = synced_at - interval '8 minutes'`);
    t.resetUpstream();
    await syncOne(ProviderName.WLVPN);
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/usage-report')).toBe(1);
  });

  it('a live read writes back after its answer; a read right after it finds that in the store (0 vendor calls, no sleep)', async () => {
    // The store forgets customers, projects and usage: only the live read below can put them back.
    for (const table of ['read_customers', 'read_projects', 'read_usage'])
      await t.store.db.query(`DELETE FROM ${table}`);
    await t.app.writeBack.flushed();
    const before = t.app.writeBack.stats;
    const live = await t.gql<{ accounts: { edges: Array<{ node: FreshRow }> } }>(FRESHNESS, {
      maxAge: 0,
      filter: LINKED,
    });
    expect(live.errors).toBeUndefined();
    const liveRows = live.data!.accounts.edges.map((e) => e.node);
    expect(liveRows.some((r) => r.customer?.project && r.customer.dataSource === 'LIVE')).toBe(true);
    expect(liveRows.some((r) => r.usage?.dataSource === 'LIVE')).toBe(true);
    // Straight after the answer, the same accounts by id: the store reads wait for the write-back already
    // queued (accounts, customers, projects, usage), never the vendor.
    t.resetUpstream();
    const again = await t.gql<{ nodes: Array<FreshRow | null> }>(
      `query($ids: [ID!]!, $maxAge: Int) { nodes(ids: $ids, maxAge: $maxAge) { ... on Account {
        id provider dataSource
        customer { id fullName syncedAt dataSource project { id name syncedAt dataSource } }
        plan { id }
        usage { bandwidthBytes syncedAt dataSource }
      } } }`,
      { ids: liveRows.map((r) => r.id), maxAge: DAY },
    );
    expect(again.errors).toBeUndefined();
    expect(t.upstream()).toBe(0);
    const rows = again.data!.nodes;
    expect(rows.map((r) => r?.id)).toEqual(liveRows.map((r) => r.id));
    for (const [i, r] of rows.entries()) {
      const was = liveRows[i]!;
      expect(r!.dataSource).toBe('MIRROR');
      expect(r!.customer?.id ?? null).toBe(was.customer?.id ?? null);
      if (r!.customer) expect(r!.customer).toMatchObject({ dataSource: 'MIRROR', syncedAt: was.customer!.syncedAt });
      expect(r!.usage?.bandwidthBytes ?? null).toBe(was.usage?.bandwidthBytes ?? null);
      // Stamped when the vendor answered (never later than the live answer said).
      if (r!.usage) expect(r!.usage).toMatchObject({ dataSource: 'MIRROR', syncedAt: was.usage!.syncedAt });
    }
    const after = t.app.writeBack.stats;
    expect(after.flushes).toBeGreaterThan(before.flushes);
    expect(after.dropped).toBe(0);
  });
});

describe.each(storeBackends)('freshness by the field groups a query selects (%s)', (_name, open) => {
  let t: TestApp;
  let backend: OpenedBackend;

  const WLVPN_PAGE = `query($maxAge: Int, $orderBy: AccountOrder) {
    accounts(first: 100, maxAge: $maxAge, orderBy: $orderBy, filter: { providers: [WLVPN] }) {
      failures { code }
      edges { node { id status throttled syncedAt dataSource confirmedAt { status plan } } }
    }
  }`;
  const WLVPN_PLANS = `query {
    accounts(first: 100, filter: { providers: [WLVPN] }) { edges { node { id status plan { id } syncedAt dataSource } } }
  }`;
  interface Node {
    id: string;
    syncedAt: string | null;
    dataSource: string;
    confirmedAt?: { status: string | null; plan: string | null };
  }

  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({}, { store: backend.store });
    // A full sync with one call a minute: the list page only, no detail read (WLVPN rows confirm no plan).
    const sync = new SyncService({
      mirror: new Mirror(t.store.db),
      log: new SyncLog(t.store.db),
      budgetPerMinute: () => 1,
      maxAgeMs: 60_000,
    });
    const run = await sync.runNow(t.app.registry.get(ProviderName.WLVPN));
    expect(run).toMatchObject({ status: 'SUCCEEDED', vendorCalls: 1 });
  }, 60_000);
  afterAll(async () => {
    await t?.app.stop();
    await backend?.cleanup();
  });

  it.each([
    ['the default connection', {}],
    ['a sorted page', { orderBy: { field: 'USERNAME', direction: 'DESC' } }],
  ])('%s selecting only list-confirmed fields of WLVPN list rows is served from the mirror', async (_label, vars) => {
    t.resetUpstream();
    const res = await t.gql<{ accounts: { failures: unknown[]; edges: Array<{ node: Node }> } }>(WLVPN_PAGE, vars);
    expect(res.errors).toBeUndefined();
    expect(res.data!.accounts.failures).toEqual([]);
    expect(t.upstream()).toBe(0);
    const nodes = res.data!.accounts.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.dataSource).toBe('MIRROR');
      // syncedAt covers only what is shown (status, bandwidth), and never a plan no read confirmed.
      expect(n.syncedAt).not.toBeNull();
      expect(n.confirmedAt).toMatchObject({ plan: null });
      expect(n.syncedAt).toBe(n.confirmedAt!.status);
    }
  });

  it('selecting the plan of those rows reads them live (the plan was never confirmed)', async () => {
    t.resetUpstream();
    const res = await t.gql<{ accounts: { edges: Array<{ node: Node }> } }>(WLVPN_PLANS);
    expect(res.errors).toBeUndefined();
    expect(t.upstream(ProviderName.WLVPN)).toBeGreaterThan(0);
    for (const e of res.data!.accounts.edges) expect(e.node.syncedAt).not.toBeNull();
  });
});

describe.each(storeBackends)('paging while rows change their sort key (%s)', (_name, open) => {
  let t: TestApp;
  let backend: OpenedBackend;
  let mirror: Mirror;

  const PAGE = `query($first: Int, $after: String, $maxAge: Int) {
    accounts(first: $first, after: $after, maxAge: $maxAge, orderBy: { field: STATUS, direction: ASC },
             filter: { providers: [PUREVPN] }) {
      failures { provider code }
      pageInfo { endCursor hasNextPage }
      edges { node { id nativeId status } }
    }
  }`;
  interface Page {
    accounts: {
      failures: Array<{ provider: string; code: string }>;
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      edges: Array<{ node: { id: string; nativeId: string; status: string } }>;
    };
  }
  async function page(variables: Record<string, unknown>): Promise<{ body: Page; cacheControl: string | null }> {
    const res = await fetch(t.app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE, variables }),
    });
    const body = (await res.json()) as { data: Page };
    return { body: body.data, cacheControl: res.headers.get('cache-control') };
  }

  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({}, { store: backend.store });
    mirror = settledMirror(t); // direct reads below wait for the live reads' write-backs
    const sync = new SyncService({ mirror, log: new SyncLog(t.store.db), budgetPerMinute: () => 10_000, maxAgeMs: 0 });
    for (const p of PROVIDERS) expect((await sync.runNow(t.app.registry.get(p))).status).toBe('SUCCEEDED');
  }, 60_000);
  afterAll(async () => {
    await t?.app.stop();
    await backend?.cleanup();
  });

  it('a row read live for page 2 that moves before the cursor is reported (MIRROR_INCOMPLETE, no-store), never skipped silently', async () => {
    const active = await mirror.page({
      filter: { providers: [ProviderName.PUREVPN], statuses: [AccountStatus.ACTIVE] },
      orderBy: { field: 'STATUS', direction: 'ASC' },
      first: 100,
    });
    expect(active.rows.length).toBeGreaterThanOrEqual(3);
    // X: the first ACTIVE PureVPN account in tie order, disabled (read live: the mirror knows it DISABLED).
    const x = active.rows[0]!.record;
    const provider = t.app.registry.get(ProviderName.PUREVPN);
    await provider.disableAccount(x.nativeId);
    const xid = encodeId('Account', ProviderName.PUREVPN, x.nativeId);
    const read = await t.gql<{ account: { status: string } }>(
      `query($id: ID!) { account(id: $id, maxAge: 0) { status } }`,
      { id: xid },
    );
    expect(read.data?.account.status).toBe('DISABLED');
    // Page 1: exactly the ACTIVE accounts; its cursor is the last of them (after X in tie order).
    const activeCount = await mirror.count({ providers: [ProviderName.PUREVPN], statuses: [AccountStatus.ACTIVE] });
    const first = await page({ first: activeCount, maxAge: DAY });
    expect(first.body.accounts.failures).toEqual([]);
    expect(first.body.accounts.edges.every((e) => e.node.status === 'ACTIVE')).toBe(true);
    expect(first.body.accounts.edges.map((e) => e.node.id)).not.toContain(xid);
    // Behind the API's back X is enabled again: read live for page 2, it sorts among the ACTIVE rows, before the cursor.
    await provider.enableAccount(x.nativeId);
    const second = await page({ first: 100, after: first.body.accounts.pageInfo.endCursor, maxAge: 1 });
    const seen = [...first.body.accounts.edges, ...second.body.accounts.edges].map((e) => e.node.id);
    expect(seen).not.toContain(xid); // it moved into page 1, which the client already has...
    // ...so the answer says so, and is not cached.
    expect(second.body.accounts.failures).toEqual([{ provider: 'PUREVPN', code: 'MIRROR_INCOMPLETE' }]);
    expect(second.cacheControl).toBe('no-store');
    // Reading the list again from the start sees every account, and page 2 with nothing moving is clean.
    const again = await page({ first: activeCount + 1, maxAge: DAY });
    expect(again.body.accounts.edges.map((e) => e.node.id)).toContain(xid);
    const clean = await page({ first: 100, after: again.body.accounts.pageInfo.endCursor, maxAge: DAY });
    expect(clean.body.accounts.failures).toEqual([]);
  });
});
