import { createLogger } from '../../../src/lib/logger.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { BulkRunner } from '../../../src/modules/bulk/bulk-runner.js';
import { BulkStore } from '../../../src/modules/bulk/bulk.store.js';
import { MoveStore } from '../../../src/modules/moves/moves.store.js';
import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';
import { CREATE_ROUTE } from '../lifecycle/helpers.js';
import { SECRET, storeCustomer, token } from '../../security/scopes/helpers.js';
import { retiredAtVendor, source, vendorUsernames } from './helpers.js';

/**
 * The MOVE bulk action (issue #30): many accounts moved by one request, each through the move saga under a key
 * derived from the operation and the item. Counted from emulator state: exactly one create at the target and one
 * retire at the source per account — also when the runner dies mid-way and another resumes the operation (the
 * dead run's moves are found by their derived keys, never started twice). Authorization as moveAccount:
 * operators; sub-resellers in their scope (a filter selects only their accounts; a second credential of the same
 * scope sees the operation and its moves, another scope does not); customers FORBIDDEN.
 */
const LEASE_MS = 400;
const WLVPN_RETIRE = 'PUT /v2/customers/:id';

const START = `mutation($input: StartBulkAccountOperationInput!) {
  startBulkAccountOperation(input: $input) { bulkOperation { id status total } userErrors { field message code } }
}`;
const OPERATION = `query($id: ID!) { bulkOperation(id: $id) {
  id status total succeeded failed skipped progress args
  items(first: 100) { nodes { index status userErrors { code message } } }
} }`;

interface Started {
  startBulkAccountOperation: {
    bulkOperation: { id: string; status: string; total: number } | null;
    userErrors: Array<{ field: string[] | null; message: string; code: string }>;
  };
}
interface Operation {
  id: string;
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  progress: number;
  args: Record<string, unknown>;
  items: { nodes: Array<{ index: number; status: string; userErrors: Array<{ code: string; message: string }> }> };
}

