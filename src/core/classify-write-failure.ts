import { ErrorCode, InputError, InputErrors, ProviderError } from '../domain/errors.js';

/**
 * What a failed vendor write means for its intent. `unknown`: it may have happened (timeout, reset after
 * send, 5xx, unreadable answer, a failed step after the write such as the read-back, anything unexpected);
 * `retryable`: it surely did not (not sent, refused with 429); `failed`: the vendor answered no.
 */
export function classifyWriteFailure(
  error: unknown,
  writeOperation: string | null,
): 'unknown' | 'retryable' | 'failed' {
  if (error instanceof InputError || error instanceof InputErrors) return 'failed';
  if (!(error instanceof ProviderError)) return 'unknown';
  if (error.outcomeUnknown || error.code === ErrorCode.OUTCOME_UNKNOWN) return 'unknown';
  if (error.code === ErrorCode.UNAUTHENTICATED_UPSTREAM || error.code === ErrorCode.UNSUPPORTED_BY_PROVIDER)
    return 'failed';
  const ownCall = writeOperation === null || error.operation === writeOperation;
  if (error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.UPSTREAM_TIMEOUT) {
    // Only a transport failure that names a connection never made is "not sent" (http.ts flags the rest).
    return ownCall && error.status === undefined && NOT_SENT.test(error.message) ? 'retryable' : 'unknown';
  }
  if (!ownCall) return 'unknown'; // a step before or after the write inside the provider: reconciliation tells
  return error.code === ErrorCode.RATE_LIMITED ? 'retryable' : 'failed';
}

const NOT_SENT = /circuit open|\((ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\)/;
