import { Webhook } from 'standardwebhooks';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { startReceiver } from '../webhooks/receiver.js';

/**
 * 1,000 accounts across the four providers disabled in one bulk operation on the background worker: one
 * vendor write per item (counted at the emulators; none for an id the directory does not hold), a result per item, a history row per account, and a
 * signed BULK_OPERATION_FINISHED webhook. Bad input is refused with typed userErrors and queues nothing.
 */
const PER_PROVIDER = 250;

describe('bulk account operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      WORKER: 'inline',
      SANDBOX_ACCOUNTS: String(PER_PROVIDER),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_BACKOFF_BASE_MS: '200',
      BULK_CONCURRENCY: '8',
      // Not paced (pacing has its own test in bulk-defects.test.ts): 1,000 items in seconds, not minutes.
      BULK_RATE_PUREWL: '0',
      BULK_RATE_VPNRESELLERS: '0',
      BULK_RATE_WLVPN: '0',
      BULK_RATE_PUREVPN: '0',
    });
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  async function ids(provider: ProviderName, n: number): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    while (out.length < n) {
      const res: {
        data?: {
          accounts: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } };
        } | null;
      } = await t.gql(
        'query($p: [Provider!], $after: String) { accounts(first: 100, after: $after, filter: { providers: $p }) { nodes { id } pageInfo { endCursor hasNextPage } } }',
        { p: [provider], after },
      );
      const page = res.data!.accounts;
      out.push(...page.nodes.map((x) => x.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return out.slice(0, n);
  }

  const START = `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
    bulkOperation { id status total } userErrors { field message code } } }`;

  it('refuses bad input with typed userErrors and queues nothing', async () => {
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ accountIds: [], action: 'DISABLE' }, ['input', 'accountIds']],
      [{ accountIds: Array.from({ length: 10_001 }, (_, i) => `x${i}`), action: 'DISABLE' }, ['input', 'accountIds']],
      [{ action: 'DISABLE' }, ['input', 'accountIds']],
      [{ accountIds: ['x'], action: 'RENEW' }, ['input', 'args.periodDays']],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql<{
        startBulkAccountOperation: { bulkOperation: unknown; userErrors: Array<{ field: string[]; code: string }> };
      }>(START, { input });
      expect(res.data?.startBulkAccountOperation.bulkOperation).toBeNull();
      expect(res.data?.startBulkAccountOperation.userErrors[0]).toMatchObject({ field, code: 'VALIDATION' });
    }
    const [n] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bulk_operations');
    expect(n!.n).toBe(0);
  });

  it('disables 1,000 accounts across four providers: one vendor write each, results, history, a signed webhook', async () => {
    const receiver = await startReceiver({ failRate: 0, downMs: 0 });
    const hook = await t.gql<{ createWebhookEndpoint: { secret: string; userErrors: unknown[] } }>(
      'mutation($url: String!) { createWebhookEndpoint(input: { url: $url, events: [BULK_OPERATION_FINISHED] }) { secret userErrors { code } } }',
      { url: receiver.url },
    );
    expect(hook.data?.createWebhookEndpoint.userErrors).toEqual([]);
    const secret = hook.data!.createWebhookEndpoint.secret;
    const selection: string[] = [];
    for (const p of Object.values(ProviderName)) selection.push(...(await ids(p, PER_PROVIDER)));
    expect(selection).toHaveLength(1000);
    const unknown = Buffer.from('Account:WLVPN:999999999').toString('base64url');
    const garbage = 'not-an-id';

    // PureVPN has one URL for every call: count its update_account writes at the emulator.
    // (the emulator's private request handler, wrapped for the count)
    const pv = t.emulator(ProviderName.PUREVPN) as unknown as { handle(req: { body: unknown }): unknown };
    const original = pv.handle.bind(pv);
    let purevpnWrites = 0;
    pv.handle = (req) => {
      if (String((req.body as Record<string, unknown>).method) === 'update_account') purevpnWrites++;
      return original(req);
    };
    t.resetUpstream();
    const started = await t.gql<{
      startBulkAccountOperation: {
        bulkOperation: { id: string; status: string; total: number };
        userErrors: unknown[];
      };
    }>(START, {
      input: { accountIds: [...selection, unknown, garbage], action: 'DISABLE', idempotencyKey: 'bulk-disable-1' },
    });
    expect(started.data?.startBulkAccountOperation.userErrors).toEqual([]);
    const op = started.data!.startBulkAccountOperation.bulkOperation;
    expect(op.total).toBe(1002);
    // The same key answers the same operation.
    const again = await t.gql<{ startBulkAccountOperation: { bulkOperation: { id: string } } }>(START, {
      input: { accountIds: [...selection, unknown, garbage], action: 'DISABLE', idempotencyKey: 'bulk-disable-1' },
    });
    expect(again.data?.startBulkAccountOperation.bulkOperation.id).toBe(op.id);

    const STATUS = `query($id: ID!) { bulkOperation(id: $id) { status total succeeded failed skipped progress } }`;
    type Op = { status: string; total: number; succeeded: number; failed: number; skipped: number; progress: number };
    let state: Op | undefined;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      state = (await t.gql<{ bulkOperation: Op }>(STATUS, { id: op.id })).data?.bulkOperation;
      if (state && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(state.status)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(state).toMatchObject({
      status: 'COMPLETED',
      total: 1002,
      succeeded: 1000,
      failed: 2,
      skipped: 0,
      progress: 1,
    });

    // Exactly one vendor write per item.
    const server = (p: ProviderName) => t.emulator(p).server;
    expect(server(ProviderName.PUREWL).count('vam/v2/disable')).toBe(PER_PROVIDER);
    expect(server(ProviderName.VPNRESELLERS).count('/disable')).toBe(PER_PROVIDER);
    expect(server(ProviderName.WLVPN).count('PUT')).toBe(PER_PROVIDER); // the unknown id costs no call (directory)
    expect(purevpnWrites).toBe(PER_PROVIDER);

    // Results per item, typed errors for the two bad ids.
    const failed = await t.gql<{
      bulkOperation: {
        items: { nodes: Array<{ index: number; status: string; userErrors: Array<{ code: string }> }> };
      };
    }>(
      `query($id: ID!) { bulkOperation(id: $id) { items(statuses: [FAILED]) { nodes { index status userErrors { code field message } } } } }`,
      { id: op.id },
    );
    expect(failed.data?.bulkOperation.items.nodes.map((n) => [n.index, n.userErrors[0]?.code])).toEqual([
      [1000, 'NOT_FOUND'],
      [1001, 'NOT_FOUND'],
    ]);
    // A history row per account, by the bulk operation.
    const [history] = await t.store.db.query<{ n: number; actors: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT actor)::int AS actors FROM account_events WHERE kind = 'STATUS_CHANGED' AND actor LIKE 'bulk:%'`,
    );
    expect(history).toEqual({ n: 1000, actors: 1 });

    // BULK_OPERATION_FINISHED arrives, signed.
    const until = Date.now() + 30_000;
    while (Date.now() < until && receiver.received.length === 0) await new Promise((r) => setTimeout(r, 200));
    await receiver.close();
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0]!;
    const payload = new Webhook(secret).verify(r.body, {
      'webhook-id': String(r.headers['webhook-id']),
      'webhook-timestamp': String(r.headers['webhook-timestamp']),
      'webhook-signature': String(r.headers['webhook-signature']),
    }) as { type: string; data: { details: Record<string, unknown> } };
    expect(payload.type).toBe('BULK_OPERATION_FINISHED');
    expect(payload.data.details).toMatchObject({
      bulkOperationId: op.id,
      status: 'COMPLETED',
      total: 1002,
      succeeded: 1000,
      failed: 2,
    });
  }, 300_000);
});
