import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { clearFaults, injectFault } from '../lifecycle/helpers.js';
import { SECRET, storeCustomer, token } from '../../security/scopes/helpers.js';
import { move, retiredAtVendor, settled, source, vendorUsernames } from './helpers.js';

/**
 * Compensation: a create the target refuses for good ends the move FAILED with the source untouched; a source
 * that cannot be retired is tried again, then NEEDS_ATTENTION with its target kept, listed for operators, and
 * retryAccountMove finishes it; a sub-reseller's quota counts the target while both accounts exist.
 */
describe.each(storeBackends)('account moves: compensation and quota (%s)', (_name, open) => {
  let backend: OpenedBackend;
  let t: TestApp;
  let customer: string;
  beforeAll(async () => {
    backend = await open();
    t = await startTestApp(
      {
        WORKER: 'inline',
        // no scheduled syncs: their reads would take the suite's faults and count as its calls
        ...NO_SCHEDULED_SYNC,
        SANDBOX_ADMIN: 'true',
        JWT_SECRET: SECRET,
        MOVE_RETRY_BASE_MS: '20',
        MOVE_MAX_ATTEMPTS: '3',
        BREAKER_THRESHOLD: '1000',
      },
      { store: backend.store },
    );
    customer = await storeCustomer(t, 'compensation');
  }, 60_000);
  afterAll(async () => {
    await t.app.stop();
    await backend.cleanup();
  });

  it('a create refused for good (the username is taken at the target): FAILED, nothing created, the source untouched', async () => {
    const src = await source(t, ProviderName.WLVPN, customer, 'comp-refused-src');
    // The name is taken at the target by another account: PureWL refuses the create (VALIDATION, a final answer).
    const taken = await t.gql<{ createAccount: { account: { id: string } | null } }>(
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }',
      {
        input: {
          provider: ProviderName.PUREWL,
          username: src.username,
          periodDays: 5,
          customerId: customer,
          idempotencyKey: 'comp-taken',
        },
      },
    );
    expect(taken.data?.createAccount.account).not.toBeNull();
    const before = vendorUsernames(t, ProviderName.PUREWL);
    const asked = await move(t, {
      accountId: src.id,
      toProvider: ProviderName.PUREWL,
      keepUsername: true,
      idempotencyKey: 'comp-refused',
    });
    expect(asked.userErrors).toEqual([]);
    const done = await settled(t, asked.accountMove!.id);
    expect([done.status, done.lastError?.code]).toEqual(['FAILED', 'VALIDATION']);
    expect(done.targetAccountId).toBeNull();
    expect(done.steps.map((s) => [s.name, s.status])).toEqual([
      ['VALIDATE', 'SUCCEEDED'],
      ['CREATE', 'FAILED'],
    ]);
    expect([...vendorUsernames(t, ProviderName.PUREWL)].filter((u) => !before.has(u))).toEqual([]);
    expect(retiredAtVendor(t, ProviderName.WLVPN, src.username)).toBe(false);
    // A failed move leaves the account free to move again.
    const again = await move(t, {
      accountId: src.id,
      toProvider: ProviderName.PUREWL,
      idempotencyKey: 'comp-refused-2',
    });
    expect(again.userErrors).toEqual([]);
    expect((await settled(t, again.accountMove!.id)).status).toBe('COMPLETED');
  }, 60_000);

  it('a source that cannot be retired: NEEDS_ATTENTION with the target kept, listed, then retried to COMPLETED', async () => {
    const src = await source(t, ProviderName.VPNRESELLERS, customer, 'comp-retire-src');
    await injectFault(t, ProviderName.VPNRESELLERS, {
      kind: 'error',
      status: 503,
      times: 100,
      route: 'DELETE /v4_1/accounts/:account',
    });
    const asked = await move(t, { accountId: src.id, toProvider: ProviderName.WLVPN, idempotencyKey: 'comp-retire' });
    const stuck = await settled(t, asked.accountMove!.id);
    expect(stuck.status).toBe('NEEDS_ATTENTION');
    expect(stuck.targetUsername).not.toBeNull();
    expect(vendorUsernames(t, ProviderName.WLVPN).has(stuck.targetUsername!)).toBe(true);
    expect(retiredAtVendor(t, ProviderName.VPNRESELLERS, src.username)).toBe(false);
    const retire = stuck.steps.find((s) => s.name === 'RETIRE')!;
    expect([retire.status, retire.attempts]).toEqual(['FAILED', 3]);
    // Listed for operators; a second move of the same account is refused while it waits.
    const listed = await t.gql<{ accountMoves: { totalCount: number; nodes: Array<{ id: string }> } }>(
      'query { accountMoves(filter: { statuses: [NEEDS_ATTENTION] }) { totalCount nodes { id } } }',
    );
    expect(listed.data?.accountMoves.nodes.map((n) => n.id)).toContain(stuck.id);
    const second = await move(t, {
      accountId: src.id,
      toProvider: ProviderName.PUREWL,
      idempotencyKey: 'comp-retire-2',
    });
    expect(second.userErrors[0]?.code).toBe('CONFLICT');

    await clearFaults(t, ProviderName.VPNRESELLERS);
    const before = vendorUsernames(t, ProviderName.WLVPN);
    const retried = await t.gql<{
      retryAccountMove: { accountMove: { status: string } | null; userErrors: unknown[] };
    }>('mutation($id: ID!) { retryAccountMove(input: { id: $id }) { accountMove { status } userErrors { code } } }', {
      id: stuck.id,
    });
    expect(retried.data?.retryAccountMove.userErrors).toEqual([]);
    const done = await settled(t, stuck.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.targetUsername).toBe(stuck.targetUsername);
    // The create was not made again: no new WLVPN account; the source is now retired.
    expect([...vendorUsernames(t, ProviderName.WLVPN)].filter((u) => !before.has(u))).toEqual([]);
    expect(retiredAtVendor(t, ProviderName.VPNRESELLERS, src.username)).toBe(true);
  }, 60_000);

  it('a sub-reseller: the target takes a unit of its quota while both accounts exist; with none left, FAILED', async () => {
    const mine = await storeCustomer(t, 'sub');
    const a = await source(t, ProviderName.WLVPN, mine, 'comp-quota-a');
    await source(t, ProviderName.WLVPN, mine, 'comp-quota-b');
    const full = await token('sub-full', { role: 'reseller', vg_customers: [mine], vg_quota: 2 });
    const refused = await move(
      t,
      { accountId: a.id, toProvider: ProviderName.PUREWL, idempotencyKey: 'comp-quota-full' },
      full,
    );
    expect(refused.userErrors).toEqual([]);
    const failed = await settled(t, refused.accountMove!.id);
    expect([failed.status, failed.lastError?.code]).toEqual(['FAILED', 'QUOTA_EXCEEDED']);
    expect(retiredAtVendor(t, ProviderName.WLVPN, a.username)).toBe(false);

    const room = await token('sub-room', { role: 'reseller', vg_customers: [mine], vg_quota: 3 });
    const asked = await move(
      t,
      { accountId: a.id, toProvider: ProviderName.PUREWL, idempotencyKey: 'comp-quota' },
      room,
    );
    const done = await settled(t, asked.accountMove!.id);
    expect(done.status).toBe('COMPLETED');
    // Only the mover's scope sees the move.
    const other = await token('sub-other', { role: 'reseller', vg_customers: [await storeCustomer(t, 'x')] });
    const seen = await t.gql<{ node: { id: string } | null }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: done.id },
      other,
    );
    expect(seen.data?.node).toBeNull();
    const mineSeen = await t.gql<{ node: { id: string } | null }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: done.id },
      room,
    );
    expect(mineSeen.data?.node?.id).toBe(done.id);
  }, 60_000);
});
