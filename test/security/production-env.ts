/**
 * What a production start needs besides providers (#28): a metrics token and a webhook encryption key. Suites
 * that run NODE_ENV=production spread this, then add or remove what they test.
 */
export const PRODUCTION_ESSENTIALS = {
  METRICS_TOKEN: 'metrics-token-for-tests-0123456789',
  WEBHOOK_ENCRYPTION_KEY: 'webhook-encryption-key-for-tests-0123456789',
} as const;

/** Production with the emulators allowed on purpose (ALLOW_SANDBOX_IN_PRODUCTION=true). */
export const PRODUCTION_SANDBOX = {
  NODE_ENV: 'production',
  ALLOW_SANDBOX_IN_PRODUCTION: 'true',
  ...PRODUCTION_ESSENTIALS,
} as const;
