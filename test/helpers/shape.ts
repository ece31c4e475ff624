/**
 * Compares a live answer with a reference sample: same field names at every level (both ways), same JSON
 * types; `null` on either side matches any type (nullable fields); arrays compare each element with the
 * sample's first one. Returns the list of differences (empty = conforms).
 */
/** Keys whose values are free-form dictionaries (vendor metadata): only their type is compared. */
const FREEFORM = new Set(['metadata']);

export function shapeDiff(actual: unknown, sample: unknown, path = '$'): string[] {
  if (sample === null || actual === null) return [];
  if (FREEFORM.has(path.slice(path.lastIndexOf('.') + 1)))
    return typeof actual === typeof sample ? [] : [`${path}: expected ${typeof sample}`];
  if (Array.isArray(sample)) {
    if (!Array.isArray(actual)) return [`${path}: expected array, got ${typeof actual}`];
    if (sample.length === 0) return [];
    return actual.flatMap((item, i) => shapeDiff(item, sample[0], `${path}[${i}]`));
  }
  if (typeof sample === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected object, got ${typeof actual}`];
    const a = actual as Record<string, unknown>;
    const s = sample as Record<string, unknown>;
    const missing = Object.keys(s)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: missing`);
    const extra = Object.keys(a)
      .filter((k) => !(k in s))
      .map((k) => `${path}.${k}: not in the reference`);
    return [
      ...missing,
      ...extra,
      ...Object.keys(s)
        .filter((k) => k in a)
        .flatMap((k) => shapeDiff(a[k], s[k], `${path}.${k}`)),
    ];
  }
  return typeof actual === typeof sample ? [] : [`${path}: expected ${typeof sample}, got ${typeof actual}`];
}
