import http from 'node:http';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/lib/logger.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { PRODUCTION_ESSENTIALS } from '../security/production-env.js';

/**
 * The HTTP layer on Fastify: status codes and error codes of GraphQL-over-HTTP, body limit while streaming,
 * request ids, CORS_ORIGINS, METRICS_TOKEN, /ready in production, and a log line per 4xx/5xx.
 */

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Streams up to `total` bytes (chunked, no content-length) and reports how much was sent when the answer came. */
function streamBody(url: string, total: number): Promise<{ status: number; sentAtResponse: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      answered = true;
      const sentAtResponse = sent;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentAtResponse, body });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && sent >= total) req.end();
    };
    req.write('{"query":"{ __typename }", "pad":"');
    pump();
  });
}

describe('HTTP layer (development defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED: 200 for application/json, 400 for graphql-response+json', async () => {
    const asJson = await post(t.app.graphqlUrl, JSON.stringify({ query: '{' }), { accept: 'application/json' });
    expect(asJson.status).toBe(200);
    expect(
      ((await asJson.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code,
    ).toBe('GRAPHQL_PARSE_FAILED');
    const asGql = await post(t.app.graphqlUrl, JSON.stringify({ query: '{' }), {
      accept: 'application/graphql-response+json',
    });
    expect(asGql.status).toBe(400);
    expect(asGql.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    const invalid = await post(t.app.graphqlUrl, JSON.stringify({ query: '{ nope }' }), {
      accept: 'application/graphql-response+json',
    });
    expect(invalid.status).toBe(400);
    expect(
      ((await invalid.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code,
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await post(t.app.graphqlUrl, JSON.stringify({ query: '{ nope }' }))).status).toBe(200);
  });

  it('serves /graphql and /, and keeps CSRF prevention on GET', async () => {
    expect((await post(`${t.app.url}/`, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
    const csrf = await fetch(`${t.app.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(csrf.status).toBe(400);
    const ok = await fetch(`${t.app.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(ok.status).toBe(200);
  });

  it('keeps a safe x-request-id and replaces an unsafe one', async () => {
    const kept = await fetch(`${t.app.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${t.app.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a 50 MB streamed body with 413 before reading it', async () => {
    const res = await streamBody(t.app.graphqlUrl, 50 * 1024 * 1024);
    process.stdout.write(
      `http: 50 MB streamed body → ${res.status} after ${(res.sentAtResponse / 1e6).toFixed(1)} MB sent\n`,
    );
    expect(res.status).toBe(413);
    expect(res.sentAtResponse).toBeLessThan(8 * 1024 * 1024);
    expect(JSON.parse(res.body)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('refuses a declared 50 MB body from its content-length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(t.app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"query":');
    });
    expect(status).toBe(413);
  });

  it('sends no CORS headers when CORS_ORIGINS is unset; /metrics and /ready are open in development', async () => {
    const pre = await fetch(t.app.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(200);
    // Upstream calls reach the metrics through the HTTP layer's onUpstreamCall (wired in the app).
    await t.gql('{ plans(provider: WLVPN) { code } }');
    const text = await (await fetch(`${t.app.url}/metrics`)).text();
    expect(text).toMatch(/vpn_graph_upstream_requests_total\{provider="WLVPN",operation="[^"]+",outcome="ok"\} [1-9]/);
    const ready = (await (await fetch(`${t.app.url}/ready`)).json()) as { ok: boolean; providers?: unknown[] };
    expect(ready.ok).toBe(true);
    expect(ready.providers).toHaveLength(4);
  });
});

describe('HTTP layer (production, CORS_ORIGINS, METRICS_TOKEN)', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await startTestApp(
      {
        NODE_ENV: 'production',
        ALLOW_SANDBOX_IN_PRODUCTION: 'true',
        CORS_ORIGINS: 'https://admin.example.com, https://ops.example.com/',
        METRICS_TOKEN: TOKEN,
        WEBHOOK_ENCRYPTION_KEY: PRODUCTION_ESSENTIALS.WEBHOOK_ENCRYPTION_KEY,
        API_KEYS: 'ui:reader:reader-key-abcdefghijklmnopqr',
      },
      { logger: createLogger('info', sink) },
    );
  });
  afterAll(async () => {
    await t.stop();
  });

  it('allows listed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(t.app.graphqlUrl, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-api-key',
        },
      });
    const allowed = await preflight('https://ops.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example.com');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const actual = await post(t.app.graphqlUrl, JSON.stringify({ query: '{ __typename }' }), {
      origin: 'https://admin.example.com',
      'x-api-key': 'reader-key-abcdefghijklmnopqr',
    });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(actual.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('requires the metrics token for /metrics and for /ready details', async () => {
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const metrics = await fetch(`${t.app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/vpn_graph_graphql_operations_total/);
    expect(await (await fetch(`${t.app.url}/ready`)).json()).toEqual({ ok: true });
    const detailed = (await (
      await fetch(`${t.app.url}/ready`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { providers?: unknown[] };
    expect(detailed.providers).toHaveLength(4);
  });

  it('logs 4xx answers at info with the request id, without the credentials', async () => {
    await fetch(`${t.app.url}/metrics`, {
      headers: { 'x-request-id': 'req-metrics-401', authorization: 'Bearer not-the-token-xyz' },
    });
    await post(t.app.graphqlUrl, JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'req-gql-401' });
    const entries = lines.map((l) => JSON.parse(l) as { level: number; requestId?: string; status?: number });
    expect(entries.find((e) => e.requestId === 'req-metrics-401')).toMatchObject({ level: 30, status: 401 });
    expect(entries.find((e) => e.requestId === 'req-gql-401')).toMatchObject({ level: 30, status: 401 });
    expect(lines.join('\n')).not.toContain('not-the-token-xyz');
  });
});
