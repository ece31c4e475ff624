import { ProviderName } from '../../../src/providers/modules.js';
import { BulkStore } from '../../../src/modules/bulk/bulk.store.js';
import { type NewBulkItem } from '../../../src/modules/bulk/bulk.rows.js';
import { storeBackends } from '../../helpers/backends.js';

/**
 * The bulk store on each backend (PGlite; Postgres when TEST_DATABASE_URL is set): idempotent create, one lease
 * holder at a time (an expired lease is taken over), an item claimed once however many runners race for it, no
 * claim after a cancel, settle and finish (CANCELLED closes what is still pending, with one finished event).
 */
const items = (n: number): NewBulkItem[] =>
  Array.from({ length: n }, (_, i) => ({
    accountId: `acc-${i}`,
    provider: ProviderName.WLVPN,
    nativeId: String(1000 + i),
    status: 'PENDING' as const,
  }));

describe.each(storeBackends)('bulk store on %s', (_name, open) => {
  let backend: Awaited<ReturnType<typeof open>>;
  let bulk: BulkStore;
  beforeAll(async () => {
    backend = await open();
    bulk = new BulkStore(backend.store.db);
  });
  afterAll(async () => {
    await backend.cleanup();
  });

  const create = (key: string | null, hash = 'h1', n = 5) =>
    bulk.create({
      idempotencyKey: key,
      requestHash: hash,
      action: 'DISABLE',
      args: {},
      actor: 'test',
      items: items(n),
    });

  it('creates once per idempotency key; a different input under the key is a mismatch', async () => {
    const a = await create('k1');
    expect(a).toMatchObject({ created: true, mismatch: false });
    expect(a.operation).toMatchObject({ status: 'QUEUED', total: 5 });
    expect(a.operation.counts.PENDING).toBe(5);
    const again = await create('k1');
    expect(again).toMatchObject({ created: false, mismatch: false, operation: { id: a.operation.id } });
    const other = await create('k1', 'h2');
    expect(other).toMatchObject({ created: false, mismatch: true, operation: { id: a.operation.id } });
    expect(await bulk.get('not-a-uuid')).toBeNull();
    // Finish it so the later leases see only their own operation.
    expect(await bulk.finish(a.operation.id, '', 'CANCELLED', 'test')).toBe(true);
  });

  it('leases to one runner; an expired lease is taken over; the old holder loses its heartbeat', async () => {
    const { operation } = await create(null);
    const first = await bulk.lease('runner-a', 60_000);
    expect(first?.id).toBe(operation.id);
    expect(await bulk.lease('runner-b', 60_000)).toBeNull();
    expect(await bulk.heartbeat(operation.id, 'runner-a', 1)).toEqual({ held: true, cancel: false });
    await new Promise((r) => setTimeout(r, 20));
    const second = await bulk.lease('runner-b', 60_000);
    expect(second?.id).toBe(operation.id);
    expect((await bulk.heartbeat(operation.id, 'runner-a', 60_000)).held).toBe(false);
    expect(await bulk.finish(operation.id, 'runner-a', 'COMPLETED', 'test')).toBe(false);

    // 5 items, 4 runners racing for each: each item claimed exactly once.
    const claims = await Promise.all(
      [0, 1, 2, 3, 4].flatMap((seq) => [1, 2, 3, 4].map(() => bulk.claim(operation.id, seq))),
    );
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(5);
    expect(claims.filter((c) => c === 'taken')).toHaveLength(15);
    const todo = await bulk.todo(operation.id);
    expect(todo.map((i) => [i.seq, i.status, i.attempts])).toEqual([0, 1, 2, 3, 4].map((seq) => [seq, 'CLAIMED', 1]));
    for (const seq of [0, 1, 2, 3, 4]) await bulk.settle(operation.id, seq, 'SUCCEEDED', null);
    await bulk.settle(operation.id, 0, 'FAILED', { code: 'X', message: 'late', field: null }); // settled stays settled
    expect(await bulk.finish(operation.id, 'runner-b', 'COMPLETED', 'test')).toBe(true);
    expect(await bulk.get(operation.id)).toMatchObject({ status: 'COMPLETED', counts: { SUCCEEDED: 5, FAILED: 0 } });
  });

  it('claims nothing once a cancel is asked for; finish CANCELLED closes the pending items, one event', async () => {
    const { operation } = await create(null, 'h1', 4);
    expect((await bulk.lease('runner-c', 60_000))?.id).toBe(operation.id);
    expect(await bulk.claim(operation.id, 0)).toBe('claimed');
    expect(await bulk.requestCancel(operation.id)).toBe('RUNNING');
    expect(await bulk.heartbeat(operation.id, 'runner-c', 60_000)).toEqual({ held: true, cancel: true });
    expect(await bulk.claim(operation.id, 1)).toBe('cancelled');
    await bulk.settle(operation.id, 0, 'SUCCEEDED', null);
    expect(await bulk.finish(operation.id, 'runner-c', 'CANCELLED', 'test')).toBe(true);
    expect(await bulk.get(operation.id)).toMatchObject({
      status: 'CANCELLED',
      counts: { SUCCEEDED: 1, CANCELLED: 3, PENDING: 0 },
    });
    const events = await backend.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account_events WHERE kind = 'BULK_OPERATION_FINISHED'
       AND data->>'bulkOperationId' = $1`,
      [Buffer.from(`BulkOperation:STORE:${operation.id}`).toString('base64url')],
    );
    expect(events[0]!.n).toBe(1);
    // A second finish changes nothing.
    expect(await bulk.finish(operation.id, 'runner-c', 'COMPLETED', 'test')).toBe(false);
  });
});
