import { CombinedGraphQLErrors } from '@apollo/client';

/** What the page shows for a failed operation: the server's messages (they carry no secrets), else a summary. */
export function errorText(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(' ');
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** True when the server refused the token (expired, or not accepted): the portal asks to sign in again. */
export function isUnauthenticated(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
