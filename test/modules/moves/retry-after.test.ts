import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { CREATE_ROUTE, injectFault } from '../lifecycle/helpers.js';
import { storeCustomer } from '../../security/scopes/helpers.js';
import { move, retiredAtVendor, settled, source } from './helpers.js';

/**
 * A move's own retries honour the vendor's Retry-After (issue #30): a 429 on the target create and a 503 on the
 * source read (VALIDATE), each with `Retry-After: 2`, while MOVE_RETRY_BASE_MS is 20 ms. The step is tried again, and the
 * vendor sees each request no sooner than two seconds after the one refused before it (a lower bound: a slow machine can
 * only widen it). The move completes with one create and one retire.
 */
const SOURCE_READ = 'GET /v2/customers/:id';

describe('account moves honour Retry-After', () => {
  let t: TestApp;
  let customer: string;
  beforeAll(async () => {
    t = await startTestApp({
      WORKER: 'inline',
      SANDBOX_ADMIN: 'true',
      ...NO_SCHEDULED_SYNC,
      BREAKER_THRESHOLD: '1000',
      MOVE_RETRY_BASE_MS: '20',
      MOVE_MAX_ATTEMPTS: '5',
    });
    customer = await storeCustomer(t, 'retry-after');
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  it.each([
    ['a 429 on the target create', ProviderName.PUREWL, CREATE_ROUTE[ProviderName.PUREWL], 'rate-limit'],
    ['a 503 on the source read', ProviderName.WLVPN, SOURCE_READ, 'error'],
  ] as const)(
    '%s: the step is tried again no sooner than Retry-After',
    async (label, provider, route, kind) => {
      const src = await source(t, ProviderName.WLVPN, customer, `ra-src-${kind}`);
      const injectedAt = Date.now();
      await injectFault(t, provider, {
        kind,
        ...(kind === 'error' ? { status: 503 } : {}),
        retryAfterSeconds: 2,
        // The read is idempotent: the HTTP client retries it once itself (UPSTREAM_RETRIES=1), after the same
        // Retry-After; the second 503 fails the step, which the move tries again.
        times: kind === 'error' ? 2 : 1,
        route,
      });
      const server = t.emulator(provider).server;
      const asked = await move(t, {
        accountId: src.id,
        toProvider: ProviderName.PUREWL,
        idempotencyKey: `ra-${kind}`,
      });
      expect(asked.userErrors).toEqual([]);
      const done = await settled(t, asked.accountMove!.id);
      expect([label, done.status]).toEqual([label, 'COMPLETED']);
      const step = done.steps.find((s) => s.name === (provider === ProviderName.PUREWL ? 'CREATE' : 'VALIDATE'))!;
      expect(step.attempts).toBe(2);
      expect(retiredAtVendor(t, ProviderName.WLVPN, src.username)).toBe(true);
      // When the vendor received the faulted route's requests: the refused one, then the retry.
      const times = server.received
        .filter((r) => r.route === route && r.at !== undefined && r.at >= injectedAt)
        .map((r) => r.at!)
        .slice(0, kind === 'error' ? 3 : 2);
      expect(times).toHaveLength(kind === 'error' ? 3 : 2);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2_000);
    },
    60_000,
  );
});
