/**
 * Process-wide registry of secret strings (API keys, tokens, passwords, md5 hashes of passwords).
 * Anything that leaves the process as text (error messages, log lines, journal entries) passes through
 * `redact`, which replaces every registered secret and every credential-looking pattern.
 */
const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function forgetSecret(value: string): void {
  secrets.delete(value);
}

/** Generic secret parameter names; vendors' own field names are handed over with `registerSecretFields`. */
const GENERIC_FIELDS = [
  'api_password',
  'api_key',
  'apikey',
  'password',
  'newPassword',
  'secretKey',
  'accessToken',
  'token',
  'privateKey',
];
const fields = new Set<string>(GENERIC_FIELDS);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fieldPattern(): RegExp {
  // Longest first, so that a name is never cut short by one of its prefixes.
  const names = [...fields]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  return new RegExp(`((?:${names})["']?\\s*[:=]\\s*["']?)[^"'&\\s,}]+`, 'gi');
}

let FIELD_PATTERN = fieldPattern();

/**
 * Adds payload field names whose values are secret (form fields, JSON keys, headers). The provider registry
 * hands over what each provider module declares; lib knows no vendor.
 */
export function registerSecretFields(names: readonly string[]): void {
  const before = fields.size;
  for (const name of names) if (name) fields.add(name);
  if (fields.size !== before) FIELD_PATTERN = fieldPattern();
}

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers of any scheme.
  [/(authorization\s*[:=]\s*)(basic|bearer)?\s*[^\s,;"'}]+/gi, '$1[REDACTED]'],
  // Credentials embedded in URLs: scheme://user:pass@host
  [/([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[REDACTED]@'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  // Well-known secret parameters in query strings, form bodies and JSON.
  return out.replace(FIELD_PATTERN, '$1[REDACTED]');
}
