import { ErrorCode } from '../../src/domain/errors.js';
import { currentRequestScope, runInRequestScope, type RequestScope } from '../../src/lib/request-context.js';
import { onUpstreamCall, type UpstreamCallEvent } from '../../src/providers/http-settings.js';
import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * A request's scope travels explicitly: its loaders and services reach the vendors through the provider registry
 * scoped to it (`ProviderRegistry.scoped`), not through an async context. Every vendor call it makes — through
 * the id guard, fan-outs, token refreshes — carries its request id and is counted against its budget, counted at
 * the emulators.
 */
describe('request scope without async context', () => {
  const KEY = 'reader-key-scope-0123456789abcdef';
  const headers = { 'x-api-key': KEY };
  let t: TestApp;
  let events: UpstreamCallEvent[] = [];
  let off: () => void;

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `scoper:reader:${KEY}`, ALLOW_ANONYMOUS: 'false', MAX_UPSTREAM_CALLS: '30' });
    off = onUpstreamCall((e) => events.push(e));
  }, 60_000);
  afterAll(async () => {
    off();
    await t.stop();
  });
  beforeEach(() => {
    t.resetUpstream();
    events = [];
  });

  it("every vendor call of a GraphQL request carries the request's id", async () => {
    const res = await t.gql(
      `{ accounts(first: 10, maxAge: 0) { edges { node { id status } } } }`,
      {},
      { ...headers, 'x-request-id': 'req-scope-1' },
    );
    expect(res.errors).toBeUndefined();
    expect(t.upstream()).toBeGreaterThan(0);
    expect(events).toHaveLength(t.upstream());
    expect(new Set(events.map((e) => e.requestId))).toEqual(new Set(['req-scope-1']));
  }, 60_000);

  it('the budget of the request stops its vendor calls at MAX_UPSTREAM_CALLS with the typed error', async () => {
    const aliases = Array.from(
      { length: 4 },
      (_, i) => `a${i}: accounts(first: 100, maxAge: 0, filter: { statuses: [ACTIVE] }) { edges { node { id } } }`,
    ).join('\n');
    const res = await t.gql(`{ ${aliases} }`, {}, { ...headers, 'x-request-id': 'req-scope-2' });
    expect(t.upstream()).toBe(30);
    expect(events.filter((e) => e.requestId === 'req-scope-2')).toHaveLength(30);
    expect(res.errors?.some((e) => /budget of 30 vendor calls/.test(e.message))).toBe(true);
  }, 60_000);

  it('a scoped registry counts every call its providers make, id guard and fan-outs included', async () => {
    const scope: RequestScope = { requestId: 'view-1', upstreamBudget: { limit: 1000, used: 0 } };
    const view = t.app.registry.scoped(scope);
    for (const provider of view.all()) {
      const page = await provider.listAccounts({ offset: 0, limit: 5, readStatus: true });
      // through the id guard (a batch read), with one hostile id refused before any call
      const read = await provider.getAccounts([...page.items.map((a) => a.nativeId), '../admin']);
      expect(read.at(-1)).toMatchObject({ code: ErrorCode.VALIDATION });
    }
    expect(t.upstream()).toBeGreaterThan(4);
    expect(scope.upstreamBudget!.used).toBe(t.upstream());
    expect(events).toHaveLength(t.upstream());
    expect(new Set(events.map((e) => e.requestId))).toEqual(new Set(['view-1']));
    expect(view.remainingUpstreamCalls()).toBe(1000 - t.upstream());
    // the shared registry is untouched: no budget, no request id
    expect(t.app.registry.remainingUpstreamCalls()).toBe(Number.POSITIVE_INFINITY);
    events = [];
    await t.app.registry.get(ProviderName.WLVPN).getAccounts(['1']);
    expect(events.map((e) => e.requestId)).toEqual([undefined]);
  }, 60_000);

  it('a spent budget refuses the call before it is sent (RATE_LIMITED, not retryable)', async () => {
    const scope: RequestScope = { requestId: 'view-2', upstreamBudget: { limit: 1, used: 0 } };
    const wlvpn = t.app.registry.scoped(scope).get(ProviderName.WLVPN);
    await wlvpn.getAccounts(['1']);
    expect(t.upstream()).toBe(1);
    const [second] = await wlvpn.getAccounts(['2']);
    expect(second).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryable: false });
    expect(t.upstream()).toBe(1);
  }, 60_000);

  it("a scoped view inside a background scope: the view's scope wins; the background scope ends with its work", async () => {
    const outer: RequestScope = { requestId: 'job-1' };
    const inner: RequestScope = { requestId: 'view-3' };
    await runInRequestScope(outer, async () => {
      expect(currentRequestScope()).toBe(outer);
      await t.app.registry.get(ProviderName.WLVPN).getAccounts(['1']);
      await t.app.registry.scoped(inner).get(ProviderName.WLVPN).getAccounts(['1']);
      await runInRequestScope(inner, async () => expect(currentRequestScope()).toBe(inner));
      expect(currentRequestScope()).toBe(outer);
    });
    expect(events.map((e) => e.requestId)).toEqual(['job-1', 'view-3']);
    // once no background scope runs, none is seen (the storage is released: no async hooks on Node 20)
    expect(currentRequestScope()).toBeUndefined();
    await expect(runInRequestScope(outer, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(currentRequestScope()).toBeUndefined();
  }, 60_000);
});
