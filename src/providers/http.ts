import http from 'node:http';
import https from 'node:https';
import got, { type Got, RequestError, TimeoutError } from 'got';
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
import { currentRequestScope, retryAfterMs, takeUpstreamCall, type RequestScope } from '../lib/request-context.js';
import { SpanKind, activeSpan, safeUrl, traceHeaders, withSpan } from '../lib/tracing.js';
import {
  DEFAULT_NETWORK,
  listeners,
  type NetworkSettings,
  type UpstreamCallEvent,
  type UpstreamRequest,
  type UpstreamResponse,
} from './http-settings.js';
import { pathProblem } from './native-ids.js';
import { installGotOptionsFix } from './got-options.js';

// got's per-call request options without Node 20's slow object spreads (see got-options.ts).
installGotOptionsFix();

/**
 * The network layer every provider client stands on: got 14 with keep-alive agents, per-provider
 * timeouts, retries with backoff + jitter (honouring Retry-After) for idempotent calls only, and a
 * circuit breaker per provider. Transport failures come out as ProviderError; HTTP answers below 500
 * (except 429) come back to the vendor client, which knows what they mean.
 */

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const RETRY_STATUS = [429, 500, 502, 503, 504];
const RETRY_STATUS_PACED = RETRY_STATUS.filter((status) => status !== 429);
const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH'];

export class UpstreamHttp {
  readonly provider: ProviderName;
  readonly settings: NetworkSettings;
  /**
   * One got instance per retry policy, built once: a call passes only its method, path, headers and body (got
   * merges every per-call option into a new Options object; retry and hook objects per call doubled its cost).
   */
  private readonly gots: Record<'once' | 'retried' | 'retriedPaced', Got>;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly baseUrl: string;
  /** Set on a view made by `scoped`: the request or job its calls belong to. */
  declare private readonly scope?: RequestScope;

  constructor(provider: ProviderName, baseUrl: string, settings: Partial<NetworkSettings> = {}) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.settings = { ...DEFAULT_NETWORK, ...settings };
    const s = this.settings;
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    };
    const base = got.extend({
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
      responseType: 'text',
    });
    this.gots = {
      once: base,
      retried: base.extend({ retry: { limit: s.retries } }),
      // Paced background work (bulk) is not retried on 429 here: its runner re-queues the item behind the pace.
      retriedPaced: base.extend({ retry: { limit: s.retries, statusCodes: RETRY_STATUS_PACED } }),
    };
    this.breaker = circuitBreaker(
      handleWhen(
        (error) =>
          isProviderError(error) &&
          (error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.UPSTREAM_TIMEOUT),
      ),
      { halfOpenAfter: s.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(s.breakerThreshold) },
    );
  }

  /**
   * This client for one request or one unit of background work: the same connections, breaker and settings, its
   * calls counted against `scope`'s vendor-call budget, paced and reported by its hooks, and sent with its
   * request id. Without a view, calls belong to the background scope they run in (`runInRequestScope`), if any.
   */
  scoped(scope: RequestScope): UpstreamHttp {
    return Object.create(this, { scope: { value: scope } }) as UpstreamHttp;
  }

  private callScope(): RequestScope | undefined {
    return this.scope ?? currentRequestScope();
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
    const scope = this.callScope();
    if (!takeUpstreamCall(scope)) {
      const limit = scope?.upstreamBudget?.limit ?? 0;
      throw this.error(
        request.operation,
        ErrorCode.RATE_LIMITED,
        `This request reached its budget of ${limit} vendor calls (MAX_UPSTREAM_CALLS); ask for less at once`,
        { retryable: false },
      );
    }
    // Paced background work (bulk operations) waits for its slot here, the one place every call passes.
    const pace = scope?.beforeUpstreamCall;
    if (pace) await pace(this.provider);
    try {
      return await this.breaker.execute(() => this.attempt(request, scope));
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

  private async attempt(request: UpstreamRequest, scope: RequestScope | undefined): Promise<UpstreamResponse> {
    const started = performance.now();
    const requestId = scope?.requestId;
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
      const client = !request.idempotent
        ? this.gots.once
        : scope?.beforeUpstreamCall
          ? this.gots.retriedPaced
          : this.gots.retried;
      const searchParams = cleanParams(request.searchParams);
      const response = await client(request.path, {
        method: request.method,
        ...(searchParams ? { searchParams } : {}),
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.form !== undefined ? { form: request.form } : {}),
        headers: { ...(requestId ? { 'x-request-id': requestId } : {}), ...traceHeaders(), ...request.headers },
      });
      retries = response.retryCount;
      const status = response.statusCode;
      if (status === 429) {
        emit(status, ErrorCode.RATE_LIMITED);
        const wait = retryAfterMs(response.headers['retry-after']);
        scope?.onRateLimited?.(this.provider, wait);
        if (wait !== undefined) scope?.onRetryAfter?.(this.provider, wait);
        throw this.error(request.operation, ErrorCode.RATE_LIMITED, `${this.provider} is rate limiting requests`, {
          status,
        });
      }
      if (status >= 500) {
        emit(status, ErrorCode.UPSTREAM_UNAVAILABLE);
        const wait = retryAfterMs(response.headers['retry-after']);
        if (wait !== undefined) scope?.onRetryAfter?.(this.provider, wait);
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
      if (error instanceof RequestError) retries = error.request?.retryCount ?? retries;
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

function cleanParams(
  params: Record<string, string | number | boolean | undefined> | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}
