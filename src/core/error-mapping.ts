import { GraphQLError } from 'graphql';
import { ErrorCode, InputError, ProviderError } from '../domain/errors.js';

/*
 * Domain error → GraphQLError with the stable `extensions.code`. It lives here, not in src/graphql, because
 * services report non-fatal partial failures (one provider down in a list) into the request's
 * `partialErrors`, which the app appends to the response verbatim; src/graphql/common/errors.ts uses
 * the same function for thrown errors, so the mapping exists once.
 */

/** Turns domain errors into GraphQL errors with the stable `extensions.code`. */
export function toGraphQLError(error: unknown, path?: ReadonlyArray<string | number>): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof ProviderError) {
    return new GraphQLError(error.message, {
      ...(path ? { path } : {}),
      extensions: {
        code: error.code,
        provider: error.provider,
        retryable: error.retryable,
        ...(error.outcomeUnknown ? { outcomeUnknown: true } : {}),
      },
    });
  }
  if (error instanceof InputError) {
    return new GraphQLError(error.message, {
      ...(path ? { path } : {}),
      extensions: { code: error.code, field: error.field },
    });
  }
  return new GraphQLError('Internal server error', {
    ...(path ? { path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: ErrorCode;
}

/** A domain error as a mutation userError (field paths under `input`); anything else is rethrown. */
export function toUserError(error: unknown): UserErrorShape {
  // An error about no one input field (a refused role, a vendor failure) has no field path.
  if (error instanceof InputError || error instanceof ProviderError)
    return { field: error.field ? ['input', error.field] : null, message: error.message, code: error.code };
  throw error;
}
