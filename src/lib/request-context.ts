import { AsyncLocalStorage } from 'node:async_hooks';

/** Vendor calls one request may make (every call passes `providers/http.ts`, which counts and refuses). */
export interface UpstreamBudget {
  readonly limit: number;
  used: number;
}

/** Per-request values that must follow the work into upstream calls (request id for logs and headers). */
export interface RequestScope {
  requestId: string;
  /** The request's vendor-call budget; absent outside requests (jobs, worker, scripts): unbounded. */
  upstreamBudget?: UpstreamBudget;
  /** Background work that paces its vendor calls (bulk operations): awaited before each call is sent. */
  beforeUpstreamCall?: (provider: string) => Promise<void>;
  /** Told of every 429 answer, with its Retry-After in ms when the vendor sent a readable one. */
  onRateLimited?: (provider: string, retryAfterMs: number | undefined) => void;
  /** Told of every 429 or 5xx answer that carried a readable Retry-After (ms): background retries wait that long. */
  onRetryAfter?: (provider: string, retryAfterMs: number) => void;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * Takes one vendor call from the current request's budget. False when the budget is spent (the call must
 * not be made); true when it may go (or when there is no budget: outside a request).
 */
export function takeUpstreamCall(): boolean {
  const budget = storage.getStore()?.upstreamBudget;
  if (!budget) return true;
  if (budget.used >= budget.limit) return false;
  budget.used += 1;
  return true;
}

/** Vendor calls the current request may still make (Infinity outside requests: jobs, worker, scripts). */
export function remainingUpstreamCalls(): number {
  const budget = storage.getStore()?.upstreamBudget;
  return budget ? Math.max(0, budget.limit - budget.used) : Number.POSITIVE_INFINITY;
}

/** A Retry-After header (delay-seconds or an HTTP date) in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
