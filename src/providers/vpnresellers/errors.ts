import { ErrorCode } from '../../domain/errors.js';

/** Laravel-style failure body: `message`, 422 `errors` per field, sometimes `code`. */
export interface VrFailureBody {
  message?: string;
  errors?: Record<string, string[]>;
  code?: number;
}

/** HTTP status → stable code (422 is VALIDATION unless the message says taken / cannot delete: CONFLICT). */
export const STATUS_CODES: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED_UPSTREAM,
  402: ErrorCode.INSUFFICIENT_BALANCE,
  403: ErrorCode.UNAUTHENTICATED_UPSTREAM,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.VALIDATION,
  422: ErrorCode.VALIDATION,
  460: ErrorCode.NOT_FOUND,
  461: ErrorCode.VALIDATION,
};

/** Vendor field → GraphQL input field. */
const FIELD: Record<string, string> = {
  username: 'username',
  password: 'password',
  expire_at: 'date',
  email: 'email',
  first_name: 'firstName',
  last_name: 'lastName',
  project_id: 'projectId',
  name: 'name',
  description: 'description',
  customer: 'customerId',
  project: 'projectId',
};

export function classifyFailure(
  status: number,
  body: VrFailureBody,
): { code: ErrorCode; message: string; field?: string; vendorCode: string } {
  const firstKey = body.errors ? Object.keys(body.errors)[0] : undefined;
  const detail = firstKey ? body.errors?.[firstKey]?.[0] : undefined;
  const message = `VPNresellers: ${(detail ?? body.message ?? `HTTP ${status}`).slice(0, 200)}`;
  const code =
    status === 422 && detail && /already been taken|Unable to delete/i.test(detail)
      ? ErrorCode.CONFLICT
      : (STATUS_CODES[status] ?? ErrorCode.VALIDATION);
  const field = firstKey ? (FIELD[firstKey.replace(/^customer\./, '')] ?? firstKey) : undefined;
  return { code, message, vendorCode: String(body.code ?? status), ...(field ? { field } : {}) };
}
