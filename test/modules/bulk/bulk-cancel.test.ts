import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';

/**
 * cancelBulkOperation on a running operation: no item is claimed (so no vendor write starts) once the cancel is
 * committed — not only after the runner's next heartbeat (BULK_LEASE_MS is left long here, so a runner that only
 * learnt of the cancel from its heartbeat would go on for seconds); the operation ends CANCELLED; its counts add
 * up and match the vendor writes counted at the emulators.
 */
const PER_PROVIDER = 100;
const PROVIDERS = [ProviderName.PUREWL, ProviderName.VPNRESELLERS, ProviderName.WLVPN];
const WRITE_ROUTE: Partial<Record<ProviderName, string>> = {
  [ProviderName.PUREWL]: 'vam/v2/disable',
  [ProviderName.VPNRESELLERS]: '/disable',
  [ProviderName.WLVPN]: 'PUT',
};

const READER = 'reader-key-abcdefghijklmnop';

describe('cancelBulkOperation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      WORKER: 'inline',
      SANDBOX_ACCOUNTS: String(PER_PROVIDER),
      SANDBOX_LATENCY_MS: '30',
      BULK_CONCURRENCY: '2',
      BULK_LEASE_MS: '30000',
      ALLOW_ANONYMOUS: 'true',
      API_KEYS: `ro:reader:${READER}`,
    });
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  async function ids(provider: ProviderName): Promise<string[]> {
    const res = await t.gql<{ accounts: { nodes: Array<{ id: string }> } }>(
      'query($p: [Provider!]) { accounts(first: 100, filter: { providers: $p }) { nodes { id } } }',
      { p: [provider] },
    );
    return res.data!.accounts.nodes.map((n) => n.id);
  }

  type Op = {
    status: string;
    total: number;
    succeeded: number;
    failed: number;
    skipped: number;
    cancelled: number;
    progress: number;
  };
  const FIELDS = 'id status total succeeded failed skipped cancelled progress';

  it('stops a running operation: nothing starts after the cancel, CANCELLED, counts consistent', async () => {
    const selection: string[] = [];
    for (const p of PROVIDERS) selection.push(...(await ids(p)));
    expect(selection).toHaveLength(3 * PER_PROVIDER);
    t.resetUpstream();
    const started = await t.gql<{
      startBulkAccountOperation: { bulkOperation: Op & { id: string }; userErrors: unknown[] };
    }>(
      `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
        bulkOperation { ${FIELDS} } userErrors { code message } } }`,
      { input: { accountIds: selection, action: 'DISABLE' } },
    );
    expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const id = started.data!.startBulkAccountOperation.bulkOperation.id;

    const read = async () =>
      (await t.gql<{ bulkOperation: Op }>(`query($id: ID!) { bulkOperation(id: $id) { ${FIELDS} } }`, { id })).data!
        .bulkOperation;
    // Cancel once some items are done and many are left.
    const until = Date.now() + 60_000;
    let state = await read();
    while (state.progress < 0.1 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
      state = await read();
    }
    expect(state.status).toBe('RUNNING');
    expect(state.progress).toBeLessThan(0.5);

    const cancel = await t.gql<{ cancelBulkOperation: { bulkOperation: Op; userErrors: unknown[] } }>(
      `mutation($id: ID!) { cancelBulkOperation(input: { id: $id }) { bulkOperation { ${FIELDS} } userErrors { code } } }`,
      { id },
    );
    expect(cancel.data?.cancelBulkOperation.userErrors).toEqual([]);
    const [{ now: cancelledAt } = { now: '' }] = await t.store.db.query<{ now: string }>(
      'SELECT clock_timestamp()::text AS now',
    );
    const writesAtCancel = PROVIDERS.reduce((n, p) => n + t.emulator(p).server.count(WRITE_ROUTE[p] ?? '<none>'), 0);

    const deadline = Date.now() + 30_000;
    while (!['COMPLETED', 'FAILED', 'CANCELLED'].includes(state.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      state = await read();
    }
    expect(state.status).toBe('CANCELLED');

    // Nothing was claimed after the cancel committed.
    const [late] = await t.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bulk_items i JOIN bulk_operations o ON o.id = i.operation_id
       WHERE o.status = 'CANCELLED' AND i.claimed_at > $1::timestamptz`,
      [cancelledAt],
    );
    expect(late!.n).toBe(0);
    const rows = await t.store.db.query<{ provider: string; status: string; n: number }>(
      `SELECT i.provider, i.status, count(*)::int AS n FROM bulk_items i JOIN bulk_operations o ON o.id = i.operation_id
       WHERE o.status = 'CANCELLED' GROUP BY i.provider, i.status`,
    );
    const sum = (status: string, provider?: string) =>
      rows.filter((r) => r.status === status && (!provider || r.provider === provider)).reduce((n, r) => n + r.n, 0);

    // Counts: every item settled, the payload's counts are the items', cancelled ones never reached a vendor.
    expect(sum('PENDING') + sum('CLAIMED')).toBe(0);
    expect(state).toMatchObject({
      total: 3 * PER_PROVIDER,
      succeeded: sum('SUCCEEDED'),
      failed: sum('FAILED'),
      skipped: 0,
      cancelled: sum('CANCELLED'),
      progress: 1,
    });
    expect(state.succeeded + state.failed + state.cancelled).toBe(3 * PER_PROVIDER);
    expect(state.failed).toBe(0);
    expect(state.cancelled).toBeGreaterThan(PER_PROVIDER);
    for (const p of PROVIDERS)
      expect({ p, writes: t.emulator(p).server.count(WRITE_ROUTE[p] ?? '<none>') }).toEqual({
        p,
        writes: sum('SUCCEEDED', p),
      });
    const writesAfter = PROVIDERS.reduce((n, p) => n + t.emulator(p).server.count(WRITE_ROUTE[p] ?? '<none>'), 0);
    // At most the writes already under way at the cancel (2 per provider) land after it.
    expect(writesAfter - writesAtCancel).toBeLessThanOrEqual(2 * PROVIDERS.length);
    // node(id) answers the operation (same shape as bulkOperation); a reader gets null, not an error.
    const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on BulkOperation { status total cancelled } } }`;
    const asNode = await t.gql<{ node: Record<string, unknown> | null }>(NODE, { id });
    expect(asNode.errors).toBeUndefined();
    expect(asNode.data?.node).toEqual({
      __typename: 'BulkOperation',
      id,
      status: 'CANCELLED',
      total: state.total,
      cancelled: state.cancelled,
    });
    // The other ids of this area are valid ids: null (not loaded by node yet), not VALIDATION.
    for (const type of ['AccountEvent', 'WebhookEndpoint', 'WebhookDelivery']) {
      const other = Buffer.from(`${type}:STORE:00000000-0000-4000-8000-000000000000`).toString('base64url');
      const res = await t.gql<{ node: unknown }>(NODE, { id: other });
      expect({ type, errors: res.errors, node: res.data?.node }).toEqual({ type, errors: undefined, node: null });
    }
    const asReader = await t.gql<{ node: unknown }>(NODE, { id }, { 'x-api-key': READER });
    expect(asReader.errors).toBeUndefined();
    expect(asReader.data?.node).toBeNull();
    process.stdout.write(
      `bulk cancel: cancelled at progress ${cancel.data!.cancelBulkOperation.bulkOperation.progress.toFixed(2)}; ` +
        `succeeded=${state.succeeded} cancelled=${state.cancelled} writes at cancel=${writesAtCancel} after=${writesAfter}\n`,
    );
  }, 120_000);

  it('refuses a reader with a typed FORBIDDEN userError (start and cancel), queuing nothing', async () => {
    const [before] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_operations');
    const accountIds = (await ids(ProviderName.WLVPN)).slice(0, 2);
    const start = await t.gql<{ startBulkAccountOperation: { bulkOperation: unknown; userErrors: unknown[] } }>(
      `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
        bulkOperation { id } userErrors { field code message } } }`,
      { input: { accountIds, action: 'DISABLE' } },
      { 'x-api-key': READER },
    );
    expect(start.errors).toBeUndefined();
    expect(start.data?.startBulkAccountOperation).toMatchObject({
      bulkOperation: null,
      userErrors: [{ field: null, code: 'FORBIDDEN', message: 'Bulk operations need the operator role.' }],
    });
    expect(start.data?.startBulkAccountOperation.userErrors).toHaveLength(1);
    const cancel = await t.gql<{ cancelBulkOperation: { bulkOperation: unknown; userErrors: unknown[] } }>(
      'mutation { cancelBulkOperation(input: { id: "x" }) { bulkOperation { id } userErrors { code } } }',
      {},
      { 'x-api-key': READER },
    );
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data?.cancelBulkOperation).toEqual({ bulkOperation: null, userErrors: [{ code: 'FORBIDDEN' }] });
    const [after] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_operations');
    expect(after!.n).toBe(before!.n);
  });
});
