import { createHash } from 'node:crypto';
import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { redact } from './redact.js';

/**
 * OpenTelemetry tracing with manual spans at the few choke points (GraphQL operation, DataLoader batches,
 * vendor calls in providers/http.ts, store queries, background jobs). W3C `traceparent` is always accepted
 * and propagated (context manager + propagator are cheap); spans are recorded and exported (OTLP over HTTP,
 * configured by the standard OTEL_* variables) only when OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_TRACES_EXPORTER=otlp is set. Attributes never carry secrets:
 * no variables, no query strings, no credentials (see `safeUrl`), exception messages pass `redact`.
 */

export const TRACER_NAME = 'vpn-graph';
export const tracer = () => trace.getTracer(TRACER_NAME);

let installed: { provider?: NodeTracerProvider } | undefined;

/** True when the environment asks for exported traces (the standard OTEL_* variables). */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  if (exporter === 'none') return false;
  if (exporter && exporter.length > 0) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Installs tracing once per process. `spanProcessors` (tests: a SimpleSpanProcessor over an
 * InMemorySpanExporter) force recording; otherwise spans are recorded only when `tracingRequested(env)`.
 * Later calls are no-ops and answer the first installation.
 */
export function initTracing(
  env: NodeJS.ProcessEnv = process.env,
  spanProcessors?: SpanProcessor[],
): { recording: boolean; shutdown(): Promise<void> } {
  if (!installed) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    installed = {};
    const processors =
      spanProcessors ?? (tracingRequested(env) ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []);
    if (processors.length > 0) {
      const resource = defaultResource()
        .merge(resourceFromAttributes({ 'service.name': TRACER_NAME }))
        .merge(detectResources({ detectors: [envDetector] }));
      installed.provider = new NodeTracerProvider({ resource, spanProcessors: processors });
      trace.setGlobalTracerProvider(installed.provider);
    }
  }
  const provider = installed.provider;
  return {
    recording: provider !== undefined,
    shutdown: async () => {
      await provider?.forceFlush();
    },
  };
}

/** Runs `fn` in a new active span; the span ends when `fn` settles, failed (redacted message) when it throws. */
export function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; root?: boolean },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.root ? ROOT_CONTEXT : context.active();
  // Tracing off and no trace to continue: no span, no context switch (a non-recording span would be dropped).
  if (!installed?.provider && (options.root || !trace.getSpanContext(parent))) return fn(UNTRACED);
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** What `withSpan` hands `fn` when nothing is traced: a non-recording span (every call on it is a no-op). */
const UNTRACED: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Marks a span failed with the error's class and code, message redacted (never a raw vendor body). */
export function failSpan(span: Span, error: unknown): void {
  const message = error instanceof Error ? redact(error.message) : 'error';
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  const code = (error as { code?: unknown } | null)?.code;
  span.setAttributes({
    'error.type': typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown',
  });
}

/** The active span, when one is recording (attributes set on a non-recording span are dropped anyway). */
export function activeSpan(): Span | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span : undefined;
}

/** A store query span only inside a traced unit of work (request, job): pg-boss's polling stays untraced. */
export function hasActiveTrace(): boolean {
  return trace.getSpanContext(context.active()) !== undefined;
}

/** Runs `fn` in the trace context the caller sent (`traceparent`/`tracestate` headers), if any. */
export function withIncomingTrace<T>(headers: Record<string, string | string[] | undefined>, fn: () => T): T {
  return context.with(propagation.extract(ROOT_CONTEXT, headers), fn);
}

/**
 * W3C trace headers of the active context (`traceparent`, `tracestate`), for calls leaving the process:
 * vendor calls and webhook deliveries. Empty outside a trace.
 */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Ids for log lines (pino mixin): the active trace and span, or nothing. */
export function logTraceFields(): { trace_id?: string; span_id?: string } {
  const ctx = trace.getSpanContext(context.active());
  return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
}

/** A URL fit for an attribute: no credentials, no query string, no fragment (path ids are fine). */
export function safeUrl(base: string, path = ''): string {
  try {
    const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return redact(url.toString());
  } catch {
    return 'invalid-url';
  }
}

/** sha256 of a GraphQL document (the attribute carries the hash, never the text with its literals). */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** `SELECT account_registry`: the statement's verb and first table, for span names (never literals). */
export function sqlSummary(sql: string): { operation: string; summary: string } {
  const text = sql.trim().replace(/\s+/g, ' ');
  const operation = (/^(\w+)/.exec(text)?.[1] ?? 'SQL').toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE|TABLE(?: IF (?:NOT )?EXISTS)?)\s+("?[\w.]+"?)/i.exec(text)?.[1];
  return { operation, summary: table ? `${operation} ${table.replace(/"/g, '')}` : operation };
}

export { SpanKind };

/** The span of one GraphQL request over HTTP (named and described once the operation is known). */
export function operationSpan<T>(
  headers: Record<string, string | string[] | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  // Tracing off and no `traceparent` to continue: nothing to record or propagate, so no trace context at all.
  if (!installed?.provider && headers.traceparent === undefined) return fn();
  return withIncomingTrace(headers, () =>
    withSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': 'unknown' } }, fn),
  );
}