describe.each(storeBackends)('bulk MOVE (%s)', (_name, open) => {
  let backend: OpenedBackend;
  let t: TestApp;
  let customer: string;
  beforeAll(async () => {
    backend = await open();
    t = await startTestApp(
      {
        WORKER: 'off',
        JWT_SECRET: SECRET,
        ...NO_SCHEDULED_SYNC,
      },
      { store: backend.store },
    );
    customer = await storeCustomer(t, 'bulkmove');
  }, 60_000);
  afterAll(async () => {
    await t.app.stop();
    await backend.cleanup();
  });

  function runner(): BulkRunner {
    return new BulkRunner({
      registry: t.app.registry,
      store: t.store,
      logger: createLogger('silent'),
      concurrency: 3,
      leaseMs: LEASE_MS,
      intentLeaseMs: LEASE_MS,
      reconcileWindowMs: 200,
      moveMaxAttempts: 5,
      moveRetryBaseMs: 20,
    });
  }

  const purewlCreates = () => t.emulator(ProviderName.PUREWL).server.count(CREATE_ROUTE[ProviderName.PUREWL]);
  const wlvpnRetires = () => t.emulator(ProviderName.WLVPN).server.count(WLVPN_RETIRE);

  async function start(input: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await t.gql<Started>(START, { input }, headers);
    if (!res.data) throw new Error(`startBulkAccountOperation failed: ${JSON.stringify(res.errors)}`);
    return res.data.startBulkAccountOperation;
  }

  async function operation(id: string, headers: Record<string, string> = {}): Promise<Operation | null> {
    const res = await t.gql<{ bulkOperation: Operation | null }>(OPERATION, { id }, headers);
    return res.data?.bulkOperation ?? null;
  }

  it('moves every account once; a runner dying mid-way is resumed by another without a second create or retire', async () => {
    const N = 8;
    const sources = [];
    for (let i = 0; i < N; i++) sources.push(await source(t, ProviderName.WLVPN, customer, `bm-src-${i}`));
    const before = vendorUsernames(t, ProviderName.PUREWL);
    const creates0 = purewlCreates();
    const retires0 = wlvpnRetires();

    const asked = await start({
      accountIds: sources.map((s) => s.id),
      action: 'MOVE',
      args: { toProvider: ProviderName.PUREWL },
      idempotencyKey: 'bulk-move-1',
    });
    expect(asked.userErrors).toEqual([]);
    expect(asked.bulkOperation).toMatchObject({ status: 'QUEUED', total: N });
    const again = await start({
      accountIds: sources.map((s) => s.id),
      action: 'MOVE',
      args: { toProvider: ProviderName.PUREWL },
      idempotencyKey: 'bulk-move-1',
    });
    expect(again.bulkOperation?.id).toBe(asked.bulkOperation!.id);

    // The first runner "dies" once two items settled: its store calls hang from then on and its leases (the
    // operation's and its moves') are no longer renewed, as a killed process's would not be.
    const first = runner();
    const internals = first as unknown as { bulk: BulkStore; moves: MoveStore; mover: { moves: MoveStore } };
    const dead = new Set<object>([internals.bulk, internals.moves, internals.mover.moves]);
    let settled = 0;
    let dying = false;
    const hang = () => new Promise<never>(() => undefined);
    const originals = {
      settle: BulkStore.prototype.settle,
      bulkBeat: BulkStore.prototype.heartbeat,
      save: MoveStore.prototype.save,
      complete: MoveStore.prototype.complete,
      moveBeat: MoveStore.prototype.heartbeat,
    };
    BulkStore.prototype.settle = function (this: BulkStore, ...args: Parameters<BulkStore['settle']>) {
      if (dead.has(this) && (dying || ++settled > 2)) {
        dying = true;
        return hang();
      }
      return originals.settle.apply(this, args);
    };
    BulkStore.prototype.heartbeat = function (this: BulkStore, ...args: Parameters<BulkStore['heartbeat']>) {
      return dead.has(this) && dying ? Promise.reject(new Error('killed')) : originals.bulkBeat.apply(this, args);
    };
    MoveStore.prototype.save = function (this: MoveStore, ...args: Parameters<MoveStore['save']>) {
      return dead.has(this) && dying ? hang() : originals.save.apply(this, args);
    };
    MoveStore.prototype.complete = function (this: MoveStore, ...args: Parameters<MoveStore['complete']>) {
      return dead.has(this) && dying ? hang() : originals.complete.apply(this, args);
    };
    MoveStore.prototype.heartbeat = function (this: MoveStore, ...args: Parameters<MoveStore['heartbeat']>) {
      return dead.has(this) && dying ? Promise.reject(new Error('killed')) : originals.moveBeat.apply(this, args);
    };
    try {
      void first.runAvailable(); // never ends: it hangs from its "death"
      while (!dying) await new Promise((r) => setTimeout(r, 20));
      const halfway = await operation(asked.bulkOperation!.id);
      expect(halfway?.status).toBe('RUNNING');
      expect(halfway!.succeeded).toBe(2);
      // Nothing takes over while the dead run's lease holds; then another runner resumes the operation.
      await new Promise((r) => setTimeout(r, LEASE_MS * 2));
      expect(await runner().runAvailable()).toBe(1);
    } finally {
      Object.assign(BulkStore.prototype, { settle: originals.settle, heartbeat: originals.bulkBeat });
      Object.assign(MoveStore.prototype, {
        save: originals.save,
        complete: originals.complete,
        heartbeat: originals.moveBeat,
      });
    }

    const done = (await operation(asked.bulkOperation!.id))!;
    expect(done.items.nodes.flatMap((i) => i.userErrors)).toEqual([]);
    expect(done).toMatchObject({ status: 'COMPLETED', total: N, succeeded: N, failed: 0, progress: 1 });
    expect(done.args).toMatchObject({ toProvider: 'PUREWL', sourceAction: 'close' });
    // One AccountMove per item, each COMPLETED.
    const moves = await t.store.db.query<{ status: string; target_username: string; n: number }>(
      `SELECT status, target_username, count(*) OVER (PARTITION BY source_native_id)::int AS n FROM account_moves
       WHERE idempotency_key LIKE $1`,
      [`reseller:bulk:%`],
    );
    expect(moves).toHaveLength(N);
    expect(moves.every((m) => m.status === 'COMPLETED' && m.n === 1)).toBe(true);
    // Emulator state: exactly one create at PureWL and one retire at WLVPN per account.
    expect(purewlCreates() - creates0).toBe(N);
    expect(wlvpnRetires() - retires0).toBe(N);
    const created = [...vendorUsernames(t, ProviderName.PUREWL)].filter((u) => !before.has(u)).sort();
    expect(created).toEqual(moves.map((m) => m.target_username).sort());
    for (const s of sources) expect(retiredAtVendor(t, ProviderName.WLVPN, s.username)).toBe(true);

    // Run again: nothing left to do, no vendor write.
    t.resetUpstream();
    expect(await runner().runAvailable()).toBe(0);
    expect(t.upstream()).toBe(0);
  }, 60_000);

  it('refuses a MOVE without a target, to an unconfigured use, and items already at the target', async () => {
    const wl = await source(t, ProviderName.WLVPN, customer, 'bm-refuse-wl');
    const pw = await source(t, ProviderName.PUREWL, customer, 'bm-refuse-pw');
    t.resetUpstream();
    const missing = await start({ accountIds: [wl.id], action: 'MOVE' });
    expect(missing.userErrors).toEqual([expect.objectContaining({ field: ['input', 'args.toProvider'] })]);
    const misplaced = await start({ accountIds: [wl.id], action: 'DISABLE', args: { toProvider: 'PUREWL' } });
    expect(misplaced.userErrors[0]).toMatchObject({ field: ['input', 'args.toProvider'], code: 'VALIDATION' });
    const mixed = await start({ accountIds: [wl.id, pw.id], action: 'MOVE', args: { toProvider: 'PUREWL' } });
    expect(mixed.userErrors).toEqual([]);
    const op = (await operation(mixed.bulkOperation!.id))!;
    expect(op.items.nodes.map((i) => [i.index, i.status, i.userErrors[0]?.code ?? null])).toEqual([
      [0, 'PENDING', null],
      [1, 'FAILED', 'VALIDATION'],
    ]);
    expect(t.upstream()).toBe(0);
    // Cancelled before it runs: nothing moves.
    const cancel = await t.gql<{ cancelBulkOperation: { bulkOperation: { status: string } | null } }>(
      'mutation($id: ID!) { cancelBulkOperation(input: { id: $id }) { bulkOperation { status } } }',
      { id: mixed.bulkOperation!.id },
    );
    expect(cancel.data?.cancelBulkOperation.bulkOperation?.status).toBe('CANCELLED');
  }, 60_000);

  it('who may: a sub-reseller moves its own accounts (a filter selects only those; its other key sees them); another scope and customers do not', async () => {
    const mine = await storeCustomer(t, 'bm-sub');
    const prefixed = [];
    for (let i = 0; i < 2; i++) prefixed.push(await source(t, ProviderName.WLVPN, mine, `bm-sub-src-${i}`));
    const claims = { role: 'reseller', vg_customers: [mine], vg_quota: 10 };
    const keyA = await token('sub-a', claims);
    const keyB = await token('sub-b', claims);
    const other = await token('sub-other', { role: 'reseller', vg_customers: [await storeCustomer(t, 'bm-x')] });
    const portal = await token('bm-portal', { role: 'customer', vg_customers: [mine] });

    const refused = await start(
      { filter: { providers: ['WLVPN'] }, action: 'MOVE', args: { toProvider: 'PUREWL' } },
      portal,
    );
    expect(refused.userErrors[0]?.code).toBe('FORBIDDEN');
    const creates0 = purewlCreates();
    const asked = await start(
      { filter: { providers: ['WLVPN'] }, action: 'MOVE', args: { toProvider: 'PUREWL' }, idempotencyKey: 'sub-1' },
      keyA,
    );
    expect(asked.userErrors).toEqual([]);
    // Only the scope's own WLVPN accounts were selected (the directory holds many more).
    expect(asked.bulkOperation?.total).toBe(2);
    // The same key from the scope's other credential answers the same operation.
    const sameScope = await start(
      { filter: { providers: ['WLVPN'] }, action: 'MOVE', args: { toProvider: 'PUREWL' }, idempotencyKey: 'sub-1' },
      keyB,
    );
    expect(sameScope.bulkOperation?.id).toBe(asked.bulkOperation!.id);
    expect(await runner().runAvailable()).toBe(1);
    expect(await operation(asked.bulkOperation!.id, keyB)).toMatchObject({ status: 'COMPLETED', succeeded: 2 });
    expect(purewlCreates() - creates0).toBe(2);
    expect(await operation(asked.bulkOperation!.id, other)).toBeNull();

    // Moves are listed per scope identity: key B sees the two moves key A's operation made; another scope none.
    const LIST = '{ accountMoves(first: 50) { totalCount nodes { sourceUsername status } } }';
    const listed = await t.gql<{ accountMoves: { totalCount: number; nodes: Array<{ sourceUsername: string }> } }>(
      LIST,
      {},
      keyB,
    );
    expect(listed.data?.accountMoves.nodes.map((n) => n.sourceUsername).sort()).toEqual(
      prefixed.map((s) => s.username).sort(),
    );
    const foreign = await t.gql<{ accountMoves: { totalCount: number } }>(LIST, {}, other);
    expect(foreign.data?.accountMoves.totalCount).toBe(0);
  }, 60_000);
});
