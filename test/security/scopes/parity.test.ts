import { ProviderName } from '../../../src/providers/modules.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createFor, PROVIDERS, SECRET, storeCustomer, token } from './helpers.js';

/**
 * Issue #26: one list engine for everyone. A customer's `accounts` is the operator's list with the scope as one
 * more condition: for every order and every filter, it equals the admin's list restricted to the customer's ids
 * (same order, same totalCount). A vendor failure is reported to the scoped caller too. Scoped history hides
 * the actor and the vendor's own status words.
 */

const LIST = `query($first: Int, $after: String, $filter: AccountFilter, $orderBy: AccountOrder, $maxAge: Int) {
  accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy, maxAge: $maxAge) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
    failures { provider code }
  }
}`;
const HOUR = 3_600_000;
const FIELDS = ['USERNAME', 'EXPIRES_AT', 'CREATED_AT', 'STATUS', 'PROVIDER', 'SYNCED_AT'];

interface Page {
  accounts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string } }>;
    failures: Array<{ provider: string; code: string }>;
  };
}

let t: TestApp;
let customerId: string;
const mine: Array<{ id: string; username: string; provider: ProviderName }> = [];
let customer: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ JWT_SECRET: SECRET });
  customerId = await storeCustomer(t, 'parity');
  for (const provider of PROVIDERS) {
    for (let i = 0; i < 2; i++) {
      const created = await createFor(t, provider, customerId);
      if (!created.account) throw new Error(`${provider}: ${JSON.stringify(created.userErrors)}`);
      mine.push(created.account);
    }
  }
  const sync = new SyncService({
    mirror: new Mirror(t.store.db),
    log: new SyncLog(t.store.db),
    budgetPerMinute: () => 10_000,
    maxAgeMs: 60_000,
  });
  for (const p of PROVIDERS) expect((await sync.runNow(t.app.registry.get(p))).status).toBe('SUCCEEDED');
  customer = await token('parity', { role: 'customer', vg_customers: [customerId] });
}, 180_000);
afterAll(() => t.stop());

/** Every page of a list (ids in order) and its totalCount. */
async function all(
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = -1;
  let after: string | null = null;
  for (let guard = 0; guard < 20; guard++) {
    const res: { data?: Page | null; errors?: unknown[] } = await t.gql<Page>(
      LIST,
      { ...variables, first: 100, after, maxAge: HOUR },
      headers,
    );
    expect(res.errors).toBeUndefined();
    const page: Page['accounts'] = res.data!.accounts;
    expect(page.failures).toEqual([]);
    total = page.totalCount;
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ids, total };
}

it('for every order and every filter, the customer’s list is the admin’s restricted to the customer’s ids', async () => {
  const owned = new Set(mine.map((a) => a.id));
  const sample = mine[0]!.username;
  const filters: Array<Record<string, unknown>> = [
    {},
    { statuses: ['ACTIVE'] },
    { providers: [ProviderName.WLVPN, ProviderName.PUREVPN] },
    { search: sample.slice(1, 5) },
    { usernamePrefix: sample.slice(0, 3) },
    { expiresBefore: new Date(Date.now() + 400 * 86_400_000).toISOString() },
    { expiresAfter: new Date().toISOString() },
    { customerId },
  ];
  const cases = [
    ...FIELDS.flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ filter: {}, orderBy: { field, direction } }))),
    ...filters.map((filter) => ({ filter, orderBy: { field: 'EXPIRES_AT', direction: 'ASC' } })),
    ...filters.map((filter) => ({ filter, orderBy: null })),
  ];
  let nonEmpty = 0;
  for (const c of cases) {
    const admin = await all(c);
    const expected = admin.ids.filter((id) => owned.has(id));
    const scoped = await all(c, customer);
    expect({ case: c, ids: scoped.ids }).toEqual({ case: c, ids: expected });
    expect(scoped.total).toBe(expected.length);
    if (expected.length > 0) nonEmpty++;
  }
  // The comparison is not vacuous: most cases keep some of the customer's accounts, the unfiltered one all 8.
  expect(nonEmpty).toBeGreaterThan(cases.length / 2);
  expect((await all({ filter: {} }, customer)).total).toBe(mine.length);
}, 300_000);

it('with a vendor down, the scoped list reports the failure', async () => {
  const server = t.emulator(ProviderName.WLVPN).server;
  server.addFault({ kind: 'error', status: 503 });
  let res;
  try {
    res = await t.gql<Page>(LIST, { first: 20, maxAge: 0 }, customer);
  } finally {
    server.clearFaults();
  }
  expect(res.data?.accounts.failures.map((f) => f.provider)).toEqual(['WLVPN']);
  expect(res.errors?.map((e) => [e.path, e.extensions?.provider])).toContainEqual([['accounts'], 'WLVPN']);
  // What is known is still answered: every account of the customer.
  expect(res.data?.accounts.totalCount).toBe(mine.length);
}, 120_000);

it('scoped history hides the actor and providerStatus', async () => {
  const account = mine.find((a) => a.provider === ProviderName.VPNRESELLERS)!;
  const q = `query($id: ID!) { accountEvents(filter: { accountId: $id }, first: 20) { edges { node { kind actor before after data } } } }`;
  const asAdmin = await t.gql<{ accountEvents: { edges: Array<{ node: Record<string, unknown> }> } }>(q, {
    id: account.id,
  });
  const adminNodes = asAdmin.data!.accountEvents.edges.map((e) => e.node);
  expect(adminNodes.length).toBeGreaterThan(0);
  expect(JSON.stringify(adminNodes)).toMatch(/providerStatus/);
  const asCustomer = await t.gql<{ accountEvents: { edges: Array<{ node: Record<string, unknown> }> } }>(
    q,
    { id: account.id },
    customer,
  );
  const nodes = asCustomer.data!.accountEvents.edges.map((e) => e.node);
  expect(nodes.map((n) => n.kind)).toEqual(adminNodes.map((n) => n.kind));
  expect(nodes.every((n) => n.actor === 'hidden')).toBe(true);
  expect(JSON.stringify(nodes)).not.toMatch(/providerStatus/);
}, 120_000);
