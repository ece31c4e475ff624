import { ErrorCode } from '../../domain/errors.js';

/** PureWL response codes → stable codes (HTTP is 200 even on errors; the envelope's response_code decides). */
export const PUREWL_CODES: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED_UPSTREAM,
  1002: ErrorCode.UNAUTHENTICATED_UPSTREAM,
  1001: ErrorCode.UPSTREAM_UNAVAILABLE,
  1101: ErrorCode.UPSTREAM_UNAVAILABLE,
  1301: ErrorCode.UPSTREAM_UNAVAILABLE,
  1401: ErrorCode.UPSTREAM_UNAVAILABLE,
  1501: ErrorCode.UPSTREAM_UNAVAILABLE,
  1601: ErrorCode.UPSTREAM_UNAVAILABLE,
  1801: ErrorCode.VALIDATION,
  2057: ErrorCode.VALIDATION,
  11001: ErrorCode.VALIDATION,
  100010: ErrorCode.CONFLICT,
  100033: ErrorCode.CONFLICT,
};

/** 11001 is also "username not valid for this reseller": that one is NOT_FOUND. */
export function classifyFailure(
  code: number,
  message: string | undefined,
): { code: ErrorCode; message: string; field?: string } {
  const text = (message ?? `response code ${code}`).slice(0, 200);
  const stable =
    code === 11001 && /not valid for this reseller/i.test(text)
      ? ErrorCode.NOT_FOUND
      : (PUREWL_CODES[code] ?? ErrorCode.UPSTREAM_UNAVAILABLE);
  const field = /password/i.test(text)
    ? 'password'
    : /extension date/i.test(text)
      ? 'date'
      : /period/i.test(text)
        ? 'periodDays'
        : /username/i.test(text) && stable !== ErrorCode.NOT_FOUND
          ? 'username'
          : undefined;
  return { code: stable, message: `PureWL: ${text}`, ...(field ? { field } : {}) };
}
