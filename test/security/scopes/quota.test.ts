import { ProviderName } from '../../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';
import { createFor, SECRET, storeCustomer, token } from './helpers.js';

/**
 * Issue #21 item 4: a sub-reseller's quota holds under concurrency. 20 creates at once with 5 units left give
 * exactly 5 accounts and 15 QUOTA_EXCEEDED, with exactly 5 vendor creates — on PGlite and on Postgres.
 */
describe.each(storeBackends)('sub-reseller quota on %s', (_name, open) => {
  let backend: OpenedBackend;
  let t: TestApp;

  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({ JWT_SECRET: SECRET }, { store: backend.store });
  }, 60_000);
  afterAll(async () => {
    await t.app.stop();
    await backend.cleanup();
  });

  it('20 concurrent creates with 5 units left → exactly 5 accounts, 15 QUOTA_EXCEEDED, 5 vendor creates', async () => {
    const customer = await storeCustomer(t, 'quota');
    // Two accounts the scope already owns (made by the global reseller): the quota counts them.
    for (let i = 0; i < 2; i++) expect((await createFor(t, ProviderName.WLVPN, customer)).userErrors).toEqual([]);
    const reseller = await token('sub-7', { role: 'reseller', vg_customers: [customer], vg_quota: 7 });

    t.resetUpstream();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createFor(t, ProviderName.WLVPN, customer, reseller, `q-${i}-${Date.now()}`),
      ),
    );
    const created = results.filter((r) => r.account);
    const refused = results.filter((r) => r.userErrors.some((e) => e.code === 'QUOTA_EXCEEDED'));
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(t.emulator(ProviderName.WLVPN).server.count('POST /v2/customers')).toBe(5);

    const list = await t.gql<{ accounts: { totalCount: number } }>(
      '{ accounts(first: 50) { totalCount } }',
      {},
      reseller,
    );
    expect(list.data?.accounts.totalCount).toBe(7);

    // A create for a customer outside the scope is refused like a missing customer, before any vendor call.
    const other = await storeCustomer(t, 'other');
    t.resetUpstream();
    const outside = await createFor(t, ProviderName.WLVPN, other, reseller);
    expect(outside.userErrors).toEqual([
      { code: 'NOT_FOUND', message: 'No such customer.', field: ['input', 'customerId'] },
    ]);
    expect(t.upstream()).toBe(0);
  }, 120_000);
});
