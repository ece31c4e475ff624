import { EmulatorServer } from '../../src/sandbox/emulator-kit.js';
import { UpstreamHttp } from '../../src/providers/http.js';
import { onUpstreamCall, type UpstreamCallEvent } from '../../src/providers/http-settings.js';
import { ProviderName } from '../../src/providers/modules.js';
import { ErrorCode, ProviderError } from '../../src/domain/errors.js';
import { registerSecret } from '../../src/lib/redact.js';
import { runInRequestScope } from '../../src/lib/request-context.js';

/** The network layer over real HTTP: retries (reads only), Retry-After, resets, timeouts, breaker, secrets. */
describe('UpstreamHttp', () => {
  const server = new EmulatorServer('kit', { seed: 7 });
  let created = 0;
  let lastRequestId: string | undefined;
  server.route('GET', '/items/:id', (req) => {
    lastRequestId = req.headers['x-request-id'] as string | undefined;
    return req.params.id === 'missing'
      ? { status: 404, json: { message: 'nope' } }
      : { status: 200, json: { id: req.params.id } };
  });
  server.route('POST', '/items', () => ({ status: 201, json: { id: ++created } }));
  let url: string;
  const fast = {
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    responseTimeoutMs: 300,
    breakerHalfOpenAfterMs: 200,
    breakerThreshold: 3,
    retries: 2,
  };

  beforeAll(async () => {
    url = await server.start();
  });
  const made: UpstreamHttp[] = [];
  const mk = (base: string, settings: ConstructorParameters<typeof UpstreamHttp>[2]): UpstreamHttp => {
    const http = new UpstreamHttp(ProviderName.WLVPN, base, settings);
    made.push(http);
    return http;
  };
  afterAll(async () => {
    for (const http of made) http.close();
    await server.stop();
  });
  beforeEach(() => {
    server.clearFaults();
    server.resetStats();
  });

  const read = (http: UpstreamHttp, id = '1') =>
    http.send({ operation: 'getItem', method: 'GET', path: `items/${id}`, idempotent: true });
  const create = (http: UpstreamHttp) =>
    http.send({ operation: 'createItem', method: 'POST', path: 'items', json: {}, idempotent: false });

  it('retries a read after 429, waiting for Retry-After', async () => {
    const http = mk(url, fast);
    server.addFault({ kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const res = await read(http);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.count('GET /items/:id')).toBe(2);
  });

  it('retries a read after a reset and after a 503, bounded by `retries`; the call event counts the retries', async () => {
    const http = mk(url, fast);
    const events: UpstreamCallEvent[] = [];
    const off = onUpstreamCall((e) => events.push(e));
    try {
      server.addFault({ kind: 'reset', times: 1 });
      server.addFault({ kind: 'error', status: 503, times: 1 });
      expect((await read(http)).status).toBe(200);
      expect(server.count()).toBe(3);
      server.resetStats();
      server.addFault({ kind: 'error', status: 503 });
      await expect(read(http)).rejects.toMatchObject({
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        status: 503,
        retryable: true,
      });
      expect(server.count()).toBe(3); // 1 + 2 retries
      server.clearFaults();
      server.addFault({ kind: 'reset' });
      await expect(read(http)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE });
    } finally {
      off();
    }
    expect(events.map((e) => [e.status, e.retries])).toEqual([
      [200, 2],
      [503, 2],
      [null, 2],
    ]);
  });

  it('fails fast with RATE_LIMITED when Retry-After is beyond the limit', async () => {
    const http = mk(url, { ...fast, maxRetryAfterMs: 500 });
    server.addFault({ kind: 'rate-limit', retryAfterSeconds: 30 });
    await expect(read(http)).rejects.toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(server.count()).toBe(1);
  });

  it('never retries a create after a reset, and says the outcome is unknown', async () => {
    const http = mk(url, fast);
    const before = created;
    server.addFault({ kind: 'reset', phase: 'after', times: 1 });
    const error = await create(http).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE, outcomeUnknown: true });
    expect(server.count('POST /items')).toBe(1);
    expect(created).toBe(before + 1); // it did happen upstream: the caller must reconcile
  });

  it('reports a refused connection as known-not-sent, and a slow answer as UPSTREAM_TIMEOUT', async () => {
    const dead = mk('http://127.0.0.1:9', { ...fast, retries: 0 });
    await expect(create(dead)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE, outcomeUnknown: false });
    const http = mk(url, { ...fast, retries: 0 });
    server.addFault({ kind: 'latency', latencyMs: 600, times: 1 });
    await expect(read(http)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_TIMEOUT });
  });

  it('returns 4xx answers to the caller and turns a malformed body into a typed error', async () => {
    const http = mk(url, fast);
    expect((await read(http, 'missing')).status).toBe(404);
    server.addFault({ kind: 'malformed', times: 1 });
    const res = await read(http);
    expect(() => http.parseJson(res, 'getItem')).toThrow(
      expect.objectContaining({ code: ErrorCode.UPSTREAM_UNAVAILABLE }) as Error,
    );
  });

  it('opens the circuit after consecutive failures, fails fast, then closes after a success', async () => {
    const http = mk(url, { ...fast, retries: 0 });
    server.addFault({ kind: 'error', status: 502 });
    for (let i = 0; i < 3; i++)
      await expect(read(http)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE });
    expect(http.breakerState).toBe('open');
    const reached = server.count();
    await expect(read(http)).rejects.toMatchObject({ message: expect.stringContaining('circuit open') as string });
    expect(server.count()).toBe(reached); // failed fast, never sent
    server.clearFaults();
    await new Promise((r) => setTimeout(r, 250));
    expect((await read(http)).status).toBe(200);
    expect(http.breakerState).toBe('closed');
  });

  it('emits call events with the request id, and sends it upstream', async () => {
    const http = mk(url, fast);
    const events: UpstreamCallEvent[] = [];
    const off = onUpstreamCall((e) => events.push(e));
    await runInRequestScope({ requestId: 'req-42' }, () => read(http));
    off();
    expect(lastRequestId).toBe('req-42');
    expect(events).toEqual([
      expect.objectContaining({ provider: 'WLVPN', operation: 'getItem', status: 200, requestId: 'req-42' }),
    ]);
  });

  it('never carries a credential in an error, its properties or its JSON', async () => {
    registerSecret('kit-secret-value-123');
    const http = mk('http://api-key:kit-secret-value-123@127.0.0.1:9', { ...fast, retries: 0 });
    const error = (await read(http).catch((e: unknown) => e)) as ProviderError;
    const forged = http.error(
      'x',
      ErrorCode.VALIDATION,
      'bad Authorization: Bearer kit-secret-value-123 and password=hunter2',
    );
    for (const e of [error, forged]) {
      const text = [e.message, JSON.stringify(e), JSON.stringify(Object.entries(e)), String(e.stack)].join(' ');
      expect(text).not.toContain('kit-secret-value-123');
      expect(text).not.toContain('hunter2');
    }
  });
});
