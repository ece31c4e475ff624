import { ErrorCode } from '../../domain/errors.js';

/**
 * WLVPN failures (HTTP status + `error` text) → the stable error model. The documented table:
 * 401 no/invalid key, 404 unknown customer, 410 anonymised (gone), 429 rate limited, 400 bad input
 * ("already taken" → CONFLICT).
 */
export const STATUS_CODES: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED_UPSTREAM,
  404: ErrorCode.NOT_FOUND,
  410: ErrorCode.NOT_FOUND,
  429: ErrorCode.RATE_LIMITED,
};

export interface WlFailure {
  code: ErrorCode;
  message: string;
  /** Input field the vendor's message blames (GraphQL input names). */
  field?: string;
}

export function classifyFailure(status: number, error: string | undefined): WlFailure {
  const text = error?.slice(0, 200);
  const code =
    STATUS_CODES[status] ?? (error && /already taken|exists/i.test(error) ? ErrorCode.CONFLICT : ErrorCode.VALIDATION);
  const field = !error
    ? undefined
    : /cust_user_id|username/.test(error)
      ? 'username'
      : /cust_password/.test(error)
        ? 'password'
        : /close_date|end_date|start_date/.test(error)
          ? 'date'
          : /plan/.test(error)
            ? 'planCode'
            : undefined;
  return { code, message: `WLVPN: ${text ?? `HTTP ${status}`}`, ...(field ? { field } : {}) };
}
