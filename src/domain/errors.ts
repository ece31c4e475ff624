import type { ProviderName } from './provider.js';
import { redact } from '../lib/redact.js';

/** The stable error codes clients see in `extensions.code` and `userErrors.code`. */
export enum ErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION = 'VALIDATION',
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  RATE_LIMITED = 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE = 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UNAUTHENTICATED_UPSTREAM = 'UNAUTHENTICATED_UPSTREAM',
  UNSUPPORTED_BY_PROVIDER = 'UNSUPPORTED_BY_PROVIDER',
  CONFLICT = 'CONFLICT',
  /** A write may or may not have happened at the vendor and nothing could tell yet; never retried blindly. */
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  /** A scoped credential (customer portal, sub-reseller) may not run this operation. */
  FORBIDDEN = 'FORBIDDEN',
  /** A sub-reseller's quota of open accounts is used up; nothing was sent to the provider. */
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  /**
   * A mirror-served list could not hold one provider's whole account set for this answer (the mirror is still
   * warming up and the vendor cannot list, the vendor failed, or the request's vendor-call budget was too small):
   * the rows shown are what is known, and the answer is not cached.
   */
  MIRROR_INCOMPLETE = 'MIRROR_INCOMPLETE',
}

export interface ProviderErrorInit {
  provider: ProviderName;
  operation: string;
  code: ErrorCode;
  message: string;
  retryable?: boolean;
  /** HTTP status the vendor answered with, when there was one. */
  status?: number;
  /** Vendor's own error code (PureWL response_code, PureVPN result), kept for operators. */
  vendorCode?: string;
  /** Input field the vendor blamed (VPNresellers 422 `errors` keys). */
  field?: string;
  /** True when the request may have reached the vendor and its outcome is unknown (timeout/reset after send). */
  outcomeUnknown?: boolean;
}

/**
 * Every provider failure, whatever the vendor said, becomes one of these.
 * The message is passed through `redact` so a credential can never ride along.
 */
export class ProviderError extends Error {
  readonly provider: ProviderName;
  readonly operation: string;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly vendorCode: string | undefined;
  readonly field: string | undefined;
  readonly outcomeUnknown: boolean;

  constructor(init: ProviderErrorInit) {
    super(redact(init.message));
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.operation = init.operation;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.status = init.status;
    this.vendorCode = init.vendorCode;
    this.field = init.field;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      provider: this.provider,
      operation: this.operation,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.vendorCode !== undefined ? { vendorCode: this.vendorCode } : {}),
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.outcomeUnknown ? { outcomeUnknown: true } : {}),
    };
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** A caller's input broke a rule before anything was sent upstream. */
export class InputError extends Error {
  readonly code: ErrorCode;
  readonly field: string;
  constructor(field: string, message: string, code: ErrorCode = ErrorCode.VALIDATION) {
    super(redact(message));
    this.name = 'InputError';
    this.field = field;
    this.code = code;
  }
}

/** Several input rules broken at once (each becomes one userError). */
export class InputErrors extends Error {
  readonly errors: readonly InputError[];
  constructor(errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join(' '));
    this.name = 'InputErrors';
    this.errors = errors;
  }
}
