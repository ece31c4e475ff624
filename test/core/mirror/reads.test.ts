import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus, type AccountRecord } from '../../../src/domain/records.js';
import { encodeId } from '../../../src/domain/ids.js';
import type { Mirror } from '../../../src/core/mirror/mirror.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import {
  AccountDashboardDocument,
  ExpiringSoonDocument,
  type AccountDashboardQuery,
} from '../../generated/operations.js';
import type { GqlResult } from '../../helpers/app.js';
import { settledMirror, startTestApp, type TestApp } from '../../helpers/app.js';

/**
 * Live and mirrored reads through the graph, against the emulators over real HTTP. "Behind the API's back" =
 * through the provider's own client straight to the emulator, never through the graph or the mirror.
 */

const PROVIDERS = [ProviderName.PUREWL, ProviderName.VPNRESELLERS, ProviderName.WLVPN, ProviderName.PUREVPN];
const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Row {
  id: string;
  provider: ProviderName;
  username: string;
  status: AccountStatus;
  expiresAt: string | null;
  syncedAt: string | null;
  dataSource: 'MIRROR' | 'LIVE';
}
interface Page {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
    edges: Array<{ cursor: string; node: Row }>;
  };
}

const ACCOUNT = `query($id: ID!, $maxAge: Int) {
  account(id: $id, maxAge: $maxAge) { id username status expiresAt syncedAt dataSource }
}`;

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: AccountOrder, $filter: AccountFilter, $maxAge: Int) {
  accounts(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter, maxAge: $maxAge) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id provider username status expiresAt syncedAt dataSource } }
  }
}`;

describe('live and mirrored reads', () => {
  let t: TestApp;
  let mirror: Mirror;
  let sync: SyncService;

  /** Brings the mirror up to date with every emulator (full syncs, and a refresh big enough for every account). */
  async function syncAll(): Promise<void> {
    for (const p of PROVIDERS) {
      const run = await sync.runNow(t.app.registry.get(p));
      expect(run.status).toBe('SUCCEEDED');
    }
  }

  /** What the vendors say right now, read through the provider clients (not the graph, not the mirror). */
  async function atVendors(): Promise<AccountRecord[]> {
    const out: AccountRecord[] = [];
    for (const p of PROVIDERS) {
      const provider = t.app.registry.get(p);
      const page = await provider.listAccounts({ offset: 0, limit: 5000, readStatus: true });
      // A list row with gaps (WLVPN: a plan-based expiry) is completed by the vendor's single read.
      const gaps = page.items.filter((a) => a.incomplete?.length);
      const full = gaps.length ? await provider.getAccounts(gaps.map((a) => a.nativeId)) : [];
      out.push(...page.items.filter((a) => !a.incomplete?.length));
      out.push(...full.filter((a): a is AccountRecord => a !== null && !(a instanceof Error)));
    }
    return out;
  }

  async function activeAccount(provider: ProviderName): Promise<AccountRecord> {
    const page = await mirror.page({
      filter: { providers: [provider], statuses: [AccountStatus.ACTIVE] },
      orderBy: { field: 'USERNAME', direction: 'DESC' },
      first: 1,
    });
    return page.rows[0]!.record;
  }

  beforeAll(async () => {
    t = await startTestApp();
    mirror = settledMirror(t); // direct reads wait for the live reads' write-backs
    sync = new SyncService({
      mirror,
      log: new SyncLog(t.store.db),
      budgetPerMinute: () => 10_000,
      maxAgeMs: 60_000,
    });
    await syncAll();
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  it('maxAge 0 always reads live; a fresh mirrored account answers with no vendor call', async () => {
    for (const provider of [ProviderName.VPNRESELLERS, ProviderName.PUREWL]) {
      const account = await activeAccount(provider);
      const id = encodeId('Account', provider, account.nativeId);
      for (let i = 0; i < 2; i++) {
        t.resetUpstream();
        const live = await t.gql<{ account: Row }>(ACCOUNT, { id, maxAge: 0 });
        expect(live.errors).toBeUndefined();
        expect(live.data?.account).toMatchObject({ username: account.username, dataSource: 'LIVE' });
        expect(t.upstream(provider)).toBeGreaterThanOrEqual(1);
      }
      t.resetUpstream();
      const mirrored = await t.gql<{ account: Row }>(ACCOUNT, { id });
      expect(mirrored.data?.account).toMatchObject({ username: account.username, dataSource: 'MIRROR' });
      expect(t.upstream()).toBe(0);
    }
  });

  it('a mirror-served answer is never fresher than its syncedAt: after the last write, before now', async () => {
    const account = await activeAccount(ProviderName.WLVPN);
    const id = encodeId('Account', ProviderName.WLVPN, account.nativeId);
    const beforeWrite = Date.now();
    const written = await t.gql<{ disableAccount: { userErrors: unknown[] } }>(
      `mutation($id: ID!) { disableAccount(input: { accountId: $id }) { userErrors { code } } }`,
      { id },
    );
    expect(written.data?.disableAccount.userErrors).toEqual([]);
    t.resetUpstream();
    const res = await t.gql<{ account: Row }>(ACCOUNT, { id, maxAge: HOUR });
    expect(t.upstream()).toBe(0);
    const row = res.data!.account;
    expect(row).toMatchObject({ status: AccountStatus.DISABLED, dataSource: 'MIRROR' });
    expect(Date.parse(row.syncedAt!)).toBeGreaterThanOrEqual(beforeWrite);
    expect(Date.parse(row.syncedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('a change behind the API’s back is not seen with a large maxAge and is seen with maxAge 0', async () => {
    for (const provider of [ProviderName.VPNRESELLERS, ProviderName.PUREVPN]) {
      const account = await activeAccount(provider);
      const id = encodeId('Account', provider, account.nativeId);
      await t.app.registry.get(provider).disableAccount(account.nativeId);

      t.resetUpstream();
      const old = await t.gql<{ account: Row }>(ACCOUNT, { id, maxAge: HOUR });
      expect(old.data?.account).toMatchObject({ status: AccountStatus.ACTIVE, dataSource: 'MIRROR' });
      expect(t.upstream()).toBe(0);

      const now = await t.gql<{ account: Row }>(ACCOUNT, { id, maxAge: 0 });
      expect(now.data?.account).toMatchObject({ status: AccountStatus.DISABLED, dataSource: 'LIVE' });
      // The live read wrote back: the mirror now says DISABLED too.
      t.resetUpstream();
      const after = await t.gql<{ account: Row }>(ACCOUNT, { id, maxAge: HOUR });
      expect(after.data?.account).toMatchObject({ status: AccountStatus.DISABLED, dataSource: 'MIRROR' });
      expect(t.upstream()).toBe(0);
    }
  });

  it('the AccountDashboard over four providers with a fresh mirror reads no account at any vendor', async () => {
    await syncAll();
    await t.gql('{ providers { name } }');
    const providers = new Set<string>();
    let rows = 0;
    let totalCount: number | null | undefined;
    const pass = async () => {
      providers.clear();
      rows = 0;
      let after: string | null | undefined = null;
      do {
        const res: GqlResult<AccountDashboardQuery> = await t.gql(AccountDashboardDocument, { first: 100, after });
        expect(res.errors).toBeUndefined();
        const page = res.data!.accounts!;
        for (const e of page.edges) providers.add(e.node.provider);
        rows += page.edges.length;
        totalCount = page.totalCount;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
    };
    // The first pass is the priming live read: what a sync's list rows leave out (WLVPN plans and plan-based
    // expiry) is read once per account and kept; the mirror never forgets it on the next sync.
    await pass();
    await syncAll();
    t.resetUpstream();
    await pass();
    expect(providers.size).toBe(4);
    expect(rows).toBe(await mirror.count({}));
    expect(totalCount).toBe(rows);
    const byRoute = Object.fromEntries(PROVIDERS.map((p) => [p, t.emulator(p).server.stats.byRoute]));
    process.stdout.write(
      `dashboard on a fresh mirror (every page), vendor calls by route: ${JSON.stringify(byRoute)}\n`,
    );
    // Account state (lists, account reads, status reads) comes from the mirror: no vendor call for it.
    expect(t.upstream(ProviderName.PUREWL)).toBe(0);
    expect(t.upstream(ProviderName.PUREVPN)).toBe(0);
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/:id')).toBe(0);
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers?')).toBe(0);
    expect(t.emulator(ProviderName.VPNRESELLERS).server.count('accounts')).toBe(0);
  });

  it('expiring within 7 days across all four providers, EXPIRES_AT ASC, is exactly what the emulators say', async () => {
    await syncAll();
    const now = new Date();
    const horizon = new Date(now.getTime() + 7 * DAY);
    const expected = (await atVendors())
      .filter(
        (a) => a.expiresAt && Date.parse(a.expiresAt) >= now.getTime() && Date.parse(a.expiresAt) < horizon.getTime(),
      )
      .sort((a, b) => Date.parse(a.expiresAt!) - Date.parse(b.expiresAt!));
    expect(expected.length).toBeGreaterThan(0);
    // A full sync stores list rows; what the list leaves out (WLVPN's plan-based expiry) the mirror learns from
    // one live read, e.g. a page that selects it: every account's expiry is then known to the mirror.
    for (let after: string | null = null, guard = 0; guard < 50; guard++) {
      const res: { data?: Page | null } = await t.gql<Page>(PAGE, {
        first: 100,
        after,
        orderBy: { field: 'USERNAME' },
      });
      const info: Page['accounts']['pageInfo'] = res.data!.accounts.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    t.resetUpstream();
    const res = await t.gql(ExpiringSoonDocument, {
      expiresAfter: now.toISOString(),
      expiresBefore: horizon.toISOString(),
      first: 100,
    });
    expect(res.errors).toBeUndefined();
    expect(t.upstream()).toBe(0); // fresh mirror: SQL only
    const rows = res.data!.accounts!.edges.map((e) => e.node);
    expect(rows.map((r) => `${r.provider}:${r.username}`).sort()).toEqual(
      expected.map((a) => `${a.provider}:${a.username}`).sort(),
    );
    const times = rows.map((r) => Date.parse(r.expiresAt as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(res.data!.accounts!.totalCount).toBe(expected.length);
  });

  it('keyset pages through the graph return every account once, forwards and backwards', async () => {
    const total = await mirror.count({});
    const orderBy = { field: 'EXPIRES_AT', direction: 'DESC' };
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const res: { data?: Page | null; errors?: unknown[] } = await t.gql<Page>(PAGE, {
        first: 17,
        after,
        orderBy,
        maxAge: HOUR,
      });
      expect(res.errors).toBeUndefined();
      const page: Page['accounts'] = res.data!.accounts;
      expect(page.totalCount).toBe(total);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const back: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const res: { data?: Page | null } = await t.gql<Page>(PAGE, { last: 23, before, orderBy, maxAge: HOUR });
      const page: Page['accounts'] = res.data!.accounts;
      back.unshift(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(back).toEqual(seen);
  });

  it('bad input is a VALIDATION error at the argument, and nothing else is lost', async () => {
    const usernameCursor = (await t.gql<Page>(PAGE, { first: 1, orderBy: { field: 'USERNAME' }, maxAge: HOUR })).data!
      .accounts.pageInfo.endCursor;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        `query($c: String) { accounts(first: 2, after: $c, orderBy: { field: EXPIRES_AT }) { totalCount } providers { name } }`,
        { c: usernameCursor },
        'after',
      ],
      [`query { accounts(first: 1000, orderBy: { field: USERNAME }) { totalCount } providers { name } }`, {}, 'first'],
      [`query { accounts(first: 2, maxAge: -1) { totalCount } providers { name } }`, {}, 'maxAge'],
      [
        `query($id: ID!) { account(id: $id, maxAge: -5) { id } providers { name } }`,
        { id: encodeId('Account', ProviderName.WLVPN, '1') },
        'maxAge',
      ],
      [`query { node(id: "x", maxAge: -1) { id } providers { name } }`, {}, 'maxAge'],
      [
        `query($c: String) { accounts(first: 2, after: $c, filter: { search: "a" }) { totalCount } providers { name } }`,
        { c: Buffer.from('a:WLVPN:3').toString('base64url') },
        'after',
      ],
    ];
    for (const [query, variables, field] of cases) {
      const res = await t.gql<{ providers: unknown[] }>(query, variables);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['VALIDATION', field]]);
      // `accounts` is non-null: its error nulls `data` (GraphQL's null propagation); nullable roots keep the rest.
      if (!query.includes('accounts(')) expect(res.data?.providers).toHaveLength(4);
    }
    const notADate = await t.gql(`{ accounts(filter: { expiresBefore: "soon" }) { totalCount } }`);
    expect(notADate.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('sends a private Cache-Control max-age matching maxAge, and no-store for live reads', async () => {
    const account = await activeAccount(ProviderName.WLVPN);
    const id = encodeId('Account', ProviderName.WLVPN, account.nativeId);
    const headerFor = async (maxAge: number | null) => {
      const res = await fetch(t.app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query($id: ID!, $maxAge: Int) { account(id: $id, maxAge: $maxAge) { id status plan { code } } }`,
          variables: { id, maxAge },
        }),
      });
      await res.json();
      return res.headers.get('cache-control');
    };
    expect(await headerFor(30_000)).toBe('max-age=30, private');
    expect(await headerFor(null)).toBe('max-age=60, private'); // MIRROR_MAX_AGE_MS default
    expect(await headerFor(0)).toBe('no-store');
  });
});
