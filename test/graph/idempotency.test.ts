import { startTestApp, type TestApp } from '../helpers/app.js';
import { ProviderName } from '../../src/providers/modules.js';
import { CreateAccountDocument, RenewAccountDocument } from '../generated/operations.js';

/**
 * Idempotency keys and unknown outcomes, through GraphQL against the emulators:
 * one key → one upstream account however many concurrent requests; distinct keys under resets and
 * latency → exactly one account each (reconciled, never blindly retried).
 */
describe('idempotent creates and renewals', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Timeout and injected latency leave headroom for a loaded CI machine (the emulators share the event loop).
    t = await startTestApp({ UPSTREAM_TIMEOUT_MS: '1000', BREAKER_THRESHOLD: '1000' });
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(() => {
    for (const p of Object.values(ProviderName)) t.emulator(p).server.clearFaults();
  });

  async function wlvpnUsernames(prefix: string): Promise<string[]> {
    const res = await t.gql<{ accounts: { edges: Array<{ node: { username: string } }> } }>(
      'query($p: String) { accounts(first: 100, filter: { providers: [WLVPN], usernamePrefix: $p }) { edges { node { username } } } }',
      { p: prefix },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.accounts.edges.map((e) => e.node.username) ?? [];
  }

  it('50 concurrent creates with one key make one account upstream and replay the same answer', async () => {
    const server = t.emulator(ProviderName.WLVPN).server;
    server.resetStats();
    const input = { provider: 'WLVPN' as const, username: 'idem_same_key', idempotencyKey: 'key-same-1' };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(CreateAccountDocument, { input })));
    const creates = server.count('POST /v2/customers');
    expect(creates).toBe(1);
    const ids = new Set(results.map((r) => r.data?.createAccount.account?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    expect(results.filter((r) => r.data?.createAccount.replayed === false)).toHaveLength(1);
    expect(results.filter((r) => r.data?.createAccount.password).length).toBe(1); // shown once, never replayed
    expect(await wlvpnUsernames('idem_same_key')).toEqual(['idem_same_key']);
    process.stdout.write(`same key x50: upstream creates=${creates}\n`);
  });

  it('the same key with different input is a CONFLICT', async () => {
    const first = await t.gql(CreateAccountDocument, {
      input: { provider: 'WLVPN', username: 'idem_conflict_a', idempotencyKey: 'key-conflict' },
    });
    expect(first.data?.createAccount.userErrors).toEqual([]);
    const second = await t.gql(CreateAccountDocument, {
      input: { provider: 'WLVPN', username: 'idem_conflict_b', idempotencyKey: 'key-conflict' },
    });
    expect(second.data?.createAccount.userErrors[0]?.code).toBe('CONFLICT');
  });

  it('50 distinct keys under injected resets and latency make exactly 50 accounts', async () => {
    const server = t.emulator(ProviderName.WLVPN).server;
    server.addFault({ kind: 'reset', route: 'POST /v2/customers', probability: 0.2, phase: 'after' });
    server.addFault({ kind: 'reset', route: 'POST /v2/customers', probability: 0.1, phase: 'before' });
    server.addFault({
      kind: 'latency',
      route: 'POST /v2/customers',
      probability: 0.2,
      latencyMs: 1500,
      phase: 'after',
    });
    server.resetStats();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.gql(CreateAccountDocument, {
          input: { provider: 'WLVPN', username: `idem_many_${i}`, idempotencyKey: `key-many-${i}` },
        }),
      ),
    );
    server.clearFaults();
    const failed = results.filter((r) => (r.data?.createAccount.userErrors.length ?? 1) > 0);
    const usernames = await wlvpnUsernames('idem_many_');
    process.stdout.write(
      `distinct keys x50 with faults: create requests=${server.count('POST /v2/customers')} accounts=${usernames.length} ` +
        `unique=${new Set(usernames).size} failed answers=${failed.length}\n` +
        failed
          .slice(0, 5)
          .map((r) => `  ${JSON.stringify(r.data?.createAccount.userErrors ?? r.errors).slice(0, 300)}\n`)
          .join(''),
    );
    expect(new Set(usernames).size).toBe(usernames.length); // no duplicates
    expect(usernames).toHaveLength(50); // none lost
    expect(failed).toHaveLength(0);
    // replaying every key gives back the same account, with no new upstream create
    const before = server.count('POST /v2/customers');
    const replays = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.gql(CreateAccountDocument, {
          input: { provider: 'WLVPN', username: `idem_many_${i}`, idempotencyKey: `key-many-${i}` },
        }),
      ),
    );
    const notReplayed = replays.filter((r) => r.data?.createAccount.replayed !== true);
    expect(notReplayed.map((r) => JSON.stringify(r).slice(0, 400))).toEqual([]);
    expect(server.count('POST /v2/customers')).toBe(before);
  });

  it('a replay whose read-back fails still says the first create succeeded, with the account id and a typed error', async () => {
    const first = await t.gql(CreateAccountDocument, {
      input: { provider: 'WLVPN', username: 'idem_readback', idempotencyKey: 'key-readback' },
    });
    const id = first.data?.createAccount.account?.id;
    expect(id).toBeTruthy();
    const server = t.emulator(ProviderName.WLVPN).server;
    server.addFault({ kind: 'error', status: 503, route: 'GET /v2/customers/:id' });
    const creates = server.count('POST /v2/customers');
    const replay = await t.gql(CreateAccountDocument, {
      input: { provider: 'WLVPN', username: 'idem_readback', idempotencyKey: 'key-readback' },
    });
    expect(replay.errors).toBeUndefined();
    expect(replay.data?.createAccount.replayed).toBe(true);
    expect(replay.data?.createAccount.account).toBeNull();
    expect(replay.data?.createAccount.userErrors).toEqual([expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE' })]);
    expect(replay.data?.createAccount.userErrors[0]?.message).toContain(`succeeded (account ${id})`);
    expect(server.count('POST /v2/customers')).toBe(creates);
    server.clearFaults();
    const again = await t.gql(CreateAccountDocument, {
      input: { provider: 'WLVPN', username: 'idem_readback', idempotencyKey: 'key-readback' },
    });
    expect(again.data?.createAccount.account?.id).toBe(id);
    expect(again.data?.createAccount.userErrors).toEqual([]);
  });

  it('a renewal with a key is applied once', async () => {
    const created = await t.gql(CreateAccountDocument, {
      input: { provider: 'PUREVPN', periodDays: 30, planCode: 'STANDARD-30' },
    });
    const id = created.data?.createAccount.account?.id as string;
    expect(id).toBeTruthy();
    const input = { accountId: id, periodDays: 30, idempotencyKey: 'renew-once' };
    const [a, b] = await Promise.all([t.gql(RenewAccountDocument, { input }), t.gql(RenewAccountDocument, { input })]);
    const answers = [a, b].map((r) => r.data?.renewAccount);
    expect(answers.every((x) => x?.userErrors.length === 0)).toBe(true);
    expect(answers.filter((x) => x?.replayed)).toHaveLength(1);
    expect(t.emulator(ProviderName.PUREVPN).server.count()).toBeGreaterThan(0);
  });
});
