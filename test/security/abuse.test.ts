import { encodeId } from '../../src/domain/ids.js';
import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Requests built to make the API hammer the vendors: every one is refused or cut off at a documented bound,
 * counted at the emulators (#19 item 2).
 */
describe('abuse: no request makes more vendor calls than its bound', () => {
  const READER_KEY = 'reader-key-abuse-0123456789abcdef';
  const headers = { 'x-api-key': READER_KEY };
  const BUDGET = 40;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      API_KEYS: `abuser:reader:${READER_KEY}`,
      ALLOW_ANONYMOUS: 'false',
      MAX_UPSTREAM_CALLS: String(BUDGET),
    });
  });
  afterAll(() => t.stop());
  beforeEach(() => t.resetUpstream());

  const ENTITIES = /* GraphQL */ `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Account {
          id
          status
        }
      }
    }
  `;
  const representations = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      __typename: 'Account',
      id: encodeId('Account', ProviderName.WLVPN, `${i + 1}`),
    }));

  it('3,000 representations in one `_entities` request: a typed error, no vendor call', async () => {
    const res = await t.gql(ENTITIES, { r: representations(3000) }, headers);
    expect(JSON.stringify({ query: ENTITIES, variables: { r: representations(3000) } }).length).toBeGreaterThan(
      150_000,
    );
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/at most 100 representations/);
    expect(t.upstream()).toBe(0);
  });

  it('the same through literal lists split over aliases is counted together', async () => {
    const literal = (from: number) =>
      `[${Array.from({ length: 60 }, (_, i) => `{__typename: "Account", id: "${encodeId('Account', ProviderName.WLVPN, `${from + i}`)}"}`).join(',')}]`;
    const query = `{ a: _entities(representations: ${literal(1)}) { __typename } b: _entities(representations: ${literal(100)}) { __typename } }`;
    const res = await t.gql(query, {}, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/got 120/);
    expect(t.upstream()).toBe(0);
  });

  it('100 representations (the bound) are served', async () => {
    const res = await t.gql(ENTITIES, { r: representations(100) }, { ...headers });
    expect(res.data).not.toBeNull();
    expect(t.upstream()).toBeGreaterThan(0);
    expect(t.upstream()).toBeLessThanOrEqual(BUDGET);
  });

  it('8 aliases of a status-filtered directory read stop at the vendor-call budget, errors on their paths', async () => {
    const aliases = Array.from(
      { length: 8 },
      (_, i) => `a${i}: accounts(first: 100, filter: { statuses: [ACTIVE] }) { edges { node { id status } } }`,
    ).join('\n');
    const res = await t.gql(`{ ${aliases} }`, {}, headers);
    // Without the budget this request costs hundreds of vendor calls (one status read per directory account per alias).
    expect(t.upstream()).toBeLessThanOrEqual(BUDGET);
    const budgetErrors = (res.errors ?? []).filter((e) => /budget of 40 vendor calls/.test(e.message));
    expect(budgetErrors.length).toBeGreaterThan(0);
    for (const e of budgetErrors) {
      expect(e.extensions?.code).toBe('RATE_LIMITED');
      expect(e.path?.[0]).toMatch(/^a\d$/);
    }
    // The next request has its own budget.
    t.resetUpstream();
    const next = await t.gql(`{ providers { name } }`, {}, headers);
    expect(next.errors).toBeUndefined();
  });

  it('the default budget is derived from MAX_COST', async () => {
    const { loadConfig } = await import('../../src/config/config.js');
    expect(loadConfig({}).upstreamCallBudget).toBe(200);
    expect(loadConfig({ MAX_COST: '5000' }).upstreamCallBudget).toBe(50);
    expect(loadConfig({ MAX_COST: '5000', MAX_UPSTREAM_CALLS: '7' }).upstreamCallBudget).toBe(7);
  });
});
