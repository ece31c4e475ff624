import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import { newLeaseOwner, type IntentStore } from './store/intents.js';
import { hashIntentInput, secretHash } from '../lib/intent-hash.js';
import { classifyWriteFailure } from './classify-write-failure.js';

/**
 * The write pipeline for customer and project writes (issue #24): an intent per write, the idempotency key
 * in the caller's tenant namespace and bound to every argument, the answer replayed for the key. Their
 * reconciliation is simpler than an account's: updates and deletes are idempotent upstream (an unknown
 * outcome may be sent again), a create whose outcome is unknown answers OUTCOME_UNKNOWN naming its intent
 * and is never sent again with that key until an operator settles it (settleIntent). Errors are thrown,
 * as the customer and project services do, for the GraphQL layer to turn into userErrors.
 */
export interface KeyedWrite {
  operation: string;
  provider: ProviderName | null;
  key: string | null | undefined;
  tenant: string;
  input: Record<string, unknown>;
  /** Sending it again after an unknown outcome cannot do it twice (update, delete). */
  idempotent: boolean;
}

export interface Codec<T> {
  save(result: T): Record<string, unknown>;
  load(stored: Record<string, unknown>): Promise<T>;
}

/** A deleted entity's id, replayed as it was answered. */
export const ID_CODEC: Codec<string> = { save: (id) => ({ id }), load: async (stored) => String(stored.id) };

export async function runKeyed<T>(
  intents: IntentStore,
  w: KeyedWrite,
  run: () => Promise<T>,
  codec: Codec<T>,
  /** A delete's answer when a later attempt of the key finds the entity gone: an earlier attempt landed. */
  gone?: () => T,
): Promise<T> {
  // A store-only write without a key needs no intent: nothing upstream can be lost.
  if (!w.key && !w.provider) return run();
  if (w.key && w.key.length > 200)
    throw new InputError('idempotencyKey', '`idempotencyKey` is at most 200 characters.');
  const owner = newLeaseOwner();
  const hashed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(w.input))
    hashed[k] = k === 'password' && typeof v === 'string' ? secretHash(v) : v;
  const claim = await intents.begin({
    key: w.key ? `${w.tenant}:${w.operation}:${w.key}` : null,
    operation: w.operation,
    provider: (w.provider ?? 'STORE') as ProviderName,
    inputHash: hashIntentInput({ provider: w.provider, ...hashed }),
    context: {},
    owner,
    leaseMs: 30_000,
  });
  if (claim.kind === 'mismatch')
    throw new InputError('idempotencyKey', 'This idempotency key was used with different input.', ErrorCode.CONFLICT);
  if (claim.kind === 'busy')
    throw new InputError(
      'idempotencyKey',
      `A request with this idempotency key is still in progress (intent ${claim.intent.id}); ask again.`,
      ErrorCode.CONFLICT,
    );
  if (claim.kind === 'replay') {
    const stored = (claim.intent.response ?? {}) as { result?: Record<string, unknown>; error?: StoredError };
    if (claim.intent.state === 'succeeded' && stored.result) return codec.load(stored.result);
    const e = stored.error;
    throw new InputError(
      e?.field ?? '',
      e?.message ?? 'The first request with this key failed.',
      e?.code ?? ErrorCode.CONFLICT,
    );
  }
  // An earlier attempt may have reached the vendor: never sent again (a store-only write simply runs again).
  if (claim.takeover && !w.idempotent && w.provider) throw unknownOutcome(w, claim.intent.id);
  try {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      const notFound =
        (error instanceof ProviderError || error instanceof InputError) && error.code === ErrorCode.NOT_FOUND;
      if (!(gone && notFound && claim.intent.attempt > 1)) throw error;
      result = gone();
    }
    await intents.finish(claim.intent.id, owner, { state: 'succeeded', response: { result: codec.save(result) } });
    return result;
  } catch (error) {
    const kind = classifyWriteFailure(error, null);
    if (kind === 'unknown' && !w.idempotent && w.provider) {
      await intents.finish(claim.intent.id, owner, {
        state: 'unknown',
        errorCode: ErrorCode.OUTCOME_UNKNOWN,
        errorMessage: error instanceof Error ? error.message : 'unknown outcome',
      });
      throw unknownOutcome(w, claim.intent.id);
    }
    const refusal: StoredError | null =
      error instanceof InputError || error instanceof ProviderError
        ? { field: error.field ?? null, message: error.message, code: error.code }
        : null;
    // Known not to have happened (or safe to send again): a refusal is final for the key, the rest may run again.
    await intents.finish(claim.intent.id, owner, {
      state: 'failed',
      retryAllowed: kind !== 'failed' || !refusal,
      ...(kind === 'failed' && refusal ? { response: { error: refusal } } : {}),
      errorCode: refusal?.code ?? null,
      errorMessage: refusal?.message ?? null,
    });
    throw error;
  }
}

interface StoredError {
  field: string | null;
  message: string;
  code: ErrorCode;
}

function unknownOutcome(w: KeyedWrite, intentId: string): ProviderError {
  return new ProviderError({
    provider: w.provider ?? ('STORE' as ProviderName),
    operation: w.operation,
    code: ErrorCode.OUTCOME_UNKNOWN,
    message: `Outcome unknown (intent ${intentId}): ${w.provider ?? 'the vendor'} did not confirm ${w.operation}. An operator settles it (settleIntent); it is not sent again.`,
    retryable: false,
    outcomeUnknown: true,
  });
}
