import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import { AccountDashboardDocument } from '../generated/operations.js';

/** A provider that is down degrades only its own part of the answer. */
describe('partial failure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ UPSTREAM_RETRIES: '0', BREAKER_THRESHOLD: '50' });
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(() => {
    for (const p of Object.values(ProviderName)) t.emulator(p).server.clearFaults();
  });

  it.each(Object.values(ProviderName))(
    '%s down: the other providers still answer, plus a typed error',
    async (down) => {
      t.emulator(down).server.addFault({ kind: 'down' });
      const res = await t.gql(AccountDashboardDocument, { first: 40 });
      const edges = res.data?.accounts?.edges ?? [];
      expect(res.status).toBe(200);
      expect(edges.length).toBeGreaterThan(0);
      expect(edges.some((e) => e.node.provider === down)).toBe(false);
      expect(new Set(edges.map((e) => e.node.provider)).size).toBe(3);
      expect(res.data?.accounts?.failures.map((f) => f.provider)).toEqual([down]);
      const error = res.errors?.find((e) => e.extensions?.provider === down);
      expect(error?.path).toEqual(['accounts']);
      expect(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']).toContain(error?.extensions?.code);
    },
  );

  it('a failing nested field (WLVPN usage) nulls only that field, with its path and code', async () => {
    t.emulator(ProviderName.WLVPN).server.addFault({ kind: 'error', status: 503, route: 'usage-report' });
    // maxAge 0: usage is read live (the reports the runs above wrote back would otherwise answer from the store).
    const res = await t.gql(AccountDashboardDocument, { first: 20, maxAge: 0 });
    const edges = res.data?.accounts?.edges ?? [];
    expect(edges).toHaveLength(20);
    const wl = edges.filter((e) => e.node.provider === 'WLVPN');
    expect(wl.length).toBeGreaterThan(0);
    expect(wl.every((e) => e.node.usage === null)).toBe(true);
    const usageErrors = (res.errors ?? []).filter((e) => e.path?.[e.path.length - 1] === 'usage');
    expect(usageErrors.length).toBe(wl.length);
    expect(usageErrors.every((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
  });
});
