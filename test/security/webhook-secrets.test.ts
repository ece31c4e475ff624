import { openStore, type Store } from '../../src/core/store/store.js';
import { WebhookStore } from '../../src/modules/webhooks/webhooks.store.js';
import { openSecret, resealPlainSecrets, sealSecret } from '../../src/modules/webhooks/webhook-sender.js';

/**
 * Webhook secrets at rest (#28): production requires WEBHOOK_ENCRYPTION_KEY, and secrets an earlier run stored
 * in clear (`plain:whsec_…`) are encrypted at the next start with the key.
 */
describe('webhook secrets stored in clear are sealed once a key is set', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({});
  });
  afterAll(() => store.close());

  it('re-seals plain secrets, opens them to the same secret, and does it once', async () => {
    const KEY = 'webhook-encryption-key-for-tests-0123456789';
    const webhooks = new WebhookStore(store.db);
    const secrets = ['whsec_AAAAplainone', 'whsec_BBBBplaintwo'];
    for (const [i, secret] of secrets.entries())
      await webhooks.createEndpoint({
        url: `https://hooks.example/${i}`,
        events: ['ACCOUNT_CREATED'],
        description: null,
        sealedSecret: sealSecret(secret, undefined),
        createdBy: 'test',
      });
    const already = sealSecret('whsec_CCCCsealed', KEY);
    await webhooks.createEndpoint({
      url: 'https://hooks.example/sealed',
      events: ['ACCOUNT_CREATED'],
      description: null,
      sealedSecret: already,
      createdBy: 'test',
    });
    expect(await resealPlainSecrets(store.db, KEY)).toBe(2);
    expect(await resealPlainSecrets(store.db, KEY)).toBe(0);
    const rows = await store.db.query<{ url: string; secret: string }>(
      'SELECT url, secret FROM webhook_endpoints ORDER BY url',
    );
    expect(rows.every((r) => r.secret.startsWith('v1:'))).toBe(true);
    expect(rows.map((r) => openSecret(r.secret, KEY))).toEqual([...secrets, 'whsec_CCCCsealed']);
    expect(rows.find((r) => r.url.endsWith('/sealed'))?.secret).toBe(already);
  });
});
