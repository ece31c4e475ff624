import type { Method } from 'got';
import type { ErrorCode } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';

/** What UpstreamHttp (http.ts) is configured with, sends and reports: network settings, requests, answers, call events. */

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
export const listeners = new Set<UpstreamListener>();

/** Subscribe to every upstream call (metrics, logs). Returns an unsubscribe function. */
export function onUpstreamCall(listener: UpstreamListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
