import 'reflect-metadata';
import { jest } from '@jest/globals';
import { request as httpRequest, Agent } from 'node:http';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/main/app.js';
import { createLogger } from '../../src/lib/logger.js';
import { ProviderName } from '../../src/providers/modules.js';

/**
 * Graceful shutdown, in process. Ordering, not timing: each step waits for the event it needs (the request has
 * reached the vendor, the drain has begun), never a fixed sleep, so a loaded machine only makes it slower.
 */
// A hang guard only: an in-process app starts slowly on a loaded machine.
jest.setTimeout(300_000);

const QUERY = '{ accounts(first: 8, filter: { providers: [WLVPN] }) { edges { node { id } } } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<App> {
  return createApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }), {
    logger: createLogger('silent'),
  });
}

/** POST over a keep-alive agent: status, the Connection header, the body. */
function post(
  url: string,
  body: string,
  agent: Agent,
): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string, agent: Agent): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
    })
      .on('error', reject)
      .end();
  });
}

describe('graceful shutdown', () => {
  it('lets in-flight requests finish, then closes providers and the store', async () => {
    const app = await start();
    const emulator = app.registry.emulator(ProviderName.WLVPN)!;
    emulator.server.addFault({ kind: 'latency', latencyMs: 2_000 });
    const agent = new Agent({ keepAlive: true });
    const callsBefore = emulator.server.count();
    let answered = false;
    const inflight = post(app.graphqlUrl, JSON.stringify({ query: QUERY }), agent).finally(() => (answered = true));
    // In flight for sure: the server parsed it and is waiting on the (slow) vendor.
    while (emulator.server.count() === callsBefore) await sleep(5);
    const stopping = app.stop();
    expect(answered).toBe(false);
    const res = await inflight;
    const body = JSON.parse(res.body) as { data?: { accounts: { edges: unknown[] } }; errors?: unknown };
    expect(res.status).toBe(200);
    expect(res.connection).toBe('close'); // the keep-alive client does not reuse a socket of a stopping server
    expect(body.errors).toBeUndefined();
    expect(body.data?.accounts.edges).toHaveLength(8);
    await stopping;
    await expect(app.store.ping()).rejects.toThrow();
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
    agent.destroy();
  });

  it('during the delay: /ready answers 503, requests are still served, each answer closes its connection; then the listener closes', async () => {
    const app = await start();
    const agent = new Agent({ keepAlive: true });
    // A keep-alive connection opened before the stop.
    const before = await get(`${app.url}/ready`, agent);
    expect(before.status).toBe(200);
    expect(before.connection).toBe('keep-alive');

    const events: string[] = [];
    const stopping = app.stop({ delayMs: 60_000 }).then(() => events.push('stopped'));
    const ready = await get(`${app.url}/ready`, agent);
    const health = await get(`${app.url}/health`, agent);
    const query = await post(app.graphqlUrl, JSON.stringify({ query: '{ providers { name } }' }), agent);
    events.push('answered during the delay');
    expect({ status: ready.status, connection: ready.connection, body: JSON.parse(ready.body) as unknown }).toEqual({
      status: 503,
      connection: 'close',
      body: { ok: false, status: 'draining' },
    });
    expect([health.status, health.connection]).toEqual([200, 'close']);
    expect([query.status, query.connection]).toEqual([200, 'close']);
    expect(events).toEqual(['answered during the delay']); // still serving: the 60 s delay holds the listener open
    // A later stop with no delay closes the listener now; the keep-alive socket, idle, goes with it.
    await app.stop({ delayMs: 0 });
    await stopping;
    expect(events).toEqual(['answered during the delay', 'stopped']);
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
    agent.destroy();
  });
});
