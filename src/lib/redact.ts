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

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers of any scheme.
  [/(authorization\s*[:=]\s*)(basic|bearer)?\s*[^\s,;"'}]+/gi, '$1[REDACTED]'],
  // Credentials embedded in URLs: scheme://user:pass@host
  [/([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[REDACTED]@'],
  // Well-known secret parameters in query strings, form bodies and JSON.
  [
    /((?:api_password|api_key|apikey|password|new_pass|vpnPassword|newPassword|confirmNewPassword|cust_password|secretKey|accessToken|token|x-accesstoken|wg_private_key|privateKey)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    '$1[REDACTED]',
  ],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
