import { print } from 'graphql';
import { createHash } from 'node:crypto';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { Writable } from 'node:stream';
import { initTracing, withSpan } from '../../src/lib/tracing.js';
import { createLogger } from '../../src/lib/logger.js';
import { PROVIDER_MODULES } from '../../src/providers/modules.js';
import { ProviderName } from '../../src/providers/modules.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { AccountDashboardDocument, CreateAccountDocument } from '../generated/operations.js';

/**
 * The span tree of real requests (sandbox emulators over HTTP, in-memory exporter): operation → DataLoader
 * batches → vendor calls with provider attributes, the router's traceparent continued up to the vendors, and
 * no secret in any attribute.
 */
const exporter = new InMemorySpanExporter();
initTracing({}, [new SimpleSpanProcessor(exporter)]);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const ROUTER_SPAN = '00f067aa0ba902b7';
const API_KEY = 'api-key-tracing-canary-0123456789';
const PASSWORD = 'Tr4cingSecretPassw0rd';

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

function ancestors(span: ReadableSpan, byId: Map<string, ReadableSpan>): ReadableSpan[] {
  const out: ReadableSpan[] = [];
  for (let p = byId.get(parentOf(span) ?? ''); p; p = byId.get(parentOf(p) ?? '')) out.push(p);
  return out;
}

function spansOf(traceId: string): { spans: ReadableSpan[]; byId: Map<string, ReadableSpan> } {
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  return { spans, byId: new Map(spans.map((s) => [s.spanContext().spanId, s])) };
}

describe('tracing', () => {
  let t: TestApp;
  const secrets: string[] = [API_KEY, PASSWORD];

  beforeAll(async () => {
    t = await startTestApp({ API_KEYS: `tracing:admin:${API_KEY}` });
    for (const module of PROVIDER_MODULES) {
      const build = await module.sandbox();
      secrets.push(...Object.values(build({ seed: 42 }).credentials).filter((v) => v.length >= 4));
    }
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => {
    exporter.reset();
    t.resetUpstream();
  });

  it('the dashboard: operation → loader batches → vendor calls, under the router traceparent', async () => {
    const query = print(AccountDashboardDocument); // schema/operations/dashboard.graphql with its fragments
    const res = await t.gql(
      query,
      { first: 20 },
      {
        'x-api-key': API_KEY,
        traceparent: `00-${TRACE_ID}-${ROUTER_SPAN}-01`,
      },
    );
    expect(res.errors).toBeUndefined();
    const { spans, byId } = spansOf(TRACE_ID);

    const operation = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(operation?.name).toBe('query AccountDashboard');
    expect(parentOf(operation!)).toBe(ROUTER_SPAN);
    expect(operation!.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'AccountDashboard',
      'graphql.document.hash': createHash('sha256').update(query).digest('hex'),
    });

    const batches = spans.filter((s) => s.name.startsWith('dataloader '));
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(ancestors(b, byId)).toContain(operation);

    const vendor = spans.filter((s) => s.kind === SpanKind.CLIENT && s.attributes['vpn.provider'] !== undefined);
    expect(vendor.length).toBeGreaterThan(0);
    expect(vendor.length).toBe(t.upstream()); // one span per vendor call the emulators saw
    for (const v of vendor) {
      expect(ancestors(v, byId)).toContain(operation);
      expect(v.attributes).toMatchObject({
        'vpn.provider': expect.any(String) as unknown,
        'vpn.operation': expect.any(String) as unknown,
        'http.request.method': expect.any(String) as unknown,
        'http.response.status_code': expect.any(Number) as unknown,
        'vpn.retry_count': 0,
        'vpn.breaker.state': 'closed',
      });
      expect(String(v.attributes['url.full'])).not.toContain('?');
    }
    // Vendor calls made by DataLoader batches hang under their batch.
    const underBatch = vendor.filter((v) => ancestors(v, byId).some((a) => a.name.startsWith('dataloader ')));
    expect(underBatch.length).toBeGreaterThan(0);
    expect(new Set(vendor.map((v) => v.attributes['vpn.provider'])).size).toBeGreaterThan(1);

    // Store queries of the request are spans in the same trace.
    expect(spans.some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);

    // Every vendor saw the trace continue: traceparent with the router's trace id and a vendor span as parent.
    const vendorSpanIds = new Set(vendor.map((v) => v.spanContext().spanId));
    let seen = 0;
    for (const provider of Object.values(ProviderName)) {
      for (const r of t.emulator(provider).server.received) {
        const [, traceId, parent] = (r.traceparent ?? '').split('-');
        expect(traceId).toBe(TRACE_ID);
        expect(vendorSpanIds.has(parent ?? '')).toBe(true);
        seen += 1;
      }
    }
    expect(seen).toBe(vendor.length);
  });

  it('a mutation: operation → vendor calls with provider attributes; no secret in any attribute', async () => {
    const res = await t.gql(
      CreateAccountDocument,
      { input: { provider: 'WLVPN' as never, username: 'traced1', password: PASSWORD, periodDays: 30 } as never },
      { 'x-api-key': API_KEY },
    );
    expect(res.data?.createAccount.userErrors).toEqual([]);
    const operation = exporter.getFinishedSpans().find((s) => s.name === 'mutation CreateAccount');
    expect(operation).toBeDefined();
    const { spans, byId } = spansOf(operation!.spanContext().traceId);
    expect(parentOf(operation!)).toBeUndefined(); // no traceparent sent: a new trace
    const vendor = spans.filter((s) => s.attributes['vpn.provider'] === 'WLVPN');
    expect(vendor.length).toBeGreaterThan(0);
    for (const v of vendor) expect(ancestors(v, byId)).toContain(operation);
    expect(vendor.map((v) => v.attributes['http.request.method'])).toContain('POST');

    const text = JSON.stringify(
      exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status })),
    );
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('a failing vendor call is a failed span with its error code and retry count', async () => {
    const server = t.emulator(ProviderName.WLVPN).server;
    server.addFault({ kind: 'error', status: 503 });
    try {
      await t.gql(AccountDashboardDocument, { first: 5 }, { 'x-api-key': API_KEY });
    } finally {
      server.clearFaults();
    }
    const failed = exporter
      .getFinishedSpans()
      .filter((s) => s.attributes['vpn.provider'] === 'WLVPN' && s.attributes['error.type'] === 'UPSTREAM_UNAVAILABLE');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.attributes['vpn.retry_count']).toBe(1); // UPSTREAM_RETRIES=1 in the test app
    expect(failed[0]!.attributes['http.response.status_code']).toBe(503);
  });
});

describe('log lines carry the trace', () => {
  it('trace_id and span_id inside a span, nothing outside', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info('outside');
    const traceId = await withSpan('unit', {}, async (span) => {
      logger.info('inside');
      return span.spanContext().traceId;
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown });
  });
});
