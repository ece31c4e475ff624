import { ConfigError } from '../lib/config-error.js';
import { moduleVariables } from '../providers/module.js';
import { PROVIDER_MODULES } from '../providers/modules.js';

/**
 * What loadConfig (config.ts) refuses: weak secrets, unplanned emulators and missing protections in production,
 * malformed API_KEYS.
 */

export type Role = 'reader' | 'operator' | 'admin';

/** A key of API_KEYS (`name:role:key`). */
export interface StaticApiKey {
  name: string;
  role: Role;
  key: string;
}

/** The variables the production checks read (config.ts's Env has them all). */
export interface CheckedEnv {
  readonly JWT_SECRET?: string | undefined;
  readonly METRICS_TOKEN?: string | undefined;
  readonly METRICS_PUBLIC: boolean;
  readonly ROUTER_SECRET?: string | undefined;
  readonly WEBHOOK_ENCRYPTION_KEY?: string | undefined;
  readonly SANDBOX_ADMIN: boolean;
  readonly ALLOW_SANDBOX_IN_PRODUCTION: boolean;
}

/** Shortest secrets accepted in production (NODE_ENV=production). */
export const MIN_JWT_SECRET_BYTES = 32;
export const MIN_API_KEY_CHARS = 24;
/** Shortest WEBHOOK_ENCRYPTION_KEY accepted in production. */
export const MIN_WEBHOOK_KEY_BYTES = 32;

/** In production, weak secrets refuse to start. Errors name the variable (and key name), never the value. */
export function checkProductionSecrets(env: CheckedEnv, apiKeys: StaticApiKey[]): void {
  if (env.JWT_SECRET !== undefined && Buffer.byteLength(env.JWT_SECRET, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes in production`);
  }
  for (const k of apiKeys) {
    if (k.key.length < MIN_API_KEY_CHARS) {
      throw new ConfigError(
        `API_KEYS entry "${k.name}" has a key shorter than ${MIN_API_KEY_CHARS} characters (production)`,
      );
    }
  }
  if (env.METRICS_TOKEN !== undefined && env.METRICS_TOKEN.length < MIN_API_KEY_CHARS) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_API_KEY_CHARS} characters in production`);
  }
  if (env.ROUTER_SECRET !== undefined && env.ROUTER_SECRET.length < MIN_API_KEY_CHARS) {
    throw new ConfigError(`ROUTER_SECRET must be at least ${MIN_API_KEY_CHARS} characters in production`);
  }
}

/**
 * In production nothing is open or stored in clear by omission: /metrics needs METRICS_TOKEN unless
 * METRICS_PUBLIC=true says it is public on purpose, and webhook signing secrets are encrypted at rest under
 * WEBHOOK_ENCRYPTION_KEY (at least MIN_WEBHOOK_KEY_BYTES bytes).
 */
export function checkProductionExposure(env: CheckedEnv): void {
  if (env.METRICS_TOKEN === undefined && !env.METRICS_PUBLIC) {
    throw new ConfigError(
      'METRICS_TOKEN is required in production (NODE_ENV=production): /metrics would answer anyone. ' +
        'Set METRICS_TOKEN, or METRICS_PUBLIC=true to serve /metrics without a token on purpose',
    );
  }
  if (env.WEBHOOK_ENCRYPTION_KEY === undefined) {
    throw new ConfigError(
      'WEBHOOK_ENCRYPTION_KEY is required in production (NODE_ENV=production): webhook signing secrets ' +
        `would be stored unencrypted. Set it to at least ${MIN_WEBHOOK_KEY_BYTES} random bytes`,
    );
  }
  if (Buffer.byteLength(env.WEBHOOK_ENCRYPTION_KEY, 'utf8') < MIN_WEBHOOK_KEY_BYTES) {
    throw new ConfigError(`WEBHOOK_ENCRYPTION_KEY must be at least ${MIN_WEBHOOK_KEY_BYTES} bytes in production`);
  }
}

/**
 * Production never serves emulators by accident: every provider whose variables are all unset would run in
 * sandbox, so production refuses to start naming them, unless ALLOW_SANDBOX_IN_PRODUCTION=true. The
 * emulators' fault-injection path (SANDBOX_ADMIN) is refused in production altogether.
 */
export function checkProductionProviders(env: CheckedEnv & Readonly<Record<string, unknown>>): void {
  if (env.SANDBOX_ADMIN) {
    throw new ConfigError('SANDBOX_ADMIN is refused in production (NODE_ENV=production): unset it');
  }
  const sandboxed = PROVIDER_MODULES.filter((m) => moduleVariables(m).every((name) => env[name] === undefined));
  if (sandboxed.length > 0 && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
    const names = sandboxed.map((m) => m.name).join(', ');
    const vars = sandboxed.flatMap((m) => moduleVariables(m)).join(', ');
    throw new ConfigError(
      `production would serve sandbox emulators for ${names}: set ${vars}, ` +
        'or ALLOW_SANDBOX_IN_PRODUCTION=true to run them on purpose',
    );
  }
}

export function parseApiKeys(value: string | undefined): StaticApiKey[] {
  if (!value) return [];
  return value.split(',').map((entry, index) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    if (!name || !key || (role !== 'reader' && role !== 'operator' && role !== 'admin')) {
      throw new ConfigError(`API_KEYS entry ${index + 1} must look like name:reader|operator|admin:key`);
    }
    return { name, role, key };
  });
}
