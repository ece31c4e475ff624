import { createHash } from 'node:crypto';

/** Hashes an idempotency key is bound to (never a secret itself). */

/** A secret as it may enter an input hash: its sha256 (never the secret itself). */
export function secretHash(secret: string | null | undefined): string | undefined {
  return secret ? createHash('sha256').update(`vg-secret:${secret}`).digest('hex') : undefined;
}

/** The hash an idempotency key is bound to: sha256 of the input in a stable key order, undefined fields left out. */
export function hashIntentInput(input: Record<string, unknown>): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}
