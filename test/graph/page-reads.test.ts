import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument } from '../generated/operations.js';
import { ProviderName } from '../../src/providers/modules.js';

/**
 * A cross-provider page merges the providers' lists in rounds (each provider's share, then what is still
 * missing) and counts what a vendor without totals lists: several windows over the same vendor page. Each vendor
 * page is read once per request (`PageQuery.pages`), however many windows of it the merge and the count take.
 */
describe('vendor pages read once per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The bench's sandbox: 1,000 accounts per vendor, so WLVPN's list fills its first 1,000-row page.
    t = await startTestApp({ SANDBOX_ACCOUNTS: '1000' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('the dashboard (first: 100, totalCount, maxAge: 0) reads each vendor page of a list once', async () => {
    await t.gql('{ providers { name } }');
    t.resetUpstream();
    const res = await t.gql(AccountDashboardDocument, { first: 100, maxAge: 0 });
    expect(res.errors).toBeUndefined();
    // WLVPN tells no total: its page (offset 0) and its count scan (offset 0, then 1,000) read vendor pages 1 and 2,
    // once each; the scan's offset-0 window is the page's own vendor page.
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/paged')).toBe(2);
    // VPNresellers: pages of 100 with a total in every answer; the page's windows are in its first vendor page.
    expect(t.emulator(ProviderName.VPNRESELLERS).server.count('GET /v4_1/accounts')).toBe(1);
    expect(res.data?.accounts?.totalCount ?? 0).toBeGreaterThan(1000);
  });
});
