import { CombinedGraphQLErrors } from '@apollo/client';

/** What the page shows for a failed operation: the server's messages (they carry no secrets), else a summary. */
export function errorText(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(' ');
  return error instanceof Error ? error.message : 'Something went wrong.';
}
