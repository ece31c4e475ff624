import 'reflect-metadata';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/server.js';
import { createLogger } from '../../src/lib/logger.js';
import { ProviderName } from '../../src/providers/modules.js';

/** Graceful shutdown: a request in flight finishes with its data; then the store is closed. */
describe('graceful shutdown', () => {
  it('lets in-flight requests finish, then closes providers and the store', async () => {
    const app = await createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }), {
      logger: createLogger('silent'),
    });
    app.registry.emulator(ProviderName.WLVPN)?.server.addFault({ kind: 'latency', latencyMs: 600 });
    const inflight = fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ accounts(first: 8, filter: { providers: [WLVPN] }) { edges { node { id } } } }',
      }),
    });
    await new Promise((r) => setTimeout(r, 150));
    const stopping = app.stop();
    const res = await inflight;
    const body = (await res.json()) as { data?: { accounts: { edges: unknown[] } }; errors?: unknown };
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.accounts.edges).toHaveLength(8);
    await stopping;
    await expect(app.store.ping()).rejects.toThrow();
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
  });
});
