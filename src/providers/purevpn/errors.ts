import { ErrorCode } from '../../domain/errors.js';

/**
 * PureVPN failures: every refusal is `<result>0</result>` with a `<message>`; the message decides the code
 * (IP allowlist / bad credentials → UNAUTHENTICATED_UPSTREAM, unknown username → NOT_FOUND, anything else
 * → VALIDATION). A body that is not the XML answer is UPSTREAM_UNAVAILABLE (the client decides that).
 */
export const MESSAGE_CODES: Array<[RegExp, ErrorCode]> = [
  [/auth|denied|not allowed|ip address/i, ErrorCode.UNAUTHENTICATED_UPSTREAM],
  [/invalid username|not found|no such/i, ErrorCode.NOT_FOUND],
];

export function classifyFailure(message: string | undefined): { code: ErrorCode; message: string; field?: string } {
  const text = (message ?? 'request refused').slice(0, 200);
  const code = MESSAGE_CODES.find(([pattern]) => pattern.test(text))?.[1] ?? ErrorCode.VALIDATION;
  const field = /period/i.test(text)
    ? 'periodDays'
    : /package/i.test(text)
      ? 'planCode'
      : /new_pass/i.test(text)
        ? 'password'
        : undefined;
  return { code, message: `PureVPN: ${text}`, ...(field ? { field } : {}) };
}
