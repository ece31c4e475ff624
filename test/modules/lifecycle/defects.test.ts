import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import {
  CREATE_ROUTE,
  clearFaults,
  create,
  createInput,
  directoryUsernames,
  injectFault,
  intentIdIn,
  preparePurewl,
  unresolved,
  vendorUsernames,
} from './helpers.js';

/**
 * Issue #20, each defect reproduced against the in-process emulators with faults injected over their HTTP
 * admin path, and counted at the vendor (emulator state) afterwards.
 */
describe('issue #20: unknown outcomes never make a second account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      SANDBOX_ADMIN: 'true',
      UPSTREAM_TIMEOUT_MS: '1000',
      BREAKER_THRESHOLD: '1000',
      RECONCILE_WINDOW_MS: '300',
    });
    await preparePurewl(t);
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(async () => {
    for (const p of Object.values(ProviderName)) await clearFaults(t, p);
  });

  const newAt = (p: ProviderName, before: Set<string>) => [...vendorUsernames(t, p)].filter((u) => !before.has(u));

  // 1. A garbled create answer: the retry must answer the first account, never create a second.
  it.each([ProviderName.WLVPN, ProviderName.VPNRESELLERS, ProviderName.PUREWL])(
    '1. %s: a malformed create answer, then a retry with the key → one account, answered both times',
    async (p) => {
      const before = vendorUsernames(t, p);
      await injectFault(t, p, { kind: 'malformed', phase: 'after', times: 1, route: CREATE_ROUTE[p] });
      const input = createInput(p, `d1-${p}`);
      const first = await create(t, input);
      const second = await create(t, input);
      const created = newAt(p, before);
      expect(created).toHaveLength(1);
      // Our username was saved with the intent: reconciliation found the account in the first request already.
      expect(first.userErrors).toEqual([]);
      expect(first.account?.username).toBe(created[0]);
      expect(first.password).toBeTruthy();
      expect(second).toMatchObject({
        replayed: true,
        password: null,
        userErrors: [],
        account: { id: first.account?.id },
      });
      expect(await directoryUsernames(t, p)).toContain(created[0]);
    },
  );

  it('1. PUREVPN: a malformed create answer is OUTCOME_UNKNOWN (vendor picks the name), kept open for an operator, never written twice', async () => {
    const p = ProviderName.PUREVPN;
    const before = vendorUsernames(t, p);
    await injectFault(t, p, { kind: 'malformed', phase: 'after', times: 1 });
    const input = createInput(p, 'pv-dup-1');
    const first = await create(t, input);
    expect(first.userErrors[0]?.code).toBe('OUTCOME_UNKNOWN');
    const intentId = intentIdIn(first.userErrors[0]?.message ?? '');
    expect(intentId).toBeTruthy();
    const again = await create(t, input);
    const third = await create(t, input);
    for (const r of [again, third]) {
      expect(r.account).toBeNull();
      expect(r.userErrors[0]?.code).toBe('OUTCOME_UNKNOWN');
      expect(intentIdIn(r.userErrors[0]?.message ?? '')).toBe(intentId);
    }
    expect(newAt(p, before)).toHaveLength(1); // the first one only: ACTIVE at the vendor, listed below
    const open = await unresolved(t);
    expect(open).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: intentId,
          provider: 'PUREVPN',
          operation: 'createAccount',
          state: 'UNKNOWN',
          username: null,
          lastError: 'OUTCOME_UNKNOWN',
        }),
      ]),
    );
  });

  it('1. PUREVPN: the create lands, its read-back fails with 503s → the name the vendor gave is kept and the retry finds the account', async () => {
    const p = ProviderName.PUREVPN;
    const before = vendorUsernames(t, p);
    const emulator = t.emulator(p);
    // The create goes through; from its answer on, every call fails with 503 (status read-backs and lookups).
    // The emulator's route calls its `handle` method by name, so wrapping it is enough.
    const vendor = emulator as unknown as { handle(req: { body: unknown }): unknown }; // test-only access to the emulator's dispatcher
    const original = vendor.handle.bind(emulator);
    vendor.handle = (req) => {
      const answer = original(req);
      if ((req.body as Record<string, unknown>).method === 'create')
        emulator.server.addFault({ kind: 'error', status: 503 });
      return answer;
    };
    const input = createInput(p, 'pv-readback-1');
    let first;
    try {
      first = await create(t, input);
    } finally {
      vendor.handle = original;
    }
    await clearFaults(t, p);
    const created = newAt(p, before);
    expect(created).toHaveLength(1);
    expect(first.account).toBeNull();
    expect(first.userErrors[0]?.code).toBe('OUTCOME_UNKNOWN');
    const open = await unresolved(t);
    expect(open).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: intentIdIn(first.userErrors[0]?.message ?? ''), username: created[0] }),
      ]),
    );
    const second = await create(t, input);
    expect(second).toMatchObject({ replayed: true, userErrors: [], account: { username: created[0] } });
    expect(second.password).toMatch(/^[A-Za-z0-9]{8}$/); // fresh, set through change-password, shown once
    const third = await create(t, input);
    expect(third).toMatchObject({ replayed: true, password: null, account: { username: created[0] } });
    expect(newAt(p, before)).toHaveLength(1);
    expect(await directoryUsernames(t, p)).toContain(created[0]);
  });

  // 1 + 3. The create lands, the read-back and every lookup fail: OUTCOME_UNKNOWN; once the vendor answers
  // again the same key answers the account (not the stored unknown), with a fresh password, once.
  it.each([ProviderName.WLVPN, ProviderName.PUREWL])(
    '3. %s: an OUTCOME_UNKNOWN answer is not replayed once the account is confirmed',
    async (p) => {
      const before = vendorUsernames(t, p);
      const reads = p === ProviderName.WLVPN ? 'GET /v2/customers' : 'GET /vam/v2/status';
      await injectFault(t, p, { kind: 'error', status: 503, route: reads });
      const input = createInput(p, `d3-${p}`);
      const first = await create(t, input);
      expect(first.account).toBeNull();
      expect(first.userErrors[0]?.code).toBe('OUTCOME_UNKNOWN');
      const intentId = intentIdIn(first.userErrors[0]?.message ?? '');
      expect((await unresolved(t)).map((i) => i.id)).toContain(intentId);
      await clearFaults(t, p);
      const second = await create(t, input);
      const created = newAt(p, before);
      expect(created).toHaveLength(1);
      expect(second).toMatchObject({ replayed: true, userErrors: [], account: { username: created[0] } });
      expect(second.password).toBeTruthy();
      const third = await create(t, input);
      expect(third).toMatchObject({
        replayed: true,
        password: null,
        userErrors: [],
        account: { id: second.account?.id },
      });
      expect(newAt(p, before)).toHaveLength(1);
      expect((await unresolved(t)).map((i) => i.id)).not.toContain(intentId);
      expect(await directoryUsernames(t, p)).toContain(created[0]);
    },
  );

  // 4. A replay never answers replayed:true, account:null, userErrors:[].
  it('4. a replay of an account that is gone says so (typed), and PureVPN creates are journaled under the created username', async () => {
    const p = ProviderName.PUREVPN;
    const input = createInput(p, 'd4-gone');
    const first = await create(t, input);
    expect(first.userErrors).toEqual([]);
    const username = first.account?.username as string;
    const [entry] = await t.store.listJournal({ limit: 1, target: username });
    expect(entry).toMatchObject({ operation: 'CREATE', provider: 'PUREVPN', target: username, outcome: 'ok' });
    const del = await t.gql<{ deleteAccount: { userErrors: unknown[] } }>(
      'mutation($id: ID!) { deleteAccount(input: { accountId: $id }) { userErrors { code } } }',
      { id: first.account?.id },
    );
    expect(del.data?.deleteAccount.userErrors).toEqual([]);
    const replay = await create(t, input);
    expect(replay.replayed).toBe(true);
    expect(replay.account).toBeNull();
    expect(replay.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(replay.userErrors[0]?.message).toContain(first.account?.id);
  });
});
