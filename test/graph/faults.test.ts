import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import type { FaultRule } from '../../src/sandbox/types.js';
import { AccountDashboardDocument } from '../generated/operations.js';

/**
 * Fault matrix: each fault on each provider, through the whole stack. The client always gets the healthy
 * providers' accounts plus a typed error naming the failed provider; nothing is lost or duplicated.
 */
const FAULTS: Array<[string, FaultRule, string[]]> = [
  ['latency beyond the timeout', { kind: 'latency', latencyMs: 3000 }, ['UPSTREAM_TIMEOUT']],
  ['5xx burst', { kind: 'error', status: 503 }, ['UPSTREAM_UNAVAILABLE']],
  ['429 with Retry-After beyond the limit', { kind: 'rate-limit', retryAfterSeconds: 60 }, ['RATE_LIMITED']],
  ['connection resets', { kind: 'reset' }, ['UPSTREAM_UNAVAILABLE']],
  ['malformed bodies', { kind: 'malformed' }, ['UPSTREAM_UNAVAILABLE']],
  ['provider down', { kind: 'down' }, ['UPSTREAM_UNAVAILABLE']],
];

describe('fault matrix', () => {
  let t: TestApp;
  let baseline: Map<ProviderName, string[]>;
  const tally = { injected: 0, requests: 0, lost: 0, duplicated: 0 };

  beforeAll(async () => {
    t = await startTestApp({
      UPSTREAM_TIMEOUT_MS: '1500',
      UPSTREAM_RETRIES: '1',
      UPSTREAM_MAX_RETRY_AFTER_MS: '1000',
      BREAKER_THRESHOLD: '1000',
    });
    const res = await t.gql(AccountDashboardDocument, { first: 60 });
    baseline = new Map();
    for (const e of res.data?.accounts?.edges ?? [])
      baseline.set(e.node.provider, [...(baseline.get(e.node.provider) ?? []), e.node.id]);
  });
  afterAll(async () => {
    process.stdout.write(
      `fault matrix: faults injected=${tally.injected} upstream requests=${tally.requests} accounts lost=${tally.lost} duplicated=${tally.duplicated}\n`,
    );
    await t.stop();
  });

  for (const provider of Object.values(ProviderName)) {
    it.each(FAULTS)(`${provider}: %s`, async (_label, fault, codes) => {
      const server = t.emulator(provider).server;
      t.resetUpstream();
      server.addFault(fault);
      tally.injected += 1;
      let res;
      try {
        res = await t.gql(AccountDashboardDocument, { first: 60 });
      } finally {
        server.clearFaults();
      }
      tally.requests += t.upstream();
      expect(res.status).toBe(200);
      const edges = res.data?.accounts?.edges ?? [];
      const ids = edges.map((e) => e.node.id);
      const expected = [...baseline].filter(([p]) => p !== provider).flatMap(([, list]) => list);
      // every healthy provider's accounts are there (the failed provider's share is not refilled by others
      // beyond the page size), none twice
      const present = expected.filter((id) => ids.includes(id));
      tally.lost += expected.length - present.length;
      tally.duplicated += ids.length - new Set(ids).size;
      expect(present).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
      expect(edges.some((e) => e.node.provider === provider)).toBe(false);
      const failure = res.data?.accounts?.failures.find((f) => f.provider === provider);
      expect(codes).toContain(failure?.code);
      const error = res.errors?.find((e) => e.extensions?.provider === provider && e.path?.[0] === 'accounts');
      expect(codes).toContain(error?.extensions?.code);
    });
  }

  it('PUREWL: an expired token is refreshed transparently (no error at all)', async () => {
    t.emulator(ProviderName.PUREWL).server.expireTokens();
    const res = await t.gql(AccountDashboardDocument, { first: 60 });
    expect(res.errors).toBeUndefined();
    const ids = (res.data?.accounts?.edges ?? []).map((e) => e.node.id);
    expect([...ids].sort()).toEqual([...baseline.values()].flat().sort());
    expect(t.emulator(ProviderName.PUREWL).server.count('POST /auth/v1/accessToken')).toBeGreaterThanOrEqual(1);
  });
});
