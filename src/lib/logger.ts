import { pino, type Logger } from 'pino';
import { redact } from './redact.js';
import { logTraceFields } from './tracing.js';

/** Secret-bearing keys of our own (headers, generic names); vendors' fields are handed over, lib knows no vendor. */
const OWN_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-router-secret"]',
  '*.password',
  '*.token',
  '*.apiKey',
];

/**
 * pino redact paths: ours, plus one `*.<field>` per secret payload field the provider modules declare
 * (their `secretFields`, e.g. PROVIDER_SECRET_FIELDS), bracket-quoted when not an identifier (`*["x-accesstoken"]`).
 */
export function redactPaths(secretFields: readonly string[] = []): string[] {
  const vendor = secretFields
    .filter((f) => f.length > 0)
    .map((f) => (/^[A-Za-z_$][\w$]*$/.test(f) ? `*.${f}` : `*[${JSON.stringify(f)}]`));
  return [...new Set([...OWN_PATHS, ...vendor])];
}

/**
 * JSON logs (pino). Every string that reaches a log line passes `redact`, and known secret-bearing keys
 * are censored by pino's own redaction (ours plus the vendors' `secretFields` handed in), so credentials
 * never land in logs.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  secretFields: readonly string[] = [],
): Logger {
  return pino(
    {
      level,
      base: { service: 'vpn-graph' },
      // Lines written inside a traced request or job carry its ids (`trace_id`, `span_id`).
      mixin: () => logTraceFields(),
      redact: {
        paths: redactPaths(secretFields),
        censor: '[REDACTED]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          return JSON.parse(redact(JSON.stringify(object))) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}
