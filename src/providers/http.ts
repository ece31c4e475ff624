import http from 'node:http';
import https from 'node:https';
import got, { type Got, RequestError, TimeoutError, type Method } from 'got';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { ErrorCode, ProviderError, isProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import { currentRequestScope, takeUpstreamCall } from '../lib/request-context.js';
import { SpanKind, activeSpan, safeUrl, traceHeaders, withSpan } from '../lib/tracing.js';

/**
 * The network layer every provider client stands on: got 14 with keep-alive agents, per-provider
 * timeouts, retries with backoff + jitter (honouring Retry-After) for idempotent calls only, and a
 * circuit breaker per provider. Transport failures come out as ProviderError; HTTP answers below 500
 * (except 429) come back to the vendor client, which knows what they mean.
 */

export interface NetworkSettings {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** Retries for idempotent calls (reads). Writes are never retried here. */
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails RATE_LIMITED at once. */
  maxRetryAfterMs: number;
  breakerThreshold: number;
  breakerHalfOpenAfterMs: number;
  /** Fan-out width for vendors without a batch call. */
  concurrency: number;
}

export const DEFAULT_NETWORK: NetworkSettings = {
  connectTimeoutMs: 2_000,
  responseTimeoutMs: 10_000,
  retries: 2,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
  maxRetryAfterMs: 5_000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 10_000,
  concurrency: 8,
};

export interface UpstreamRequest {
  /** Domain operation name for errors, logs and metrics (e.g. "getAccount"). */
  operation: string;
  method: Method;
  /** Path relative to the base URL, without a leading slash (got prefixUrl rule). Empty for the base itself. */
  path: string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** True when repeating the call cannot change upstream state: enables retries. */
  idempotent: boolean;
}

export interface UpstreamResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface UpstreamCallEvent {
  provider: ProviderName;
  operation: string;
  method: string;
  status: number | null;
  durationMs: number;
  /** ProviderError code when the call failed at transport level. */
  errorCode: ErrorCode | null;
  retries: number;
  requestId: string | undefined;
}

type UpstreamListener = (event: UpstreamCallEvent) => void;
const listeners = new Set<UpstreamListener>();

/** Subscribe to every upstream call (metrics, logs). Returns an unsubscribe function. */
export function onUpstreamCall(listener: UpstreamListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const RETRY_STATUS = [429, 500, 502, 503, 504];
const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH'];

export class UpstreamHttp {
  readonly provider: ProviderName;
  readonly settings: NetworkSettings;
  private readonly got: Got;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly baseUrl: string;

  constructor(provider: ProviderName, baseUrl: string, settings: Partial<NetworkSettings> = {}) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.settings = { ...DEFAULT_NETWORK, ...settings };
    const s = this.settings;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    };
    this.got = got.extend({
      prefixUrl: baseUrl.replace(/\/+$/, ''),
      agent: this.agents,
      throwHttpErrors: false,
      followRedirect: false,
      timeout: { connect: s.connectTimeoutMs, response: s.responseTimeoutMs },
      retry: {
        limit: 0,
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'],
        statusCodes: RETRY_STATUS,
        errorCodes: RETRY_ERROR_CODES,
        maxRetryAfter: s.maxRetryAfterMs,
        calculateDelay: ({ attemptCount, computedValue, retryAfter }) => {
          if (computedValue === 0) return 0;
          if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
          const ceiling = Math.min(s.retryMaxDelayMs, s.retryBaseDelayMs * 2 ** (attemptCount - 1));
          return ceiling / 2 + Math.random() * (ceiling / 2); // "equal jitter"
        },
      },
    });
    this.breaker = circuitBreaker(
      handleWhen(
        (error) =>
          isProviderError(error) &&
          (error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.UPSTREAM_TIMEOUT),
      ),
      { halfOpenAfter: s.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(s.breakerThreshold) },
    );
  }

  get breakerState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'isolated';
    }
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    // Last line of defence under the per-id guard (base.ts): a path a URL parser would rewrite is never sent.
    const problem = pathProblem(request.path);
    if (problem)
      throw this.error(
        request.operation,
        ErrorCode.VALIDATION,
        `${this.provider}: refused to call a rewritten path (${problem})`,
        { field: 'id' },
      );
    const attributes = {
      'vpn.provider': this.provider,
      'vpn.operation': request.operation,
      'http.request.method': request.method,
      'url.full': safeUrl(this.baseUrl, request.path),
      'vpn.breaker.state': this.breakerState,
    };
    const name = `${this.provider} ${request.operation}`;
    return withSpan(name, { kind: SpanKind.CLIENT, attributes }, () => this.guarded(request));
  }

  private async guarded(request: UpstreamRequest): Promise<UpstreamResponse> {
    // The request's vendor-call budget (MAX_UPSTREAM_CALLS): once spent, every further call fails fast here.
    if (!takeUpstreamCall()) {
      const limit = currentRequestScope()?.upstreamBudget?.limit ?? 0;
      throw this.error(
        request.operation,
        ErrorCode.RATE_LIMITED,
        `This request reached its budget of ${limit} vendor calls (MAX_UPSTREAM_CALLS); ask for less at once`,
        { retryable: false },
      );
    }
    try {
      return await this.breaker.execute(() => this.attempt(request));
    } catch (error) {
      activeSpan()?.setAttribute('vpn.breaker.state', this.breakerState);
      if (error instanceof BrokenCircuitError) {
        throw new ProviderError({
          provider: this.provider,
          operation: request.operation,
          code: ErrorCode.UPSTREAM_UNAVAILABLE,
          message: `${this.provider} is failing; calls are paused for a moment (circuit open)`,
          retryable: true,
        });
      }
      throw error;
    }
  }

  /** Parses a JSON body, turning garbage into a typed error instead of a crash. */
  parseJson<T>(response: UpstreamResponse, operation: string): T {
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new ProviderError({
        provider: this.provider,
        operation,
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        message: `${this.provider} answered with a malformed body (HTTP ${response.status})`,
        retryable: true,
        status: response.status,
      });
    }
  }

  /** Builds a ProviderError for this provider (clients use it for vendor-level failures). */
  error(operation: string, code: ErrorCode, message: string, extra: Partial<ProviderError> = {}): ProviderError {
    return new ProviderError({
      provider: this.provider,
      operation,
      code,
      message,
      retryable: extra.retryable ?? (code === ErrorCode.RATE_LIMITED || code === ErrorCode.UPSTREAM_UNAVAILABLE),
      ...(extra.status !== undefined ? { status: extra.status } : {}),
      ...(extra.vendorCode !== undefined ? { vendorCode: extra.vendorCode } : {}),
      ...(extra.field !== undefined ? { field: extra.field } : {}),
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async attempt(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = performance.now();
    const requestId = currentRequestScope()?.requestId;
    let retries = 0;
    const emit = (status: number | null, errorCode: ErrorCode | null): void => {
      const event: UpstreamCallEvent = {
        provider: this.provider,
        operation: request.operation,
        method: request.method,
        status,
        durationMs: performance.now() - started,
        errorCode,
        retries,
        requestId,
      };
      activeSpan()?.setAttributes({
        ...(status !== null ? { 'http.response.status_code': status } : {}),
        'vpn.retry_count': retries,
        ...(errorCode ? { 'error.type': errorCode } : {}),
      });
      for (const listener of listeners) listener(event);
    };
    try {
      const response = await this.got(request.path, {
        method: request.method,
        searchParams: cleanParams(request.searchParams),
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.form !== undefined ? { form: request.form } : {}),
        headers: { ...(requestId ? { 'x-request-id': requestId } : {}), ...traceHeaders(), ...request.headers },
        retry: { limit: request.idempotent ? this.settings.retries : 0 },
        responseType: 'text',
        hooks: {
          beforeRetry: [
            () => {
              retries += 1;
            },
          ],
        },
      });
      const status = response.statusCode;
      if (status === 429) {
        emit(status, ErrorCode.RATE_LIMITED);
        throw this.error(request.operation, ErrorCode.RATE_LIMITED, `${this.provider} is rate limiting requests`, {
          status,
        });
      }
      if (status >= 500) {
        emit(status, ErrorCode.UPSTREAM_UNAVAILABLE);
        throw new ProviderError({
          provider: this.provider,
          operation: request.operation,
          code: ErrorCode.UPSTREAM_UNAVAILABLE,
          message: `${this.provider} answered HTTP ${status}`,
          retryable: true,
          status,
          outcomeUnknown: !request.idempotent,
        });
      }
      emit(status, null);
      return { status, body: response.body, headers: response.headers };
    } catch (error) {
      if (isProviderError(error)) throw error;
      const mapped = this.transportError(request, error);
      emit(null, mapped.code);
      throw mapped;
    }
  }

  private transportError(request: UpstreamRequest, error: unknown): ProviderError {
    const code = error instanceof RequestError ? error.code : undefined;
    const notSent =
      (code !== undefined && NOT_SENT_CODES.has(code)) || (error instanceof TimeoutError && error.event === 'connect');
    const timedOut = error instanceof TimeoutError || code === 'ETIMEDOUT';
    return new ProviderError({
      provider: this.provider,
      operation: request.operation,
      code: timedOut ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE,
      message: timedOut
        ? `${this.provider} did not answer in time`
        : `${this.provider} could not be reached (${code ?? 'network error'})`,
      retryable: true,
      outcomeUnknown: !request.idempotent && !notSent,
    });
  }
}

/** Longest native id any vendor is sent. */
export const NATIVE_ID_MAX = 256;

/** Segments a WHATWG URL parser treats as "." / ".." (it collapses them, %2e included). */
const DOT_SEGMENTS = new Set(['.', '..', '%2e', '%2e%2e', '.%2e', '%2e.']);

/**
 * Why a request path (relative, built by a vendor client with encoded ids) would not reach the URL it names:
 * a dot segment (the URL parser collapses it: `accounts/..` is `/`), or an empty segment (`accounts//enable`).
 */
export function pathProblem(path: string): string | null {
  if (path === '') return null;
  for (const segment of path.split('/')) {
    if (segment === '') return 'an empty path segment';
    if (DOT_SEGMENTS.has(segment.toLowerCase())) return 'a "." or ".." path segment';
  }
  return null;
}

/** `value` percent-decoded once; itself when it is not valid percent-encoding. */
function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The rules every native id obeys whatever the vendor (the shared half of the id guard; each vendor adds
 * its own in rules.ts): a non-empty string of at most 256 characters, no control characters, and no "."
 * or ".." segment in any form (`..`, `./x`, `x/..`, `%2e%2e`, `%252e%252e`, backslashes), so that an id can
 * never rewrite the vendor URL it is put in. Null when fine, else the problem (never echoing the id).
 */
export function nativeIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length === 0) return 'is empty';
  if (id.length > NATIVE_ID_MAX) return `is longer than ${NATIVE_ID_MAX} characters`;
  for (let form = id, i = 0; i < 3; i++) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (/[\u0000-\u001f\u007f-\u009f]/.test(form)) return 'contains control characters';
    if (form.split(/[/\\]/).some((segment) => segment === '.' || segment === '..'))
      return 'contains a "." or ".." path segment';
    const next = decodeOnce(form);
    if (next === form) break;
    form = next;
  }
  return null;
}

function cleanParams(
  params: Record<string, string | number | boolean | undefined> | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}
