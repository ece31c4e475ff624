/**
 * Redaction is structural: secrets are found by WHERE they are (secret-named fields in payloads, logs and
 * journal input; Authorization and other credential headers; credentials in URLs), not by what they are.
 * Stored API keys are the one token format recognised by shape (`vgk_…`), wherever it appears.
 * The one value-based part is a small fixed set: the process's own configured secrets (API keys, tokens and
 * passwords given in configuration, and values derived from them: the WLVPN basic token, the PureVPN md5,
 * the current PureWL access token, which replaces the previous one). Passwords of VPN accounts are NEVER
 * registered: they are chosen by operators and end users, so registering them would let anyone blank any
 * string (an account id, "Account not found.") in every later log line, error and journal entry, and the set
 * would grow with every password change. Places that carry them drop them by field name instead.
 */
const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 4;

/** Registers one of the process's own configured secrets (never a per-account password). */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function forgetSecret(value: string): void {
  secrets.delete(value);
}

/** How many secret values are registered (stays constant while the process serves requests). */
export function secretCount(): number {
  return secrets.size;
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
  'x-api-key',
  'x-router-secret',
  'x-accesstoken',
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

/**
 * An Authorization header's credential: `Authorization: [scheme] <credential>`. Only the credential VALUE is
 * replaced, and only when it has a credential's shape (token68 characters, dots inside like a JWT's, `:` as in
 * `api-key:<key>`); the word "Authorization", the scheme and prose around them stay as written, so a message
 * such as "send Authorization: Bearer <JWT>." is not mangled.
 */
const AUTHORIZATION =
  /(authorization["']?\s*[:=]\s*["']?(?:(?:basic|bearer|digest|token)\s+)?)([A-Za-z0-9\-_~+/:]+(?:\.[A-Za-z0-9\-_~+/:]+)*=*)/gi;

/** A short plain lowercase word ("required", "missing") is prose, not a credential. */
const PLAIN_WORD = /^[a-z]{1,12}$/;

/** Credentials embedded in URLs: scheme://user:pass@host */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

/** Stored API keys' secrets have a fixed shape (`vgk_` + 43 base64url characters, store/api-keys.ts). */
const API_KEY_SECRET = /\bvgk_[A-Za-z0-9_-]{20,}/g;

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  out = out.replace(AUTHORIZATION, (whole, head: string, value: string) =>
    PLAIN_WORD.test(value) || /^(basic|bearer|digest|token)$/i.test(value) ? whole : `${head}[REDACTED]`,
  );
  out = out.replace(URL_CREDENTIALS, '$1[REDACTED]@');
  out = out.replace(API_KEY_SECRET, 'vgk_[REDACTED]');
  // Well-known secret parameters in query strings, form bodies and JSON.
  return out.replace(FIELD_PATTERN, '$1[REDACTED]');
}
