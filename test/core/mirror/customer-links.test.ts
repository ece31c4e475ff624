import { ProviderName } from '../../../src/providers/modules.js';
import { encodeId } from '../../../src/domain/ids.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { vendorCustomerOf } from '../../../src/core/mirror/link-walk.js';
import type { VpnresellersEmulator } from '../../../src/providers/vpnresellers/sandbox/index.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

/**
 * VPNresellers keeps which customer an account belongs to, and only a walk of its customer lists shows it
 * (core/mirror/link-walk.ts). An answer showing `customer` / `project` never shows a link older than the
 * request allows (`maxAge`, else LINKS_MAX_AGE_MS): it walks the lists once in the request, or says why not.
 */
const VR = ProviderName.VPNRESELLERS;
const customerId = (n: number) => encodeId('Customer', VR, String(n));
const accountId = encodeId('Account', VR, '1');

const ONE = `query($id: ID!, $maxAge: Int) {
  account(id: $id, maxAge: $maxAge) { syncedAt confirmedAt { customer } customer { id project { id } } }
}`;
type One = {
  account: {
    syncedAt: string | null;
    confirmedAt: { customer: string | null };
    customer: { id: string; project: { id: string } | null } | null;
  } | null;
};

describe('VPNresellers customer links: maxAge bounds the link an answer shows', () => {
  let t: TestApp;
  let emu: VpnresellersEmulator;
  beforeAll(async () => {
    // The failing-walk case below fails several calls at once: the breaker is not what this file tests.
    t = await startTestApp({ BREAKER_THRESHOLD: '1000' });
    emu = t.emulator(VR) as unknown as VpnresellersEmulator;
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Vendor calls of the walk since the last reset: customers lists, and customers' account lists. */
  const walkCalls = () => {
    const routes = emu.server.stats.byRoute;
    return {
      customerLists: routes['GET /v4_1/customers'] ?? 0,
      accountLists: routes['GET /v4_1/customers/:customer/accounts'] ?? 0,
      customerReads: routes['GET /v4_1/customers/:customer'] ?? 0,
    };
  };
  /** Moves account `id` to customer `to` at the vendor, behind the API's back. */
  const moveAtVendor = (id: number, to: number) => {
    emu.accounts.get(id)!.customer_id = to;
  };

  it('maxAge 0 walks the customer lists once; a link confirmed within maxAge answers with no call', async () => {
    const t0 = Date.now();
    t.resetUpstream();
    const first = await t.gql<One>(ONE, { id: accountId, maxAge: 0 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.account!.customer!.id).toBe(customerId(1));
    const customers = emu.customers.size;
    // One customers list, one accounts list per customer; the customer shown is the walk's (no second read).
    expect(walkCalls()).toEqual({ customerLists: 1, accountLists: customers, customerReads: 0 });
    const confirmed = Date.parse(first.data!.account!.confirmedAt.customer!);
    expect(confirmed).toBeGreaterThanOrEqual(t0);
    expect(Date.parse(first.data!.account!.syncedAt!)).toBeLessThanOrEqual(confirmed);

    moveAtVendor(1, 2);
    t.resetUpstream();
    const within = await t.gql<One>(ONE, { id: accountId, maxAge: 3_600_000 });
    expect(within.errors).toBeUndefined();
    // Confirmed a moment ago, within the hour allowed: the directory's link, no call, its confirmation shown.
    expect(within.data!.account!.customer!.id).toBe(customerId(1));
    expect(walkCalls().customerLists).toBe(0);
    expect(Date.parse(within.data!.account!.confirmedAt.customer!)).toBe(confirmed);
    expect(Date.parse(within.data!.account!.syncedAt!)).toBeLessThanOrEqual(confirmed);
  });

  it('a sorted list with maxAge 0 shows the link as the vendor has it now, for every row, in one walk', async () => {
    const t0 = Date.now();
    moveAtVendor(1, 3);
    t.resetUpstream();
    const res = await t.gql<{
      accounts: {
        nodes: Array<{ id: string; syncedAt: string; customer: { id: string; project: { id: string } | null } | null }>;
      };
    }>(
      `{ accounts(first: 100, filter: { providers: [VPNRESELLERS] }, orderBy: { field: USERNAME }, maxAge: 0) {
          nodes { id syncedAt customer { id project { id } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.accounts.nodes;
    const moved = nodes.find((n) => n.id === accountId)!;
    expect(moved.customer?.id).toBe(customerId(3));
    expect(moved.customer?.project?.id).toBe(encodeId('Project', VR, String(emu.customers.get(3)!.project_id)));
    // Every linked account shown is the vendor's link now; every answer claims no more than the walk.
    for (const n of nodes) {
      const native = Number(Buffer.from(n.id, 'base64url').toString('utf8').split(':').pop());
      const atVendor = emu.accounts.get(native)?.customer_id ?? null;
      expect(n.customer?.id ?? null).toBe(atVendor === null ? null : customerId(atVendor));
      expect(Date.parse(n.syncedAt)).toBeGreaterThanOrEqual(t0 - 1000);
    }
    expect(walkCalls()).toEqual({ customerLists: 1, accountLists: emu.customers.size, customerReads: 0 });
    // The directory is confirmed after the answer (write-back): the mirror's own row then names the new customer.
    await t.app.writeBack.flushed();
    const [row, unchanged] = await new Mirror(t.store.db).read([
      { provider: VR, nativeId: '1' },
      { provider: VR, nativeId: '2' },
    ]);
    expect(row?.customerId).toBe(customerId(3));
    expect(Date.parse(row!.confirmedAt.customer!)).toBeGreaterThanOrEqual(t0 - 1000);
    // A link the request's walk found unchanged is not rewritten (no write of every row per request): it keeps
    // the confirmation of the first walk, older but true; the sync's walks stamp every row.
    expect(unchanged?.customerId).toBe(customerId(2));
    expect(Date.parse(unchanged!.confirmedAt.customer!)).toBeLessThan(t0);
  });

  it('no walk when the answer shows no customer, nor by default while the link is younger than LINKS_MAX_AGE_MS', async () => {
    moveAtVendor(1, 4);
    t.resetUpstream();
    const noLink = await t.gql<{ account: { status: string } | null }>(
      'query($id: ID!) { account(id: $id, maxAge: 0) { status syncedAt } }',
      { id: accountId },
    );
    expect(noLink.errors).toBeUndefined();
    expect(walkCalls().customerLists).toBe(0);
    const byDefault = await t.gql<One>(ONE, { id: accountId });
    expect(byDefault.errors).toBeUndefined();
    expect(byDefault.data!.account!.customer!.id).toBe(customerId(3)); // confirmed by the list above
    expect(walkCalls().customerLists).toBe(0);
  });

  it('a walk that fails leaves the directory link, its true age, and one typed error', async () => {
    const before = await t.gql<One>(ONE, { id: accountId, maxAge: 3_600_000 });
    const confirmed = before.data!.account!.confirmedAt.customer!;
    // The customers list answers; the customers' account lists fail (the walk cannot finish).
    const fault = emu.server.addFault({
      kind: 'error',
      status: 503,
      route: 'GET /v4_1/customers/:customer/accounts',
    });
    try {
      const res = await t.gql<One>(ONE, { id: accountId, maxAge: 0 });
      expect(res.data!.account!.customer!.id).toBe(customerId(3)); // the directory's: the vendor moved it to 4
      expect(res.data!.account!.confirmedAt.customer).toBe(confirmed);
      expect(Date.parse(res.data!.account!.syncedAt!)).toBeLessThanOrEqual(Date.parse(confirmed));
      // One error for the walk, at the first field that needed the link (its fields resolve side by side).
      const errors = (res.errors ?? []) as Array<{ path?: unknown[]; extensions?: { code?: string } }>;
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(['account.customer', 'account.syncedAt', 'account.confirmedAt']).toContain(errors[0]!.path?.join('.'));
    } finally {
      emu.server.removeFault(fault);
    }
    const after = await t.gql<One>(ONE, { id: accountId, maxAge: 0 });
    expect(after.errors).toBeUndefined();
    expect(after.data!.account!.customer!.id).toBe(customerId(4));
  });

  it('a vendor-call budget smaller than the walk: RATE_LIMITED, and no confirmation claimed', async () => {
    const small = await startTestApp({ MAX_UPSTREAM_CALLS: '5' });
    try {
      const res = await small.gql<One>(ONE, { id: accountId, maxAge: 0 });
      expect(res.data!.account).not.toBeNull();
      // Never walked in this app: the directory's seeded link was never confirmed, and the answer says so.
      expect(res.data!.account!.confirmedAt.customer).toBeNull();
      expect(res.data!.account!.syncedAt).toBeNull();
      // The walk's failure once (at the first field that needed the link), and the customer read that found the
      // budget spent too: every error is the budget's, none repeated.
      const errors = (res.errors ?? []) as Array<{ path?: unknown[]; extensions?: { code?: string }; message: string }>;
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors.length).toBeLessThanOrEqual(2);
      expect(new Set(errors.map((e) => e.path?.join('.'))).size).toBe(errors.length);
      for (const e of errors) {
        expect(e.extensions?.code).toBe('RATE_LIMITED');
        expect(e.message).toContain('MAX_UPSTREAM_CALLS');
      }
    } finally {
      await small.stop();
    }
  });

  it('a link made after the walk began is newer knowledge: the walk does not overwrite it', async () => {
    const mirror = new Mirror(t.store.db);
    const walkBegan = new Date(Date.now() - 60_000).toISOString();
    await mirror.setLink(VR, '2', { customerId: customerId(5), projectId: null });
    const moved = await mirror.confirmLinks(
      VR,
      new Map([['2', { customerId: customerId(6), projectId: null }]]),
      vendorCustomerOf(VR),
      walkBegan,
    );
    expect(moved.map((m) => m.nativeId)).not.toContain('2');
    const [row] = await mirror.read([{ provider: VR, nativeId: '2' }]);
    expect(row?.customerId).toBe(customerId(5));
  });
});
