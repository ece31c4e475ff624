import { pino, type Logger } from 'pino';
import { redact } from './redact.js';

/**
 * JSON logs (pino). Every string that reaches a log line passes `redact`, and known secret-bearing keys
 * are censored by pino's own redaction, so credentials never land in logs.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vpn-graph' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["x-router-secret"]',
          '*.password',
          '*.token',
          '*.apiKey',
          '*.secretKey',
        ],
        censor: '[REDACTED]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>,
          );
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
