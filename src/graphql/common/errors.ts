import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, InputError, InputErrors, ProviderError } from '../../domain/errors.js';
import { redact } from '../../lib/redact.js';
import { toGraphQLError } from '../../core/error-mapping.js';
import { toUserError, type UserErrorShape } from '../../core/error-mapping.js';

const SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_LIMIT_EXCEEDED',
]);

/**
 * Apollo `formatError`: domain errors keep their code and safe fields; anything unexpected becomes a bare
 * "Internal server error" (no stack, no internal message); every message is redacted.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ProviderError || original instanceof InputError) {
    const mapped = toGraphQLError(original);
    return {
      message: mapped.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: mapped.extensions,
    };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code === 'UNAUTHORIZED') {
    // type-graphql's AuthorizationError: authenticated, but the role does not allow this field.
    return {
      message: 'Access denied: your role does not allow this.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'FORBIDDEN' },
    };
  }
  if (code && SAFE_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: redact(formatted.message), extensions };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    return { ...formatted, message: redact(formatted.message), extensions: { code: code ?? 'BAD_REQUEST' } };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * The one place a mutation's failure becomes userErrors: runs `run`; on a domain error answers `failed` with
 * the errors as userErrors (field paths under `input`). Anything else is rethrown (an internal error).
 */
export async function withUserErrors<T extends object>(
  failed: T,
  run: () => Promise<T>,
): Promise<T & { userErrors: UserErrorShape[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    return { ...failed, userErrors: toUserErrors(error) };
  }
}

export function toUserErrors(error: unknown): UserErrorShape[] {
  if (error instanceof InputErrors) return error.errors.map(toUserError);
  return [toUserError(error)];
}
