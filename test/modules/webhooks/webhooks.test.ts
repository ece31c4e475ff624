import { Webhook } from 'standardwebhooks';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { checkWebhookUrl, isPrivateAddress } from '../../../src/modules/webhooks/webhook-target.js';
import { backoffMs } from '../../../src/modules/webhooks/webhook-sender.js';
import { startReceiver } from './receiver.js';

describe('webhook targets', () => {
  it('refuses loopback, private, link-local and non-http targets; accepts public ones', async () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['93.184.216.34', '2606:4700::1111']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
    for (const url of ['http://127.0.0.1/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://localhost:9/x'])
      await expect(checkWebhookUrl(url, false)).rejects.toMatchObject({ code: 'VALIDATION', field: 'url' });
    await expect(checkWebhookUrl('ftp://example.com/x', true)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(checkWebhookUrl('http://u:p@example.com/x', true)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await checkWebhookUrl('http://127.0.0.1:9/x', true)).toBe('http://127.0.0.1:9/x');
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(4, 1000, 60_000, () => 0)).toBe(4000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('webhook deliveries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      WORKER: 'inline',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_BACKOFF_BASE_MS: '200',
      WEBHOOK_BACKOFF_MAX_MS: '1500',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_ENCRYPTION_KEY: 'test-encryption-key-for-webhook-secrets',
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('refuses bad endpoints with typed userErrors and stores nothing', async () => {
    const res = await t.gql<{
      createWebhookEndpoint: {
        endpoint: unknown;
        secret: unknown;
        userErrors: Array<{ field: string[]; code: string }>;
      };
    }>(
      `mutation { createWebhookEndpoint(input: { url: "file:///etc/passwd", events: [STATUS_CHANGED] }) { endpoint { id } secret userErrors { field code } } }`,
    );
    expect(res.data?.createWebhookEndpoint).toEqual({
      endpoint: null,
      secret: null,
      userErrors: [{ field: ['input', 'url'], code: 'VALIDATION' }],
    });
    const none = await t.gql<{ createWebhookEndpoint: { userErrors: Array<{ field: string[]; code: string }> } }>(
      `mutation { createWebhookEndpoint(input: { url: "https://example.com/h", events: [] }) { userErrors { field code } } }`,
    );
    expect(none.data?.createWebhookEndpoint.userErrors).toEqual([{ field: ['input', 'events'], code: 'VALIDATION' }]);
    const [n] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints');
    expect(n!.n).toBe(0);
  });

  it('delivers every event at least once through failures and downtime, signed, duplicates only with the same id', async () => {
    const receiver = await startReceiver({ failRate: 0.3, downMs: 2_000 });
    try {
      const created = await t.gql<{
        createWebhookEndpoint: { endpoint: { id: string }; secret: string; userErrors: unknown[] };
      }>(
        `mutation($url: String!) { createWebhookEndpoint(input: { url: $url, events: [STATUS_CHANGED], description: "test" }) {
          endpoint { id url events } secret userErrors { field code message } } }`,
        { url: receiver.url },
      );
      expect(created.data?.createWebhookEndpoint.userErrors).toEqual([]);
      const secret = created.data!.createWebhookEndpoint.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const [stored] = await t.store.db.query<{ secret: string }>('SELECT secret FROM webhook_endpoints');
      expect(stored!.secret).not.toContain(secret.slice(6)); // encrypted at rest
      const listed = await t.gql('{ webhookEndpoints { id url events enabled } }');
      expect(JSON.stringify(listed)).not.toContain(secret.slice(6));

      const accounts = await t.gql<{ accounts: { nodes: Array<{ id: string }> } }>(
        '{ accounts(first: 10, filter: { providers: [WLVPN, VPNRESELLERS], statuses: [ACTIVE] }) { nodes { id } } }',
      );
      const ids = accounts.data!.accounts.nodes.map((a) => a.id);
      let n = 0;
      for (const id of ids) {
        for (const m of ['disableAccount', 'enableAccount']) {
          const r = await t.gql<Record<string, { userErrors: unknown[] }>>(
            `mutation($id: ID!) { ${m}(input: { accountId: $id }) { userErrors { code message } } }`,
            { id },
          );
          expect(r.data?.[m]?.userErrors).toEqual([]);
          n++;
        }
      }
      expect(n).toBe(20);
      const deadline = Date.now() + 60_000;
      let pending = -1;
      while (Date.now() < deadline) {
        const [row] = await t.store.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM webhook_deliveries WHERE state <> 'DELIVERED'",
        );
        pending = row!.n;
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(pending).toBe(0);
      const [{ d } = { d: 0 }] = await t.store.db.query<{ d: number }>(
        'SELECT count(*)::int AS d FROM webhook_deliveries',
      );
      expect(d).toBe(n);

      const verifier = new Webhook(secret);
      const byId = new Map<string, Set<string>>();
      const events = new Set<string>();
      for (const r of receiver.received) {
        const headers = {
          'webhook-id': String(r.headers['webhook-id']),
          'webhook-timestamp': String(r.headers['webhook-timestamp']),
          'webhook-signature': String(r.headers['webhook-signature']),
        };
        const payload = verifier.verify(r.body, headers) as { type: string; data: { eventId: string } };
        expect(payload.type).toBe('STATUS_CHANGED');
        const bodies = byId.get(headers['webhook-id']) ?? new Set<string>();
        bodies.add(payload.data.eventId);
        byId.set(headers['webhook-id'], bodies);
        if (r.ok) events.add(payload.data.eventId);
      }
      // Each webhook-id always carries the same event; every event was acknowledged once at least: 0 lost.
      for (const bodies of byId.values()) expect(bodies.size).toBe(1);
      expect(byId.size).toBe(n);
      expect(events.size).toBe(n);
      expect(receiver.received.some((r) => !r.ok)).toBe(true); // the failures happened
      const attempts = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_attempts');
      expect(attempts[0]!.n).toBeGreaterThan(n);

      // Redelivery on request: the same webhook-id again.
      const list = await t.gql<{
        webhookDeliveries: {
          nodes: Array<{
            id: string;
            webhookId: string;
            attempts: number;
            attemptLog: Array<{ statusCode: number | null; durationMs: number }>;
          }>;
        };
      }>(
        '{ webhookDeliveries(first: 1) { nodes { id webhookId attempts state attemptLog { statusCode durationMs error nextAttemptAt } } } }',
      );
      const one = list.data!.webhookDeliveries.nodes[0]!;
      expect(one.attemptLog).toHaveLength(one.attempts);
      const before = receiver.received.filter((r) => r.headers['webhook-id'] === one.webhookId).length;
      const again = await t.gql<{ redeliverWebhook: { userErrors: unknown[] } }>(
        'mutation($id: ID!) { redeliverWebhook(input: { deliveryId: $id }) { delivery { state } userErrors { code } } }',
        { id: one.id },
      );
      expect(again.data?.redeliverWebhook.userErrors).toEqual([]);
      const until = Date.now() + 30_000;
      while (
        Date.now() < until &&
        receiver.received.filter((r) => r.headers['webhook-id'] === one.webhookId && r.ok).length <=
          (before > 0 ? 1 : 0) &&
        receiver.received.filter((r) => r.headers['webhook-id'] === one.webhookId).length <= before
      )
        await new Promise((r) => setTimeout(r, 200));
      expect(receiver.received.filter((r) => r.headers['webhook-id'] === one.webhookId).length).toBeGreaterThan(before);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
