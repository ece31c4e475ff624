/** Native ids and request paths that cannot rewrite the vendor URL they are put in (the shared half of the id guard). */

/** Longest native id any vendor is sent. */
export const NATIVE_ID_MAX = 256;

/** Segments a WHATWG URL parser treats as "." / ".." (it collapses them, %2e included). */
const DOT_SEGMENTS = new Set(['.', '..', '%2e', '%2e%2e', '.%2e', '%2e.']);

/**
 * Why a request path (relative, built by a vendor client with encoded ids) would not reach the URL it names:
 * a dot segment (the URL parser collapses it: `accounts/..` is `/`), or an empty segment (`accounts//enable`).
 */
export function pathProblem(path: string): string | null {
  if (path === '') return null;
  for (const segment of path.split('/')) {
    if (segment === '') return 'an empty path segment';
    if (DOT_SEGMENTS.has(segment.toLowerCase())) return 'a "." or ".." path segment';
  }
  return null;
}

/** `value` percent-decoded once; itself when it is not valid percent-encoding. */
function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The rules every native id obeys whatever the vendor (the shared half of the id guard; each vendor adds
 * its own in rules.ts): a non-empty string of at most 256 characters, no control characters, and no "."
 * or ".." segment in any form (`..`, `./x`, `x/..`, `%2e%2e`, `%252e%252e`, backslashes), so that an id can
 * never rewrite the vendor URL it is put in. Null when fine, else the problem (never echoing the id).
 */
export function nativeIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length === 0) return 'is empty';
  if (id.length > NATIVE_ID_MAX) return `is longer than ${NATIVE_ID_MAX} characters`;
  for (let form = id, i = 0; i < 3; i++) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (/[\u0000-\u001f\u007f-\u009f]/.test(form)) return 'contains control characters';
    if (form.split(/[/\\]/).some((segment) => segment === '.' || segment === '..'))
      return 'contains a "." or ".." path segment';
    const next = decodeOnce(form);
    if (next === form) break;
    form = next;
  }
  return null;
}
