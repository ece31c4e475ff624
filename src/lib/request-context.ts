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

/**
 * Where a scope travels. A GraphQL request carries its scope explicitly: its context holds a provider registry
 * scoped to it (`ProviderRegistry.scoped`), so every vendor call it makes reaches `providers/http.ts` with the
 * scope in hand. Background work that paces or observes its vendor calls deep inside shared services (bulk items,
 * account moves) runs in an AsyncLocalStorage scope instead (`runInRequestScope`).
 *
 * On Node 20 an enabled AsyncLocalStorage turns on async_hooks promise hooks for every promise of the process
 * (measured: about 0.05–0.09 CPU s per 1,000 trivial requests, bench/PROFILE.md), and they stay on until the
 * storage is disabled. So the storage is disabled again as soon as no `runInRequestScope` is running: requests
 * served between background runs pay nothing for it.
 */
const storage = new AsyncLocalStorage<RequestScope>();
let running = 0;

function leave(): void {
  running -= 1;
  if (running === 0) storage.disable();
}

/**
 * Runs `fn` in `scope` (background work: bulk items, account moves); `currentRequestScope()` answers it anywhere
 * below until `fn` (or the promise it returns) settles. Work `fn` leaves running after it settles is not in the
 * scope any more once no other scope runs.
 */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  running += 1;
  let result: T;
  try {
    result = storage.run(scope, fn);
  } catch (error) {
    leave();
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(leave) as T;
  }
  leave();
  return result;
}

export function currentRequestScope(): RequestScope | undefined {
  return running > 0 ? storage.getStore() : undefined;
}

/**
 * Takes one vendor call from the budget of `scope` (default: the background scope, if any). False when the
 * budget is spent (the call must not be made); true when it may go (or when there is no budget: outside a request).
 */
export function takeUpstreamCall(scope: RequestScope | undefined = currentRequestScope()): boolean {
  const budget = scope?.upstreamBudget;
  if (!budget) return true;
  if (budget.used >= budget.limit) return false;
  budget.used += 1;
  return true;
}

/** Vendor calls `scope` may still make (Infinity without a budget: jobs, worker, scripts). */
export function remainingUpstreamCalls(scope: RequestScope | undefined = currentRequestScope()): number {
  const budget = scope?.upstreamBudget;
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
