import { ErrorCode, ProviderError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { VpnProvider } from '../../providers/port.js';
import type { WriteIntent } from '../../core/store/intent-rows.js';
import { classifyWriteFailure } from '../../core/classify-write-failure.js';
import { MAX_WRITE_ATTEMPTS, RECONCILE_PAUSES_MS } from './timing.js';
import { type AccountPayloadShape, type IntentSession, type LifecycleContext } from './shared.js';

/** A non-idempotent vendor write that failed: what it means, and asking the vendor what became of it. */

/**
 * Asks `reconcile` what happened; when its read fails, asks again after a pause (RECONCILE_PAUSES_MS, within RECONCILE_WINDOW_MS),
 * since giving up turns a write that may well have landed into an unknown outcome. `reconcile` answers
 * undefined only when it can never tell (e.g. no username to look for).
 */
export async function askUntilKnown<T>(
  ctx: LifecycleContext,
  reconcile: () => Promise<T | null | undefined>,
): Promise<T | null | undefined> {
  const window = ctx.deps.reconcileWindowMs ?? 2_500;
  let waited = 0;
  const pauses = RECONCILE_PAUSES_MS.filter((p) => (waited += p) <= window);
  for (const pause of [0, ...pauses]) {
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    try {
      return await reconcile();
    } catch {
      // the read failed: cannot tell yet
    }
  }
  return undefined;
}

/**
 * Runs a non-idempotent upstream write. On a failure that may have reached the vendor it never retries
 * blindly: `reconcile` asks the vendor what happened — a value means "applied", null means "not applied"
 * (then another attempt is safe), undefined means "cannot tell" (OUTCOME_UNKNOWN, the intent stays open).
 */
export async function callWithReconcile<T>(
  ctx: LifecycleContext,
  provider: VpnProvider,
  operation: string,
  session: IntentSession,
  call: () => Promise<T>,
  reconcile: (failedAt: number) => Promise<T | null | undefined>,
  /** The vendor call whose refusal is final ('own call'); null: every call inside `call` (multi-step verbs). */
  writeCall: string | null = operation,
): Promise<T> {
  // Whether an attempt may have reached the vendor without our knowing (this request's, or an earlier one's).
  let uncertain = session.mayHaveLanded;
  for (let attempt = 1; ; attempt++) {
    if (session.lost) throw outcomeUnknown(provider.name, operation, 'its intent was taken over by another worker');
    try {
      return await call();
    } catch (error) {
      // A retry refused as a conflict after an attempt that may have landed: that attempt may be what the
      // vendor now sees. Reconciliation decides by evidence (a create's own username or mark); without an
      // uncertain attempt before it, "already exists" is someone else's account, and stays a CONFLICT.
      if (uncertain && error instanceof ProviderError && error.code === ErrorCode.CONFLICT) {
        const landed = await askUntilKnown(ctx, () => reconcile(Date.now()));
        if (landed) return landed;
        if (landed === undefined)
          throw outcomeUnknown(
            provider.name,
            operation,
            'the vendor refused a retry and nothing proves the first attempt was ours',
          );
      }
      const kind = classifyWriteFailure(error, writeCall);
      if (kind !== 'unknown') throw error;
      uncertain = true;
      const failedAt = Date.now();
      ctx.deps.logger.warn(
        { provider: provider.name, operation, attempt, intent: session.intent.id, requestId: ctx.deps.requestId },
        'unknown outcome; reconciling',
      );
      const state = await askUntilKnown(ctx, () => reconcile(failedAt));
      if (state) return state;
      // null: the vendor confirms nothing happened, so another attempt cannot duplicate anything.
      if (state === null && attempt < MAX_WRITE_ATTEMPTS) continue;
      if (state === null) throw confirmedNotApplied(error, provider.name, operation);
      const code = error instanceof ProviderError ? error.code : ErrorCode.UPSTREAM_UNAVAILABLE;
      throw outcomeUnknown(
        provider.name,
        operation,
        `the vendor failed (${code}) and could not be asked what happened`,
      );
    }
  }
}

function outcomeUnknown(provider: ProviderName, operation: string, why: string): ProviderError {
  return new ProviderError({
    provider,
    operation,
    code: ErrorCode.OUTCOME_UNKNOWN,
    message: `${provider} did not confirm ${operation}; its outcome is unknown (${why}).`,
    retryable: false,
    outcomeUnknown: true,
  });
}

/** Every attempt failed and the vendor confirmed each time that nothing happened. */
function confirmedNotApplied(error: unknown, provider: ProviderName, operation: string): ProviderError {
  const code = error instanceof ProviderError ? error.code : ErrorCode.UPSTREAM_UNAVAILABLE;
  return new ProviderError({
    provider,
    operation,
    code,
    message: `${provider} failed ${operation} ${MAX_WRITE_ATTEMPTS} times; it confirmed nothing was done.`,
    retryable: true,
  });
}

export function unknownPayload(intent: WriteIntent, detail?: string | null): AccountPayloadShape {
  const why = detail ?? intent.lastErrorMessage ?? 'the provider could not confirm it';
  return {
    account: null,
    password: null,
    userErrors: [
      {
        field: null,
        message: `Outcome unknown (intent ${intent.id}): ${why.replace(/\.?$/, '.')} Retry with the same idempotency key; it will not write twice.`,
        code: ErrorCode.OUTCOME_UNKNOWN,
      },
    ],
  };
}
