import { GraphQLError } from 'graphql';
import { InputError, ProviderError } from '../domain/errors.js';

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
